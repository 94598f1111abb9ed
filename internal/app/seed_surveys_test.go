package app_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveyapi"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

// TestSeedSurveys: `make run` starts with the demo awareness survey
// published with its answers, spread so that the aggregates by target
// group and by region show cells of 5 and more and cells under 5, and the
// evaluation surveys published for the invitation job; a second run
// changes nothing.
func TestSeedSurveys(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	created, err := env.Deps.SeedSurveys(ctx)
	if err != nil || created != 3 {
		t.Fatalf("first seed: created %d, %v; want 3", created, err)
	}
	again, err := env.Deps.SeedSurveys(ctx)
	if err != nil || again != 0 {
		t.Fatalf("second seed: created %d, %v; want 0", again, err)
	}

	store := surveydb.New(dynamo.New(env.Client, env.Table))
	byGroup, byRegion := map[string]int{}, map[string]int{}
	n, easy := 0, 0
	err = store.EachResponse(ctx, app.DemoAwarenessSurveyID, "2026-11", func(r surveys.Response) error {
		n++
		byGroup[r.Context.TargetGroup]++
		byRegion[r.Context.Region]++
		if r.EasyRead {
			easy++
		}
		if r.Context.Wave != "baseline" || r.Version != 1 || r.Context.Source != surveys.SourcePublic {
			t.Errorf("seeded response %+v", r)
		}
		return nil
	})
	if err != nil || n != app.DemoSurveyResponses {
		t.Fatalf("seeded %d answers, %v; want %d (and none more on the second run)", n, err, app.DemoSurveyResponses)
	}
	if easy == 0 {
		t.Error("no easy-read answers seeded")
	}
	for name, cells := range map[string]map[string]int{"target group": byGroup, "region": byRegion} {
		big, small := 0, 0
		for _, c := range cells {
			if c >= 5 {
				big++
			} else {
				small++
			}
		}
		if big < 2 || small < 1 {
			t.Errorf("by %s %v: want at least two cells of 5 or more and one under 5", name, cells)
		}
	}

	// The public link shows the awareness survey running.
	ev := apptest.Event(t, "get-survey")
	resp := env.Invoke(routes.FnSurveys, ev)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the demo survey's link: got %d %s", resp.StatusCode, resp.Body)
	}
	if got := apptest.Body[surveyapi.PublicSurvey](t, resp); !got.Running || got.ID != app.DemoAwarenessSurveyID {
		t.Fatalf("the demo survey: %+v", got)
	}
	// The evaluation surveys are open, for consultations and for events.
	for id, aud := range map[string]surveys.Audience{app.DemoConsultationSurveyID: surveys.AudienceConsultation, app.DemoEventSurveyID: surveys.AudienceEvent} {
		sv, err := store.Get(ctx, id)
		if err != nil || sv.Status != surveys.StatusOpen || sv.Kind != surveys.KindEvaluation || sv.Audience != aud || sv.Published != 1 {
			t.Errorf("%s: %+v, %v; want an open evaluation survey for %s", id, sv, err, aud)
		}
	}
}
