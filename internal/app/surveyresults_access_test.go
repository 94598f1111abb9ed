package app_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

// surveyResultsAccess stores the survey of the survey-results sample
// events (the demo awareness survey, version 1 published, unless the demo
// seed stored it already) with a response in November 2026, and runs each
// sample event.
func surveyResultsAccess(t *testing.T, env *apptest.Env, invoke func(events.APIGatewayV2HTTPRequest, int) events.APIGatewayV2HTTPResponse) {
	t.Helper()
	ctx := context.Background()
	st := surveydb.New(dynamo.New(env.Client, env.Table))
	def, now := demo.Awareness(), env.Clock.Now()
	sv, err := st.Get(ctx, "povedomi-o-transformaci") // the demo seed may have stored it
	if apperr.CodeOf(err) == apperr.NotFound {
		if sv, _, err = st.Create(ctx, surveys.Survey{ID: "povedomi-o-transformaci", Kind: def.Kind, Title: def.Title, CreatedAt: now, CreatedBy: "dev-admin"}, def); err == nil {
			sv, err = st.Publish(ctx, sv.ID, sv.Rev, 1, now)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	put, err := st.ResponsePut(surveys.Response{
		ID: surveydb.NewResponseID(), Survey: sv.ID, Version: 1, Month: "2026-11",
		Context: surveys.Context{Source: surveys.SourcePublic, Region: "CZ010"},
		Values:  map[string]surveys.Value{"q1_heard": {Codes: []int{surveys.YesCode}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutNow(ctx, put); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"staff-survey-results", "staff-survey-export-csv", "staff-survey-export-xlsx", "staff-survey-codebook"} {
		invoke(apptest.Event(t, name), http.StatusOK)
	}
}
