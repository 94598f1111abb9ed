package cz_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/cz"
)

func TestRegions(t *testing.T) {
	regions := cz.Regions()

	t.Run("lists all fourteen regions", func(t *testing.T) {
		if got, want := len(regions), 14; got != want {
			t.Errorf("len(Regions()) = %d, want %d", got, want)
		}
	})
	t.Run("sorts regions by code", func(t *testing.T) {
		if !slices.IsSortedFunc(regions, func(a, b cz.Region) int { return strings.Compare(a.Code, b.Code) }) {
			t.Errorf("Regions() is not sorted by code: %v", regions)
		}
	})
	t.Run("names every region in both languages", func(t *testing.T) {
		for _, r := range regions {
			if r.NameCS == "" || r.NameEN == "" {
				t.Errorf("region %s has names %q/%q, want both non-empty", r.Code, r.NameCS, r.NameEN)
			}
		}
	})
	t.Run("returns a copy the caller may modify", func(t *testing.T) {
		mine := cz.Regions()
		mine[0].NameCS = "changed"
		if got, want := cz.RegionName("CZ010", "cs"), "Hlavní město Praha"; got != want {
			t.Errorf("after modifying the copy, RegionName = %q, want %q", got, want)
		}
	})
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
