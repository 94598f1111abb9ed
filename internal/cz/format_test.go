package cz_test

import (
	"testing"
	"time"

	"github.com/mpsv/brana/internal/cz"
)

func TestFormat(t *testing.T) {
	tests := []struct {
		name     string
		t        time.Time
		lang     string
		date     string
		clock    string
		dateTime string
	}{
		{
			name: "formats a winter morning in Czech",
			t:    time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC), lang: "cs",
			date: "1. 12. 2026", clock: "9:30", dateTime: "1. 12. 2026 9:30",
		},
		{
			name: "formats a winter morning in English",
			t:    time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC), lang: "en",
			date: "1 December 2026", clock: "9:30", dateTime: "1 December 2026, 9:30",
		},
		{
			name: "formats an afternoon with a padded minute",
			t:    time.Date(2026, 7, 15, 12, 5, 0, 0, time.UTC), lang: "cs",
			date: "15. 7. 2026", clock: "14:05", dateTime: "15. 7. 2026 14:05",
		},
		{
			name: "formats midnight as 0:00 on the Prague date",
			t:    time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC), lang: "en",
			date: "1 January 2027", clock: "0:00", dateTime: "1 January 2027, 0:00",
		},
		{
			name: "formats the repeated hour after fall-back as 2:30 CET",
			t:    time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), lang: "cs",
			date: "25. 10. 2026", clock: "2:30", dateTime: "25. 10. 2026 2:30",
		},
		{
			name: "formats the repeated hour before fall-back as 2:30 CEST",
			t:    time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), lang: "cs",
			date: "25. 10. 2026", clock: "2:30", dateTime: "25. 10. 2026 2:30",
		},
		{
			name: "formats the hour after spring-forward as 3:30 CEST",
			t:    time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), lang: "en",
			date: "29 March 2026", clock: "3:30", dateTime: "29 March 2026, 3:30",
		},
		{
			name: "formats in Czech for an unknown language",
			t:    time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC), lang: "de",
			date: "1. 12. 2026", clock: "9:30", dateTime: "1. 12. 2026 9:30",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cz.FormatDate(tt.t, tt.lang); got != tt.date {
				t.Errorf("FormatDate(%v, %q) = %q, want %q", tt.t, tt.lang, got, tt.date)
			}
			if got := cz.FormatTime(tt.t, tt.lang); got != tt.clock {
				t.Errorf("FormatTime(%v, %q) = %q, want %q", tt.t, tt.lang, got, tt.clock)
			}
			if got := cz.FormatDateTime(tt.t, tt.lang); got != tt.dateTime {
				t.Errorf("FormatDateTime(%v, %q) = %q, want %q", tt.t, tt.lang, got, tt.dateTime)
			}
		})
	}
}

func TestWeekdayName(t *testing.T) {
	tests := []struct {
		name string
		wd   time.Weekday
		lang string
		want string
	}{
		{"names Monday in Czech", time.Monday, "cs", "pondělí"},
		{"names Tuesday in Czech", time.Tuesday, "cs", "úterý"},
		{"names Wednesday in Czech", time.Wednesday, "cs", "středa"},
		{"names Thursday in Czech", time.Thursday, "cs", "čtvrtek"},
		{"names Friday in Czech", time.Friday, "cs", "pátek"},
		{"names Saturday in Czech", time.Saturday, "cs", "sobota"},
		{"names Sunday in Czech", time.Sunday, "cs", "neděle"},
		{"names Monday in English", time.Monday, "en", "Monday"},
		{"names Sunday in English", time.Sunday, "en", "Sunday"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cz.WeekdayName(tt.wd, tt.lang); got != tt.want {
				t.Errorf("WeekdayName(%v, %q) = %q, want %q", tt.wd, tt.lang, got, tt.want)
			}
		})
	}
}
