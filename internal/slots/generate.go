package slots

import (
	"slices"
	"time"

	"github.com/mpsv/brana/internal/cz"
)

// Generate returns the free slots of an expert with rules r whose start
// falls on a Prague date from from to to inclusive, sorted by start, in
// UTC. Each slot is [start, start+r.SlotLength).
//
// For every date that is not a holiday (holiday may be nil, meaning none
// are), every working range of that weekday is filled with slots. The
// first starts at the range's From, rounded up to a granule boundary; the
// following ones start SlotLength+Buffer (rounded up to whole granules)
// later, as long as the slot ends by the range's To. A slot is then left
// out if
//
//   - it starts less than r.Notice after now, or more than r.Horizon after
//     now;
//   - [start, start+SlotLength) overlaps any of r.TimeOff;
//   - its ClaimInterval overlaps the Claim of any booked entry;
//   - r.MaxPerDay > 0 and at least that many booked entries start on its
//     Prague date (the whole day then has no slots).
//
// Because slots start on granule boundaries and are a whole number of
// granules apart, the claims of neighbouring slots touch but never
// overlap: any set of generated slots can be booked together.
//
// Daylight saving: range bounds are wall-clock times (cz.Date.At), but
// slots are stepped in absolute time between them. On the last Sundays of
// March and October a range such as 9:00–17:00 therefore gives the same
// local times as on any other day, only with a different UTC offset. A
// range crossing the change, such as 1:00–4:00, is one hour shorter in
// March and one hour longer in October; it never yields a slot at a local
// time that does not exist, nor two slots at the same instant (in October
// it may yield two slots at 2:00 local, one in CEST and one in CET).
//
// Rules with a non-positive SlotLength yield no slots; a negative Buffer
// counts as zero.
func Generate(r Rules, from, to cz.Date, now time.Time, booked []Booked, holiday func(cz.Date) bool) []Interval {
	if r.SlotLength <= 0 {
		return nil
	}
	buffer := max(r.Buffer, 0)
	step := ceilDuration(r.SlotLength + buffer)
	earliest := now.Add(r.Notice)
	latest := now.Add(r.Horizon)

	// No slot can start outside [earliest, latest]: skip those dates.
	if d := cz.DateOf(earliest); from.Before(d) {
		from = d
	}
	if d := cz.DateOf(latest); to.After(d) {
		to = d
	}
	if from.After(to) {
		return nil
	}

	// Every slot on these dates, and every slot's claim, lies in window.
	window := Interval{Start: from.Start(), End: to.AddDays(1).Start().Add(step)}
	timeOff := newIntervalSet(r.TimeOff, window)
	claims := make([]Interval, len(booked))
	for i, b := range booked {
		claims[i] = b.Claim
	}
	taken := newIntervalSet(claims, window)
	var perDay map[cz.Date]int
	if r.MaxPerDay > 0 {
		perDay = make(map[cz.Date]int)
		for _, b := range booked {
			perDay[cz.DateOf(b.Start)]++
		}
	}

	var out []Interval
	for d := from; !d.After(to); d = d.AddDays(1) {
		if holiday != nil && holiday(d) {
			continue
		}
		if r.MaxPerDay > 0 && perDay[d] >= r.MaxPerDay {
			continue
		}
		for _, lr := range r.Weekly[d.Weekday()] {
			end := d.At(lr.To)
			for start := ceilGranule(d.At(lr.From)); !start.Add(r.SlotLength).After(end); start = start.Add(step) {
				if start.Before(earliest) || start.After(latest) {
					continue
				}
				slot := Interval{Start: start, End: start.Add(r.SlotLength)}
				if timeOff.overlaps(slot) || taken.overlaps(ClaimInterval(start, r.SlotLength, buffer)) {
					continue
				}
				out = append(out, slot)
			}
		}
	}

	// Ranges given out of order or overlapping (which validation should
	// prevent) must still not produce an unsorted list or duplicates.
	slices.SortFunc(out, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	return slices.CompactFunc(out, func(a, b Interval) bool { return a.Start.Equal(b.Start) })
}

// IsFree reports whether start is exactly the start of one of the slots
// Generate offers on start's Prague date. It is the check a booking
// request must pass.
func IsFree(r Rules, start time.Time, now time.Time, booked []Booked, holiday func(cz.Date) bool) bool {
	d := cz.DateOf(start)
	free := Generate(r, d, d, now, booked, holiday)
	_, found := slices.BinarySearchFunc(free, start, func(s Interval, t time.Time) int {
		return s.Start.Compare(t)
	})
	return found
}

// CountOnDay returns how many of booked start on Prague date d.
func CountOnDay(booked []Booked, d cz.Date) int {
	n := 0
	for _, b := range booked {
		if cz.DateOf(b.Start) == d {
			n++
		}
	}
	return n
}
