package cz

import (
	"slices"

	"github.com/mpsv/brana/internal/i18n"
)

// regionCodes lists the CZ-NUTS 3 codes of all fourteen regions (kraje),
// sorted. Their names, in Czech and English, are in the message catalogue
// (i18n.Name(lang, "region", code)), the one place that holds them.
var regionCodes = []string{
	"CZ010", // Hlavní město Praha
	"CZ020", // Středočeský kraj
	"CZ031", // Jihočeský kraj
	"CZ032", // Plzeňský kraj
	"CZ041", // Karlovarský kraj
	"CZ042", // Ústecký kraj
	"CZ051", // Liberecký kraj
	"CZ052", // Královéhradecký kraj
	"CZ053", // Pardubický kraj
	"CZ063", // Kraj Vysočina
	"CZ064", // Jihomoravský kraj
	"CZ071", // Olomoucký kraj
	"CZ072", // Zlínský kraj
	"CZ080", // Moravskoslezský kraj
}

// RegionCodes returns the CZ-NUTS 3 codes of the fourteen Czech regions,
// sorted. The returned slice is a copy that the caller may modify.
func RegionCodes() []string {
	return slices.Clone(regionCodes)
}

// IsRegion reports whether code is the CZ-NUTS 3 code of a Czech region.
// Codes are case-sensitive: "cz010" is not a region code.
func IsRegion(code string) bool {
	_, ok := slices.BinarySearch(regionCodes, code)
	return ok
}

// RegionName returns the name of the region with the given CZ-NUTS 3 code
// in English if lang is "en" and in Czech otherwise, from the message
// catalogue. It returns "" if code is not a region code.
func RegionName(code, lang string) string {
	if !IsRegion(code) {
		return ""
	}
	l := i18n.CS
	if isEnglish(lang) {
		l = i18n.EN
	}
	return i18n.Name(l, "region", code)
}
