package ics_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/arran4/golang-ical"

	"github.com/mpsv/brana/internal/ics"
)

var prague = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Prague")
	if err != nil {
		panic(err)
	}
	return loc
}()

func input() ics.EventInput {
	start := time.Date(2026, 12, 1, 9, 30, 0, 0, prague)
	return ics.EventInput{
		Method:      ics.MethodRequest,
		UID:         "01JBOOKING@brana.mpsv.cz",
		Sequence:    0,
		Stamp:       time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC),
		Start:       start,
		End:         start.Add(time.Hour),
		Summary:     "Konzultace – Řeřichová",
		Description: "Forma: v místě poskytovatele\nTéma: Transformační plán",
		Location:    "Domov Kopretina, Strojírenská 6, 591 01 Žďár nad Sázavou",
		Organizer:   ics.Participant{Name: "Brána MPSV", Email: "brana@mpsv.cz"},
		Attendees: []ics.Participant{
			{Name: "Jana Řeřichová", Email: "jana.rerichova@example.cz"},
			{Name: "Petr Dvořák", Email: "petr.dvorak@example.cz"},
		},
		URL: "https://brana.mpsv.cz/rezervace/01JBOOKING?t=abc",
	}
}

func mustEvent(t *testing.T, in ics.EventInput) []byte {
	t.Helper()
	b, err := ics.Event(in)
	if err != nil {
		t.Fatalf("Event: got error %v, want nil", err)
	}
	return b
}

func mustParse(t *testing.T, b []byte) ics.Parsed {
	t.Helper()
	p, err := ics.Parse(b)
	if err != nil {
		t.Fatalf("Parse: got error %v, want nil\n%s", err, b)
	}
	return p
}

func TestEventWritesLocalPragueTimes(t *testing.T) {
	tests := []struct {
		name      string
		start     time.Time
		wantLine  string
		wantUTC   time.Time
		wantZone  string
		wantLocal string
	}{
		{
			name:      "summer time start is written as 09:00 local and means 07:00 UTC",
			start:     time.Date(2026, 3, 30, 9, 0, 0, 0, prague),
			wantLine:  "DTSTART;TZID=Europe/Prague:20260330T090000",
			wantUTC:   time.Date(2026, 3, 30, 7, 0, 0, 0, time.UTC),
			wantZone:  "CEST",
			wantLocal: "09:00",
		},
		{
			name:      "winter time start is written as 09:00 local and means 08:00 UTC",
			start:     time.Date(2026, 10, 26, 9, 0, 0, 0, prague),
			wantLine:  "DTSTART;TZID=Europe/Prague:20261026T090000",
			wantUTC:   time.Date(2026, 10, 26, 8, 0, 0, 0, time.UTC),
			wantZone:  "CET",
			wantLocal: "09:00",
		},
		{
			name:      "a start given in UTC is converted to Prague local time",
			start:     time.Date(2026, 7, 1, 12, 15, 0, 0, time.UTC),
			wantLine:  "DTSTART;TZID=Europe/Prague:20260701T141500",
			wantUTC:   time.Date(2026, 7, 1, 12, 15, 0, 0, time.UTC),
			wantZone:  "CEST",
			wantLocal: "14:15",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input()
			in.Start, in.End = tt.start, tt.start.Add(90*time.Minute)
			b := mustEvent(t, in)
			if !bytes.Contains(b, []byte(tt.wantLine+"\r\n")) {
				t.Errorf("got calendar without %q:\n%s", tt.wantLine, b)
			}
			p := mustParse(t, b)
			if !p.Start.Equal(tt.wantUTC) {
				t.Errorf("got start %s, want %s", p.Start.UTC(), tt.wantUTC)
			}
			if got := p.End.Sub(p.Start); got != 90*time.Minute {
				t.Errorf("got duration %s, want 1h30m", got)
			}
			if zone, _ := p.Start.Zone(); zone != tt.wantZone {
				t.Errorf("got parsed zone %s, want %s", zone, tt.wantZone)
			}
			if got := p.Start.Format("15:04"); got != tt.wantLocal {
				t.Errorf("got parsed local time %s, want %s", got, tt.wantLocal)
			}
		})
	}
}

func TestEventRoundTrips(t *testing.T) {
	tests := []struct {
		name       string
		method     ics.Method
		sequence   int
		wantStatus string
	}{
		{name: "request is confirmed", method: ics.MethodRequest, sequence: 0, wantStatus: "CONFIRMED"},
		{name: "request keeps a higher sequence", method: ics.MethodRequest, sequence: 3, wantStatus: "CONFIRMED"},
		{name: "cancel is cancelled", method: ics.MethodCancel, sequence: 2, wantStatus: "CANCELLED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input()
			in.Method, in.Sequence = tt.method, tt.sequence
			p := mustParse(t, mustEvent(t, in))
			if p.Method != tt.method {
				t.Errorf("got method %q, want %q", p.Method, tt.method)
			}
			if p.UID != in.UID {
				t.Errorf("got UID %q, want %q", p.UID, in.UID)
			}
			if p.Sequence != tt.sequence {
				t.Errorf("got sequence %d, want %d", p.Sequence, tt.sequence)
			}
			if p.Status != tt.wantStatus {
				t.Errorf("got status %q, want %q", p.Status, tt.wantStatus)
			}
			if !p.Start.Equal(in.Start) || !p.End.Equal(in.End) {
				t.Errorf("got %s–%s, want %s–%s", p.Start, p.End, in.Start, in.End)
			}
			if p.URL != in.URL {
				t.Errorf("got URL %q, want %q", p.URL, in.URL)
			}
			if p.Organizer != in.Organizer {
				t.Errorf("got organizer %+v, want %+v", p.Organizer, in.Organizer)
			}
			if len(p.Attendees) != len(in.Attendees) {
				t.Fatalf("got %d attendees, want %d", len(p.Attendees), len(in.Attendees))
			}
			for i := range in.Attendees {
				if p.Attendees[i] != in.Attendees[i] {
					t.Errorf("got attendee %d %+v, want %+v", i, p.Attendees[i], in.Attendees[i])
				}
			}
		})
	}
}

func TestEventKeepsCzechText(t *testing.T) {
	in := input()
	in.Summary = "Konzultace – Řeřichová"
	in.Location = "Žďár nad Sázavou; Nádražní 12, 2. patro"
	p := mustParse(t, mustEvent(t, in))
	if p.Summary != in.Summary {
		t.Errorf("got summary %q, want %q", p.Summary, in.Summary)
	}
	if p.Location != in.Location {
		t.Errorf("got location %q, want %q", p.Location, in.Location)
	}
	if p.Attendees[0].Name != "Jana Řeřichová" {
		t.Errorf("got attendee name %q, want %q", p.Attendees[0].Name, "Jana Řeřichová")
	}
}

func TestEventFormat(t *testing.T) {
	in := input()
	in.Description = strings.Repeat("Příliš žluťoučký kůň úpěl ďábelské ódy. ", 8)
	in.Attendees[0].Name = "Řeřichová, Jana"
	b := mustEvent(t, in)

	t.Run("every line ends with CRLF", func(t *testing.T) {
		if !bytes.HasSuffix(b, []byte("\r\n")) {
			t.Fatalf("got output ending %q, want CRLF", b[len(b)-2:])
		}
		if n, want := bytes.Count(b, []byte("\n")), bytes.Count(b, []byte("\r\n")); n != want {
			t.Errorf("got %d LF, want all %d to be preceded by CR", n, want)
		}
	})
	t.Run("lines are at most 75 octets and split no UTF-8 sequence", func(t *testing.T) {
		for i, line := range strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n") {
			if len(line) > 75 {
				t.Errorf("got line %d of %d octets, want ≤ 75: %q", i, len(line), line)
			}
			if !utf8.ValidString(line) {
				t.Errorf("got line %d with a split UTF-8 sequence: %q", i, line)
			}
		}
	})
	t.Run("long description is folded and unfolds unchanged", func(t *testing.T) {
		cal, err := ical.ParseCalendar(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		got := cal.Events()[0].GetProperty(ical.ComponentPropertyDescription).Value
		if want := strings.TrimSpace(in.Description); got != want {
			t.Errorf("got description %q, want %q", got, want)
		}
	})
	t.Run("starts with version, producer and method", func(t *testing.T) {
		want := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//MPSV//Brana//CS\r\nCALSCALE:GREGORIAN\r\nMETHOD:REQUEST\r\n"
		if !bytes.HasPrefix(b, []byte(want)) {
			t.Errorf("got start %q, want %q", b[:len(want)], want)
		}
	})
	t.Run("attendees are not asked to reply", func(t *testing.T) {
		if got := bytes.Count(b, []byte("RSVP=FALSE")); got != 2 {
			t.Errorf("got %d RSVP=FALSE, want 2", got)
		}
	})
	t.Run("a comma in a display name is not backslash-escaped", func(t *testing.T) {
		unfolded := strings.ReplaceAll(string(b), "\r\n ", "")
		for _, line := range strings.Split(unfolded, "\r\n") {
			if strings.HasPrefix(line, "ATTENDEE") && strings.Contains(line, `\`) {
				t.Errorf("got %q, want no backslash in the parameters", line)
			}
		}
		if p := mustParse(t, b); p.Attendees[0].Name != "Řeřichová Jana" {
			t.Errorf("got CN %q, want %q", p.Attendees[0].Name, "Řeřichová Jana")
		}
	})
	t.Run("a CR LF in text cannot start a new property", func(t *testing.T) {
		in := input()
		in.Summary = "Konzultace\r\nATTENDEE:mailto:x@example.com"
		in.Location = "Praha\rX-INJECTED:1"
		b := mustEvent(t, in)
		if bytes.Contains(b, []byte("\r\nATTENDEE:mailto:x@")) || bytes.Contains(b, []byte("\r\nX-INJECTED")) {
			t.Errorf("got injected property:\n%s", b)
		}
	})
}

func TestEventTimezone(t *testing.T) {
	cal, err := ical.ParseCalendar(bytes.NewReader(mustEvent(t, input())))
	if err != nil {
		t.Fatal(err)
	}
	tzs := cal.Timezones()
	if len(tzs) != 1 {
		t.Fatalf("got %d VTIMEZONE, want 1", len(tzs))
	}
	if got := tzs[0].GetProperty(ical.ComponentPropertyTzid).Value; got != "Europe/Prague" {
		t.Errorf("got TZID %q, want Europe/Prague", got)
	}
	want := map[string]map[string]string{
		"STANDARD": {"DTSTART": "19701025T030000", "TZOFFSETFROM": "+0200", "TZOFFSETTO": "+0100", "TZNAME": "CET", "RRULE": "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"},
		"DAYLIGHT": {"DTSTART": "19700329T020000", "TZOFFSETFROM": "+0100", "TZOFFSETTO": "+0200", "TZNAME": "CEST", "RRULE": "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"},
	}
	got := map[string]map[string]string{}
	for _, c := range tzs[0].Components {
		var kind string
		var base *ical.ComponentBase
		switch c := c.(type) {
		case *ical.Standard:
			kind, base = "STANDARD", &c.ComponentBase
		case *ical.Daylight:
			kind, base = "DAYLIGHT", &c.ComponentBase
		default:
			t.Fatalf("got unexpected component %T in VTIMEZONE", c)
		}
		got[kind] = map[string]string{}
		for _, p := range base.Properties {
			got[kind][p.IANAToken] = p.Value
		}
	}
	for kind, wantProps := range want {
		for k, v := range wantProps {
			if got[kind][k] != v {
				t.Errorf("got %s %s %q, want %q", kind, k, got[kind][k], v)
			}
		}
	}
}

// The VTIMEZONE rules are written by hand from the EU summer-time rule; this
// checks them against the Go time zone database for the programme's years.
func TestTimezoneRulesMatchTZDatabase(t *testing.T) {
	lastSunday := func(year int, month time.Month) time.Time {
		d := time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC) // last day of month
		return d.AddDate(0, 0, -int(d.Weekday()))
	}
	for year := 2023; year <= 2032; year++ {
		// 02:00 CET and 03:00 CEST are both 01:00 UTC.
		spring := lastSunday(year, time.March).Add(time.Hour)
		autumn := lastSunday(year, time.October).Add(time.Hour)
		for _, c := range []struct {
			at         time.Time
			before     string
			after      string
			transition string
		}{
			{spring, "CET", "CEST", "spring"},
			{autumn, "CEST", "CET", "autumn"},
		} {
			b, _ := c.at.Add(-time.Second).In(prague).Zone()
			a, _ := c.at.In(prague).Zone()
			if b != c.before || a != c.after {
				t.Errorf("%d %s at %s: got %s→%s, want %s→%s", year, c.transition, c.at, b, a, c.before, c.after)
			}
		}
	}
}

func TestEventRejectsBadInput(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*ics.EventInput)
	}{
		{"rejects an unknown method", func(e *ics.EventInput) { e.Method = "COUNTER" }},
		{"rejects an empty UID", func(e *ics.EventInput) { e.UID = "" }},
		{"rejects a UID with a line break", func(e *ics.EventInput) { e.UID = "a\r\nb@brana.mpsv.cz" }},
		{"rejects a negative sequence", func(e *ics.EventInput) { e.Sequence = -1 }},
		{"rejects a missing stamp", func(e *ics.EventInput) { e.Stamp = time.Time{} }},
		{"rejects an end before the start", func(e *ics.EventInput) { e.End = e.Start.Add(-time.Minute) }},
		{"rejects an empty organizer address", func(e *ics.EventInput) { e.Organizer.Email = "" }},
		{"rejects an attendee address with a line break", func(e *ics.EventInput) {
			e.Attendees[1].Email = "a@example.cz\r\nATTENDEE:mailto:b@example.cz"
		}},
		{"rejects a relative URL", func(e *ics.EventInput) { e.URL = "/rezervace/1" }},
		{"rejects a URL with a space", func(e *ics.EventInput) { e.URL = "https://brana.mpsv.cz/a b" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input()
			tt.modify(&in)
			b, err := ics.Event(in)
			if err == nil {
				t.Fatalf("got nil error and %d bytes, want an error", len(b))
			}
			if strings.Contains(err.Error(), "example.cz") {
				t.Errorf("got error %q naming an e-mail address, want none", err)
			}
		})
	}
}

func TestParseRejectsOtherShapes(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"rejects text that is not a calendar", "hello"},
		{"rejects a calendar without an event", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ics.Parse([]byte(tt.in)); err == nil {
				t.Errorf("got nil error, want an error")
			}
		})
	}
}

func TestEventsWritesOneEventEach(t *testing.T) {
	first := input()
	second := input()
	second.UID = "ws-R1-2@brana.mpsv.cz"
	second.Start = second.Start.AddDate(0, 0, 1)
	second.End = second.End.AddDate(0, 0, 1)
	first.UID = "ws-R1-1@brana.mpsv.cz"
	b, err := ics.Events([]ics.EventInput{first, second})
	if err != nil {
		t.Fatalf("Events: got error %v, want nil", err)
	}
	all, err := ics.ParseAll(b)
	if err != nil {
		t.Fatalf("ParseAll: %v", err)
	}
	if len(all) != 2 {
		t.Fatalf("got %d events, want 2", len(all))
	}
	for i, want := range []ics.EventInput{first, second} {
		if got := all[i]; got.UID != want.UID || !got.Start.Equal(want.Start) || got.Method != ics.MethodRequest {
			t.Errorf("event %d: got %s %s %s, want %s %s REQUEST", i, got.UID, got.Start, got.Method, want.UID, want.Start)
		}
	}
	if got := bytes.Count(b, []byte("BEGIN:VTIMEZONE")); got != 1 {
		t.Errorf("got %d VTIMEZONE, want one for both events", got)
	}
	if _, err := ics.Parse(b); err == nil {
		t.Error("Parse of two events: got nil error, want one event required")
	}

	t.Run("refuses mixed methods and no events", func(t *testing.T) {
		second.Method = ics.MethodCancel
		if _, err := ics.Events([]ics.EventInput{first, second}); err == nil {
			t.Error("mixed methods: got nil error")
		}
		if _, err := ics.Events(nil); err == nil {
			t.Error("no events: got nil error")
		}
	})
}
