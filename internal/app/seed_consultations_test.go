package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/wire"
)

// TestSeedPastConsultations: `make run` starts with demo consultations
// that already took place (on the latest days before today on which their
// experts work), confirmed, with no e-mails queued; a second run the same
// day books nothing; an admin marks one held at once, and the invitation
// job (with the local stack's same-day knob) invites its booker.
func TestSeedPastConsultations(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{}) // Monday 30 November 2026, 9:00 Prague
	if _, err := env.Deps.SeedSurveys(ctx); err != nil {
		t.Fatal(err)
	}
	demo := app.DemoPastConsultations()
	past, created, err := env.Deps.SeedPastConsultations(ctx, demo)
	if err != nil || created != len(demo) || len(past) != len(demo) {
		t.Fatalf("first seed: %d created, %d bookings, %v; want %d", created, len(past), err, len(demo))
	}
	now := env.Clock.Now()
	today := cz.DateOf(now)
	forms, emails := map[string]bool{}, map[string]bool{}
	for i, b := range past {
		c := demo[i]
		if b.Status != consultations.StatusConfirmed || b.ExpertID != c.ExpertID || b.Contact.Email != c.Contact.Email || b.Region != c.Region || b.TargetGroup != c.TargetGroup {
			t.Errorf("demo past consultation %d: %+v", i, b)
		}
		if !b.End.Before(now) || !cz.DateOf(b.Start).Before(today) || cz.DaysBetween(cz.DateOf(b.Start), today) > 7 {
			t.Errorf("demo past consultation %d starts %s: want within the last week, over before now", i, b.Start)
		}
		if len(b.Mail) != 0 {
			t.Errorf("demo past consultation %d queued e-mails %v", i, b.Mail)
		}
		forms[string(b.Form)], emails[b.Contact.Email] = true, true
	}
	if len(forms) < 3 || !emails["jana.novakova@example.cz"] {
		t.Errorf("demo past consultations not varied: forms %v, e-mails %v", forms, emails)
	}
	// Yesterday was a Sunday: Dvořáková (Mon-Thu) last worked on Thursday.
	if got := cz.DateOf(past[0].Start); got != (cz.Date{Year: 2026, Month: 11, Day: 26}) {
		t.Errorf("Jana Nováková's consultation on %s, want 2026-11-26", got)
	}

	again, n, err := env.Deps.SeedPastConsultations(ctx, demo)
	if err != nil || n != 0 || len(again) != len(past) {
		t.Fatalf("second seed: %d created, %v; want 0", n, err)
	}
	for i := range past {
		if again[i].ID != past[i].ID {
			t.Errorf("second seed: id %s, first %s", again[i].ID, past[i].ID)
		}
	}
	if res := env.SendOutbox(); len(env.Mails()) != 0 {
		t.Fatalf("the seed queued e-mails: %+v %v", res, env.MailIDs())
	}

	// An admin marks Jana Nováková's consultation held, now.
	outcome := apptest.WithClaims(apptest.WithBooking(apptest.Event(t, "staff-set-outcome"), past[0].ID, ""), app.DemoAdminSubject, auth.GroupAdmin)
	if resp := env.Invoke(routes.FnStaff, outcome); resp.StatusCode != http.StatusOK || !strings.Contains(resp.Body, `"status":"held"`) {
		t.Fatalf("mark held: %d %s", resp.StatusCode, resp.Body)
	}
	t.Setenv("SURVEY_INVITE_SAME_DAY", "1")
	env.Clock.Set(now.Add(time.Minute))
	h, err := wire.MustGet(registry.SurveyInvitations).Build(ctx, env.Deps.EnvFor(registry.SurveyInvitations))
	if err != nil {
		t.Fatal(err)
	}
	if out, err := h.Invoke(ctx, []byte(`{}`)); err != nil || !strings.Contains(string(out), `"invited":1`) {
		t.Fatalf("invitation job: %s %v", out, err)
	}
	env.SendOutbox()
	if ids := env.MailIDs(); len(ids) != 1 {
		t.Fatalf("e-mails after marking held: %v, want the one invitation", ids)
	}
	for _, raw := range env.Mails() {
		if !strings.Contains(string(raw), "jana.novakova@example.cz") {
			t.Errorf("the invitation is not to Jana Nováková:\n%s", raw)
		}
	}
}

// TestSeedEvaluationAnswers: the demo evaluation of consultations starts
// each month with enough answers for its totals to show; a second run the
// same month writes none.
func TestSeedEvaluationAnswers(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	if _, err := env.Deps.SeedSurveys(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := env.Deps.SeedEvaluationAnswers(ctx); err != nil || n != app.DemoEvaluationResponses {
		t.Fatalf("first seed: %d, %v; want %d", n, err, app.DemoEvaluationResponses)
	}
	if n, err := env.Deps.SeedEvaluationAnswers(ctx); err != nil || n != 0 {
		t.Fatalf("second seed: %d, %v; want 0", n, err)
	}
	n := 0
	store := surveydb.New(dynamo.New(env.Client, env.Table))
	err := store.EachResponse(ctx, app.DemoConsultationSurveyID, "2026-11", func(r surveys.Response) error {
		n++
		if r.Context.Source != surveys.SourceConsultation || r.Context.Form == "" || r.Context.Region == "" || len(r.Values) == 0 {
			t.Errorf("seeded evaluation %+v", r)
		}
		return nil
	})
	if err != nil || n != app.DemoEvaluationResponses || n < 5 {
		t.Fatalf("%d evaluation answers stored, %v; want %d (5 or more: the totals show)", n, err, app.DemoEvaluationResponses)
	}
}
