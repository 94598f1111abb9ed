package cz_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mpsv/brana/internal/cz"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		want   string
		wantOK bool
	}{
		{"reads a Czech mobile number with spaces", "603 123 456", "+420603123456", true},
		{"reads a Czech mobile number without spaces", "603123456", "+420603123456", true},
		{"reads a Czech number with +420", "+420 603 123 456", "+420603123456", true},
		{"reads a Czech number with 00420", "00420603123456", "+420603123456", true},
		{"reads a Czech number with 420 and no plus", "420 603 123 456", "+420603123456", true},
		{"reads a Czech number with slash and dashes", "603/123-456", "+420603123456", true},
		{"reads a Czech number with dots and brackets", "(+420) 603.123.456", "+420603123456", true},
		{"reads a Czech number with no-break spaces", "603\u00a0123\u00a0456", "+420603123456", true},
		{"reads a Czech number after a pasted tab", "\t603 123 456", "+420603123456", true},
		{"reads a Prague landline", "221 922 111", "+420221922111", true},
		{"reads a Brno landline", "542 123 456", "+420542123456", true},
		{"reads a free number", "800 123 456", "+420800123456", true},
		{"reads a shared-cost number", "810 123 456", "+420810123456", true},
		{"reads a mobile number in 7060", "706 012 345", "+420706012345", true},
		{"reads a mobile number in 719", "719 123 456", "+420719123456", true},
		{"reads a long voicemail number", "+420 96 123 456 78", "+4209612345678", true},
		{"reads an 11-digit voicemail number", "93 123 456 789", "+42093123456789", true},
		{"reads a Slovak mobile number", "+421 905 123 456", "+421905123456", true},
		{"reads a Slovak number with 00", "00421 905 123 456", "+421905123456", true},
		{"reads a German landline", "+49 30 123456", "+4930123456", true},
		{"drops a German trunk zero in brackets", "+49 (0)30 123456", "+4930123456", true},
		{"drops a British trunk zero", "+44 020 7946 0000", "+442079460000", true},
		{"keeps an Italian leading zero", "+39 06 1234 5678", "+390612345678", true},
		{"drops the trunk 1 of a North American number", "+1 1 212 555 0100", "+12125550100", true},
		{"reads a North American number", "+1 (212) 555-0100", "+12125550100", true},
		{"drops the trunk 8 of a Russian number", "+7 8 912 345 67 89", "+79123456789", true},
		{"rejects a number that is too short", "123", "", false},
		{"rejects a Czech number with a digit missing", "603 123 45", "", false},
		{"rejects a Czech number with an extra digit", "603 123 4567", "", false},
		{"rejects a Czech number with an invalid prefix", "103 123 456", "", false},
		{"rejects a Czech number with a trunk zero", "0603 123 456", "", false},
		{"rejects +420 with a trunk zero", "+420 (0) 603 123 456", "", false},
		{"rejects an unused Czech mobile prefix", "609 123 456", "", false},
		{"rejects an unused Czech 6 prefix", "650 123 456", "", false},
		{"rejects an unused Czech 9 prefix", "940 123 456", "", false},
		{"rejects letters", "603 ABC 456", "", false},
		{"rejects a vanity number", "+1 800 FLOWERS", "", false},
		{"rejects an extension", "603 123 456 ext. 12", "", false},
		{"rejects a hash", "603 123 456#", "", false},
		{"rejects a plus inside the number", "603+123456", "", false},
		{"rejects a tab inside the number", "603\t123 456", "", false},
		{"rejects an unknown country code", "+999 123 456 789", "", false},
		{"rejects a foreign number of a length its country lacks", "+421 905 123 4567", "", false},
		{"rejects a foreign number longer than E.164 allows", "+49 2445 6743 4792 33", "", false},
		{"rejects a German number that is too short", "+49 30 1", "", false},
		{"rejects 00 followed by 0", "000 603 123 456", "", false},
		{"rejects garbage", "call me maybe", "", false},
		{"rejects separators without digits", "+-()", "", false},
		{"rejects a plus alone", "+", "", false},
		{"rejects the empty string", "", "", false},
		{"rejects overly long input", "+420 603 123 456 603 123 456 603 123 456 603 123 456", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := cz.NormalizePhone(tt.input)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("NormalizePhone(%q) = %q, %v, want %q, %v", tt.input, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// Every three-digit start of a nine-digit Czech number, against the plan
// (libphonenumber's CZ metadata: fixed line, mobile, free, premium, shared
// cost, personal, VoIP, UAN, voicemail).
func TestNormalizePhoneCzechPrefixes(t *testing.T) {
	valid := strings.Fields(`
		200-299
		310-329 350-359 370-399
		410-419 460-499
		510-519 530-599
		601-608
		700-705 706 719 720-739 770-779 790-799
		800 810-819 830-849
		900 905 906 908 909 910 950-969 970 972-974 976`)
	want := map[string]bool{}
	for _, r := range valid {
		lo, hi, found := strings.Cut(r, "-")
		if !found {
			hi = lo
		}
		for p := lo; p <= hi; p = inc(p) {
			want[p] = true
		}
	}
	for n := 0; n < 1000; n++ {
		p := string([]byte{byte('0' + n/100), byte('0' + n/10%10), byte('0' + n%10)})
		if strings.HasPrefix(p, "00") {
			continue // an international prefix, not a Czech number
		}
		suffix := "123456"
		if p == "706" {
			suffix = "012345" // only 7060 is a mobile prefix
		}
		got, ok := cz.NormalizePhone(p + suffix)
		if ok != want[p] {
			t.Errorf("prefix %s: NormalizePhone(%q) = %q, %v, want ok %v", p, p+suffix, got, ok, want[p])
		}
	}
	if _, ok := cz.NormalizePhone("706 112 345"); ok {
		t.Error("706 1…: accepted, but only 7060 is in use")
	}
}

func inc(p string) string {
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "999x"
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"603 123 456", "+420 603 123 456", "00420603123456", "420603123456",
		"+49 (0)30 123456", "+1 1 212 555 0100", "+39 06 1234 5678", "\t603-123-456", "96 123 456 78", "+", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := cz.NormalizePhone(s)
		if !ok {
			if got != "" {
				t.Fatalf("NormalizePhone(%q) = %q, false: want an empty result", s, got)
			}
			return
		}
		if len(got) < 2 || len(got) > 16 || got[0] != '+' || got[1] == '0' || strings.Trim(got[1:], "0123456789") != "" {
			t.Fatalf("NormalizePhone(%q) = %q: not E.164", s, got)
		}
		if again, ok := cz.NormalizePhone(got); !ok || again != got {
			t.Fatalf("NormalizePhone(%q) = %q, but that gives %q, %v", s, got, again, ok)
		}
		if strings.ContainsAny(s, "\t") || !utf8.ValidString(s) {
			return
		}
		// Separators between the characters change nothing.
		var spaced strings.Builder
		for _, r := range s {
			spaced.WriteRune(r)
			spaced.WriteByte(' ')
		}
		if spaced.Len() <= 40 {
			if again, ok := cz.NormalizePhone(spaced.String()); !ok || again != got {
				t.Fatalf("NormalizePhone(%q) = %q, but with spaces %q gives %q, %v", s, got, spaced.String(), again, ok)
			}
		}
	})
}
