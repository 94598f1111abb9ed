package cz

import (
	"fmt"
	"time"
)

// Month is a calendar month in Europe/Prague: the unit of the monthly
// reports and of the GSI2 month buckets ("BOOKING#2026-12"). In text and
// JSON it is "2026-12". The zero Month is not valid.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth parses "YYYY-MM".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Month{}, fmt.Errorf("cz: invalid month %q, want YYYY-MM", s)
	}
	return Month{Year: t.Year(), Month: t.Month()}, nil
}

// MonthOf returns the Prague month an instant falls in: 23:30 on
// 31 October in Prague (22:30 UTC) is October.
func MonthOf(t time.Time) Month {
	p := t.In(Prague)
	return Month{Year: p.Year(), Month: p.Month()}
}

// String is "YYYY-MM".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, m.Month) }

// IsZero reports whether m is the zero Month.
func (m Month) IsZero() bool { return m == Month{} }

// Start is Prague midnight at the beginning of the month's first day.
func (m Month) Start() time.Time { return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, Prague) }

// End is the Start of the next month: the month is [Start, End). Across
// a DST change the month is an hour shorter (March) or longer (October)
// than its days.
func (m Month) End() time.Time { return m.Next().Start() }

// Next is the month after m.
func (m Month) Next() Month { return m.Add(1) }

// Prev is the month before m.
func (m Month) Prev() Month { return m.Add(-1) }

// Add returns the month n months after m (before it if n is negative).
func (m Month) Add(n int) Month {
	t := time.Date(m.Year, m.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	return Month{Year: t.Year(), Month: t.Month()}
}

// Compare returns -1, 0 or 1 as m is before, equal to or after o.
func (m Month) Compare(o Month) int {
	switch {
	case m.Year != o.Year:
		return cmpInt(m.Year, o.Year)
	default:
		return cmpInt(int(m.Month), int(o.Month))
	}
}

// Before reports whether m is before o.
func (m Month) Before(o Month) bool { return m.Compare(o) < 0 }

// Contains reports whether the instant t falls in the Prague month m.
func (m Month) Contains(t time.Time) bool { return MonthOf(t) == m }

// MarshalText writes "YYYY-MM".
func (m Month) MarshalText() ([]byte, error) {
	if m.IsZero() {
		return nil, fmt.Errorf("cz: zero month")
	}
	return []byte(m.String()), nil
}

// UnmarshalText reads "YYYY-MM".
func (m *Month) UnmarshalText(text []byte) error {
	v, err := ParseMonth(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
