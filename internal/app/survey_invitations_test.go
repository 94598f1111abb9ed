package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/mail/mailtest"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/wire"
)

var surveyLink = regexp.MustCompile(`/surveys/answer(?:\?lang=en)?#([A-Za-z0-9_-]{43})\b`)

// surveyRequest is a request of the public surveys function carrying an
// invitation token in its header.
func surveyRequest(routeKey, token string, body any) events.APIGatewayV2HTTPRequest {
	method, path, _ := strings.Cut(routeKey, " ")
	ev := events.APIGatewayV2HTTPRequest{
		Version: "2.0", RouteKey: routeKey, RawPath: path,
		Headers: map[string]string{"accept-language": "cs", "content-type": "application/json", "invitation-token": token},
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			RouteKey: routeKey, RequestID: "req-survey-invitation",
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: method, Path: path, Protocol: "HTTP/1.1"},
		},
	}
	if body != nil {
		b, _ := json.Marshal(body)
		ev.Body = string(b)
	}
	return ev
}

// TestHeldConsultationInvitesOnce is the walk-through: a demo
// consultation is marked held; the next day at 10:00 the invitation e-mail
// goes out; its link answers the demo evaluation once and is refused the
// second time.
func TestHeldConsultationInvitesOnce(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ctx := context.Background()
	if _, err := env.Deps.SeedSurveys(ctx); err != nil {
		t.Fatal(err)
	}
	booked := env.Book(env.FreeSlots(apptest.Tuesday)[0])
	env.Clock.Set(apptest.Tuesday.At(18 * 60))
	held := apptest.WithClaims(apptest.WithBooking(apptest.Event(t, "staff-set-outcome"), booked.Booking.ID, ""), "dev-admin", auth.GroupAdmin)
	if resp := env.Invoke(registry.Staff, held); resp.StatusCode != http.StatusOK {
		t.Fatalf("mark held: %d %s", resp.StatusCode, resp.Body)
	}

	job, err := wire.MustGet(registry.SurveyInvitations).Build(ctx, env.Deps.EnvFor(registry.SurveyInvitations))
	if err != nil {
		t.Fatal(err)
	}
	run := func() string {
		t.Helper()
		out, err := job.Invoke(ctx, []byte("{}"))
		if err != nil {
			t.Fatalf("survey invitations: %v", err)
		}
		return string(out)
	}
	if out := run(); out != `{"invited":0,"reminded":0}` {
		t.Fatalf("the same day: %s, want nobody invited yet", out)
	}
	env.Clock.Set(apptest.Wednesday.At(10 * 60))
	if out := run(); out != `{"invited":1,"reminded":0}` {
		t.Fatalf("the next day at 10:00: %s, want 1 invited", out)
	}
	if out := run(); out != `{"invited":0,"reminded":0}` {
		t.Fatalf("a second run: %s, want nobody invited again", out)
	}

	// The .eml, as the sender writes it.
	env.SendOutbox()
	var token string
	for id, raw := range env.Mails() {
		if !strings.HasPrefix(id, "survey-invitation-") {
			continue
		}
		p := mailtest.Parse(t, raw)
		m := surveyLink.FindStringSubmatch(p.Text)
		if m == nil || !regexp.MustCompile(`/surveys/opt-out(\?lang=en)?#`+m[1]).MatchString(p.Text) || !strings.Contains(p.HTML, m[1]) {
			t.Fatalf("invitation e-mail without its links:\n%s", p.Text)
		}
		token = m[1]
	}
	if token == "" {
		t.Fatalf("no invitation e-mail among %v", env.MailIDs())
	}

	if resp := env.Invoke(routes.FnSurveys, surveyRequest("GET /v1/survey-invitation", token, nil)); resp.StatusCode != http.StatusOK {
		t.Fatalf("open the invitation: %d %s", resp.StatusCode, resp.Body)
	}
	answer := map[string]any{
		"version": 1,
		"answers": map[string]any{"q1_satisfaction": 4, "q2_expertise": 5, "q3_nps": 9, "q4_again": 1},
	}
	if resp := env.Invoke(routes.FnSurveys, surveyRequest("POST /v1/survey-invitation/response", token, answer)); resp.StatusCode != http.StatusOK {
		t.Fatalf("answer: %d %s", resp.StatusCode, resp.Body)
	}
	resp := env.Invoke(routes.FnSurveys, surveyRequest("POST /v1/survey-invitation/response", token, answer))
	if resp.StatusCode != http.StatusConflict || !strings.Contains(resp.Body, `"code":"invitation_answered"`) {
		t.Fatalf("a second answer: %d %s, want 409 invitation_answered", resp.StatusCode, resp.Body)
	}

	// A week later: answered, so no reminder.
	env.Clock.Set(apptest.Wednesday.AddDays(7).At(10 * 60))
	if out := run(); out != `{"invited":0,"reminded":0}` {
		t.Fatalf("a week later: %s, want no reminder after the answer", out)
	}
}
