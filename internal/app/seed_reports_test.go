package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/invite"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// TestSeedReportData: `make run` has demo data spanning two Prague months
// (issue #11), written through the stores' real write paths: consultations
// of every outcome across forms, regions, topics, target groups and
// organisations; held events with registrations, check-ins, no-shows,
// cancellations, walk-ins and ESF+ answers; survey responses. Some cells
// count 5 and more, some fewer. Nothing is e-mailed, and a second run
// writes nothing.
func TestSeedReportData(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{}) // Monday 30 November 2026, 9:00 Prague
	if _, err := env.Deps.SeedSurveys(ctx); err != nil {
		t.Fatal(err)
	}
	n, err := env.Deps.SeedReportData(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded %+v", n)
	if n.Consultations < 80 || n.Events != 8 || n.Registrations < 80 || n.Responses < 60 {
		t.Errorf("seeded %+v; want two months' worth", n)
	}
	admin := auth.Principal{Subject: app.DemoAdminSubject, Groups: []string{auth.GroupAdmin}}
	db := dynamo.New(env.Deps.Env.DB, env.Deps.Config.TableName)
	events := workshopdb.New(db)
	responses := surveydb.New(db)
	orgs := map[string]bool{}
	for _, m := range app.DemoReportMonths() {
		bookings, err := env.Deps.Service.ListBookings(ctx, admin, consultations.BookingQuery{From: cz.DateOf(m.Start()), To: cz.DateOf(m.End()).AddDays(-1)})
		if err != nil {
			t.Fatal(err)
		}
		status, form, topic, group := map[consultations.Status]int{}, map[string]int{}, map[string]int{}, map[string]int{}
		region := map[string]int{}
		for _, b := range bookings {
			// Past the invitations' catch-up: the survey invitation job
			// invites none of the made-up people.
			if !b.End.Before(env.Clock.Now().Add(-invite.InvitationCatchUp)) {
				t.Errorf("%s: booking %s ends %s, within the survey invitations' %v before now", m, b.ID, b.End, invite.InvitationCatchUp)
			}
			if len(b.Mail) != 0 {
				t.Errorf("%s: booking %s queued e-mails", m, b.ID)
			}
			status[b.Status]++
			form[string(b.Form)]++
			topic[string(b.Topic)]++
			group[string(b.TargetGroup)]++
			region[b.Region]++
			if b.Organisation.ICO != "" {
				orgs[b.Organisation.ICO] = true
			}
		}
		for _, st := range []consultations.Status{consultations.StatusHeld, consultations.StatusNoShow, consultations.StatusCancelled} {
			if status[st] == 0 {
				t.Errorf("%s: no consultation %s (%v)", m, st, status)
			}
		}
		if len(form) < 3 || len(topic) < 4 || len(group) < 4 {
			t.Errorf("%s: forms %v, topics %v, target groups %v; want them varied", m, form, topic, group)
		}
		big, small := 0, 0
		for _, c := range region {
			if c >= 5 {
				big++
			} else {
				small++
			}
		}
		if big < 2 || small < 2 {
			t.Errorf("%s: regions %v; want cells of 5 and more and cells below 5", m, region)
		}

		evs, err := events.ListEvents(ctx, m.Start(), m.End())
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[workshops.Kind]bool{}
		var walkIns, attended, noShows, cancelled int
		for _, e := range evs {
			if e.Status != workshops.EventHeld {
				continue
			}
			kinds[e.Kind] = true
			if !e.End().Before(env.Clock.Now().Add(-invite.InvitationCatchUp)) {
				t.Errorf("%s: event %s ends %s, within the survey invitations' %v before now", m, e.ID, e.End(), invite.InvitationCatchUp)
			}
			regs, err := events.ListRegistrations(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range regs {
				switch {
				case r.WalkIn:
					walkIns++
				case r.Status == workshops.RegAttended:
					attended++
				case r.Status == workshops.RegNoShow:
					noShows++
				case r.Status == workshops.RegCancelled:
					cancelled++
				default:
					t.Errorf("%s: registration %s of a held event is %s", m, r.ID, r.Status)
				}
			}
		}
		if len(kinds) != 4 || walkIns == 0 || attended < 20 || noShows == 0 || cancelled == 0 {
			t.Errorf("%s: held events of kinds %v; %d attended, %d no-shows, %d cancelled, %d walk-ins", m, kinds, attended, noShows, cancelled, walkIns)
		}
		esf, err := events.CountEsf(ctx, m.String())
		if err != nil {
			t.Fatal(err)
		}
		if esf.Registered.Total < 20 || esf.Attended.Total == 0 || len(esf.Registered.Gender) < 3 {
			t.Errorf("%s: ESF+ answers %+v", m, esf)
		}
		count := func(id string) int {
			n := 0
			if err := responses.EachResponse(ctx, id, m.String(), func(surveys.Response) error { n++; return nil }); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := count(app.DemoEventSurveyID); n < 10 {
			t.Errorf("%s: %d responses to the evaluation of events", m, n)
		}
		// The evaluation of consultations keeps its demo answers of the
		// current month only (README, "Try the surveys": yours is the 9th).
		if n := count(app.DemoConsultationSurveyID); n != 0 {
			t.Errorf("%s: %d responses to the evaluation of consultations, want none from this seed", m, n)
		}
		if n := count(app.DemoAwarenessSurveyID); m.Month == time.November && n < 30 {
			t.Errorf("%s: %d responses to the awareness survey", m, n)
		}
	}
	if len(orgs) < 6 {
		t.Errorf("organisations %v; want several public administrations and providers", orgs)
	}
	if res := env.SendOutbox(); len(env.Mails()) != 0 {
		t.Errorf("the seed queued e-mails: %+v", res)
	}

	again, err := env.Deps.SeedReportData(ctx)
	if err != nil || again != (app.ReportSeeded{}) {
		t.Errorf("second seed: %+v %v; want nothing written", again, err)
	}
}
