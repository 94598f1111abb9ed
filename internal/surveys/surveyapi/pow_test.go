package surveyapi_test

import (
	"net/http"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/pow"
	"github.com/mpsv/brana/internal/routes"
)

// TestEveryPublicSurveyWriteNeedsProofOfWork: each public write of the
// surveys function (the route table's PoW flag) refuses a request without
// a solution, with a broken one and with an expired one, and changes
// nothing: the invitation still takes its one answer afterwards.
func TestEveryPublicSurveyWriteNeedsProofOfWork(t *testing.T) {
	f := newFixture(t, apptest.Options{})
	token := f.invite("booking-pow")
	samples := map[string]events.APIGatewayV2HTTPRequest{
		"POST /v1/surveys/{surveyId}/responses": submit(awarenessID, awarenessBody()),
		"POST /v1/survey-invitation/response":   submitInvited(token, evaluationBody()),
		"POST /v1/survey-invitation/opt-out":    optOut(token),
	}
	expired := f.Solved()
	f.Clock.Advance(pow.DefaultTTL)
	n := 0
	for _, r := range routes.Table {
		if r.Function != routes.FnSurveys || !r.PoW {
			continue
		}
		n++
		ev, ok := samples[r.Key()]
		if !ok {
			t.Fatalf("no sample request for %s: add one here", r.Key())
		}
		for _, tt := range []struct{ name, header, want string }{
			{"without a solution", "", string(pow.ReasonMissing)},
			{"with a broken solution", "eyJ9", string(pow.ReasonInvalid)},
			{"with an expired solution", expired, string(pow.ReasonExpired)},
		} {
			t.Run(r.Key()+" "+tt.name, func(t *testing.T) {
				want(t, f.invoke(apptest.WithPoW(ev, tt.header)), http.StatusForbidden, tt.want)
			})
		}
	}
	if n != len(samples) {
		t.Errorf("got %d PoW routes of the surveys function, want %d", n, len(samples))
	}
	if got := f.responses(awarenessID, "2026-11"); len(got) != 0 {
		t.Errorf("stored %d responses, want none", len(got))
	}
	want(t, f.invoke(submitInvited(token, evaluationBody())), http.StatusOK, "")
}
