package slots_test

import (
	"slices"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/slots"
)

var prague = cz.Prague

// at returns the instant of a wall-clock time in Europe/Prague.
func at(y int, m time.Month, d, hour, minute int) time.Time {
	return time.Date(y, m, d, hour, minute, 0, 0, prague)
}

// utc returns an instant given in UTC.
func utc(y int, m time.Month, d, hour, minute int) time.Time {
	return time.Date(y, m, d, hour, minute, 0, 0, time.UTC)
}

func TestIntervalOverlaps(t *testing.T) {
	iv := func(h1, m1, h2, m2 int) slots.Interval {
		return slots.Interval{Start: utc(2026, 12, 1, h1, m1), End: utc(2026, 12, 1, h2, m2)}
	}
	tests := []struct {
		name string
		a, b slots.Interval
		want bool
	}{
		{"intervals that only touch do not overlap", iv(9, 0, 10, 0), iv(10, 0, 11, 0), false},
		{"intervals that only touch do not overlap either way round", iv(10, 0, 11, 0), iv(9, 0, 10, 0), false},
		{"intervals sharing a minute overlap", iv(9, 0, 10, 1), iv(10, 0, 11, 0), true},
		{"an interval overlaps one containing it", iv(9, 30, 9, 45), iv(9, 0, 10, 0), true},
		{"an interval overlaps one it contains", iv(9, 0, 10, 0), iv(9, 30, 9, 45), true},
		{"an interval overlaps itself", iv(9, 0, 10, 0), iv(9, 0, 10, 0), true},
		{"separate intervals do not overlap", iv(9, 0, 10, 0), iv(11, 0, 12, 0), false},
		{"an empty interval overlaps nothing", iv(9, 30, 9, 30), iv(9, 0, 10, 0), false},
		{"a reversed interval overlaps nothing", iv(10, 0, 9, 0), iv(9, 0, 10, 0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Overlaps(tt.b); got != tt.want {
				t.Errorf("%v.Overlaps(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestIntervalContains(t *testing.T) {
	iv := slots.Interval{Start: utc(2026, 12, 1, 9, 0), End: utc(2026, 12, 1, 10, 0)}
	tests := []struct {
		name string
		t    time.Time
		want bool
	}{
		{"contains its start", utc(2026, 12, 1, 9, 0), true},
		{"contains an inner instant", utc(2026, 12, 1, 9, 59), true},
		{"does not contain its end", utc(2026, 12, 1, 10, 0), false},
		{"does not contain an instant before it", utc(2026, 12, 1, 8, 59), false},
		{"compares instants, not wall clocks", at(2026, 12, 1, 10, 30), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := iv.Contains(tt.t); got != tt.want {
				t.Errorf("%v.Contains(%v) = %v, want %v", iv, tt.t, got, tt.want)
			}
		})
	}
}

func TestClaimInterval(t *testing.T) {
	tests := []struct {
		name           string
		start          time.Time
		length, buffer time.Duration
		want           slots.Interval
	}{
		{
			"claims the slot and its buffer when both are whole granules",
			at(2026, 12, 1, 10, 15), time.Hour, 15 * time.Minute,
			slots.Interval{Start: utc(2026, 12, 1, 9, 15), End: utc(2026, 12, 1, 10, 30)},
		},
		{
			"rounds a short buffer up to the next granule",
			at(2026, 12, 1, 10, 15), time.Hour, 10 * time.Minute,
			slots.Interval{Start: utc(2026, 12, 1, 9, 15), End: utc(2026, 12, 1, 10, 30)},
		},
		{
			"rounds an odd slot length up to the next granule",
			at(2026, 12, 1, 10, 15), 50 * time.Minute, 0,
			slots.Interval{Start: utc(2026, 12, 1, 9, 15), End: utc(2026, 12, 1, 10, 15)},
		},
		{
			"claims exactly the slot without a buffer",
			at(2026, 12, 1, 10, 15), 45 * time.Minute, 0,
			slots.Interval{Start: utc(2026, 12, 1, 9, 15), End: utc(2026, 12, 1, 10, 0)},
		},
		{
			"widens an off-grid start down to its granule",
			at(2026, 12, 1, 10, 20), time.Hour, 15 * time.Minute,
			slots.Interval{Start: utc(2026, 12, 1, 9, 15), End: utc(2026, 12, 1, 10, 45)},
		},
		{
			"treats a negative buffer as none",
			at(2026, 12, 1, 10, 15), time.Hour, -15 * time.Minute,
			slots.Interval{Start: utc(2026, 12, 1, 9, 15), End: utc(2026, 12, 1, 10, 15)},
		},
		{
			"claims across the spring-forward change in absolute time",
			at(2026, 3, 29, 1, 30), time.Hour, 15 * time.Minute,
			slots.Interval{Start: utc(2026, 3, 29, 0, 30), End: utc(2026, 3, 29, 1, 45)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slots.ClaimInterval(tt.start, tt.length, tt.buffer)
			if !got.Start.Equal(tt.want.Start) || !got.End.Equal(tt.want.End) {
				t.Errorf("ClaimInterval(%v, %v, %v) = %v, want %v", tt.start, tt.length, tt.buffer, got, tt.want)
			}
			if got.Start.Location() != time.UTC || got.End.Location() != time.UTC {
				t.Errorf("ClaimInterval(%v, %v, %v) = %v, want UTC times", tt.start, tt.length, tt.buffer, got)
			}
		})
	}
}

func TestGranules(t *testing.T) {
	tests := []struct {
		name string
		iv   slots.Interval
		want []time.Time
	}{
		{
			"lists the five granules of a default claim",
			slots.ClaimInterval(at(2026, 12, 1, 10, 15), time.Hour, 15*time.Minute),
			[]time.Time{utc(2026, 12, 1, 9, 15), utc(2026, 12, 1, 9, 30), utc(2026, 12, 1, 9, 45), utc(2026, 12, 1, 10, 0), utc(2026, 12, 1, 10, 15)},
		},
		{
			"lists every granule an off-grid interval touches",
			slots.Interval{Start: utc(2026, 12, 1, 9, 20), End: utc(2026, 12, 1, 9, 40)},
			[]time.Time{utc(2026, 12, 1, 9, 15), utc(2026, 12, 1, 9, 30)},
		},
		{
			"lists a single granule for a single-granule interval",
			slots.Interval{Start: utc(2026, 12, 1, 9, 15), End: utc(2026, 12, 1, 9, 30)},
			[]time.Time{utc(2026, 12, 1, 9, 15)},
		},
		{
			"lists both repeated hours of the fall-back night",
			slots.Interval{Start: at(2026, 10, 25, 1, 45), End: at(2026, 10, 25, 3, 0)},
			[]time.Time{
				utc(2026, 10, 24, 23, 45),
				utc(2026, 10, 25, 0, 0), utc(2026, 10, 25, 0, 15), utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 0, 45),
				utc(2026, 10, 25, 1, 0), utc(2026, 10, 25, 1, 15), utc(2026, 10, 25, 1, 30), utc(2026, 10, 25, 1, 45),
			},
		},
		{
			"lists nothing for an empty interval",
			slots.Interval{Start: utc(2026, 12, 1, 9, 15), End: utc(2026, 12, 1, 9, 15)},
			nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slots.Granules(tt.iv)
			if !slices.EqualFunc(got, tt.want, time.Time.Equal) {
				t.Errorf("Granules(%v) = %v, want %v", tt.iv, got, tt.want)
			}
		})
	}

	t.Run("claims of neighbouring default slots share no granule", func(t *testing.T) {
		first := slots.Granules(slots.ClaimInterval(at(2026, 12, 1, 9, 0), time.Hour, 15*time.Minute))
		second := slots.Granules(slots.ClaimInterval(at(2026, 12, 1, 10, 15), time.Hour, 15*time.Minute))
		for _, g := range first {
			if slices.ContainsFunc(second, g.Equal) {
				t.Errorf("granule %v is claimed by both the 9:00 and the 10:15 slot, want it claimed once", g)
			}
		}
	})
}
