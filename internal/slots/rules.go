package slots

import (
	"encoding/json"
	"fmt"
	"time"
)

// Defaults for an expert's booking rules.
const (
	DefaultSlotLength = 60 * time.Minute
	DefaultBuffer     = 15 * time.Minute
	DefaultNotice     = 24 * time.Hour
	DefaultHorizon    = 60 * 24 * time.Hour
)

// LocalRange is a range of wall-clock time in Europe/Prague, in minutes
// after local midnight: 9:00–12:00 is {From: 540, To: 720}. To may be 1440
// (24:00, the end of the day).
//
// In JSON it is written as {"from":"09:00","to":"12:00"}.
type LocalRange struct {
	From int
	To   int
}

// String returns the range as "09:00–12:00".
func (r LocalRange) String() string {
	return formatClock(r.From) + "–" + formatClock(r.To)
}

type localRangeJSON struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// MarshalJSON writes r as {"from":"09:00","to":"12:00"}.
func (r LocalRange) MarshalJSON() ([]byte, error) {
	return json.Marshal(localRangeJSON{From: formatClock(r.From), To: formatClock(r.To)})
}

// UnmarshalJSON reads {"from":"09:00","to":"12:00"}. Each time must be
// "HH:MM" between "00:00" and "24:00"; whether From is before To is left
// to validation.
func (r *LocalRange) UnmarshalJSON(data []byte) error {
	var raw localRangeJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	from, err := parseClock(raw.From)
	if err != nil {
		return err
	}
	to, err := parseClock(raw.To)
	if err != nil {
		return err
	}
	*r = LocalRange{From: from, To: to}
	return nil
}

// formatClock writes minutes after midnight as "HH:MM".
func formatClock(m int) string {
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// parseClock reads "HH:MM" (00:00 to 24:00) as minutes after midnight.
func parseClock(s string) (int, error) {
	if len(s) != 5 || s[2] != ':' || !isDigits(s[:2]) || !isDigits(s[3:]) {
		return 0, fmt.Errorf("slots: invalid time of day %q, want HH:MM", s)
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if h > 24 || m > 59 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("slots: invalid time of day %q, want 00:00 to 24:00", s)
	}
	return h*60 + m, nil
}

func isDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Rules are an expert's booking rules.
type Rules struct {
	// Weekly holds the working hours for each day of the week, in
	// Europe/Prague wall-clock time. A day without ranges has no slots.
	Weekly map[time.Weekday][]LocalRange
	// TimeOff lists periods in which no consultation may take place.
	TimeOff []Interval
	// SlotLength is the length of one consultation.
	SlotLength time.Duration
	// Buffer is the free time kept after each consultation.
	Buffer time.Duration
	// Notice is how long before its start a slot can be booked at the
	// latest.
	Notice time.Duration
	// Horizon is how far ahead a slot can be booked.
	Horizon time.Duration
	// MaxPerDay caps the consultations on one Prague day; 0 means no cap.
	MaxPerDay int
}

// DefaultRules returns rules with the default slot length (60 minutes),
// buffer (15 minutes), notice (24 hours) and horizon (60 days), no cap per
// day and no working hours yet.
func DefaultRules() Rules {
	return Rules{
		Weekly:     map[time.Weekday][]LocalRange{},
		SlotLength: DefaultSlotLength,
		Buffer:     DefaultBuffer,
		Notice:     DefaultNotice,
		Horizon:    DefaultHorizon,
	}
}

// Booked is an existing booking as the slot generator sees it.
type Booked struct {
	// Start is when the consultation starts; it decides the Prague day the
	// booking counts towards for Rules.MaxPerDay.
	Start time.Time
	// Claim is the time the booking holds, as computed by ClaimInterval
	// when it was made.
	Claim Interval
}
