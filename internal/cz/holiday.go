package cz

import (
	"time"

	"github.com/rickar/cal/v2"
	calcz "github.com/rickar/cal/v2/cz"
)

// holidays is the calendar of Czech public holidays (státní svátky and
// ostatní svátky). It is built once and never modified afterwards; with
// caching disabled, cal.Calendar.IsHoliday only reads it, so concurrent
// use is safe.
var holidays = newHolidayCalendar()

func newHolidayCalendar() *cal.Calendar {
	c := &cal.Calendar{Name: "CZ", Description: "Czech public holidays"}
	for _, h := range calcz.Holidays {
		if h == calcz.GoodFriday {
			// Good Friday has been a public holiday only since 2016.
			h = h.Clone(&cal.Holiday{StartYear: 2016})
		}
		c.AddHoliday(h)
	}
	return c
}

// IsHoliday reports whether d is a Czech public holiday, including Good
// Friday and Easter Monday.
func IsHoliday(d Date) bool {
	actual, observed, _ := holidays.IsHoliday(d.Start())
	return actual || observed
}

// IsWorkingDay reports whether d is a working day: Monday to Friday and
// not a public holiday.
func IsWorkingDay(d Date) bool {
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return !IsHoliday(d)
}
