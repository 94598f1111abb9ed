package cz

import "slices"

// Region is a Czech region (kraj) identified by its CZ-NUTS 3 code.
type Region struct {
	Code   string // CZ-NUTS 3 code, e.g. "CZ064"
	NameCS string // official Czech name, e.g. "Jihomoravský kraj"
	NameEN string // English name, e.g. "South Moravian Region"
}

// regions lists all fourteen regions, sorted by code.
var regions = []Region{
	{"CZ010", "Hlavní město Praha", "Prague"},
	{"CZ020", "Středočeský kraj", "Central Bohemian Region"},
	{"CZ031", "Jihočeský kraj", "South Bohemian Region"},
	{"CZ032", "Plzeňský kraj", "Plzeň Region"},
	{"CZ041", "Karlovarský kraj", "Karlovy Vary Region"},
	{"CZ042", "Ústecký kraj", "Ústí nad Labem Region"},
	{"CZ051", "Liberecký kraj", "Liberec Region"},
	{"CZ052", "Královéhradecký kraj", "Hradec Králové Region"},
	{"CZ053", "Pardubický kraj", "Pardubice Region"},
	{"CZ063", "Kraj Vysočina", "Vysočina Region"},
	{"CZ064", "Jihomoravský kraj", "South Moravian Region"},
	{"CZ071", "Olomoucký kraj", "Olomouc Region"},
	{"CZ072", "Zlínský kraj", "Zlín Region"},
	{"CZ080", "Moravskoslezský kraj", "Moravian-Silesian Region"},
}

// Regions returns the fourteen Czech regions sorted by code. The returned
// slice is a copy that the caller may modify.
func Regions() []Region {
	return slices.Clone(regions)
}

// findRegion returns the region with the given CZ-NUTS 3 code.
func findRegion(code string) (Region, bool) {
	i, ok := slices.BinarySearchFunc(regions, code, func(r Region, code string) int {
		switch {
		case r.Code < code:
			return -1
		case r.Code > code:
			return 1
		default:
			return 0
		}
	})
	if !ok {
		return Region{}, false
	}
	return regions[i], true
}

// IsRegion reports whether code is the CZ-NUTS 3 code of a Czech region.
// Codes are case-sensitive: "cz010" is not a region code.
func IsRegion(code string) bool {
	_, ok := findRegion(code)
	return ok
}

// RegionName returns the name of the region with the given CZ-NUTS 3 code
// in English if lang is "en" and in Czech otherwise. It returns "" if code
// is not a region code.
func RegionName(code, lang string) string {
	r, ok := findRegion(code)
	switch {
	case !ok:
		return ""
	case isEnglish(lang):
		return r.NameEN
	default:
		return r.NameCS
	}
}
