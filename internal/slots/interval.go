// Package slots computes the free consultation slots of an expert.
//
// It is pure: it reads rules, existing bookings and the current time and
// returns slots, without I/O. The same package defines the claim rule that
// the database uses to prevent double bookings (see ClaimInterval), so
// that the slots offered and the bookings accepted can never disagree.
package slots

import (
	"cmp"
	"slices"
	"time"
)

// Granule is the unit in which a booking claims an expert's time. Each
// booking claims every Granule-long period of absolute time it touches,
// and the database refuses a second claim on the same granule.
//
// Granules are aligned to UTC quarter hours. Europe/Prague is always a
// whole number of hours from UTC, so they are local quarter hours too.
const Granule = 15 * time.Minute

// Interval is a half-open interval of absolute time [Start, End).
type Interval struct {
	Start time.Time
	End   time.Time
}

// IsEmpty reports whether iv contains no instant, that is End is not
// after Start.
func (iv Interval) IsEmpty() bool {
	return !iv.Start.Before(iv.End)
}

// Overlaps reports whether iv and o share at least one instant. Intervals
// that only touch ([9:00, 10:00) and [10:00, 11:00)) do not overlap, and
// an empty interval overlaps nothing.
func (iv Interval) Overlaps(o Interval) bool {
	return !iv.IsEmpty() && !o.IsEmpty() &&
		iv.Start.Before(o.End) && o.Start.Before(iv.End)
}

// Contains reports whether t lies in iv: Start <= t < End.
func (iv Interval) Contains(t time.Time) bool {
	return !t.Before(iv.Start) && t.Before(iv.End)
}

// String returns the interval in RFC 3339 form, for diagnostics.
func (iv Interval) String() string {
	return "[" + iv.Start.Format(time.RFC3339) + ", " + iv.End.Format(time.RFC3339) + ")"
}

// floorGranule returns the start of the granule containing t, in UTC.
func floorGranule(t time.Time) time.Time {
	// Truncate works on absolute time since the zero Time, which is a UTC
	// midnight, so the result lies on the UTC quarter-hour grid.
	return t.UTC().Truncate(Granule)
}

// ceilGranule returns the earliest granule boundary at or after t, in UTC.
func ceilGranule(t time.Time) time.Time {
	f := floorGranule(t)
	if f.Before(t) {
		f = f.Add(Granule)
	}
	return f
}

// ceilDuration rounds d up to a whole number of granules.
func ceilDuration(d time.Duration) time.Duration {
	if r := d % Granule; r > 0 {
		d += Granule - r
	}
	return d
}

// ClaimInterval returns the span of time that a booking starting at start
// claims: the consultation of the given length plus the buffer after it,
// widened to whole granules. For the defaults (60 minutes and a
// 15-minute buffer) a booking at 10:15 claims [10:15, 11:30).
//
// Slots produced by Generate always start on a granule boundary; should
// start not be one, the claim begins at the start of its granule. A
// negative buffer counts as zero. The result is in UTC.
func ClaimInterval(start time.Time, length, buffer time.Duration) Interval {
	end := start.Add(length + max(buffer, 0))
	return Interval{Start: floorGranule(start), End: ceilGranule(end)}
}

// Granules returns the start of every granule that iv touches, in UTC and
// in increasing order. It returns nil for an empty interval.
func Granules(iv Interval) []time.Time {
	if iv.IsEmpty() {
		return nil
	}
	first := floorGranule(iv.Start)
	out := make([]time.Time, 0, int(ceilGranule(iv.End).Sub(first)/Granule))
	for g := first; g.Before(iv.End); g = g.Add(Granule) {
		out = append(out, g)
	}
	return out
}

// span is an interval as Unix nanoseconds, cheap to sort and compare.
type span struct{ start, end int64 }

func spanOf(iv Interval) span {
	return span{start: iv.Start.UnixNano(), end: iv.End.UnixNano()}
}

// intervalSet answers "does this interval overlap any of a fixed set of
// intervals?" in logarithmic time.
type intervalSet struct {
	spans  []span  // the non-empty intervals, sorted by start
	maxEnd []int64 // maxEnd[i] is the latest end among spans[:i+1]
}

// newIntervalSet builds a set from those of ivs that overlap window; the
// set then answers correctly for any interval inside window.
func newIntervalSet(ivs []Interval, window Interval) intervalSet {
	var s intervalSet
	for _, iv := range ivs {
		if iv.Overlaps(window) {
			s.spans = append(s.spans, spanOf(iv))
		}
	}
	slices.SortFunc(s.spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	s.maxEnd = make([]int64, len(s.spans))
	for i, sp := range s.spans {
		s.maxEnd[i] = sp.end
		if i > 0 {
			s.maxEnd[i] = max(s.maxEnd[i-1], sp.end)
		}
	}
	return s
}

// overlaps reports whether iv overlaps any interval in the set.
func (s intervalSet) overlaps(iv Interval) bool {
	if iv.IsEmpty() {
		return false
	}
	q := spanOf(iv)
	// Only intervals starting before q ends can overlap it; of those, one
	// does exactly when the latest of their ends is after q starts.
	n, _ := slices.BinarySearchFunc(s.spans, q.end, func(x span, end int64) int {
		if x.start < end {
			return -1
		}
		return 1
	})
	return n > 0 && s.maxEnd[n-1] > q.start
}
