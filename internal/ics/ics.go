// Package ics builds and reads the iCalendar (RFC 5545) invitations that Brána
// attaches to its e-mails (today the consultation e-mails of
// internal/consultations/consultmail), following the iMIP/iTIP conventions
// (RFC 6047, RFC 5546) that mail clients use to put an event into a calendar,
// move it, or remove it.
//
// The calendar text is produced by github.com/arran4/golang-ical, which handles
// TEXT escaping, folding at 75 octets (without splitting UTF-8 sequences) and,
// when asked, CRLF line ends. The library has no helper for a DAYLIGHT
// sub-component or for local times with a TZID, so those are set through its
// generic property API; nothing here writes iCalendar text by hand.
package ics

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Prague must resolve on Lambda images without zoneinfo.

	ical "github.com/arran4/golang-ical"

	brmail "github.com/mpsv/brana/internal/mail"
)

// Method is the iTIP method of a calendar object (RFC 5546, section 1.4).
type Method string

const (
	// MethodRequest creates or updates the event in the recipient's calendar.
	MethodRequest Method = "REQUEST"
	// MethodCancel removes the event from the recipient's calendar.
	MethodCancel Method = "CANCEL"
	// MethodPublish is a calendar file to import ("add to calendar"), not
	// an invitation to answer.
	MethodPublish Method = "PUBLISH"
)

// TZID is the time zone in which event times are written.
const TZID = "Europe/Prague"

// ProdID identifies Brána as the producer of the calendar object.
const ProdID = "-//MPSV//Brana//CS"

const localFormat = "20060102T150405"

var prague = mustLoad(TZID)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(fmt.Sprintf("ics: load %s: %v (time/tzdata is embedded, so this cannot happen)", name, err))
	}
	return loc
}

// Participant is a calendar user: the organizer or an attendee.
type Participant struct {
	Name  string
	Email string
}

// EventInput describes one event to be sent as an invitation or cancellation.
type EventInput struct {
	Method Method
	// UID identifies the event across all messages about it, for example
	// "<bookingID>@brana.mpsv.cz". It must stay the same for every update and
	// for the cancellation, or clients will create a second event.
	UID string
	// Sequence is the revision; a client applies a message only when its
	// sequence is not lower than the one it already holds.
	Sequence int
	// Stamp is when the message was created (DTSTAMP); written in UTC.
	Stamp time.Time
	// Start and End are written as local times in Europe/Prague.
	Start, End  time.Time
	Summary     string
	Description string
	Location    string
	Organizer   Participant
	Attendees   []Participant
	// URL is optional, for example the page where the booking can be managed.
	URL string
}

// Event returns the calendar object for e: a VCALENDAR with METHOD, the
// Europe/Prague VTIMEZONE and one VEVENT, with CRLF line ends and lines folded
// at 75 octets.
func Event(e EventInput) ([]byte, error) {
	return Events([]EventInput{e})
}

// Events returns one calendar object with a VEVENT for each of es (for
// example the sessions of a two-day event, each with its own UID), which
// must all have the same method.
func Events(es []EventInput) ([]byte, error) {
	if len(es) == 0 {
		return nil, errors.New("calendar without events")
	}
	for _, e := range es {
		if err := validate(e); err != nil {
			return nil, err
		}
		if e.Method != es[0].Method {
			return nil, fmt.Errorf("calendar %s: method %s differs from %s", e.UID, e.Method, es[0].Method)
		}
	}

	cal := ical.NewCalendarFor("MPSV")
	cal.SetProductId(ProdID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ical.Method(es[0].Method))
	cal.AddVTimezone(pragueTimezone())
	for _, e := range es {
		addEvent(cal, e)
	}

	var buf bytes.Buffer
	if err := cal.SerializeTo(&buf, ical.WithNewLineWindows); err != nil {
		return nil, fmt.Errorf("serialize calendar %s: %w", es[0].UID, err)
	}
	return buf.Bytes(), nil
}

func addEvent(cal *ical.Calendar, e EventInput) {
	ev := cal.AddEvent(e.UID)
	ev.SetDtStampTime(e.Stamp)
	ev.SetSequence(e.Sequence)
	ev.SetProperty(ical.ComponentPropertyDtStart, e.Start.In(prague).Format(localFormat), ical.WithTZID(TZID))
	ev.SetProperty(ical.ComponentPropertyDtEnd, e.End.In(prague).Format(localFormat), ical.WithTZID(TZID))
	if s := cleanText(e.Summary); s != "" {
		ev.SetSummary(s)
	}
	if s := cleanText(e.Description); s != "" {
		ev.SetDescription(s)
	}
	if s := cleanText(e.Location); s != "" {
		ev.SetLocation(s)
	}
	if e.URL != "" {
		ev.SetURL(e.URL)
	}
	if e.Method == MethodCancel {
		ev.SetStatus(ical.ObjectStatusCancelled)
	} else {
		ev.SetStatus(ical.ObjectStatusConfirmed)
	}
	ev.SetTimeTransparency(ical.TransparencyOpaque)
	ev.SetOrganizer(e.Organizer.Email, cnParams(e.Organizer.Name)...)
	for _, a := range e.Attendees {
		params := append(cnParams(a.Name),
			ical.ParticipationRoleReqParticipant,
			// Upper case as in RFC 5545; ical.WithRSVP writes "false".
			&ical.KeyValues{Key: string(ical.ParameterRsvp), Value: []string{"FALSE"}},
		)
		ev.AddAttendee(a.Email, params...)
	}
}

// pragueTimezone describes Europe/Prague as observed since 1996 (EU summer
// time rules): CEST from the last Sunday of March at 02:00, CET from the last
// Sunday of October at 03:00.
func pragueTimezone() *ical.VTimezone {
	tz := ical.NewTimezone(TZID)
	std := tz.AddStandard()
	setTransition(&std.ComponentBase, "19701025T030000", "+0200", "+0100", "CET", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
	dst := &ical.Daylight{}
	setTransition(&dst.ComponentBase, "19700329T020000", "+0100", "+0200", "CEST", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
	tz.Components = append(tz.Components, dst)
	return tz
}

func setTransition(c *ical.ComponentBase, start, from, to, name, rrule string) {
	c.SetProperty(ical.ComponentPropertyDtStart, start)
	c.SetProperty(ical.ComponentProperty(ical.PropertyTzoffsetfrom), from)
	c.SetProperty(ical.ComponentProperty(ical.PropertyTzoffsetto), to)
	c.SetProperty(ical.ComponentProperty(ical.PropertyTzname), name)
	c.AddRrule(rrule)
}

func validate(e EventInput) error {
	switch e.Method {
	case MethodRequest, MethodCancel, MethodPublish:
	default:
		return fmt.Errorf("unsupported calendar method %q", e.Method)
	}
	if e.UID == "" || strings.ContainsFunc(e.UID, isControlOrSpace) {
		return fmt.Errorf("invalid calendar UID %q", e.UID)
	}
	if e.Sequence < 0 {
		return fmt.Errorf("calendar %s: negative sequence %d", e.UID, e.Sequence)
	}
	if e.Stamp.IsZero() {
		return fmt.Errorf("calendar %s: missing stamp", e.UID)
	}
	if e.Start.IsZero() || !e.End.After(e.Start) {
		return fmt.Errorf("calendar %s: end %s is not after start %s", e.UID, e.End, e.Start)
	}
	// Addresses and the URL are written without escaping (CAL-ADDRESS and
	// URI values), so anything that could break the content line is refused.
	// The error does not repeat the address: it is personal data.
	if err := checkEmail(e.Organizer.Email); err != nil {
		return fmt.Errorf("calendar %s: organizer: %w", e.UID, err)
	}
	for i, a := range e.Attendees {
		if err := checkEmail(a.Email); err != nil {
			return fmt.Errorf("calendar %s: attendee %d: %w", e.UID, i, err)
		}
	}
	if e.URL != "" {
		u, err := url.Parse(e.URL)
		if err != nil || !u.IsAbs() || strings.ContainsFunc(e.URL, isControlOrSpace) {
			return fmt.Errorf("calendar %s: invalid URL", e.UID)
		}
	}
	return nil
}

var errBadEmail = errors.New("invalid e-mail address")

// checkEmail applies Brána's one address rule (internal/mail.ValidAddress).
func checkEmail(s string) error {
	if !brmail.ValidAddress(s) {
		return errBadEmail
	}
	return nil
}

func isControlOrSpace(r rune) bool {
	return r <= ' ' || r == 0x7f
}

// cleanText normalises line ends and drops control characters other than
// newline and tab; the library escapes newlines but would pass a bare CR
// through into the content line.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// cnParams returns the CN parameter for a display name, or none for an empty
// one.
//
// RFC 5545 requires a parameter value holding ',', ';' or ':' to be quoted,
// but golang-ical v0.3.4 backslash-escapes such characters (and '\” and '"')
// instead, which other parsers read as a literal backslash or as the end of
// the value. Those characters are therefore replaced before the name reaches
// the library: the CN is only a display label, the address is what matters.
func cnParams(name string) []ical.PropertyParameter {
	cn := cnReplacer.Replace(cleanText(name))
	cn = strings.Join(strings.FieldsFunc(cn, isControlOrSpace), " ")
	if cn == "" {
		return nil
	}
	return []ical.PropertyParameter{ical.WithCN(cn)}
}

var cnReplacer = strings.NewReplacer(
	",", " ",
	";", " ",
	":", " ",
	`\`, " ",
	`"`, "",
	"'", "\u2019",
)

// Parsed is what Parse reads back from a calendar object.
type Parsed struct {
	Method   Method
	UID      string
	Sequence int
	Status   string
	// Start and End are absolute times, located in Europe/Prague when the
	// object names that zone.
	Start, End  time.Time
	Summary     string
	Description string
	Location    string
	URL         string
	Organizer   Participant
	Attendees   []Participant
}

// Parse reads a calendar object with exactly one VEVENT, such as one made by
// Event. It is meant for tests and diagnostics.
func Parse(b []byte) (Parsed, error) {
	all, err := ParseAll(b)
	if err != nil {
		return Parsed{}, err
	}
	if len(all) != 1 {
		return Parsed{}, fmt.Errorf("parse calendar: got %d events, want 1", len(all))
	}
	return all[0], nil
}

// ParseAll reads every VEVENT of a calendar object, such as one made by
// Events, in order. It is meant for tests and diagnostics.
func ParseAll(b []byte) ([]Parsed, error) {
	cal, err := ical.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("parse calendar: %w", err)
	}
	var method Method
	for _, prop := range cal.CalendarProperties {
		if prop.IANAToken == string(ical.PropertyMethod) {
			method = Method(prop.Value)
		}
	}
	var out []Parsed
	for _, ev := range cal.Events() {
		p := Parsed{Method: method, UID: ev.Id()}
		if prop := ev.GetProperty(ical.ComponentPropertySequence); prop != nil {
			if p.Sequence, err = strconv.Atoi(prop.Value); err != nil {
				return nil, fmt.Errorf("parse calendar %s: sequence: %w", p.UID, err)
			}
		}
		if p.Start, err = ev.GetStartAt(); err != nil {
			return nil, fmt.Errorf("parse calendar %s: start: %w", p.UID, err)
		}
		if p.End, err = ev.GetEndAt(); err != nil {
			return nil, fmt.Errorf("parse calendar %s: end: %w", p.UID, err)
		}
		p.Status = value(ev, ical.ComponentPropertyStatus)
		p.Summary = value(ev, ical.ComponentPropertySummary)
		p.Description = value(ev, ical.ComponentPropertyDescription)
		p.Location = value(ev, ical.ComponentPropertyLocation)
		p.URL = value(ev, ical.ComponentPropertyUrl)
		if prop := ev.GetProperty(ical.ComponentPropertyOrganizer); prop != nil {
			p.Organizer = participant(prop.BaseProperty)
		}
		for _, a := range ev.Attendees() {
			p.Attendees = append(p.Attendees, participant(a.BaseProperty))
		}
		out = append(out, p)
	}
	return out, nil
}

func value(ev *ical.VEvent, prop ical.ComponentProperty) string {
	if p := ev.GetProperty(prop); p != nil {
		return p.Value
	}
	return ""
}

func participant(p ical.BaseProperty) Participant {
	var cn string
	if v := p.ICalParameters[string(ical.ParameterCn)]; len(v) > 0 {
		cn = v[0]
	}
	email := p.Value
	if len(email) >= len("mailto:") && strings.EqualFold(email[:len("mailto:")], "mailto:") {
		email = email[len("mailto:"):]
	}
	return Participant{Name: cn, Email: email}
}
