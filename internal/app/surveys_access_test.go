package app_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

func init() {
	prefixes = append(prefixes, registry.KeySurvey, registry.KeyResponse, registry.KeyInvitation, registry.KeyInvited, registry.KeyAnswered)
}

// accessSurveys runs every route of the public surveys function once, for
// TestFunctionsTouchOnlyWhatTheRegistrySays: the demo surveys seeded, an
// awareness response (with a browser key and an Idempotency-Key), an
// invitation read and answered, another declined.
func accessSurveys(t *testing.T, env *apptest.Env, invoke func(string, events.APIGatewayV2HTTPRequest, int) events.APIGatewayV2HTTPResponse) {
	t.Helper()
	ctx := context.Background()
	if _, err := env.Deps.SeedSurveys(ctx); err != nil {
		t.Fatal(err)
	}
	invoke(registry.Surveys, apptest.Event(t, "get-survey"), http.StatusOK)
	invoke(registry.Surveys, apptest.Event(t, "submit-survey-response"), http.StatusOK)

	inv, err := surveydb.NewInvitations(dynamo.New(env.Client, env.Table), env.Deps.Config.OutboxKey)
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := outbox.NewSealer(env.Deps.Config.OutboxKey)
	if err != nil {
		t.Fatal(err)
	}
	invite := func(source string) string {
		token, now := surveys.NewInvitationToken(), env.Clock.Now()
		marker := inv.Marker(surveys.AudienceConsultation, source, "hodnoceni-konzultaci")
		err := inv.CreateInvitation(ctx, surveydb.NewInvitation{
			Invitation: surveys.Invitation{
				TokenHash: surveys.InvitationTokenHash(token), Survey: "hodnoceni-konzultaci",
				Context:   surveys.Context{Source: surveys.SourceConsultation, Form: "phone", Region: "CZ010"},
				SourceRef: source, SentAt: now, ExpiresAt: now.Add(surveys.InvitationValidity),
			},
			Token: token, Marker: marker,
			Mail: sealer.NewItem(mail.Message{ID: surveydb.InvitationMailID(marker), Template: "surveys.invitation", Lang: "cs",
				To: mail.Address{Email: "a@example.cz"}, Data: []byte(`{}`), Secret: "x#" + token}, "survey", now),
		})
		if err != nil {
			t.Fatal(err)
		}
		return token
	}
	route := func(key, path, token, body string) events.APIGatewayV2HTTPRequest {
		ev := apptest.Event(t, "get-survey")
		ev.RouteKey, ev.RequestContext.RouteKey, ev.RawPath, ev.RequestContext.HTTP.Path = key, key, path, path
		ev.RequestContext.HTTP.Method = key[:len(key)-len(path)-1]
		ev.PathParameters = nil
		ev = apptest.WithHeader(ev, "invitation-token", token)
		if body != "" {
			ev = apptest.WithHeader(ev, "content-type", "application/json")
			ev.Body = body
		}
		return ev
	}
	answer := invite("booking-access-1")
	invoke(registry.Surveys, route("GET /v1/survey-invitation", "/v1/survey-invitation", answer, ""), http.StatusOK)
	invoke(registry.Surveys, route("POST /v1/survey-invitation/response", "/v1/survey-invitation/response", answer,
		`{"version":1,"answers":{"q1_satisfaction":5,"q3_nps":10}}`), http.StatusOK)
	invoke(registry.Surveys, route("POST /v1/survey-invitation/opt-out", "/v1/survey-invitation/opt-out", invite("booking-access-2"), ""), http.StatusOK)
}
