package cz

import (
	"errors"
	"fmt"
	"time"
)

// dateLayout is the ISO 8601 calendar date layout used for Date in text
// and JSON.
const dateLayout = "2006-01-02"

// Date is a civil (calendar) date in Europe/Prague, without a time of day.
// The zero Date is not a valid date; see IsZero.
//
// Date is comparable and can be used as a map key. In text and JSON it is
// written as "2026-12-01".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a date in the form "2006-01-02". It rejects dates that
// do not exist, such as "2026-02-30".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("cz: invalid date %q, want YYYY-MM-DD", s)
	}
	return dateOfCivil(t), nil
}

// DateOf returns the date of t in Europe/Prague.
func DateOf(t time.Time) Date {
	return dateOfCivil(t.In(Prague))
}

// dateOfCivil returns the date of t in t's own location.
func dateOfCivil(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// String returns the date as "2026-12-01".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool {
	return d == Date{}
}

// Valid reports whether d is an existing calendar date (for example,
// 2026-02-30 and the zero Date are not).
func (d Date) Valid() bool {
	return d.Month >= time.January && d.Month <= time.December &&
		dateOfCivil(d.utc()) == d
}

// utc returns midnight UTC of d. Days in UTC are always 24 hours long,
// which makes it the right scale for calendar arithmetic.
func (d Date) utc() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// Start returns midnight at the beginning of d in Europe/Prague, as a time
// in the Prague location. Czech daylight-saving transitions happen at 2:00
// and 3:00, so midnight always exists and is unambiguous.
func (d Date) Start() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Prague)
}

// At returns the instant at which the wall clock in Europe/Prague shows
// minuteOfDay minutes after midnight on d (540 is 9:00). 1440 is midnight at
// the end of d, i.e. the start of the next day.
//
// The result is wall-clock based, not elapsed-time based: on 29 March 2026
// At(240) (4:00 CEST) is only three hours after At(0).
//
// Local times that do not exist or occur twice are resolved as
// time.Date resolves them: a time in the spring-forward gap (2:00–2:59 on
// the last Sunday of March) is shifted forward by the hour that was
// skipped, so 2:30 yields 3:30 CEST; a time in the repeated hour in
// autumn (2:00–2:59 on the last Sunday of October) yields one of its two
// instants. The time package does not promise which; current Go releases
// return the second one (CET), so 2:30 yields 2:30 CET, 01:30 UTC.
func (d Date) At(minuteOfDay int) time.Time {
	return time.Date(d.Year, d.Month, d.Day, minuteOfDay/60, minuteOfDay%60, 0, 0, Prague)
}

// AddDays returns the date n days after d (before d if n is negative).
func (d Date) AddDays(n int) Date {
	return dateOfCivil(d.utc().AddDate(0, 0, n))
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return d.utc().Weekday()
}

// Compare returns -1 if d is before o, +1 if d is after o and 0 if they
// are the same date.
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(int(d.Month), int(o.Month))
	default:
		return cmpInt(d.Day, o.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	default:
		return 0
	}
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Equal reports whether d and o are the same date.
func (d Date) Equal(o Date) bool { return d == o }

// DaysBetween returns the number of days from a to b: 1 if b is the day
// after a, negative if b is before a.
func DaysBetween(a, b Date) int {
	return int(b.utc().Sub(a.utc()) / (24 * time.Hour))
}

// errInvalidDate is returned when marshalling a Date that does not exist.
var errInvalidDate = errors.New("cz: cannot marshal an invalid or zero Date")

// MarshalText implements encoding.TextMarshaler, writing "2026-12-01".
// It fails for the zero Date and for dates that do not exist; use a
// pointer or the omitzero JSON option for optional dates.
func (d Date) MarshalText() ([]byte, error) {
	if !d.Valid() {
		return nil, errInvalidDate
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler, accepting the form
// that ParseDate accepts.
func (d *Date) UnmarshalText(text []byte) error {
	parsed, err := ParseDate(string(text))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}
