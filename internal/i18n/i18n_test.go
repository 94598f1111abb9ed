package i18n

import (
	"sort"
	"testing"
)

func TestNegotiate(t *testing.T) {
	tests := []struct {
		name, header string
		want         Lang
	}{
		{"defaults to Czech without a header", "", CS},
		{"picks Czech when asked", "cs-CZ,cs;q=0.9", CS},
		{"picks English when asked", "en-GB,en;q=0.9", EN},
		{"picks English by preference order", "de-DE, en;q=0.8, cs;q=0.5", EN},
		{"picks Czech by quality", "en;q=0.3, cs;q=0.9", CS},
		{"falls back to Czech for an unsupported language", "de-DE", CS},
		{"falls back to Czech for a malformed header", ";;;q=x", CS},
		{"treats Slovak as closer to Czech than to English", "sk", CS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Negotiate(tt.header); got != tt.want {
				t.Errorf("Negotiate(%q) = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

func TestCatalogueComplete(t *testing.T) {
	for _, lang := range Langs {
		for _, other := range Langs {
			var missing []string
			for _, k := range Keys(other) {
				if !Has(lang, k) {
					missing = append(missing, k)
				}
			}
			sort.Strings(missing)
			if len(missing) > 0 {
				t.Errorf("%s catalogue lacks keys that %s has: %v", lang, other, missing)
			}
		}
	}
}

func TestT(t *testing.T) {
	t.Run("formats parameters", func(t *testing.T) {
		got := T(EN, "problem.range_too_long.detail", 62)
		want := "The selected period is too long. Choose at most 62 days."
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("returns the key for an unknown message", func(t *testing.T) {
		if got := T(CS, "no.such.key"); got != "no.such.key" {
			t.Errorf("got %q, want the key", got)
		}
	})
}
