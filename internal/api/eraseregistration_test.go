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
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// eraseRegistrationEvent is the sample erase request for registration id
// by a staff member of group.
func eraseRegistrationEvent(t *testing.T, id, sub, group string) events.APIGatewayV2HTTPRequest {
	ev := apptest.Event(t, "staff-erase-registration")
	ev.PathParameters = map[string]string{"registrationId": id}
	ev.RawPath = strings.ReplaceAll(ev.RawPath, "REGISTRATION_ID", id)
	ev.RequestContext.HTTP.Path = ev.RawPath
	return apptest.WithClaims(ev, sub, group)
}

// TestStaffEraseRegistration: an admin erases a registration for an event
// to come through the staff-events function: it is cancelled first (the
// seat offered to the person waiting), then keeps only the counted facts;
// its ESF+ answers stay, joined to nobody. An organiser may not; an
// unknown id is 404; erasing twice is 409.
func TestStaffEraseRegistration(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ctx := context.Background()
	store := workshopdb.New(dynamo.New(env.Client, env.Table))
	svc := &workshops.Service{Store: store, Clock: env.Clock, IDs: ids.Random{Now: env.Clock.Now}, BaseURL: "http://localhost:8080",
		EmailKey: []byte("0123456789abcdef0123456789abcdef")}
	now := env.Clock.Now()
	start := now.Add(10 * 24 * time.Hour).Truncate(time.Hour)
	e := workshops.Event{
		ID: "erase-event", Kind: workshops.KindSeminar, Title: workshops.Text{CS: "Seminář"}, Region: "CZ064",
		Sessions: []workshops.Session{{Start: start, End: start.Add(2 * time.Hour)}}, Mode: workshops.ModeOnline, OnlineLink: "https://meet.example.cz/x",
		Capacity: workshops.Capacity{Online: 1}, RegistrationOpens: now.Add(-time.Hour), RegistrationCloses: start.Add(-24 * time.Hour),
		Organiser: "MPSV", Owner: "organiser-1", Status: workshops.EventPublished, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	if err := store.PutEvent(ctx, e, 0); err != nil {
		t.Fatal(err)
	}
	register := func(email string) workshops.Registration {
		reg, err := svc.Register(ctx, e.ID, workshops.RegistrationInput{
			Contact: workshops.ContactInput{Name: "Věra Malá", Email: email}, TargetGroup: string(programme.TargetClient), Region: "CZ064",
			Consent: workshops.ConsentInput{Accepted: true, NoticeVersion: "2026-11"},
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return reg.Registration
	}
	first, second := register("vera@example.cz"), register("ota@example.cz")
	esf := workshops.EsfService{Store: store, Registration: store.GetRegistration, Event: store.GetEvent, NoticeVersion: "2026-11", Now: env.Clock.Now}
	if _, err := esf.Submit(ctx, first, workshops.EsfInput{Consent: true, Gender: "woman", Disability: "yes"}); err != nil {
		t.Fatal(err)
	}
	withKey, _ := store.GetRegistration(ctx, first.ID)

	resp := env.Invoke(registry.StaffEvents, eraseRegistrationEvent(t, first.ID, "organiser-1", auth.GroupOrganiser))
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("an organiser: %d %s", resp.StatusCode, resp.Body)
	}
	resp = env.Invoke(registry.StaffEvents, eraseRegistrationEvent(t, first.ID, "dev-admin", auth.GroupAdmin))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("erase: %d %s", resp.StatusCode, resp.Body)
	}
	got := apptest.Body[api.StaffRegistrationView](t, resp)
	if !got.Erased || got.Status != workshops.RegCancelled || got.Contact.Name != "" || got.Contact.Email != "" || got.Organisation != nil {
		t.Errorf("answered %+v", got)
	}
	stored, _ := store.GetRegistration(ctx, first.ID)
	if stored.EsfKey != "" || stored.EmailHash != "" || stored.TokenHash != nil {
		t.Errorf("stored %+v", stored)
	}
	if _, err := store.GetEsf(ctx, withKey.EsfKey); err != nil {
		t.Errorf("the ESF+ answers are gone: %v", err)
	}
	if m, _ := store.CountEsf(ctx, workshops.EventMonth(start)); m.Registered.Total != 1 || m.Registered.Disability["yes"] != 1 {
		t.Errorf("ESF+ counts %+v", m)
	}
	if o, _ := store.GetRegistration(ctx, second.ID); o.Status != workshops.RegOffered || len(o.Mail) == 0 {
		t.Errorf("the person waiting: %s, e-mails %v; want an offer with its e-mail", o.Status, o.Mail)
	}

	resp = env.Invoke(registry.StaffEvents, eraseRegistrationEvent(t, first.ID, "dev-admin", auth.GroupAdmin))
	if resp.StatusCode != http.StatusConflict || !strings.Contains(resp.Body, "registration_already_erased") {
		t.Errorf("second erasure: %d %s", resp.StatusCode, resp.Body)
	}
	resp = env.Invoke(registry.StaffEvents, eraseRegistrationEvent(t, "no-such-registration", "dev-admin", auth.GroupAdmin))
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown: %d %s", resp.StatusCode, resp.Body)
	}
}
