package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mpsv/brana/internal/workshops/workshopmail"
)

// TestRunReadsCodesACameraFrameHides: a check-in code whose QR code
// ZXing's reader does not find in the camera's picture (33 of 3,000
// generated codes were such) is still read, and said to be unscannable, so
// that the check-in test shows the camera another person's code; an
// ordinary code is read and scannable. Before, run read codes with no
// hints and failed on about one in a hundred, and the browser test with it
// (CI, 2026-11-28).
func TestRunReadsCodesACameraFrameHides(t *testing.T) {
	for code, want := range map[string]string{
		"C1.evd176f4bb.rd1ccaf514ea9141d.pxBokq59IZH--EiR1Iim_A":                    "unscannable",
		"C1.ev-2026-12-01-abcdef.r9dac5566fac49548450c71561.naxVZvrElUhFDHFWG7i5Og": "scannable",
	} {
		png, err := workshopmail.QRCode(code)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		in, out := filepath.Join(dir, "qr.png"), filepath.Join(dir, "qr.y4m")
		if err := os.WriteFile(in, png, 0o600); err != nil {
			t.Fatal(err)
		}
		text, seen, err := run(in, out)
		if err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		if text != code || seen != want {
			t.Errorf("%s: read %q, %s; want the code, %s", code, text, seen, want)
		}
		if st, err := os.Stat(out); err != nil || st.Size() < frames*width*height {
			t.Errorf("%s: the video %v, %v", code, st, err)
		}
	}
}
