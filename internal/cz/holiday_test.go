package cz_test

import (
	"testing"
	"time"

	"github.com/mpsv/brana/internal/cz"
)

func TestIsHoliday(t *testing.T) {
	tests := []struct {
		name string
		date cz.Date
		want bool
	}{
		{"New Year's Day 2026 is a holiday", cz.Date{2026, time.January, 1}, true},
		{"Good Friday 2026 is a holiday", cz.Date{2026, time.April, 3}, true},
		{"Easter Monday 2026 is a holiday", cz.Date{2026, time.April, 6}, true},
		{"Easter Monday 2027 is a holiday", cz.Date{2027, time.March, 29}, true},
		{"Good Friday 2027 is a holiday", cz.Date{2027, time.March, 26}, true},
		{"Labour Day is a holiday", cz.Date{2026, time.May, 1}, true},
		{"Liberation Day is a holiday", cz.Date{2026, time.May, 8}, true},
		{"Cyril and Methodius Day is a holiday", cz.Date{2026, time.July, 5}, true},
		{"Jan Hus Day is a holiday", cz.Date{2026, time.July, 6}, true},
		{"Czech Statehood Day is a holiday", cz.Date{2026, time.September, 28}, true},
		{"Independence Day is a holiday", cz.Date{2026, time.October, 28}, true},
		{"Freedom and Democracy Day is a holiday", cz.Date{2026, time.November, 17}, true},
		{"Christmas Eve is a holiday", cz.Date{2026, time.December, 24}, true},
		{"Christmas Day is a holiday", cz.Date{2026, time.December, 25}, true},
		{"St Stephen's Day is a holiday", cz.Date{2026, time.December, 26}, true},
		{"Good Friday 2015 was not yet a holiday", cz.Date{2015, time.April, 3}, false},
		{"Easter Sunday 2026 is not a public holiday", cz.Date{2026, time.April, 5}, false},
		{"the day before Independence Day is not a holiday", cz.Date{2026, time.October, 27}, false},
		{"an ordinary December Wednesday is not a holiday", cz.Date{2026, time.December, 2}, false},
		{"New Year's Eve is not a holiday", cz.Date{2026, time.December, 31}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cz.IsHoliday(tt.date); got != tt.want {
				t.Errorf("IsHoliday(%s) = %v, want %v", tt.date, got, tt.want)
			}
		})
	}
}

func TestIsWorkingDay(t *testing.T) {
	tests := []struct {
		name string
		date cz.Date
		want bool
	}{
		{"a Tuesday before a holiday is a working day", cz.Date{2026, time.October, 27}, true},
		{"an ordinary Wednesday is a working day", cz.Date{2026, time.December, 2}, true},
		{"a Wednesday holiday is not a working day", cz.Date{2026, time.October, 28}, false},
		{"Easter Monday is not a working day", cz.Date{2026, time.April, 6}, false},
		{"a Saturday is not a working day", cz.Date{2026, time.December, 5}, false},
		{"a Sunday is not a working day", cz.Date{2026, time.December, 6}, false},
		{"a holiday on a Sunday is not a working day", cz.Date{2026, time.July, 5}, false},
		{"the Monday after a Saturday holiday is a working day", cz.Date{2026, time.December, 28}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cz.IsWorkingDay(tt.date); got != tt.want {
				t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.date, got, tt.want)
			}
		})
	}
}
