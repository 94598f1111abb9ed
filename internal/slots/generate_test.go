package slots_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/slots"
)

// weekdayExpert returns default rules (60-minute slots, 15-minute buffer,
// 24 h notice, 60-day horizon) for an expert working Monday to Friday
// 9:00–12:00 and 13:00–16:00.
func weekdayExpert() slots.Rules {
	r := slots.DefaultRules()
	hours := []slots.LocalRange{{From: 9 * 60, To: 12 * 60}, {From: 13 * 60, To: 16 * 60}}
	for wd := time.Monday; wd <= time.Friday; wd++ {
		r.Weekly[wd] = hours
	}
	return r
}

// booking returns a booking at start made under rules r.
func booking(r slots.Rules, start time.Time) slots.Booked {
	return slots.Booked{Start: start, Claim: slots.ClaimInterval(start, r.SlotLength, r.Buffer)}
}

// starts returns the start of each slot.
func starts(free []slots.Interval) []time.Time {
	out := make([]time.Time, len(free))
	for i, s := range free {
		out[i] = s.Start
	}
	return out
}

// localTimes returns the Prague wall-clock time of each slot's start.
func localTimes(free []slots.Interval) []string {
	out := make([]string, len(free))
	for i, s := range free {
		out[i] = cz.FormatTime(s.Start, "cs")
	}
	return out
}

// day returns the default slot starts of weekdayExpert on a December 2026
// day: 9:00, 10:15, 13:00 and 14:15 CET.
func day(d int) []time.Time {
	return []time.Time{at(2026, 12, d, 9, 0), at(2026, 12, d, 10, 15), at(2026, 12, d, 13, 0), at(2026, 12, d, 14, 15)}
}

// early is a "now" well before the December test dates, within the horizon.
var early = at(2026, 11, 15, 12, 0)

func date(y int, m time.Month, d int) cz.Date { return cz.Date{Year: y, Month: m, Day: d} }

func assertStarts(t *testing.T, got []slots.Interval, want []time.Time) {
	t.Helper()
	if !slices.EqualFunc(starts(got), want, time.Time.Equal) {
		t.Errorf("slot starts = %v, want %v", starts(got), want)
	}
}

func TestGenerateOrdinaryWeek(t *testing.T) {
	r := weekdayExpert()
	got := slots.Generate(r, date(2026, 11, 30), date(2026, 12, 6), early, nil, cz.IsHoliday)

	want := []time.Time{
		utc(2026, 11, 30, 8, 0), utc(2026, 11, 30, 9, 15), utc(2026, 11, 30, 12, 0), utc(2026, 11, 30, 13, 15),
		utc(2026, 12, 1, 8, 0), utc(2026, 12, 1, 9, 15), utc(2026, 12, 1, 12, 0), utc(2026, 12, 1, 13, 15),
		utc(2026, 12, 2, 8, 0), utc(2026, 12, 2, 9, 15), utc(2026, 12, 2, 12, 0), utc(2026, 12, 2, 13, 15),
		utc(2026, 12, 3, 8, 0), utc(2026, 12, 3, 9, 15), utc(2026, 12, 3, 12, 0), utc(2026, 12, 3, 13, 15),
		utc(2026, 12, 4, 8, 0), utc(2026, 12, 4, 9, 15), utc(2026, 12, 4, 12, 0), utc(2026, 12, 4, 13, 15),
	}
	t.Run("offers 9:00, 10:15, 13:00 and 14:15 CET on each weekday", func(t *testing.T) {
		assertStarts(t, got, want)
	})
	t.Run("makes every slot one hour long", func(t *testing.T) {
		for _, s := range got {
			if d := s.End.Sub(s.Start); d != time.Hour {
				t.Errorf("slot %v lasts %v, want 1h", s, d)
			}
		}
	})
	t.Run("returns UTC times", func(t *testing.T) {
		for _, s := range got {
			if s.Start.Location() != time.UTC || s.End.Location() != time.UTC {
				t.Errorf("slot %v is not in UTC", s)
			}
		}
	})
	t.Run("returns nothing when to is before from", func(t *testing.T) {
		if got := slots.Generate(r, date(2026, 12, 4), date(2026, 12, 1), early, nil, cz.IsHoliday); len(got) != 0 {
			t.Errorf("Generate with to before from = %v, want no slots", got)
		}
	})
	t.Run("returns nothing for a non-positive slot length", func(t *testing.T) {
		broken := weekdayExpert()
		broken.SlotLength = 0
		if got := slots.Generate(broken, date(2026, 12, 1), date(2026, 12, 1), early, nil, cz.IsHoliday); len(got) != 0 {
			t.Errorf("Generate with zero slot length = %v, want no slots", got)
		}
	})
	t.Run("keeps slots a whole number of granules apart for odd lengths", func(t *testing.T) {
		odd := weekdayExpert()
		odd.SlotLength, odd.Buffer = 50*time.Minute, 0
		got := slots.Generate(odd, date(2026, 12, 1), date(2026, 12, 1), early, nil, cz.IsHoliday)
		want := []time.Time{
			at(2026, 12, 1, 9, 0), at(2026, 12, 1, 10, 0), at(2026, 12, 1, 11, 0),
			at(2026, 12, 1, 13, 0), at(2026, 12, 1, 14, 0), at(2026, 12, 1, 15, 0),
		}
		assertStarts(t, got, want)
	})
	t.Run("starts an off-grid range at the next granule", func(t *testing.T) {
		late := weekdayExpert()
		late.Weekly[time.Tuesday] = []slots.LocalRange{{From: 9*60 + 5, To: 12 * 60}}
		got := slots.Generate(late, date(2026, 12, 1), date(2026, 12, 1), early, nil, cz.IsHoliday)
		assertStarts(t, got, []time.Time{at(2026, 12, 1, 9, 15), at(2026, 12, 1, 10, 30)})
	})
	t.Run("sorts and deduplicates overlapping ranges given out of order", func(t *testing.T) {
		messy := weekdayExpert()
		messy.Weekly[time.Tuesday] = []slots.LocalRange{{From: 13 * 60, To: 16 * 60}, {From: 9 * 60, To: 12 * 60}, {From: 9 * 60, To: 11 * 60}}
		got := slots.Generate(messy, date(2026, 12, 1), date(2026, 12, 1), early, nil, cz.IsHoliday)
		assertStarts(t, got, day(1))
	})
}

func TestGenerateHolidays(t *testing.T) {
	r := weekdayExpert()
	tests := []struct {
		name    string
		from    cz.Date
		to      cz.Date
		now     time.Time
		holiday func(cz.Date) bool
		want    []time.Time
	}{
		{
			name: "offers nothing on 28 October 2026",
			from: date(2026, 10, 27), to: date(2026, 10, 29), now: at(2026, 10, 1, 12, 0), holiday: cz.IsHoliday,
			want: []time.Time{
				at(2026, 10, 27, 9, 0), at(2026, 10, 27, 10, 15), at(2026, 10, 27, 13, 0), at(2026, 10, 27, 14, 15),
				at(2026, 10, 29, 9, 0), at(2026, 10, 29, 10, 15), at(2026, 10, 29, 13, 0), at(2026, 10, 29, 14, 15),
			},
		},
		{
			name: "offers nothing on Good Friday or Easter Monday 2026",
			from: date(2026, 4, 3), to: date(2026, 4, 7), now: at(2026, 3, 15, 12, 0), holiday: cz.IsHoliday,
			want: []time.Time{at(2026, 4, 7, 9, 0), at(2026, 4, 7, 10, 15), at(2026, 4, 7, 13, 0), at(2026, 4, 7, 14, 15)},
		},
		{
			name: "offers slots on a holiday when no holiday function is given",
			from: date(2026, 10, 28), to: date(2026, 10, 28), now: at(2026, 10, 1, 12, 0), holiday: nil,
			want: []time.Time{at(2026, 10, 28, 9, 0), at(2026, 10, 28, 10, 15), at(2026, 10, 28, 13, 0), at(2026, 10, 28, 14, 15)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertStarts(t, slots.Generate(r, tt.from, tt.to, tt.now, nil, tt.holiday), tt.want)
		})
	}
}

func TestGenerateDaylightSaving(t *testing.T) {
	sundays := func(hours ...slots.LocalRange) slots.Rules {
		r := slots.DefaultRules()
		r.Weekly[time.Sunday] = hours
		return r
	}
	workday := slots.LocalRange{From: 9 * 60, To: 17 * 60}
	night := slots.LocalRange{From: 1 * 60, To: 4 * 60}
	nightRules := sundays(night)
	nightRules.SlotLength = 45 * time.Minute

	tests := []struct {
		name string
		r    slots.Rules
		day  cz.Date
		now  time.Time
		want []time.Time
	}{
		{
			name: "places spring-forward day slots at CEST offsets",
			r:    sundays(workday), day: date(2026, 3, 29), now: at(2026, 3, 1, 12, 0),
			want: []time.Time{
				utc(2026, 3, 29, 7, 0), utc(2026, 3, 29, 8, 15), utc(2026, 3, 29, 9, 30),
				utc(2026, 3, 29, 10, 45), utc(2026, 3, 29, 12, 0), utc(2026, 3, 29, 13, 15),
			},
		},
		{
			name: "places fall-back day slots at CET offsets",
			r:    sundays(workday), day: date(2026, 10, 25), now: at(2026, 10, 1, 12, 0),
			want: []time.Time{
				utc(2026, 10, 25, 8, 0), utc(2026, 10, 25, 9, 15), utc(2026, 10, 25, 10, 30),
				utc(2026, 10, 25, 11, 45), utc(2026, 10, 25, 13, 0), utc(2026, 10, 25, 14, 15),
			},
		},
		{
			name: "skips the missing hour of the spring-forward night",
			r:    nightRules, day: date(2026, 3, 29), now: at(2026, 3, 1, 12, 0),
			// 1:00 CET and 3:00 CEST: the range lasts only two hours.
			want: []time.Time{utc(2026, 3, 29, 0, 0), utc(2026, 3, 29, 1, 0)},
		},
		{
			name: "uses the repeated hour of the fall-back night once each",
			r:    nightRules, day: date(2026, 10, 25), now: at(2026, 10, 1, 12, 0),
			// 1:00 CEST, 2:00 CEST, 2:00 CET and 3:00 CET: the range lasts four hours.
			want: []time.Time{utc(2026, 10, 24, 23, 0), utc(2026, 10, 25, 0, 0), utc(2026, 10, 25, 1, 0), utc(2026, 10, 25, 2, 0)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertStarts(t, slots.Generate(tt.r, tt.day, tt.day, tt.now, nil, cz.IsHoliday), tt.want)
		})
	}

	t.Run("gives the same local times on both change days as on an ordinary Sunday", func(t *testing.T) {
		r := sundays(workday)
		ordinary := localTimes(slots.Generate(r, date(2026, 3, 22), date(2026, 3, 22), at(2026, 3, 1, 12, 0), nil, cz.IsHoliday))
		want := []string{"9:00", "10:15", "11:30", "12:45", "14:00", "15:15"}
		if !slices.Equal(ordinary, want) {
			t.Fatalf("local times on 22 March 2026 = %v, want %v", ordinary, want)
		}
		for _, d := range []struct {
			day cz.Date
			now time.Time
		}{{date(2026, 3, 29), at(2026, 3, 1, 12, 0)}, {date(2026, 10, 25), at(2026, 10, 1, 12, 0)}} {
			if got := localTimes(slots.Generate(r, d.day, d.day, d.now, nil, cz.IsHoliday)); !slices.Equal(got, want) {
				t.Errorf("local times on %v = %v, want %v", d.day, got, want)
			}
		}
	})
	t.Run("never offers a non-existent local time", func(t *testing.T) {
		got := localTimes(slots.Generate(nightRules, date(2026, 3, 29), date(2026, 3, 29), at(2026, 3, 1, 12, 0), nil, cz.IsHoliday))
		if want := []string{"1:00", "3:00"}; !slices.Equal(got, want) {
			t.Errorf("local times in the spring-forward night = %v, want %v", got, want)
		}
	})
	t.Run("never offers the same instant twice", func(t *testing.T) {
		got := starts(slots.Generate(nightRules, date(2026, 10, 25), date(2026, 10, 25), at(2026, 10, 1, 12, 0), nil, cz.IsHoliday))
		for i := 1; i < len(got); i++ {
			if !got[i].After(got[i-1]) {
				t.Errorf("slot %d starts at %v, not after slot %d at %v", i, got[i], i-1, got[i-1])
			}
		}
	})
}

func TestGenerateTimeOff(t *testing.T) {
	r := weekdayExpert()
	tests := []struct {
		name    string
		timeOff []slots.Interval
		want    []time.Time
	}{
		{
			name:    "offers nothing on whole days off",
			timeOff: []slots.Interval{{Start: date(2026, 12, 2).Start(), End: date(2026, 12, 4).Start()}},
			want:    slices.Concat(day(1), day(4)),
		},
		{
			name:    "drops only the slots overlapping part of a day off",
			timeOff: []slots.Interval{{Start: at(2026, 12, 2, 10, 0), End: at(2026, 12, 2, 13, 30)}},
			want:    slices.Concat(day(1), []time.Time{at(2026, 12, 2, 9, 0), at(2026, 12, 2, 14, 15)}, day(3), day(4)),
		},
		{
			name:    "keeps slots that only touch the time off",
			timeOff: []slots.Interval{{Start: at(2026, 12, 2, 10, 0), End: at(2026, 12, 2, 10, 15)}},
			want:    slices.Concat(day(1), day(2), day(3), day(4)),
		},
		{
			name:    "keeps a slot whose buffer, not consultation, falls in the time off",
			timeOff: []slots.Interval{{Start: at(2026, 12, 2, 11, 15), End: at(2026, 12, 2, 11, 30)}},
			want:    slices.Concat(day(1), day(2), day(3), day(4)),
		},
		{
			name: "applies several periods off",
			timeOff: []slots.Interval{
				{Start: at(2026, 12, 3, 13, 0), End: at(2026, 12, 3, 16, 0)},
				{Start: at(2026, 12, 1, 8, 0), End: at(2026, 12, 1, 9, 1)},
			},
			want: slices.Concat(day(1)[1:], day(2), day(3)[:2], day(4)),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r.TimeOff = tt.timeOff
			assertStarts(t, slots.Generate(r, date(2026, 12, 1), date(2026, 12, 4), early, nil, cz.IsHoliday), tt.want)
		})
	}
}

func TestGenerateBuffer(t *testing.T) {
	r := weekdayExpert()
	tests := []struct {
		name   string
		booked time.Time
		want   []time.Time
	}{
		{
			// Claims [10:15, 11:30): only the 10:15 slot's claim overlaps it.
			name:   "a booking at 10:15 blocks only the 10:15 slot",
			booked: at(2026, 12, 1, 10, 15),
			want:   []time.Time{at(2026, 12, 1, 9, 0), at(2026, 12, 1, 13, 0), at(2026, 12, 1, 14, 15)},
		},
		{
			// Claims [11:15, 12:30): the 10:15 slot's buffer runs to 11:30.
			name:   "a booking at 11:15 blocks the 10:15 slot through its buffer",
			booked: at(2026, 12, 1, 11, 15),
			want:   []time.Time{at(2026, 12, 1, 9, 0), at(2026, 12, 1, 13, 0), at(2026, 12, 1, 14, 15)},
		},
		{
			// Claims [11:30, 12:45): the 10:15 slot's claim ends at 11:30.
			name:   "a booking at 11:30 blocks nothing in the morning",
			booked: at(2026, 12, 1, 11, 30),
			want:   day(1),
		},
		{
			// Claims [9:30, 10:45): overlaps [9:00, 10:15) and [10:15, 11:30).
			name:   "an off-grid booking at 9:30 blocks both morning slots",
			booked: at(2026, 12, 1, 9, 30),
			want:   []time.Time{at(2026, 12, 1, 13, 0), at(2026, 12, 1, 14, 15)},
		},
		{
			// Claims [8:00, 9:15): its buffer reaches into the 9:00 slot.
			name:   "a booking at 8:00 blocks the 9:00 slot through its own buffer",
			booked: at(2026, 12, 1, 8, 0),
			want:   []time.Time{at(2026, 12, 1, 10, 15), at(2026, 12, 1, 13, 0), at(2026, 12, 1, 14, 15)},
		},
		{
			// Claims [7:45, 9:00): ends exactly when the 9:00 slot begins.
			name:   "a booking at 7:45 leaves the 9:00 slot free",
			booked: at(2026, 12, 1, 7, 45),
			want:   day(1),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			booked := []slots.Booked{booking(r, tt.booked)}
			assertStarts(t, slots.Generate(r, date(2026, 12, 1), date(2026, 12, 1), early, booked, cz.IsHoliday), tt.want)
		})
	}
}

func TestGenerateNoticeAndHorizon(t *testing.T) {
	r := weekdayExpert()
	slot := at(2026, 12, 1, 9, 0)
	tests := []struct {
		name string
		from cz.Date
		to   cz.Date
		now  time.Time
		want []time.Time
	}{
		{
			name: "excludes a slot 23 h 59 min away with 24 h notice",
			from: date(2026, 12, 1), to: date(2026, 12, 1), now: slot.Add(-(23*time.Hour + 59*time.Minute)),
			want: day(1)[1:],
		},
		{
			name: "includes a slot exactly 24 h away with 24 h notice",
			from: date(2026, 12, 1), to: date(2026, 12, 1), now: slot.Add(-24 * time.Hour),
			want: day(1),
		},
		{
			name: "excludes dates entirely inside the notice period",
			from: date(2026, 11, 30), to: date(2026, 12, 2), now: at(2026, 12, 1, 9, 30),
			want: day(2)[1:],
		},
		{
			// now + 60 days is Monday 4 January 2027 at 10:15 CET.
			name: "includes a slot exactly at the horizon and none after",
			from: date(2027, 1, 4), to: date(2027, 1, 5), now: at(2026, 11, 5, 10, 15),
			want: []time.Time{at(2027, 1, 4, 9, 0), at(2027, 1, 4, 10, 15)},
		},
		{
			name: "offers nothing beyond the horizon",
			from: date(2027, 1, 5), to: date(2027, 3, 1), now: at(2026, 11, 5, 10, 15),
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertStarts(t, slots.Generate(r, tt.from, tt.to, tt.now, nil, cz.IsHoliday), tt.want)
		})
	}
}

func TestGenerateMaxPerDay(t *testing.T) {
	r := weekdayExpert()
	r.MaxPerDay = 2
	tests := []struct {
		name   string
		booked []time.Time
		want   []time.Time
	}{
		{
			name:   "closes a day that has reached the cap and leaves other days alone",
			booked: []time.Time{at(2026, 12, 1, 9, 0), at(2026, 12, 1, 13, 0)},
			want:   slices.Concat(day(2), day(3)),
		},
		{
			name:   "keeps a day below the cap open apart from the booked slot",
			booked: []time.Time{at(2026, 12, 1, 9, 0)},
			want:   slices.Concat(day(1)[1:], day(2), day(3)),
		},
		{
			name:   "counts a booking after midnight towards the next Prague day",
			booked: []time.Time{at(2026, 12, 1, 9, 0), at(2026, 12, 2, 0, 30)},
			want:   slices.Concat(day(1)[1:], day(2), day(3)),
		},
		{
			name:   "counts bookings made outside working hours",
			booked: []time.Time{at(2026, 12, 2, 7, 0), at(2026, 12, 2, 18, 0)},
			want:   slices.Concat(day(1), day(3)),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var booked []slots.Booked
			for _, s := range tt.booked {
				booked = append(booked, booking(r, s))
			}
			assertStarts(t, slots.Generate(r, date(2026, 12, 1), date(2026, 12, 3), early, booked, cz.IsHoliday), tt.want)
		})
	}

	t.Run("puts no cap on a day when the cap is zero", func(t *testing.T) {
		uncapped := weekdayExpert()
		booked := []slots.Booked{booking(uncapped, at(2026, 12, 1, 9, 0)), booking(uncapped, at(2026, 12, 1, 13, 0))}
		got := slots.Generate(uncapped, date(2026, 12, 1), date(2026, 12, 1), early, booked, cz.IsHoliday)
		assertStarts(t, got, []time.Time{at(2026, 12, 1, 10, 15), at(2026, 12, 1, 14, 15)})
	})
}

func TestCountOnDay(t *testing.T) {
	r := weekdayExpert()
	booked := []slots.Booked{
		booking(r, at(2026, 12, 1, 9, 0)),
		booking(r, at(2026, 12, 1, 23, 30)),
		booking(r, at(2026, 12, 2, 0, 30)), // 1 December 23:30 UTC
		booking(r, at(2026, 12, 3, 10, 15)),
	}
	tests := []struct {
		name string
		day  cz.Date
		want int
	}{
		{"counts bookings up to Prague midnight", date(2026, 12, 1), 2},
		{"counts a booking by its Prague date, not its UTC date", date(2026, 12, 2), 1},
		{"counts a single booking", date(2026, 12, 3), 1},
		{"counts nothing on a free day", date(2026, 12, 4), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := slots.CountOnDay(booked, tt.day); got != tt.want {
				t.Errorf("CountOnDay(%v) = %d, want %d", tt.day, got, tt.want)
			}
		})
	}
}

func TestIsFree(t *testing.T) {
	r := weekdayExpert()
	booked := []slots.Booked{booking(r, at(2026, 12, 2, 10, 15))}
	tests := []struct {
		name  string
		start time.Time
		now   time.Time
		want  bool
	}{
		{"accepts a generated slot", at(2026, 12, 1, 10, 15), early, true},
		{"accepts a generated slot given in UTC", utc(2026, 12, 1, 9, 15), early, true},
		{"rejects a time between slots", at(2026, 12, 1, 9, 30), early, false},
		{"rejects a time outside working hours", at(2026, 12, 1, 17, 0), early, false},
		{"rejects a booked slot", at(2026, 12, 2, 10, 15), early, false},
		{"rejects a slot on a holiday", at(2026, 10, 28, 9, 0), at(2026, 10, 1, 12, 0), false},
		{"rejects a slot inside the notice period", at(2026, 12, 1, 9, 0), at(2026, 11, 30, 10, 0), false},
		{"rejects a slot beyond the horizon", at(2027, 2, 1, 9, 0), early, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := slots.IsFree(r, tt.start, tt.now, booked, cz.IsHoliday); got != tt.want {
				t.Errorf("IsFree(%v) = %v, want %v", tt.start, got, tt.want)
			}
		})
	}
}

func TestDefaultRules(t *testing.T) {
	r := slots.DefaultRules()
	tests := []struct {
		name      string
		got, want time.Duration
	}{
		{"slots last 60 minutes by default", r.SlotLength, 60 * time.Minute},
		{"the buffer is 15 minutes by default", r.Buffer, 15 * time.Minute},
		{"the notice is 24 hours by default", r.Notice, 24 * time.Hour},
		{"the horizon is 60 days by default", r.Horizon, 60 * 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
	t.Run("has no cap per day and no working hours", func(t *testing.T) {
		if r.MaxPerDay != 0 || len(r.Weekly) != 0 || r.Weekly == nil {
			t.Errorf("got MaxPerDay %d and Weekly %v, want 0 and an empty non-nil map", r.MaxPerDay, r.Weekly)
		}
	})
}

func TestLocalRangeJSON(t *testing.T) {
	t.Run("marshals as zero-padded wall-clock times", func(t *testing.T) {
		got, err := json.Marshal([]slots.LocalRange{{From: 9 * 60, To: 12 * 60}, {From: 13*60 + 30, To: 24 * 60}})
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if want := `[{"from":"09:00","to":"12:00"},{"from":"13:30","to":"24:00"}]`; string(got) != want {
			t.Errorf("Marshal = %s, want %s", got, want)
		}
	})

	tests := []struct {
		name    string
		input   string
		want    slots.LocalRange
		wantErr bool
	}{
		{"reads a morning range", `{"from":"09:00","to":"12:00"}`, slots.LocalRange{From: 540, To: 720}, false},
		{"reads a range to the end of the day", `{"from":"18:45","to":"24:00"}`, slots.LocalRange{From: 1125, To: 1440}, false},
		{"rejects an hour without a leading zero", `{"from":"9:00","to":"12:00"}`, slots.LocalRange{}, true},
		{"rejects minute 60", `{"from":"09:60","to":"12:00"}`, slots.LocalRange{}, true},
		{"rejects hour 25", `{"from":"09:00","to":"25:00"}`, slots.LocalRange{}, true},
		{"rejects a time after 24:00", `{"from":"09:00","to":"24:30"}`, slots.LocalRange{}, true},
		{"rejects words", `{"from":"noon","to":"12:00"}`, slots.LocalRange{}, true},
		{"rejects a missing bound", `{"from":"09:00"}`, slots.LocalRange{}, true},
		{"rejects numbers", `{"from":540,"to":720}`, slots.LocalRange{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got slots.LocalRange
			err := json.Unmarshal([]byte(tt.input), &got)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Unmarshal(%s) error = %v, want error %v", tt.input, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Unmarshal(%s) = %v, want %v", tt.input, got, tt.want)
			}
		})
	}
}

func BenchmarkGenerate(b *testing.B) {
	r := weekdayExpert()
	now := at(2026, 9, 1, 8, 0)
	from, to := cz.DateOf(now), cz.DateOf(now).AddDays(60)

	// 500 bookings spread over the 60 days at quarter hours during the day,
	// most of them clashing with slots.
	booked := make([]slots.Booked, 500)
	for i := range booked {
		d := from.AddDays(i % 60)
		booked[i] = booking(r, d.At(8*60+(i*7%36)*15))
	}

	b.ReportAllocs()
	for b.Loop() {
		slots.Generate(r, from, to, now, booked, cz.IsHoliday)
	}
}
