package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/seal"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// The demo events are what `make run` shows: one of each kind the issue
// asks for, published, upcoming, open for registration, each valid for
// its mode.
func TestDemoEvents(t *testing.T) {
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	evs := app.DemoEvents(now)
	byID := map[string]workshops.Event{}
	kinds := map[workshops.Kind]int{}
	for _, e := range evs {
		if _, dup := byID[e.ID]; dup {
			t.Fatalf("duplicate demo event id %s", e.ID)
		}
		byID[e.ID] = e
		kinds[e.Kind]++
		if e.Status != workshops.EventPublished {
			t.Errorf("%s: status %s, want published", e.ID, e.Status)
		}
		if e.Title.CS == "" || e.Description.CS == "" || e.Region == "" || len(e.Topics) == 0 || len(e.TargetGroups) == 0 {
			t.Errorf("%s: title, description, region, topics and target groups are required: %+v", e.ID, e)
		}
		if len(e.Sessions) == 0 || !e.Start().After(now) {
			t.Errorf("%s: sessions %v are not upcoming", e.ID, e.Sessions)
		}
		for _, s := range e.Sessions {
			if !s.End.After(s.Start) || s.Start.Location() != time.UTC {
				t.Errorf("%s: session %v: end after start, in UTC", e.ID, s)
			}
		}
		if !e.RegistrationOpens.Before(now) || !e.RegistrationCloses.After(now) || !e.RegistrationCloses.Equal(e.Start().Add(-24*time.Hour)) {
			t.Errorf("%s: registration window %v–%v must be open now and close 24 h before the start", e.ID, e.RegistrationOpens, e.RegistrationCloses)
		}
		if len(e.Questions) > workshops.MaxQuestions {
			t.Errorf("%s: %d questions", e.ID, len(e.Questions))
		}
		for _, s := range e.Seats() {
			if e.Capacity.Of(s) <= 0 {
				t.Errorf("%s: no %s seats", e.ID, s)
			}
		}
		if (e.Mode == workshops.ModeOnline || e.Mode == workshops.ModeHybrid) != (e.OnlineLink != "") {
			t.Errorf("%s: mode %s with online link %q", e.ID, e.Mode, e.OnlineLink)
		}
		if (e.Mode == workshops.ModeInPerson || e.Mode == workshops.ModeHybrid) != (e.Venue.Name != "" && e.Venue.Address != "") {
			t.Errorf("%s: mode %s with venue %+v", e.ID, e.Mode, e.Venue)
		}
	}
	for _, k := range workshops.Kinds {
		if kinds[k] == 0 {
			t.Errorf("no demo %s", k)
		}
	}
	// A workshop in Prague with a few seats.
	if w := byID[app.DemoWorkshopID]; w.Region != "CZ010" || w.Capacity.InPerson > 5 {
		t.Errorf("the demo workshop: region %s, %d seats; want Prague and a few", w.Region, w.Capacity.InPerson)
	}
	// A forum its registrants fill.
	if f := byID[app.DemoForumID]; f.Capacity.InPerson != len(app.DemoForumRegistrants()) {
		t.Errorf("the demo forum has %d seats for %d registrants", f.Capacity.InPerson, len(app.DemoForumRegistrants()))
	}
	// A study visit over two days.
	v := byID[app.DemoStudyVisitID]
	if len(v.Sessions) != 2 || cz.DateOf(v.Sessions[0].Start) == cz.DateOf(v.Sessions[1].Start) {
		t.Errorf("the demo study visit's sessions %v: want two days", v.Sessions)
	}
	// A hybrid seminar.
	if s := byID[app.DemoSeminarID]; s.Mode != workshops.ModeHybrid {
		t.Errorf("the demo seminar's mode is %s", s.Mode)
	}
	// Every choice of question is used somewhere, so the form shows each.
	qk := map[workshops.QuestionKind]bool{}
	for _, e := range evs {
		for _, q := range e.Questions {
			qk[q.Kind] = true
			if (q.Kind == workshops.QuestionSingle || q.Kind == workshops.QuestionMultiple) != (len(q.Options) > 0) {
				t.Errorf("%s/%s: %s with %d options", e.ID, q.ID, q.Kind, len(q.Options))
			}
		}
	}
	for _, k := range []workshops.QuestionKind{workshops.QuestionShortText, workshops.QuestionLongText, workshops.QuestionSingle, workshops.QuestionMultiple, workshops.QuestionYesNo} {
		if !qk[k] {
			t.Errorf("no demo question of kind %s", k)
		}
	}
}

// SeedEvents stores the demo events once (a second run changes nothing)
// and fills the forum, so that its waiting list is open: a newcomer
// registering for it is waitlisted, first in the list.
func TestSeedEvents(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ctx := context.Background()
	now := env.Clock.Now()
	evs := app.DemoEvents(now)
	n, err := env.Deps.SeedEvents(ctx, evs)
	if err != nil || n != len(evs) {
		t.Fatalf("first seed: %d created, %v; want %d", n, err, len(evs))
	}
	if n, err := env.Deps.SeedEvents(ctx, app.DemoEvents(now)); err != nil || n != 0 {
		t.Fatalf("second seed: %d created, %v; want 0", n, err)
	}
	store := workshopdb.New(dynamo.New(env.Client, env.Table))
	listed, err := store.ListPublishedEvents(ctx, now, now.AddDate(0, 2, 0))
	if err != nil || len(listed) != len(evs) {
		t.Fatalf("published events: %d, %v; want %d", len(listed), err, len(evs))
	}
	seats, err := store.Seats(ctx, app.DemoForumID)
	if err != nil {
		t.Fatal(err)
	}
	if got := seats[workshops.SeatInPerson]; got.Taken != app.DemoForumCapacity || got.Waiting != 0 {
		t.Fatalf("the forum's seats: %+v; want %d taken, none waiting", got, app.DemoForumCapacity)
	}
	regs, err := store.ListRegistrations(ctx, app.DemoForumID)
	if err != nil || len(regs) != app.DemoForumCapacity {
		t.Fatalf("the forum's registrations: %d, %v", len(regs), err)
	}
	for _, r := range regs {
		if r.Status != workshops.RegConfirmed {
			t.Errorf("demo registrant %s: %s", r.ID, r.Status)
		}
	}
	svc := &workshops.Service{Store: store, Clock: env.Clock, IDs: ids.Random{Now: env.Clock.Now}, BaseURL: "http://localhost:8080",
		EmailKey: seal.DeriveKey(make([]byte, 32), workshops.EmailKeyPurpose)}
	res, err := svc.Register(ctx, app.DemoForumID, workshops.RegistrationInput{
		Contact: workshops.ContactInput{Name: "Nový Zájemce", Email: "novy.zajemce@example.cz"}, TargetGroup: "client", Region: "CZ064",
		Consent: workshops.ConsentInput{Accepted: true, NoticeVersion: workshops.PrivacyNoticeVersion},
	}, nil)
	if err != nil || res.Registration.Status != workshops.RegWaitlisted || res.Registration.Position != 1 {
		t.Fatalf("a newcomer for the full forum: %+v, %v; want waitlisted first", res.Registration, err)
	}
	if seats, _ := store.Seats(ctx, app.DemoWorkshopID); seats[workshops.SeatInPerson].Taken != 0 {
		t.Errorf("the workshop has seats taken: %+v", seats)
	}
}
