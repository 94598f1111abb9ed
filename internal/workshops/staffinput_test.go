package workshops

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
)

// staffNow is Monday 30 November 2026, 9:00 in Prague.
var staffNow = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

func pragueAt(date string, clock string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+clock, cz.Prague)
	if err != nil {
		panic(err)
	}
	return t
}

// validStaffInput is a valid in-person workshop on 10 December 2026.
func validStaffInput() EventInput {
	return EventInput{
		Kind:         "workshop",
		Title:        TextInput{CS: "Transformace v praxi", EN: "Transformation in practice"},
		Description:  LongTextInput{CS: "Jak připravit transformační plán.\nPraktické příklady."},
		Topics:       []string{"transformation_plan"},
		TargetGroups: []string{"provider"},
		Region:       "cz064",
		Sessions:     []SessionInput{{Start: pragueAt("2026-12-10", "09:00"), End: pragueAt("2026-12-10", "12:00")}},
		Mode:         "in_person",
		Venue:        &VenueInput{Name: "Krajský úřad", Address: "Žerotínovo nám. 3, Brno", StepFree: true, NearestStop: "Česká"},
		Capacity:     CapacityInput{InPerson: 30},
		Organiser:    "MPSV – tým transformace",
		Questions: []QuestionInput{
			{Kind: "single_choice", Label: TextInput{CS: "Oběd"}, Options: []OptionInput{{CS: "Masový"}, {CS: "Vegetariánský"}}, Required: true},
			{ID: "q1", Kind: "yes_no", Label: TextInput{CS: "Parkování?"}},
		},
	}
}

func fieldRules(t *testing.T, err error) map[string]string {
	t.Helper()
	if err == nil {
		return nil
	}
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.Invalid {
		t.Fatalf("got %v, want an invalid_request", err)
	}
	out := map[string]string{}
	for _, f := range e.Fields {
		out[f.Field] = f.Rule
	}
	return out
}

func TestEventInputRules(t *testing.T) {
	t.Run("accepts a valid workshop and fills the defaults", func(t *testing.T) {
		in := validStaffInput()
		if err := in.Normalise(staffNow); err != nil {
			t.Fatalf("got %v, want none", fieldRules(t, err))
		}
		var e Event
		in.Apply(&e)
		if want := pragueAt("2026-12-09", "09:00"); !e.RegistrationCloses.Equal(want) {
			t.Errorf("registration closes: got %v, want %v (24 h before the start)", e.RegistrationCloses, want)
		}
		if e.Region != "CZ064" {
			t.Errorf("region: got %q, want CZ064", e.Region)
		}
		var ids []string
		for _, q := range e.Questions {
			ids = append(ids, q.ID)
		}
		if !slices.Equal(ids, []string{"q2", "q1"}) {
			t.Errorf("question ids: got %v, want [q2 q1] (q1 is taken)", ids)
		}
	})

	cases := []struct {
		name  string
		edit  func(*EventInput)
		field string
		rule  string
	}{
		{"refuses an unknown kind", func(in *EventInput) { in.Kind = "party" }, "kind", "oneof"},
		{"needs a Czech title", func(in *EventInput) { in.Title.CS = " " }, "title.cs", "required"},
		{"refuses a title with a control character", func(in *EventInput) { in.Title.CS = "A\x1b[31m" }, "title.cs", "line"},
		{"refuses a bidi override in the description", func(in *EventInput) { in.Description.EN = "a\u202eb" }, "description.en", "text"},
		{"needs a topic", func(in *EventInput) { in.Topics = nil }, "topics", "required"},
		{"refuses an unknown topic", func(in *EventInput) { in.Topics = []string{"cooking"} }, "topics[0]", "oneof"},
		{"refuses an unknown target group", func(in *EventInput) { in.TargetGroups = []string{"aliens"} }, "targetGroups[0]", "oneof"},
		{"refuses an unknown region", func(in *EventInput) { in.Region = "CZ999" }, "region", "region"},
		{"needs a session", func(in *EventInput) { in.Sessions = nil }, "sessions", "required"},
		{"refuses a session ending before it starts", func(in *EventInput) {
			in.Sessions[0].End = in.Sessions[0].Start.Add(-time.Hour)
		}, "sessions[0].end", "range"},
		{"refuses a session in the past", func(in *EventInput) {
			in.Sessions = []SessionInput{{Start: pragueAt("2026-11-29", "09:00"), End: pragueAt("2026-11-29", "10:00")}}
		}, "sessions[0].start", "future"},
		{"refuses overlapping sessions", func(in *EventInput) {
			in.Sessions = append(in.Sessions, SessionInput{Start: pragueAt("2026-12-10", "11:00"), End: pragueAt("2026-12-10", "13:00")})
		}, "sessions[1].start", "overlap"},
		{"refuses sessions out of order", func(in *EventInput) {
			in.Sessions = []SessionInput{{Start: pragueAt("2026-12-10", "13:00"), End: pragueAt("2026-12-10", "14:00")}, in.Sessions[0]}
		}, "sessions[1].start", "overlap"},
		{"keeps a workshop on one day", func(in *EventInput) {
			in.Sessions = append(in.Sessions, SessionInput{Start: pragueAt("2026-12-11", "09:00"), End: pragueAt("2026-12-11", "12:00")})
		}, "sessions", "event_days"},
		{"keeps a study visit within two days", func(in *EventInput) {
			in.Kind = "study_visit"
			in.Sessions = append(in.Sessions, SessionInput{Start: pragueAt("2026-12-12", "09:00"), End: pragueAt("2026-12-12", "12:00")})
		}, "sessions", "event_days"},
		{"needs a venue in person", func(in *EventInput) { in.Venue = nil }, "venue", "required_if"},
		{"needs a link online", func(in *EventInput) {
			in.Mode, in.Venue, in.Capacity = "online", nil, CapacityInput{Online: 100}
		}, "onlineLink", "required_if"},
		{"needs an https link", func(in *EventInput) {
			in.Mode, in.Capacity, in.OnlineLink = "hybrid", CapacityInput{InPerson: 20, Online: 100}, "http://meet.example.cz/x"
		}, "onlineLink", "https_url"},
		{"refuses a link for an in-person event", func(in *EventInput) { in.OnlineLink = "https://meet.example.cz/x" }, "onlineLink", "excluded_if"},
		{"needs online seats for a hybrid event", func(in *EventInput) {
			in.Mode, in.OnlineLink = "hybrid", "https://meet.example.cz/x"
		}, "capacity.online", "gte"},
		{"needs seats", func(in *EventInput) { in.Capacity.InPerson = 0 }, "capacity.inPerson", "gte"},
		{"refuses a webinar in person", func(in *EventInput) { in.Kind = "webinar" }, "mode", "webinar_online"},
		{"refuses registration closing after the start", func(in *EventInput) {
			c := pragueAt("2026-12-10", "10:00")
			in.RegistrationCloses = &c
		}, "registrationCloses", "before_start"},
		{"refuses registration opening after it closes", func(in *EventInput) {
			o := pragueAt("2026-12-09", "12:00")
			in.RegistrationOpens = &o
		}, "registrationOpens", "range"},
		{"refuses a negative organisation limit", func(in *EventInput) { in.OrgLimit = -1 }, "orgLimit", "gte"},
		{"refuses more than 10 questions", func(in *EventInput) {
			for len(in.Questions) < 11 {
				in.Questions = append(in.Questions, QuestionInput{Kind: "short_text", Label: TextInput{CS: "Otázka"}})
			}
		}, "questions", "max"},
		{"refuses an unknown question kind", func(in *EventInput) { in.Questions[1].Kind = "essay" }, "questions[1].kind", "oneof"},
		{"needs two options for a choice", func(in *EventInput) { in.Questions[0].Options = in.Questions[0].Options[:1] }, "questions[0].options", "min"},
		{"refuses options for a yes/no question", func(in *EventInput) { in.Questions[1].Options = []OptionInput{{CS: "a"}, {CS: "b"}} }, "questions[1].options", "excluded_if"},
		{"refuses a repeated question id", func(in *EventInput) { in.Questions[0].ID = "q1" }, "questions[1].id", "unique"},
		{"needs the question's Czech label", func(in *EventInput) { in.Questions[0].Label.CS = "" }, "questions[0].label.cs", "required"},
		{"needs the organiser", func(in *EventInput) { in.Organiser = "" }, "organiser", "required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := validStaffInput()
			c.edit(&in)
			got := fieldRules(t, in.Normalise(staffNow))
			if got[c.field] != c.rule {
				t.Errorf("got field errors %v, want %s/%s", got, c.field, c.rule)
			}
		})
	}

	t.Run("accepts a two-day study visit", func(t *testing.T) {
		in := validStaffInput()
		in.Kind = "study_visit"
		in.Sessions = append(in.Sessions, SessionInput{Start: pragueAt("2026-12-11", "09:00"), End: pragueAt("2026-12-11", "15:00")})
		if err := in.Normalise(staffNow); err != nil {
			t.Errorf("got %v, want none", fieldRules(t, err))
		}
	})
	t.Run("accepts a hybrid event with both seat counts", func(t *testing.T) {
		in := validStaffInput()
		in.Mode, in.Capacity, in.OnlineLink = "hybrid", CapacityInput{InPerson: 20, Online: 100}, "https://meet.example.cz/x"
		if err := in.Normalise(staffNow); err != nil {
			t.Errorf("got %v, want none", fieldRules(t, err))
		}
	})
	t.Run("reports every broken rule at once", func(t *testing.T) {
		in := validStaffInput()
		in.Kind, in.Title.CS, in.Venue = "x", "", nil
		if got := fieldRules(t, in.Normalise(staffNow)); len(got) != 3 {
			t.Errorf("got %v, want kind, title.cs and venue", got)
		}
	})
}

func TestStatusTransitions(t *testing.T) {
	all := []EventStatus{EventDraft, EventPublished, EventCancelled, EventHeld}
	allowed := map[EventStatus]map[Transition]EventStatus{
		EventDraft:     {Publish: EventPublished},
		EventPublished: {Cancel: EventCancelled, MarkHeld: EventHeld},
	}
	for _, st := range all {
		for _, tr := range []Transition{Publish, Cancel, MarkHeld} {
			got, err := NextStatus(st, tr)
			want, ok := allowed[st][tr]
			switch {
			case ok && (err != nil || got != want):
				t.Errorf("%s from %s: got %q %v, want %s", tr, st, got, err, want)
			case !ok && !apperr.Is(err, apperr.Conflict, ReasonEventStatus):
				t.Errorf("%s from %s: got %q %v, want a conflict event_status", tr, st, got, err)
			}
		}
	}
}

func TestTimeOrPlaceChanged(t *testing.T) {
	in := validStaffInput()
	if err := in.Normalise(staffNow); err != nil {
		t.Fatal(err)
	}
	var base Event
	in.Apply(&base)
	cases := []struct {
		name string
		edit func(*EventInput)
		want bool
	}{
		{"a new title is no change of time or place", func(in *EventInput) { in.Title.CS = "Jiný název" }, false},
		{"more seats is no change of time or place", func(in *EventInput) { in.Capacity.InPerson = 40 }, false},
		{"the same instant in another offset is no change", func(in *EventInput) {
			in.Sessions[0].Start = in.Sessions[0].Start.In(time.FixedZone("x", 3600*5))
		}, false},
		{"a later start is a change", func(in *EventInput) { in.Sessions[0].Start = in.Sessions[0].Start.Add(30 * time.Minute) }, true},
		{"another address is a change", func(in *EventInput) { in.Venue.Address = "Jinde 1, Brno" }, true},
		{"going hybrid is a change", func(in *EventInput) {
			in.Mode, in.OnlineLink, in.Capacity.Online = "hybrid", "https://meet.example.cz/x", 50
		}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := validStaffInput()
			c.edit(&in)
			next := base
			in.Apply(&next)
			if got := TimeOrPlaceChanged(base, next); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestWhoManagesAnEvent(t *testing.T) {
	e := Event{Owner: "org-1"}
	cases := []struct {
		p    auth.Principal
		want bool
	}{
		{auth.Principal{Subject: "adm", Groups: []string{auth.GroupAdmin}}, true},
		{auth.Principal{Subject: "org-1", Groups: []string{auth.GroupOrganiser}}, true},
		{auth.Principal{Subject: "org-2", Groups: []string{auth.GroupOrganiser}}, false},
		{auth.Principal{Subject: "org-1", Groups: []string{auth.GroupExpert}}, false},
		{auth.Principal{Subject: "org-1", Groups: []string{auth.GroupEvaluator}}, false},
	}
	for _, c := range cases {
		if got := mayManage(c.p, e); got != c.want {
			t.Errorf("%s in %v: got %v, want %v", c.p.Subject, c.p.Groups, got, c.want)
		}
	}
}

func TestOnTheDay(t *testing.T) {
	e := Event{Sessions: []Session{{Start: pragueAt("2026-12-10", "09:00"), End: pragueAt("2026-12-10", "12:00")}, {Start: pragueAt("2026-12-11", "09:00"), End: pragueAt("2026-12-11", "12:00")}}}
	for _, c := range []struct {
		t    time.Time
		want bool
	}{
		{pragueAt("2026-12-09", "23:59"), false},
		{pragueAt("2026-12-10", "00:00"), true},
		{pragueAt("2026-12-10", "18:00"), true},
		{pragueAt("2026-12-11", "07:00"), true},
		{pragueAt("2026-12-12", "00:00"), false},
	} {
		if got := OnTheDay(e, c.t); got != c.want {
			t.Errorf("%v: got %v, want %v", c.t, got, c.want)
		}
	}
}

func TestForStaffHidesTheTokenAndTheEsfKey(t *testing.T) {
	r := ForStaff(Registration{ID: "r", TokenHash: []byte("h"), EsfKey: "k", Contact: Contact{Name: "Jana"}})
	if r.TokenHash != nil || r.EsfKey != "" || !strings.Contains(r.Contact.Name, "Jana") {
		t.Errorf("got %+v, want no token hash, no ESF+ key, the contact kept", r)
	}
}

func TestStaffReasonsAndRulesHaveMessages(t *testing.T) {
	var keys []string
	for _, r := range []apperr.Reason{ReasonEventStatus, ReasonEventNotStarted, ReasonNotCheckable, ReasonNotOnTheDay, ReasonCheckInTooEarly,
		ReasonEventNotFound, ReasonEventChanged, ReasonRegistrationNotFound, ReasonRegistrationChanged, ReasonCapacityBelowTaken} {
		keys = append(keys, "problem."+string(r)+".title", "problem."+string(r)+".detail")
	}
	for _, rule := range []string{"excluded_if", "https_url", "future", "session_length", "event_days", "before_start",
		"webinar_online", "checkin_code", "checkin_event", "owner_admin", "required_without", "excluded_with", "overlap", "range", "unique"} {
		keys = append(keys, "field."+rule)
	}
	for _, lang := range i18n.Langs {
		for _, k := range keys {
			if !i18n.Has(lang, k) {
				t.Errorf("%s: no message %q", lang, k)
			}
		}
	}
}
