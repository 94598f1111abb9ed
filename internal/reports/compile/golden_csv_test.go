package compile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/render"
	"github.com/mpsv/brana/internal/reports/reportstest"
)

// TestGoldenNovemberCSV: the golden month's CSV, from the seeded facts
// through the compiler and the renderer, is the golden file (the issue's
// "golden JSON and CSV"; the JSON is TestGoldenNovember).
func TestGoldenNovemberCSV(t *testing.T) {
	_, nov, _ := compileTwo(t, reportstest.GoldenMonth(goldenSeed))
	got, err := render.CSV(nov, catalogue.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "golden-2026-11.csv")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (rewrite: go test ./internal/reports/compile -run TestGoldenNovemberCSV -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the November CSV differs from %s (rewrite with -update if the change is meant)", path)
	}
	// The golden file is the long format the issue asks for: a BOM, the
	// header, one row per indicator, breakdown and key.
	if !bytes.HasPrefix(want, []byte("\ufeffindicator;")) {
		t.Errorf("%s does not start with the BOM and the header", path)
	}
}
