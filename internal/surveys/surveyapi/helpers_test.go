package surveyapi_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

// Demo survey ids of these tests.
const (
	awarenessID  = "povedomi-2026"
	evaluationID = "hodnoceni-konzultaci"
)

// fixture is an apptest Env with the demo awareness survey and the demo
// evaluation of consultations published (version 1 each).
type fixture struct {
	*apptest.Env
	t     testing.TB
	store *surveydb.Store
	inv   *surveydb.Invitations
}

func newFixture(t *testing.T, opt apptest.Options) *fixture { return newBenchFixture(t, opt) }

// newBenchFixture is newFixture for tests and benchmarks alike.
func newBenchFixture(t testing.TB, opt apptest.Options) *fixture {
	t.Helper()
	e := apptest.New(t, opt)
	db := dynamo.New(e.Client, e.Table)
	inv, err := surveydb.NewInvitations(db, e.Deps.Config.OutboxKey)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{Env: e, t: t, store: surveydb.New(db), inv: inv}
	f.publish(awarenessID, demo.Awareness())
	f.publish(evaluationID, demo.EvaluationConsultation())
	return f
}

// publish creates a survey with def as version 1 and publishes it.
func (f *fixture) publish(id string, def surveys.Definition) {
	f.t.Helper()
	ctx := context.Background()
	sv, _, err := f.store.Create(ctx, surveys.Survey{
		ID: id, Kind: def.Kind, Audience: def.Audience, Title: def.Title,
		CreatedAt: f.Clock.Now(), CreatedBy: "test-evaluator",
	}, def)
	if err != nil {
		f.t.Fatalf("create survey %s: %v", id, err)
	}
	if _, err := f.store.Publish(ctx, id, sv.Rev, 1, f.Clock.Now()); err != nil {
		f.t.Fatalf("publish survey %s: %v", id, err)
	}
}

// publishNext saves def as the next version of a published survey and
// publishes it.
func (f *fixture) publishNext(id string, def surveys.Definition) int {
	f.t.Helper()
	ctx := context.Background()
	sv, err := f.store.Get(ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	sv, v, err := f.store.SaveDraft(ctx, id, sv.Rev, def, "test-evaluator", f.Clock.Now())
	if err != nil {
		f.t.Fatalf("save draft: %v", err)
	}
	if _, err := f.store.Publish(ctx, id, sv.Rev, v.Number, f.Clock.Now()); err != nil {
		f.t.Fatalf("publish version %d: %v", v.Number, err)
	}
	return v.Number
}

// invite makes an invitation of a consultation (sourceRef: the booking's
// id) to the evaluation survey, as the invitation job does, and returns
// its token.
func (f *fixture) invite(sourceRef string) string {
	f.t.Helper()
	token := surveys.NewInvitationToken()
	marker := f.inv.Marker(surveys.AudienceConsultation, sourceRef, evaluationID)
	sealer, err := outbox.NewSealer(f.Deps.Config.OutboxKey)
	if err != nil {
		f.t.Fatal(err)
	}
	now := f.Clock.Now()
	msg := mail.Message{
		ID: surveydb.InvitationMailID(marker), Template: "surveys.invitation", Lang: "cs",
		To: mail.Address{Email: "marie.prochazkova@example.cz"}, Data: []byte(`{}`), Secret: "http://localhost:8080/surveys/answer#" + token,
	}
	err = f.inv.CreateInvitation(context.Background(), surveydb.NewInvitation{
		Invitation: surveys.Invitation{
			TokenHash: surveys.InvitationTokenHash(token), Survey: evaluationID,
			Context: surveys.Context{Source: surveys.SourceConsultation, Form: "onsite", Topic: "transformation_plan",
				Region: "CZ064", TargetGroup: "provider"},
			SourceRef: sourceRef, SentAt: now, ExpiresAt: now.Add(surveys.InvitationValidity),
		},
		Token: token, Marker: marker, Mail: sealer.NewItem(msg, "survey:"+evaluationID, now),
	})
	if err != nil {
		f.t.Fatalf("invite: %v", err)
	}
	return token
}

// request is an API Gateway event for a route of the surveys function.
func request(routeKey, path string, params, headers map[string]string, body string) events.APIGatewayV2HTTPRequest {
	method, _, _ := strings.Cut(routeKey, " ")
	h := map[string]string{"accept-language": "cs", "content-type": "application/json"}
	for k, v := range headers {
		h[strings.ToLower(k)] = v
	}
	return events.APIGatewayV2HTTPRequest{
		Version: "2.0", RouteKey: routeKey, RawPath: path, Headers: h, PathParameters: params, Body: body,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			RouteKey: routeKey, RequestID: "req-surveys",
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: method, Path: path, Protocol: "HTTP/1.1"},
		},
	}
}

func getSurvey(id string) events.APIGatewayV2HTTPRequest {
	return request("GET /v1/surveys/{surveyId}", "/v1/surveys/"+url.PathEscape(id), map[string]string{"surveyId": id}, nil, "")
}

func submit(id string, body any, headers ...string) events.APIGatewayV2HTTPRequest {
	return request("POST /v1/surveys/{surveyId}/responses", "/v1/surveys/"+url.PathEscape(id)+"/responses",
		map[string]string{"surveyId": id}, pairs(headers), jsonBody(body))
}

func getInvitation(token string) events.APIGatewayV2HTTPRequest {
	return request("GET /v1/survey-invitation", "/v1/survey-invitation", nil, map[string]string{"Invitation-Token": token}, "")
}

func submitInvited(token string, body any, headers ...string) events.APIGatewayV2HTTPRequest {
	h := pairs(headers)
	h["Invitation-Token"] = token
	return request("POST /v1/survey-invitation/response", "/v1/survey-invitation/response", nil, h, jsonBody(body))
}

func optOut(token string) events.APIGatewayV2HTTPRequest {
	return request("POST /v1/survey-invitation/opt-out", "/v1/survey-invitation/opt-out", nil, map[string]string{"Invitation-Token": token}, "")
}

func pairs(kv []string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func jsonBody(body any) string {
	if s, ok := body.(string); ok {
		return s
	}
	b, err := json.Marshal(body)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// invoke runs the surveys function.
func (f *fixture) invoke(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPResponse {
	f.t.Helper()
	return f.Invoke(routes.FnSurveys, ev)
}

// want checks a response's status and, for a problem, its code.
func want(t testing.TB, resp events.APIGatewayV2HTTPResponse, status int, code string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("got %d %s, want %d %s", resp.StatusCode, resp.Body, status, code)
	}
	if code != "" && !strings.Contains(resp.Body, `"code":"`+code+`"`) {
		t.Fatalf("got %s, want code %s", resp.Body, code)
	}
}

// awarenessAnswers answers the demo awareness survey's required questions.
func awarenessAnswers() map[string]any {
	return map[string]any{"q1_heard": 1, "q2_source": []int{1}, "q3_meaning": 1, "q4_support": 4}
}

// publicBody is a valid public response to version 1.
func publicBody(group, region, browserKey string) map[string]any {
	b := map[string]any{
		"version": 1, "context": map[string]any{"targetGroup": group, "region": region},
		"answers": awarenessAnswers(),
	}
	if browserKey != "" {
		b["browserKey"] = browserKey
	}
	return b
}

// responses reads a survey's responses of a month.
func (f *fixture) responses(survey, month string) []surveys.Response {
	f.t.Helper()
	var out []surveys.Response
	if err := f.store.EachResponse(context.Background(), survey, month, func(r surveys.Response) error {
		out = append(out, r)
		return nil
	}); err != nil {
		f.t.Fatal(err)
	}
	return out
}
