package cz_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/cz"
)

func TestPragueIsLoaded(t *testing.T) {
	if got, want := cz.Prague.String(), "Europe/Prague"; got != want {
		t.Errorf("Prague = %q, want %q", got, want)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		want    cz.Date
		wantErr bool
	}{
		{"parses an ISO date", "2026-12-01", cz.Date{2026, time.December, 1}, false},
		{"parses a leap day", "2028-02-29", cz.Date{2028, time.February, 29}, false},
		{"rejects a day that does not exist", "2026-02-30", cz.Date{}, true},
		{"rejects a leap day in a common year", "2026-02-29", cz.Date{}, true},
		{"rejects month 13", "2026-13-01", cz.Date{}, true},
		{"rejects a Czech-formatted date", "1. 12. 2026", cz.Date{}, true},
		{"rejects a month without a leading zero", "2026-1-01", cz.Date{}, true},
		{"rejects a date with a time", "2026-12-01T09:00:00Z", cz.Date{}, true},
		{"rejects the empty string", "", cz.Date{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cz.ParseDate(tt.input)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseDate(%q) error = %v, want error %v", tt.input, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.input, got, tt.want)
			}
		})
	}
}

func TestDateString(t *testing.T) {
	tests := []struct {
		name string
		date cz.Date
		want string
	}{
		{"pads month and day", cz.Date{2026, time.December, 1}, "2026-12-01"},
		{"pads a single-digit month", cz.Date{2027, time.March, 29}, "2027-03-29"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.date.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDateOf(t *testing.T) {
	tests := []struct {
		name string
		t    time.Time
		want cz.Date
	}{
		{"takes the Prague date of a late UTC evening in winter", time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC), cz.Date{2026, time.December, 2}},
		{"takes the Prague date of a late UTC evening in summer", time.Date(2026, 6, 30, 22, 0, 0, 0, time.UTC), cz.Date{2026, time.July, 1}},
		{"keeps the date just before Prague midnight", time.Date(2026, 6, 30, 21, 59, 59, 0, time.UTC), cz.Date{2026, time.June, 30}},
		{"ignores the location of the argument", time.Date(2026, 12, 1, 20, 0, 0, 0, time.FixedZone("UTC-5", -5*3600)), cz.Date{2026, time.December, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cz.DateOf(tt.t); got != tt.want {
				t.Errorf("DateOf(%v) = %v, want %v", tt.t, got, tt.want)
			}
		})
	}
}

func TestDateStart(t *testing.T) {
	tests := []struct {
		name string
		date cz.Date
		want time.Time
	}{
		{"starts a winter day at 23:00 UTC the day before", cz.Date{2026, time.December, 1}, time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)},
		{"starts a summer day at 22:00 UTC the day before", cz.Date{2026, time.July, 1}, time.Date(2026, 6, 30, 22, 0, 0, 0, time.UTC)},
		{"starts the spring-forward day in CET", cz.Date{2026, time.March, 29}, time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC)},
		{"starts the fall-back day in CEST", cz.Date{2026, time.October, 25}, time.Date(2026, 10, 24, 22, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.date.Start()
			if !got.Equal(tt.want) {
				t.Errorf("%v.Start() = %v, want %v", tt.date, got.UTC(), tt.want)
			}
			if got.Location() != cz.Prague {
				t.Errorf("%v.Start() location = %v, want %v", tt.date, got.Location(), cz.Prague)
			}
		})
	}
}

func TestDateAt(t *testing.T) {
	tests := []struct {
		name   string
		date   cz.Date
		minute int
		want   time.Time
	}{
		{"places 9:30 in winter at UTC+1", cz.Date{2026, time.December, 1}, 570, time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)},
		{"places 9:30 in summer at UTC+2", cz.Date{2026, time.July, 1}, 570, time.Date(2026, 7, 1, 7, 30, 0, 0, time.UTC)},
		{"places 9:00 on the spring-forward day in CEST", cz.Date{2026, time.March, 29}, 540, time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC)},
		{"places 9:00 on the fall-back day in CET", cz.Date{2026, time.October, 25}, 540, time.Date(2026, 10, 25, 8, 0, 0, 0, time.UTC)},
		{"places 1:59 before the spring gap in CET", cz.Date{2026, time.March, 29}, 119, time.Date(2026, 3, 29, 0, 59, 0, 0, time.UTC)},
		{"moves non-existent 2:30 forward to 3:30 CEST", cz.Date{2026, time.March, 29}, 150, time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)},
		{"places 3:00 after the spring gap in CEST", cz.Date{2026, time.March, 29}, 180, time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC)},
		{"places 1:30 before the repeated hour in CEST", cz.Date{2026, time.October, 25}, 90, time.Date(2026, 10, 24, 23, 30, 0, 0, time.UTC)},
		{"places 3:00 after the repeated hour in CET", cz.Date{2026, time.October, 25}, 180, time.Date(2026, 10, 25, 2, 0, 0, 0, time.UTC)},
		{"treats 24:00 as the start of the next day", cz.Date{2026, time.December, 31}, 1440, time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.date.At(tt.minute); !got.Equal(tt.want) {
				t.Errorf("%v.At(%d) = %v, want %v", tt.date, tt.minute, got.UTC(), tt.want)
			}
		})
	}

	t.Run("resolves the repeated 2:30 to one of its two instants", func(t *testing.T) {
		got := cz.Date{2026, time.October, 25}.At(150).UTC()
		first := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)
		second := time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)
		if !got.Equal(first) && !got.Equal(second) {
			t.Errorf("At(150) on 2026-10-25 = %v, want %v or %v", got, first, second)
		}
	})
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		name string
		date cz.Date
		n    int
		want cz.Date
	}{
		{"adds a day within a month", cz.Date{2026, time.December, 1}, 1, cz.Date{2026, time.December, 2}},
		{"crosses the end of a year", cz.Date{2026, time.December, 31}, 1, cz.Date{2027, time.January, 1}},
		{"crosses a leap day", cz.Date{2028, time.February, 28}, 2, cz.Date{2028, time.March, 1}},
		{"crosses the spring-forward day", cz.Date{2026, time.March, 28}, 2, cz.Date{2026, time.March, 30}},
		{"crosses the fall-back day", cz.Date{2026, time.October, 24}, 2, cz.Date{2026, time.October, 26}},
		{"goes back with a negative count", cz.Date{2026, time.March, 1}, -1, cz.Date{2026, time.February, 28}},
		{"adds sixty days", cz.Date{2026, time.October, 1}, 60, cz.Date{2026, time.November, 30}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.date.AddDays(tt.n)
			if got != tt.want {
				t.Errorf("%v.AddDays(%d) = %v, want %v", tt.date, tt.n, got, tt.want)
			}
			if back := cz.DaysBetween(tt.date, got); back != tt.n {
				t.Errorf("DaysBetween(%v, %v) = %d, want %d", tt.date, got, back, tt.n)
			}
		})
	}
}

func TestDateWeekday(t *testing.T) {
	tests := []struct {
		name string
		date cz.Date
		want time.Weekday
	}{
		{"1 December 2026 is a Tuesday", cz.Date{2026, time.December, 1}, time.Tuesday},
		{"29 March 2026 is a Sunday", cz.Date{2026, time.March, 29}, time.Sunday},
		{"29 March 2027 is a Monday", cz.Date{2027, time.March, 29}, time.Monday},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.date.Weekday(); got != tt.want {
				t.Errorf("%v.Weekday() = %v, want %v", tt.date, got, tt.want)
			}
		})
	}
}

func TestDateComparison(t *testing.T) {
	tests := []struct {
		name                string
		a, b                cz.Date
		before, after, same bool
	}{
		{"orders by year first", cz.Date{2026, time.December, 31}, cz.Date{2027, time.January, 1}, true, false, false},
		{"orders by month second", cz.Date{2026, time.November, 30}, cz.Date{2026, time.December, 1}, true, false, false},
		{"orders by day last", cz.Date{2026, time.December, 2}, cz.Date{2026, time.December, 1}, false, true, false},
		{"finds a date equal to itself", cz.Date{2026, time.December, 1}, cz.Date{2026, time.December, 1}, false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Before(tt.b); got != tt.before {
				t.Errorf("%v.Before(%v) = %v, want %v", tt.a, tt.b, got, tt.before)
			}
			if got := tt.a.After(tt.b); got != tt.after {
				t.Errorf("%v.After(%v) = %v, want %v", tt.a, tt.b, got, tt.after)
			}
			if got := tt.a.Equal(tt.b); got != tt.same {
				t.Errorf("%v.Equal(%v) = %v, want %v", tt.a, tt.b, got, tt.same)
			}
		})
	}
}

func TestDateValid(t *testing.T) {
	tests := []struct {
		name string
		date cz.Date
		want bool
	}{
		{"accepts an ordinary date", cz.Date{2026, time.December, 1}, true},
		{"rejects the zero date", cz.Date{}, false},
		{"rejects 30 February", cz.Date{2026, time.February, 30}, false},
		{"rejects month 13", cz.Date{2026, 13, 1}, false},
		{"rejects day 0", cz.Date{2026, time.December, 0}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.date.Valid(); got != tt.want {
				t.Errorf("%v.Valid() = %v, want %v", tt.date, got, tt.want)
			}
		})
	}
}

func TestDateJSON(t *testing.T) {
	type booking struct {
		Date cz.Date `json:"date"`
	}

	t.Run("marshals as an ISO date string", func(t *testing.T) {
		got, err := json.Marshal(booking{Date: cz.Date{2026, time.December, 1}})
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if want := `{"date":"2026-12-01"}`; string(got) != want {
			t.Errorf("Marshal = %s, want %s", got, want)
		}
	})
	t.Run("unmarshals an ISO date string", func(t *testing.T) {
		var got booking
		if err := json.Unmarshal([]byte(`{"date":"2026-12-01"}`), &got); err != nil {
			t.Fatalf("Unmarshal: %v", err)
		}
		if want := (cz.Date{2026, time.December, 1}); got.Date != want {
			t.Errorf("Unmarshal = %v, want %v", got.Date, want)
		}
	})
	t.Run("refuses to unmarshal a date that does not exist", func(t *testing.T) {
		var got booking
		if err := json.Unmarshal([]byte(`{"date":"2026-02-30"}`), &got); err == nil {
			t.Errorf("Unmarshal of 2026-02-30 succeeded with %v, want an error", got.Date)
		}
	})
	t.Run("refuses to marshal the zero date", func(t *testing.T) {
		if got, err := json.Marshal(booking{}); err == nil {
			t.Errorf("Marshal of the zero date = %s, want an error", got)
		}
	})
	t.Run("omits the zero date with omitzero", func(t *testing.T) {
		type optional struct {
			Date cz.Date `json:"date,omitzero"`
		}
		got, err := json.Marshal(optional{})
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if want := `{}`; string(got) != want {
			t.Errorf("Marshal = %s, want %s", got, want)
		}
	})
}
