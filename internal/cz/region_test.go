package cz_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
)

func TestRegions(t *testing.T) {
	codes := cz.RegionCodes()

	t.Run("lists all fourteen regions", func(t *testing.T) {
		if got, want := len(codes), 14; got != want {
			t.Errorf("len(RegionCodes()) = %d, want %d", got, want)
		}
	})
	t.Run("sorts regions by code", func(t *testing.T) {
		if !slices.IsSorted(codes) {
			t.Errorf("RegionCodes() is not sorted: %v", codes)
		}
	})
	t.Run("returns a copy the caller may modify", func(t *testing.T) {
		mine := cz.RegionCodes()
		mine[0] = "changed"
		if !cz.IsRegion("CZ010") {
			t.Errorf("after modifying the copy, CZ010 is no region")
		}
	})
}

// TestRegionNamesAreTheCatalogues checks that the regions and the message
// catalogue's region names are the same set: every region is named in both
// languages, and the catalogue names no other region.
func TestRegionNamesAreTheCatalogues(t *testing.T) {
	for _, lang := range i18n.Langs {
		for _, code := range cz.RegionCodes() {
			if !i18n.Has(lang, "vocab.region."+code) {
				t.Errorf("region %s has no %s name in the catalogue", code, lang)
			}
		}
		for _, key := range i18n.Keys(lang) {
			if code, ok := strings.CutPrefix(key, "vocab.region."); ok && !cz.IsRegion(code) {
				t.Errorf("the catalogue names %s in %s, which is not a region", code, lang)
			}
		}
	}
}

func TestIsRegion(t *testing.T) {
	tests := []struct {
		name string
		code string
		want bool
	}{
		{"accepts the first code", "CZ010", true},
		{"accepts a code in the middle", "CZ063", true},
		{"accepts the last code", "CZ080", true},
		{"rejects a district (okres) code", "CZ0642", false},
		{"rejects the country code", "CZ0", false},
		{"rejects the pre-2005 Vysočina code", "CZ061", false},
		{"rejects lower case", "cz010", false},
		{"rejects the empty string", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cz.IsRegion(tt.code); got != tt.want {
				t.Errorf("IsRegion(%q) = %v, want %v", tt.code, got, tt.want)
			}
		})
	}
}

func TestRegionName(t *testing.T) {
	tests := []struct {
		name string
		code string
		lang string
		want string
	}{
		{"names Prague in Czech", "CZ010", "cs", "Hlavní město Praha"},
		{"names Prague in English", "CZ010", "en", "Prague"},
		{"names Vysočina in Czech with kraj first", "CZ063", "cs", "Kraj Vysočina"},
		{"names South Moravia in English", "CZ064", "en", "South Moravian Region"},
		{"names Moravia-Silesia in Czech", "CZ080", "cs", "Moravskoslezský kraj"},
		{"names Ústí in English with diacritics", "CZ042", "en", "Ústí nad Labem Region"},
		{"falls back to Czech for other languages", "CZ053", "de", "Pardubický kraj"},
		{"returns nothing for an unknown code", "CZ099", "cs", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cz.RegionName(tt.code, tt.lang); got != tt.want {
				t.Errorf("RegionName(%q, %q) = %q, want %q", tt.code, tt.lang, got, tt.want)
			}
		})
	}
}
