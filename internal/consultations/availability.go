package consultations

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/slots"
	"github.com/mpsv/brana/internal/validation"
)

// Defaults for a new expert's availability (the programme's booking rules).
const (
	DefaultSlotMinutes   = 60
	DefaultBufferMinutes = 15
	DefaultNoticeHours   = 24
	DefaultHorizonDays   = 60
	DefaultMaxPerDay     = 0 // no cap unless the expert sets one
)

// Availability is when an expert can be booked. Working hours are wall-clock
// times in Europe/Prague; time off is absolute.
type Availability struct {
	Weekly      map[time.Weekday][]slots.LocalRange
	TimeOff     []TimeOff
	Slot        time.Duration
	Buffer      time.Duration
	Notice      time.Duration
	HorizonDays int
	MaxPerDay   int // 0 = no cap
}

// TimeOff is a period the expert is away, [From, To).
type TimeOff struct {
	From, To time.Time
	Label    string
}

// DefaultAvailability returns the defaults with no working hours.
func DefaultAvailability() Availability {
	return Availability{
		Weekly:      map[time.Weekday][]slots.LocalRange{},
		Slot:        DefaultSlotMinutes * time.Minute,
		Buffer:      DefaultBufferMinutes * time.Minute,
		Notice:      DefaultNoticeHours * time.Hour,
		HorizonDays: DefaultHorizonDays,
		MaxPerDay:   DefaultMaxPerDay,
	}
}

// Rules converts availability to the slot generator's rules.
func (a Availability) Rules() slots.Rules {
	r := slots.Rules{
		Weekly:     a.Weekly,
		SlotLength: a.Slot,
		Buffer:     a.Buffer,
		Notice:     a.Notice,
		Horizon:    time.Duration(a.HorizonDays) * 24 * time.Hour,
		MaxPerDay:  a.MaxPerDay,
	}
	for _, t := range a.TimeOff {
		r.TimeOff = append(r.TimeOff, slots.Interval{Start: t.From, End: t.To})
	}
	return r
}

// Weekday keys as the API spells them, Monday first.
type weekdayKey struct {
	key string
	day time.Weekday
}

var weekdayKeys = []weekdayKey{
	{"mon", time.Monday}, {"tue", time.Tuesday}, {"wed", time.Wednesday}, {"thu", time.Thursday},
	{"fri", time.Friday}, {"sat", time.Saturday}, {"sun", time.Sunday},
}

// AvailabilityInput is availability as the API reads and writes it.
type AvailabilityInput struct {
	Weekly        map[string][]RangeInput `json:"weekly"`
	TimeOff       []TimeOffInput          `json:"timeOff" validate:"max=200,dive"`
	SlotMinutes   *int                    `json:"slotMinutes" validate:"omitempty,min=15,max=180"`
	BufferMinutes *int                    `json:"bufferMinutes" validate:"omitempty,min=0,max=120"`
	NoticeHours   *int                    `json:"noticeHours" validate:"omitempty,min=0,max=720"`
	HorizonDays   *int                    `json:"horizonDays" validate:"omitempty,min=1,max=365"`
	MaxPerDay     *int                    `json:"maxPerDay" validate:"omitempty,min=0,max=24"`
}

// RangeInput is one working interval, "09:00"–"12:00".
type RangeInput struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// TimeOffInput is a period away: whole days ("2026-12-24" to "2026-12-31",
// both inclusive), local date-times in Prague ("2026-12-01T12:00" to
// "2026-12-01T15:00") or RFC 3339 instants.
type TimeOffInput struct {
	From  string `json:"from" validate:"required"`
	To    string `json:"to" validate:"required"`
	Label string `json:"label,omitempty" validate:"max=200,line"`
}

// CheckFields reports every rule the input breaks (httpapi.FieldChecker).
func (in AvailabilityInput) CheckFields() error {
	_, err := in.Parse()
	return err
}

// Parse validates the input and applies defaults for absent values.
func (in AvailabilityInput) Parse() (Availability, error) {
	a := DefaultAvailability()
	var fields []apperr.FieldError
	if err := validation.Struct(in); err != nil {
		e, ok := apperr.As(err)
		if !ok {
			return Availability{}, err
		}
		fields = append(fields, e.Fields...) // and go on: report every broken rule at once
	}
	setMinutes := func(dst *time.Duration, v *int, unit time.Duration, field, within string) {
		if v == nil {
			return
		}
		if within != "" && *v%15 != 0 {
			fields = append(fields, apperr.Field(field, "minutes", within))
			return
		}
		*dst = time.Duration(*v) * unit
	}
	setMinutes(&a.Slot, in.SlotMinutes, time.Minute, "slotMinutes", "15–180")
	setMinutes(&a.Buffer, in.BufferMinutes, time.Minute, "bufferMinutes", "0–120")
	setMinutes(&a.Notice, in.NoticeHours, time.Hour, "noticeHours", "")
	if in.HorizonDays != nil {
		a.HorizonDays = *in.HorizonDays
	}
	if in.MaxPerDay != nil {
		a.MaxPerDay = *in.MaxPerDay
	}

	for key := range in.Weekly {
		if !slices.ContainsFunc(weekdayKeys, func(w weekdayKey) bool { return w.key == key }) {
			fields = append(fields, apperr.Field("weekly."+key, "unknown"))
		}
	}
	for _, w := range weekdayKeys {
		ranges := in.Weekly[w.key]
		var parsed []slots.LocalRange
		for i, r := range ranges {
			field := fmt.Sprintf("weekly.%s[%d]", w.key, i)
			from, okFrom := parseClock(r.From)
			to, okTo := parseClock(r.To)
			switch {
			case !okFrom:
				fields = append(fields, apperr.Field(field+".from", "clock"))
			case !okTo:
				fields = append(fields, apperr.Field(field+".to", "clock"))
			case from >= to:
				fields = append(fields, apperr.Field(field, "range"))
			default:
				parsed = append(parsed, slots.LocalRange{From: from, To: to})
			}
		}
		sort.Slice(parsed, func(i, j int) bool { return parsed[i].From < parsed[j].From })
		for i := 1; i < len(parsed); i++ {
			if parsed[i].From < parsed[i-1].To {
				fields = append(fields, apperr.Field("weekly."+w.key, "overlap"))
				break
			}
		}
		if len(parsed) > 0 {
			a.Weekly[w.day] = parsed
		}
	}
	for i, t := range in.TimeOff {
		field := fmt.Sprintf("timeOff[%d]", i)
		from, to, err := parseTimeOff(t.From, t.To)
		if err != nil {
			fields = append(fields, apperr.Field(field, err.Error()))
			continue
		}
		a.TimeOff = append(a.TimeOff, TimeOff{From: from, To: to, Label: t.Label})
	}
	if len(fields) > 0 {
		return Availability{}, apperr.InvalidFields(fields...)
	}
	return a, nil
}

// Input renders availability the way the API shows it.
func (a Availability) Input() AvailabilityInput {
	in := AvailabilityInput{Weekly: map[string][]RangeInput{}, TimeOff: []TimeOffInput{}}
	for _, w := range weekdayKeys {
		for _, r := range a.Weekly[w.day] {
			in.Weekly[w.key] = append(in.Weekly[w.key], RangeInput{From: formatClock(r.From), To: formatClock(r.To)})
		}
	}
	for _, t := range a.TimeOff {
		in.TimeOff = append(in.TimeOff, TimeOffInput{
			From: t.From.UTC().Format(time.RFC3339), To: t.To.UTC().Format(time.RFC3339), Label: t.Label,
		})
	}
	slot, buffer := int(a.Slot/time.Minute), int(a.Buffer/time.Minute)
	notice, horizon, perDay := int(a.Notice/time.Hour), a.HorizonDays, a.MaxPerDay
	in.SlotMinutes, in.BufferMinutes, in.NoticeHours, in.HorizonDays, in.MaxPerDay = &slot, &buffer, &notice, &horizon, &perDay
	return in
}

// parseClock reads "HH:MM" on a quarter hour, 00:00–24:00, as minutes.
func parseClock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if h < 0 || h > 24 || m < 0 || m > 59 || m%15 != 0 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

func formatClock(min int) string { return fmt.Sprintf("%02d:%02d", min/60, min%60) }

// parseTimeOff reads a time-off period; the error text is the field rule.
func parseTimeOff(fromS, toS string) (time.Time, time.Time, error) {
	fromDate, errF := cz.ParseDate(fromS)
	toDate, errT := cz.ParseDate(toS)
	if errF == nil && errT == nil {
		if toDate.Before(fromDate) {
			return time.Time{}, time.Time{}, fmt.Errorf("range")
		}
		return fromDate.Start().UTC(), toDate.AddDays(1).Start().UTC(), nil
	}
	from, okF := parseInstant(fromS)
	to, okT := parseInstant(toS)
	if !okF || !okT {
		return time.Time{}, time.Time{}, fmt.Errorf("datetime")
	}
	if !from.Before(to) {
		return time.Time{}, time.Time{}, fmt.Errorf("range")
	}
	return from.UTC(), to.UTC(), nil
}

// parseInstant reads RFC 3339 or a local Prague date-time "2006-01-02T15:04".
func parseInstant(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(s), cz.Prague); err == nil {
		return t, true
	}
	return time.Time{}, false
}
