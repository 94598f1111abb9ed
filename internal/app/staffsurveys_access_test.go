package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/registry"
)

func init() { prefixes = append(prefixes, registry.KeySurvey) }

// staffSurveys runs every route of the staff-surveys function once (for
// TestFunctionsTouchOnlyWhatTheRegistrySays): an evaluator creates a
// survey, lists and reads it, saves its draft, publishes it, reads a
// version and closes it.
func staffSurveys(t *testing.T, invoke func(events.APIGatewayV2HTTPRequest, int) events.APIGatewayV2HTTPResponse) {
	t.Helper()
	at := func(name string) events.APIGatewayV2HTTPRequest {
		ev := apptest.Event(t, name)
		if ev.PathParameters != nil {
			ev.PathParameters["surveyId"] = "povedomi-2026"
			ev.RawPath = strings.ReplaceAll(ev.RawPath, "SURVEY_ID", "povedomi-2026")
			ev.RequestContext.HTTP.Path = ev.RawPath
		}
		return ev
	}
	invoke(at("staff-create-survey"), http.StatusCreated)
	for _, name := range []string{"staff-list-surveys", "staff-get-survey", "staff-save-survey-draft", "staff-publish-survey", "staff-get-survey-version", "staff-close-survey"} {
		invoke(at(name), http.StatusOK)
	}
}
