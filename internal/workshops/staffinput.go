package workshops

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/validation"
)

// Limits of an event as staff enter it (the counts and sizes are the
// validate tags of the inputs below).
const (
	MaxSessionLength = 12 * time.Hour
	// DefaultCloseBefore is how long before the first session registration
	// closes unless staff set another time.
	DefaultCloseBefore = 24 * time.Hour
)

// TextInput is a one-line text in Czech (required) and English (optional).
type TextInput struct {
	CS string `json:"cs" validate:"required,max=200,line"`
	EN string `json:"en" validate:"max=200,line"`
}

// LongTextInput is a multi-line text in Czech (required) and English.
type LongTextInput struct {
	CS string `json:"cs" validate:"required,max=5000,text"`
	EN string `json:"en" validate:"max=5000,text"`
}

// OptionInput is one option of a choice question.
type OptionInput struct {
	CS string `json:"cs" validate:"required,max=200,line"`
	EN string `json:"en" validate:"max=200,line"`
}

// SessionInput is one session, as RFC 3339 date-times (any offset; stored
// in UTC, shown in Europe/Prague).
type SessionInput struct {
	Start time.Time `json:"start" validate:"required"`
	End   time.Time `json:"end" validate:"required"`
}

// VenueInput is where an in-person or hybrid event takes place.
type VenueInput struct {
	Name          string `json:"name" validate:"required,max=200,line"`
	Address       string `json:"address" validate:"required,max=500,text"`
	StepFree      bool   `json:"stepFree"`
	InductionLoop bool   `json:"inductionLoop"`
	Parking       string `json:"parking" validate:"max=300,line"`
	NearestStop   string `json:"nearestStop" validate:"max=200,line"`
}

// CapacityInput is the seats per seat kind.
type CapacityInput struct {
	InPerson int `json:"inPerson" validate:"gte=0,lte=5000"`
	Online   int `json:"online" validate:"gte=0,lte=5000"`
}

// QuestionInput is one custom question.
type QuestionInput struct {
	ID       string        `json:"id" validate:"omitempty,max=16,slug"`
	Kind     string        `json:"kind" validate:"required,oneof=short_text long_text single_choice multiple_choice yes_no"`
	Label    TextInput     `json:"label"`
	Options  []OptionInput `json:"options" validate:"max=20,dive"`
	Required bool          `json:"required"`
}

// EventInput is an event as staff create or replace it (PUT replaces
// every field).
type EventInput struct {
	Kind               string          `json:"kind" validate:"required,oneof=workshop forum seminar study_visit webinar"`
	Title              TextInput       `json:"title"`
	Description        LongTextInput   `json:"description"`
	Topics             []string        `json:"topics" validate:"required,min=1,max=8,unique,dive,topic"`
	TargetGroups       []string        `json:"targetGroups" validate:"required,min=1,unique,dive,target_group"`
	Region             string          `json:"region" validate:"required,region"`
	Sessions           []SessionInput  `json:"sessions" validate:"required,min=1,max=10,dive"`
	Mode               string          `json:"mode" validate:"required,oneof=in_person online hybrid"`
	Venue              *VenueInput     `json:"venue"`
	OnlineLink         string          `json:"onlineLink" validate:"max=500,line"`
	Capacity           CapacityInput   `json:"capacity"`
	RegistrationOpens  *time.Time      `json:"registrationOpens"`
	RegistrationCloses *time.Time      `json:"registrationCloses"`
	OrgLimit           int             `json:"orgLimit" validate:"gte=0,lte=1000"`
	Questions          []QuestionInput `json:"questions" validate:"max=10,dive"`
	Organiser          string          `json:"organiser" validate:"required,max=200,line"`
	// Owner is the staff subject of the organiser who manages the event.
	// Only an admin may set it (to hand an event to an organiser); left
	// out, a new event is the caller's and a changed one keeps its owner.
	Owner string `json:"owner" validate:"max=128,line"`
	// Version is the event's version as the caller read it, on a change:
	// when given, a stored event at another version is not replaced
	// (Conflict event_changed), so that a change made meanwhile by someone
	// else is never overwritten unseen. 0 (left out) replaces whatever is
	// stored. A new event ignores it.
	Version int `json:"version" validate:"gte=0"`
}

// Normalise trims the input's text and checks every rule, the tags' and the
// ones across fields: mode ↔ venue, link and seats; sessions ordered, not
// overlapping, on one Prague day (a study visit: two consecutive days at
// most); registration window; question options. It returns every broken
// rule at once, as field errors. now is the time of the request: the first
// session must be in the future.
func (in *EventInput) Normalise(now time.Time) error {
	in.trim()
	var fields []apperr.FieldError
	if err := validation.Struct(in); err != nil {
		e, ok := apperr.As(err)
		if !ok {
			return err
		}
		fields = append(fields, e.Fields...)
	}
	fields = append(fields, in.crossRules(now)...)
	if len(fields) > 0 {
		return apperr.InvalidFields(fields...)
	}
	return nil
}

func (in *EventInput) trim() {
	t := strings.TrimSpace
	in.Title.CS, in.Title.EN = t(in.Title.CS), t(in.Title.EN)
	in.Description.CS, in.Description.EN = t(in.Description.CS), t(in.Description.EN)
	in.Region = strings.ToUpper(t(in.Region))
	in.OnlineLink = t(in.OnlineLink)
	in.Organiser = t(in.Organiser)
	in.Owner = t(in.Owner)
	if in.Venue != nil {
		v := in.Venue
		v.Name, v.Address, v.Parking, v.NearestStop = t(v.Name), t(v.Address), t(v.Parking), t(v.NearestStop)
	}
	for i := range in.Questions {
		q := &in.Questions[i]
		q.ID = t(q.ID)
		q.Label.CS, q.Label.EN = t(q.Label.CS), t(q.Label.EN)
		for j := range q.Options {
			q.Options[j].CS, q.Options[j].EN = t(q.Options[j].CS), t(q.Options[j].EN)
		}
	}
}

func (in *EventInput) crossRules(now time.Time) []apperr.FieldError {
	var out []apperr.FieldError
	f := func(field, rule string, param ...string) { out = append(out, apperr.Field(field, rule, param...)) }
	mode := Mode(in.Mode)
	inPerson := mode == ModeInPerson || mode == ModeHybrid
	online := mode == ModeOnline || mode == ModeHybrid

	// Where: a venue for in-person seats, a link for online ones, nothing else.
	switch {
	case inPerson && in.Venue == nil:
		f("venue", "required_if")
	case !inPerson && in.Venue != nil && mode != "":
		f("venue", "excluded_if")
	}
	switch {
	case online && in.OnlineLink == "":
		f("onlineLink", "required_if")
	case !online && in.OnlineLink != "" && mode != "":
		f("onlineLink", "excluded_if")
	case in.OnlineLink != "" && !httpsURL(in.OnlineLink):
		f("onlineLink", "https_url")
	}
	if inPerson && in.Capacity.InPerson < 1 {
		f("capacity.inPerson", "gte", "1")
	}
	if !inPerson && in.Capacity.InPerson != 0 && mode != "" {
		f("capacity.inPerson", "excluded_if")
	}
	if online && in.Capacity.Online < 1 {
		f("capacity.online", "gte", "1")
	}
	if !online && in.Capacity.Online != 0 && mode != "" {
		f("capacity.online", "excluded_if")
	}
	if in.Kind == string(KindWebinar) && mode == ModeInPerson {
		f("mode", "webinar_online")
	}

	// When: sessions in order, not overlapping, each at most 12 h, in the
	// future, on one Prague day (a study visit on two consecutive days).
	var prevEnd time.Time
	for i, s := range in.Sessions {
		at := "sessions[" + strconv.Itoa(i) + "]"
		if s.Start.IsZero() || s.End.IsZero() {
			continue // reported as required
		}
		switch {
		case !s.End.After(s.Start):
			f(at+".end", "range")
		case s.End.Sub(s.Start) > MaxSessionLength:
			f(at+".end", "session_length", strconv.Itoa(int(MaxSessionLength.Hours())))
		}
		if !s.Start.After(now) {
			f(at+".start", "future")
		}
		if i > 0 && !prevEnd.IsZero() && s.Start.Before(prevEnd) {
			f(at+".start", "overlap")
		}
		prevEnd = s.End
	}
	if n := len(in.Sessions); n > 0 && !in.Sessions[0].Start.IsZero() && !in.Sessions[n-1].End.IsZero() {
		first := cz.DateOf(in.Sessions[0].Start)
		last := cz.DateOf(in.Sessions[n-1].End.Add(-time.Nanosecond))
		days := 1
		if in.Kind == string(KindStudyVisit) {
			days = 2
		}
		if cz.DaysBetween(first, last) >= days {
			f("sessions", "event_days", strconv.Itoa(days))
		}
	}

	// Registration window: opens before it closes, closes no later than
	// the start.
	if start := in.start(); !start.IsZero() {
		closes := start.Add(-DefaultCloseBefore)
		if in.RegistrationCloses != nil {
			closes = *in.RegistrationCloses
			if closes.After(start) {
				f("registrationCloses", "before_start")
			}
		}
		if in.RegistrationOpens != nil && !in.RegistrationOpens.Before(closes) {
			f("registrationOpens", "range")
		}
	}

	// Questions: unique ids; options exactly for the choice kinds.
	seen := map[string]bool{}
	for i, q := range in.Questions {
		at := "questions[" + strconv.Itoa(i) + "]"
		if q.ID != "" {
			if seen[q.ID] {
				f(at+".id", "unique")
			}
			seen[q.ID] = true
		}
		choice := q.Kind == string(QuestionSingle) || q.Kind == string(QuestionMultiple)
		switch {
		case choice && len(q.Options) < 2:
			f(at+".options", "min", "2")
		case !choice && len(q.Options) > 0 && q.Kind != "":
			f(at+".options", "excluded_if")
		}
	}
	return out
}

func (in *EventInput) start() time.Time {
	if len(in.Sessions) == 0 {
		return time.Time{}
	}
	return in.Sessions[0].Start
}

// httpsURL reports whether s is an absolute https URL with a host and no
// credentials.
func httpsURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil && !strings.ContainsAny(s, " \t")
}

// Apply writes the input into an event (already normalised), keeping its
// identity, owner, status and counters. Questions without an id get q1,
// q2, … (skipping ids in use).
func (in EventInput) Apply(e *Event) {
	e.Kind = Kind(in.Kind)
	e.Title = Text{CS: in.Title.CS, EN: in.Title.EN}
	e.Description = Text{CS: in.Description.CS, EN: in.Description.EN}
	e.Topics = make([]programme.Topic, len(in.Topics))
	for i, t := range in.Topics {
		e.Topics[i] = programme.Topic(t)
	}
	e.TargetGroups = make([]programme.TargetGroup, len(in.TargetGroups))
	for i, g := range in.TargetGroups {
		e.TargetGroups[i] = programme.TargetGroup(g)
	}
	e.Region = in.Region
	e.Sessions = make([]Session, len(in.Sessions))
	for i, s := range in.Sessions {
		e.Sessions[i] = Session{Start: s.Start.UTC(), End: s.End.UTC()}
	}
	e.Mode = Mode(in.Mode)
	e.Venue = Venue{}
	if in.Venue != nil {
		v := in.Venue
		e.Venue = Venue{Name: v.Name, Address: v.Address, StepFree: v.StepFree, InductionLoop: v.InductionLoop, Parking: v.Parking, NearestStop: v.NearestStop}
	}
	e.OnlineLink = in.OnlineLink
	e.Capacity = Capacity{InPerson: in.Capacity.InPerson, Online: in.Capacity.Online}
	e.RegistrationOpens = time.Time{}
	if in.RegistrationOpens != nil {
		e.RegistrationOpens = in.RegistrationOpens.UTC()
	}
	e.RegistrationCloses = e.Start().Add(-DefaultCloseBefore)
	if in.RegistrationCloses != nil {
		e.RegistrationCloses = in.RegistrationCloses.UTC()
	}
	e.OrgLimit = in.OrgLimit
	used := map[string]bool{}
	for _, q := range in.Questions {
		used[q.ID] = true
	}
	e.Questions = make([]Question, 0, len(in.Questions))
	next := 1
	for _, q := range in.Questions {
		id := q.ID
		for id == "" {
			if c := fmt.Sprintf("q%d", next); !used[c] {
				id, used[c] = c, true
			}
			next++
		}
		out := Question{ID: id, Kind: QuestionKind(q.Kind), Label: Text{CS: q.Label.CS, EN: q.Label.EN}, Required: q.Required}
		for _, o := range q.Options {
			out.Options = append(out.Options, Text{CS: o.CS, EN: o.EN})
		}
		e.Questions = append(e.Questions, out)
	}
	e.Organiser = in.Organiser
}

// TimeOrPlaceChanged reports whether an update changes what a registrant's
// calendar holds: the sessions, the mode, the venue's name or address, or
// the online link. Such a change of a published event tells every
// registrant, with the calendar's SEQUENCE one higher.
func TimeOrPlaceChanged(prev, next Event) bool {
	sameSessions := slices.EqualFunc(prev.Sessions, next.Sessions, func(a, b Session) bool {
		return a.Start.Equal(b.Start) && a.End.Equal(b.End)
	})
	return !sameSessions || prev.Mode != next.Mode ||
		prev.Venue.Name != next.Venue.Name || prev.Venue.Address != next.Venue.Address ||
		prev.OnlineLink != next.OnlineLink
}
