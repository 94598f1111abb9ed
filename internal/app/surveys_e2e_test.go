package app_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/mail/mailtest"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/wire"
)

// TestSurveyInvitationEndToEnd is the walk-through with the demo
// data: a demo consultation is booked and marked held; the next day at
// 10:00 the invitation job e-mails the person; the e-mail's link answers
// the demo evaluation survey through the public surveys function; a second
// answer with the same link is refused; the response holds the booking's
// facts and no link to it.
func TestSurveyInvitationEndToEnd(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	if _, err := env.Deps.SeedSurveys(ctx); err != nil {
		t.Fatal(err)
	}
	booked := env.Book(env.FreeSlots(apptest.Tuesday)[0])
	env.Clock.Set(apptest.Tuesday.At(18 * 60))
	outcome := apptest.WithClaims(apptest.WithBooking(apptest.Event(t, "staff-set-outcome"), booked.Booking.ID, ""), "dev-admin", auth.GroupAdmin)
	if resp := env.Invoke(routes.FnStaff, outcome); resp.StatusCode != http.StatusOK {
		t.Fatalf("mark held: %d %s", resp.StatusCode, resp.Body)
	}

	// The next day at 10:00 Prague the job invites; the outbox sends.
	env.Clock.Set(apptest.Wednesday.At(10 * 60))
	h, err := wire.MustGet(registry.SurveyInvitations).Build(ctx, env.Deps.EnvFor(registry.SurveyInvitations))
	if err != nil {
		t.Fatal(err)
	}
	if out, err := h.Invoke(ctx, []byte(`{}`)); err != nil || !strings.Contains(string(out), `"invited":1`) {
		t.Fatalf("invitation job: %s %v", out, err)
	}
	env.SendOutbox()
	token := ""
	link := regexp.MustCompile(`/surveys/answer(?:\?lang=en)?#([A-Za-z0-9_-]{43})`)
	for _, raw := range env.Mails() {
		if m := link.FindStringSubmatch(mailtest.Parse(t, raw).Text); m != nil {
			token = m[1]
		}
	}
	if token == "" {
		t.Fatalf("no invitation e-mail with an answer link among %v", env.MailIDs())
	}

	req := func(routeKey, path, body string) events.APIGatewayV2HTTPRequest {
		ev := apptest.Event(t, "get-survey")
		ev.RouteKey, ev.RequestContext.RouteKey, ev.RawPath, ev.RequestContext.HTTP.Path = routeKey, routeKey, path, path
		ev.RequestContext.HTTP.Method, _, _ = strings.Cut(routeKey, " ")
		ev.PathParameters = nil
		ev = apptest.WithHeader(ev, "invitation-token", token)
		if body != "" {
			ev = apptest.WithHeader(ev, "content-type", "application/json")
			ev.Body = body
		}
		return ev
	}
	view := env.Invoke(routes.FnSurveys, req("GET /v1/survey-invitation", "/v1/survey-invitation", ""))
	if view.StatusCode != http.StatusOK || !strings.Contains(view.Body, `"state":"open"`) || !strings.Contains(view.Body, `"id":"`+app.DemoConsultationSurveyID+`"`) {
		t.Fatalf("the invitation: %d %s", view.StatusCode, view.Body)
	}
	answer := `{"version":1,"answers":{"q1_satisfaction":5,"q3_nps":10,"q4_again":1},"easyRead":true}`
	if resp := env.Invoke(routes.FnSurveys, req("POST /v1/survey-invitation/response", "/v1/survey-invitation/response", answer)); resp.StatusCode != http.StatusOK {
		t.Fatalf("answer: %d %s", resp.StatusCode, resp.Body)
	}
	again := env.Invoke(routes.FnSurveys, req("POST /v1/survey-invitation/response", "/v1/survey-invitation/response", answer))
	if again.StatusCode != http.StatusConflict || !strings.Contains(again.Body, `"code":"invitation_answered"`) {
		t.Fatalf("a second answer: %d %s, want 409 invitation_answered", again.StatusCode, again.Body)
	}

	var got []surveys.Response
	store := surveydb.New(dynamo.New(env.Client, env.Table))
	if err := store.EachResponse(ctx, app.DemoConsultationSurveyID, "2026-12", func(r surveys.Response) error { got = append(got, r); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Context.Source != surveys.SourceConsultation || got[0].Context.Form == "" || got[0].Context.Region == "" || !got[0].EasyRead {
		t.Fatalf("responses: %+v, want one with the consultation's facts", got)
	}
	if strings.Contains(got[0].ID+got[0].Context.Topic+got[0].Context.Form, booked.Booking.ID) {
		t.Fatalf("the response names the booking: %+v", got[0])
	}
}
