package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// putEvent stores a published in-person workshop in Brno on 10 December
// 2026 with capacity seats and two questions (the sample registration
// answers them).
func putEvent(t testing.TB, env *apptest.Env, id string, capacity int) workshops.Event {
	t.Helper()
	d := cz.Date{Year: 2026, Month: 12, Day: 10}
	start := d.At(9 * 60).UTC()
	e := workshops.Event{
		ID: id, Kind: workshops.KindWorkshop,
		Title:        workshops.Text{CS: "Plánování podpory v domácnosti", EN: "Planning support at home"},
		Description:  workshops.Text{CS: "Praktický workshop pro sociální pracovníky."},
		Topics:       []programme.Topic{"community_services"},
		TargetGroups: []programme.TargetGroup{"provider"},
		Region:       "CZ064",
		Sessions:     []workshops.Session{{Start: start, End: d.At(12*60 + 30).UTC()}},
		Mode:         workshops.ModeInPerson,
		Venue:        workshops.Venue{Name: "Krajský úřad", Address: "Žerotínovo nám. 3, Brno", StepFree: true, NearestStop: "Česká"},
		OnlineLink:   "https://meet.example.cz/never-public",
		Capacity:     workshops.Capacity{InPerson: capacity},
		Questions: []workshops.Question{
			{ID: "q1", Kind: workshops.QuestionShortText, Label: workshops.Text{CS: "Co chcete probrat?"}, Required: true},
			{ID: "q2", Kind: workshops.QuestionSingle, Label: workshops.Text{CS: "Zkušenost"}, Options: []workshops.Text{{CS: "žádná"}, {CS: "nějaká"}}},
		},
		RegistrationOpens: apptest.DefaultNow.Add(-time.Hour), RegistrationCloses: start.Add(-24 * time.Hour),
		Organiser: "MPSV", Status: workshops.EventPublished, Version: 1,
		CreatedAt: apptest.DefaultNow, UpdatedAt: apptest.DefaultNow,
	}
	if err := workshopdb.New(dynamo.New(env.Client, env.Table)).PutEvent(context.Background(), e, 0); err != nil {
		t.Fatal(err)
	}
	return e
}

func eventEvent(t testing.TB, name, eventID string) events.APIGatewayV2HTTPRequest {
	ev := apptest.Event(t, name)
	ev.PathParameters = map[string]string{"eventId": eventID}
	ev.RawPath = strings.ReplaceAll(ev.RawPath, "EVENT_ID", eventID)
	ev.RequestContext.HTTP.Path = ev.RawPath
	return ev
}

func regEvent(t *testing.T, name, id, token string) events.APIGatewayV2HTTPRequest {
	ev := apptest.Event(t, name)
	ev.PathParameters = map[string]string{"registrationId": id}
	ev.RawPath = strings.ReplaceAll(ev.RawPath, "REGISTRATION_ID", id)
	ev.RequestContext.HTTP.Path = ev.RawPath
	return apptest.WithHeader(ev, "registration-token", token)
}

// registerAs sends the sample registration, changed by mutate.
func registerAs(t *testing.T, env *apptest.Env, eventID string, mutate func(map[string]any)) events.APIGatewayV2HTTPResponse {
	t.Helper()
	ev := eventEvent(t, "create-registration", eventID)
	if mutate != nil {
		ev = apptest.WithHeader(ev, "idempotency-key", "")
		body := apptest.Body[map[string]any](t, httpapi.Response{Body: ev.Body})
		mutate(body)
		ev = apptest.WithBody(ev, body)
	}
	return env.Invoke(routes.FnEvents, ev)
}

func TestEventsListingAndDetail(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	putEvent(t, env, "ev1", 1)
	other := putEvent(t, env, "ev2", 5)
	other.Region, other.Version = "CZ010", 2
	if err := workshopdb.New(dynamo.New(env.Client, env.Table)).PutEvent(context.Background(), other, 1); err != nil {
		t.Fatal(err)
	}

	resp := env.Invoke(routes.FnEvents, apptest.Event(t, "list-events")) // region CZ064, month 2026-12
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("list: %d %s", resp.StatusCode, resp.Body)
	}
	list := apptest.Body[api.List[api.EventSummaryView]](t, resp)
	if len(list.Items) != 1 || list.Items[0].ID != "ev1" {
		t.Fatalf("list in CZ064: got %+v, want ev1 only", list.Items)
	}
	it := list.Items[0]
	if len(it.Seats) != 1 || it.Seats[0].Left != 1 || !it.RegistrationOpen || it.WaitingListOpen || it.Hours != 3.5 {
		t.Errorf("ev1: got seats %+v, open %v, waiting list %v, hours %v", it.Seats, it.RegistrationOpen, it.WaitingListOpen, it.Hours)
	}

	resp = env.Invoke(routes.FnEvents, eventEvent(t, "get-event", "ev1"))
	if resp.StatusCode != http.StatusOK || strings.Contains(resp.Body, "never-public") {
		t.Fatalf("detail: %d %s (the meeting link must never be public)", resp.StatusCode, resp.Body)
	}
	detail := apptest.Body[api.EventDetailView](t, resp)
	if len(detail.Questions) != 2 || detail.Venue == nil || !detail.Venue.StepFree {
		t.Errorf("detail: got %+v", detail)
	}

	ev := apptest.Event(t, "list-events")
	ev.QueryStringParameters = map[string]string{"month": "2026-13", "kind": "party"}
	resp = env.Invoke(routes.FnEvents, ev)
	problem := apptest.Body[httpapi.ProblemDoc](t, resp)
	if resp.StatusCode != http.StatusBadRequest || len(problem.Errors) != 2 {
		t.Errorf("bad filters: got %d %+v, want 400 with month and kind", resp.StatusCode, problem)
	}
	if resp := env.Invoke(routes.FnEvents, eventEvent(t, "get-event", "nope")); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown event: got %d", resp.StatusCode)
	}
}

func TestRegistrationLifecycleThroughTheHandlers(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	putEvent(t, env, "ev1", 1)

	resp := registerAs(t, env, "ev1", nil)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("register: %d %s", resp.StatusCode, resp.Body)
	}
	first := apptest.Body[api.CreatedRegistrationView](t, resp)
	if first.Registration.Status != "confirmed" || first.ManageToken == "" || !strings.Contains(first.ManageURL, "#registration="+first.Registration.ID) {
		t.Fatalf("register: got %+v", first)
	}
	if resp.Headers["Location"] != "/v1/registrations/"+first.Registration.ID {
		t.Errorf("Location: %q", resp.Headers["Location"])
	}
	// A retry with the same Idempotency-Key replays it.
	resp = registerAs(t, env, "ev1", nil)
	if again := apptest.Body[api.CreatedRegistrationView](t, resp); resp.StatusCode != http.StatusCreated ||
		resp.Headers["Idempotent-Replayed"] != "true" || again.Registration.ID != first.Registration.ID || again.ManageToken != first.ManageToken {
		t.Errorf("retry: got %d %+v, want the first registration replayed", resp.StatusCode, again)
	}
	// The same address without the key: already registered.
	resp = registerAs(t, env, "ev1", func(map[string]any) {})
	if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusConflict || p.Code != "already_registered" {
		t.Errorf("same address: got %d %+v", resp.StatusCode, p)
	}
	// Every broken rule at once, against the event's questions and seats.
	resp = registerAs(t, env, "ev1", func(b map[string]any) {
		b["contact"].(map[string]any)["email"] = "jiny@example.cz"
		b["answers"] = map[string]any{"q2": []string{"7"}, "q9": []string{"x"}}
		b["seat"] = "online"
	})
	p := apptest.Body[httpapi.ProblemDoc](t, resp)
	var rules []string
	for _, f := range p.Errors {
		rules = append(rules, f.Field+"/"+f.Rule)
	}
	if resp.StatusCode != http.StatusBadRequest || strings.Join(rules, " ") != "seat/seat_offered answers.q9/unknown answers.q1/required answers.q2/invalid" {
		t.Errorf("invalid registration: got %d %v", resp.StatusCode, rules)
	}

	// The second person waits.
	resp = registerAs(t, env, "ev1", func(b map[string]any) {
		b["contact"].(map[string]any)["email"] = "petr.novak@example.cz"
	})
	second := apptest.Body[api.CreatedRegistrationView](t, resp)
	if resp.StatusCode != http.StatusCreated || second.Registration.Status != "waitlisted" || second.Registration.Position != 1 {
		t.Fatalf("second: got %d %+v, want waitlisted at 1", resp.StatusCode, second.Registration)
	}
	if !second.Registration.Event.WaitingListOpen || second.Registration.Event.Seats[0].Left != 0 {
		t.Errorf("full event: got %+v", second.Registration.Event)
	}

	// The token opens it; a wrong one gets the not-found answer.
	if resp := env.Invoke(routes.FnEvents, regEvent(t, "get-registration", first.Registration.ID, "wrong")); resp.StatusCode != http.StatusNotFound {
		t.Errorf("wrong token: got %d", resp.StatusCode)
	}
	resp = env.Invoke(routes.FnEvents, regEvent(t, "get-registration-calendar", first.Registration.ID, first.ManageToken))
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Body, "BEGIN:VCALENDAR") || strings.Contains(resp.Body, first.ManageToken) {
		t.Errorf("calendar: got %d %.200s", resp.StatusCode, resp.Body)
	}

	// The first cancels: the seat is offered to the second.
	resp = env.Invoke(routes.FnEvents, regEvent(t, "cancel-registration", first.Registration.ID, first.ManageToken))
	if resp.StatusCode != http.StatusOK || apptest.Body[api.RegistrationView](t, resp).Status != "cancelled" {
		t.Fatalf("cancel: %d %s", resp.StatusCode, resp.Body)
	}
	resp = env.Invoke(routes.FnEvents, regEvent(t, "get-registration", second.Registration.ID, second.ManageToken))
	offered := apptest.Body[api.RegistrationView](t, resp)
	if offered.Status != "offered" || offered.OfferExpires != "2026-12-01T09:00:00+01:00" {
		t.Fatalf("after the cancellation: got %s until %q, want offered for 24 h", offered.Status, offered.OfferExpires)
	}
	resp = env.Invoke(routes.FnEvents, regEvent(t, "accept-offer", second.Registration.ID, second.ManageToken))
	if resp.StatusCode != http.StatusOK || apptest.Body[api.RegistrationView](t, resp).Status != "confirmed" {
		t.Fatalf("accept: %d %s", resp.StatusCode, resp.Body)
	}
	ev := apptest.WithHeader(regEvent(t, "decline-offer", second.Registration.ID, second.ManageToken), "accept-language", "en")
	resp = env.Invoke(routes.FnEvents, ev)
	if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusConflict || p.Code != "no_offer" || p.Title != "No seat offered" {
		t.Errorf("decline without an offer: got %d %+v", resp.StatusCode, p)
	}
}

// TestEventsRefuseBadInputWithoutA5xx: whatever an anonymous caller sends
// to the events function is a 4xx problem, never a 5xx, and changes
// nothing.
func TestEventsRefuseBadInputWithoutA5xx(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	putEvent(t, env, "ev1", 1)
	long := strings.Repeat("x", 300)
	body := func(mutate func(map[string]any)) func(events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
		return func(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
			b := apptest.Body[map[string]any](t, httpapi.Response{Body: ev.Body})
			mutate(b)
			return apptest.WithHeader(apptest.WithBody(ev, b), "idempotency-key", "")
		}
	}
	raw := func(s, contentType string) func(events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
		return func(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
			ev.Body = s
			return apptest.WithHeader(apptest.WithHeader(ev, "content-type", contentType), "idempotency-key", "")
		}
	}
	cases := []struct {
		name   string
		ev     events.APIGatewayV2HTTPRequest
		change func(events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest
		status int
	}{
		{"malformed JSON", eventEvent(t, "create-registration", "ev1"), raw(`{"contact":`, "application/json"), 400},
		{"not JSON", eventEvent(t, "create-registration", "ev1"), raw(`name=x`, "text/plain"), 400},
		{"unknown field", eventEvent(t, "create-registration", "ev1"), body(func(b map[string]any) { b["nickname"] = "x" }), 400},
		{"wrong type", eventEvent(t, "create-registration", "ev1"), body(func(b map[string]any) { b["needs"] = "yes" }), 400},
		{"control character in the name", eventEvent(t, "create-registration", "ev1"), body(func(b map[string]any) {
			b["contact"].(map[string]any)["name"] = "Marie\u0007"
		}), 400},
		{"bidi override in the needs", eventEvent(t, "create-registration", "ev1"), body(func(b map[string]any) {
			b["needs"].(map[string]any)["other"] = "x\u202ey"
		}), 400},
		{"eleven answers", eventEvent(t, "create-registration", "ev1"), body(func(b map[string]any) {
			a := map[string]any{}
			for i := range 11 {
				a["q"+strings.Repeat("z", i+1)] = []string{"x"}
			}
			b["answers"] = a
		}), 400},
		{"a very long event id", eventEvent(t, "create-registration", long), nil, 404},
		{"an unknown event", eventEvent(t, "create-registration", "nope"), nil, 404},
		{"no proof of work", apptest.WithoutPoW(eventEvent(t, "create-registration", "ev1")), nil, 403},
		{"a very long registration id", regEvent(t, "get-registration", long, "t"), nil, 404},
		{"no token", regEvent(t, "get-registration", "01kc0b2f6n8p4r1s7t3v5x9y2a", ""), nil, 404},
		{"cancel with a field", regEvent(t, "cancel-registration", "01kc0b2f6n8p4r1s7t3v5x9y2a", "t"), raw(`{"why":"x"}`, "application/json"), 400},
		{"accept an unknown registration", regEvent(t, "accept-offer", "01kc0b2f6n8p4r1s7t3v5x9y2a", "t"), nil, 404},
		{"a month out of bounds", func() events.APIGatewayV2HTTPRequest {
			ev := apptest.Event(t, "list-events")
			ev.QueryStringParameters = map[string]string{"month": "2101-01", "region": "cz064"}
			return ev
		}(), nil, 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := c.ev
			if c.change != nil {
				ev = c.change(ev)
			}
			resp := env.Invoke(routes.FnEvents, ev)
			if resp.StatusCode != c.status {
				t.Errorf("got %d %s, want %d", resp.StatusCode, resp.Body, c.status)
			}
		})
	}
	regs, err := workshopdb.New(dynamo.New(env.Client, env.Table)).ListRegistrations(context.Background(), "ev1")
	if err != nil || len(regs) != 0 {
		t.Errorf("registrations after the refusals: got %d (%v), want none", len(regs), err)
	}
}

// A registration's manage token opens it until 30 days after the event's
// end, as a booking's does; later it gets exactly the unknown
// registration's answer.
func TestRegistrationTokenExpires30DaysAfterTheEvent(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	e := putEvent(t, env, "ev1", 5)
	resp := registerAs(t, env, "ev1", nil)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("register: %d %s", resp.StatusCode, resp.Body)
	}
	reg := apptest.Body[api.CreatedRegistrationView](t, resp)
	unknown := env.Invoke(routes.FnEvents, regEvent(t, "get-registration", "reg-unknown", reg.ManageToken))
	if unknown.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown: got %d %s", unknown.StatusCode, unknown.Body)
	}
	if got := workshops.ManageTokenExpires(e); !got.Equal(e.End().AddDate(0, 0, 30)) {
		t.Errorf("expires %v, want 30 days after %v", got, e.End())
	}
	env.Clock.Set(e.End().AddDate(0, 0, 29))
	if resp := env.Invoke(routes.FnEvents, regEvent(t, "get-registration", reg.Registration.ID, reg.ManageToken)); resp.StatusCode != http.StatusOK {
		t.Errorf("+29 days: got %d %s, want 200", resp.StatusCode, resp.Body)
	}
	env.Clock.Set(e.End().AddDate(0, 0, 31))
	for _, name := range []string{"get-registration", "get-registration-calendar", "cancel-registration"} {
		resp := env.Invoke(routes.FnEvents, regEvent(t, name, reg.Registration.ID, reg.ManageToken))
		got, want := apptest.Body[httpapi.ProblemDoc](t, resp), apptest.Body[httpapi.ProblemDoc](t, unknown)
		got.Instance, want.Instance = "", ""
		if resp.StatusCode != unknown.StatusCode || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("+31 days, %s: got %d %s, want the unknown registration's %d %s", name, resp.StatusCode, resp.Body, unknown.StatusCode, unknown.Body)
		}
	}
}
