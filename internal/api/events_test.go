package api_test

import (
	"context"
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
func putEvent(t *testing.T, env *apptest.Env, id string, capacity int) workshops.Event {
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

func eventEvent(t *testing.T, name, eventID string) events.APIGatewayV2HTTPRequest {
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
