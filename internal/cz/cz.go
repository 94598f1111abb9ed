// Package cz holds facts about the Czech Republic that Brána relies on:
// the Europe/Prague time zone and civil dates in it, public holidays and
// working days, IČO (organisation identification numbers), regions (kraje)
// by CZ-NUTS 3 code, telephone numbers, and Czech and English formatting of
// dates and times.
//
// The package has no mutable package-level state; everything in it is safe
// for concurrent use.
package cz

import (
	"time"

	// Embed the IANA time zone database: the Lambda runtime
	// (provided.al2023) is not guaranteed to ship zoneinfo files.
	_ "time/tzdata"
)

// Prague is the Europe/Prague time zone, in which all Brána dates and
// working hours are expressed.
var Prague = mustLoadLocation("Europe/Prague")

// mustLoadLocation loads a time zone or panics. With time/tzdata embedded
// the lookup cannot fail for a valid IANA name.
func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("cz: loading time zone " + name + ": " + err.Error())
	}
	return loc
}
