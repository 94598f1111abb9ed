package checkin_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/workshops/checkin"
)

var (
	key    = bytes.Repeat([]byte{1}, 32)
	signer = checkin.NewSigner(key)
)

func TestRoundTrip(t *testing.T) {
	code, err := signer.Make("01JEVENT0000000000000000AB", "01JREG000000000000000000CD")
	if err != nil {
		t.Fatal(err)
	}
	if len(code) > 80 || !strings.HasPrefix(code, "C1.") {
		t.Errorf("code %q (%d bytes): want C1.… of at most 80 bytes", code, len(code))
	}
	for _, in := range []string{code, " " + code + "\r\n"} {
		got, err := signer.Verify(in)
		if err != nil || got.EventID != "01JEVENT0000000000000000AB" || got.RegistrationID != "01JREG000000000000000000CD" {
			t.Errorf("Verify(%q): got %+v, %v", in, got, err)
		}
	}
	again, _ := signer.Make("01JEVENT0000000000000000AB", "01JREG000000000000000000CD")
	if again != code {
		t.Errorf("the same registration got another code: %q, %q", code, again)
	}
}

func TestRefusesTampering(t *testing.T) {
	code, err := signer.Make("E1", "R1")
	if err != nil {
		t.Fatal(err)
	}
	// Every single-character change is refused.
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
	for i := range len(code) {
		for _, r := range alphabet {
			if byte(r) == code[i] {
				continue
			}
			bad := code[:i] + string(r) + code[i+1:]
			if _, err := signer.Verify(bad); err == nil {
				t.Fatalf("Verify(%q) (position %d changed): got nil error", bad, i)
			}
		}
	}
	other, _ := signer.Make("E1", "R2")
	tag := other[strings.LastIndexByte(other, '.')+1:]
	swapped := code[:strings.LastIndexByte(code, '.')+1] + tag
	for name, bad := range map[string]string{
		"another registration's tag": swapped,
		"another key":                mustMake(t, checkin.NewSigner(bytes.Repeat([]byte{2}, 32)), "E1", "R1"),
		"no tag":                     "C1.E1.R1",
		"empty":                      "",
		"another version":            "C2" + code[2:],
		"an extra field":             code + ".x",
		"too long":                   code + strings.Repeat("A", 200),
		"ids swapped":                mustMake(t, signer, "R1", "E1"),
	} {
		if got, err := signer.Verify(bad); err == nil && (name != "ids swapped" || got.EventID == "E1") {
			t.Errorf("%s: Verify(%q) = %+v, want an error", name, bad, got)
		}
	}
}

func mustMake(t *testing.T, s *checkin.Signer, e, r string) string {
	t.Helper()
	c, err := s.Make(e, r)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRefusesIdsACodeCannotCarry(t *testing.T) {
	for _, id := range []string{"", "a.b", "a b", strings.Repeat("x", 65), "ž"} {
		if _, err := signer.Make(id, "R1"); err == nil {
			t.Errorf("Make(%q, …): got nil error", id)
		}
		if _, err := signer.Make("E1", id); err == nil {
			t.Errorf("Make(…, %q): got nil error", id)
		}
	}
}
