package surveyapi_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/surveys"
)

// TestNoServerErrorOnJunk: nothing an anonymous caller sends to the
// surveys function is a 5xx: random bytes, truncated and mistyped JSON,
// control characters, deep nesting, huge tokens, ids and keys, each with
// and without a valid proof of work.
func TestNoServerErrorOnJunk(t *testing.T) {
	f := newFixture(t, apptest.Options{Quiet: true})
	handle := apptest.Handler[func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)](f.Env, routes.FnSurveys)
	token := f.invite("booking-junk")
	rnd := rand.New(rand.NewPCG(10, 2026))
	pick := func(list ...string) string { return list[rnd.IntN(len(list))] }
	junkString := func() string {
		n := rnd.IntN(64)
		if rnd.IntN(10) == 0 {
			n = 10000
		}
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rnd.IntN(256))
		}
		return string(b)
	}
	value := func() string {
		return pick(`1`, `-1`, `0`, `5`, `1e308`, `-1e308`, `1.5`, `99999999999999999999`, `"x"`, `""`, `null`, `true`, `[]`, `[1,2]`, `[1,1]`,
			`["a"]`, `{}`, `{"a":1}`, `"a\u0000b"`, `"\ud800"`, `"`+strings.Repeat("ž", 3000)+`"`, strings.Repeat("[", 3000)+strings.Repeat("]", 3000))
	}
	answers := func() string {
		vars := []string{"q1_heard", "q2_source", "q3_meaning", "q4_support", "q5_own_home", "q6_recommend", "q8_word", "q9_comment",
			"q1_satisfaction", "q2_expertise", "q3_nps", "q5_missing", "Q1", "", "a.b", "\u202e"}
		var parts []string
		for range rnd.IntN(8) {
			parts = append(parts, `"`+vars[rnd.IntN(len(vars))]+`":`+value())
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	body := func() string {
		switch rnd.IntN(6) {
		case 0:
			return junkString()
		case 1:
			b := `{"version":1,"context":{"targetGroup":"client","region":"CZ064"},"answers":` + answers() + `}`
			return b[:rnd.IntN(len(b)+1)]
		case 2:
			return `{"version":` + value() + `,"context":` + pick(`{"targetGroup":"client","region":"CZ064"}`, `{"targetGroup":`+value()+`}`, value()) +
				`,"answers":` + pick(answers(), value()) + `,"easyRead":` + value() + `,"browserKey":` + value() + `}`
		case 3:
			return `{"version":1,"answers":` + answers() + `}`
		case 4:
			return ""
		}
		return `{"version":1,"context":{"targetGroup":"not_stated","region":"not_stated"},"answers":` + answers() + `,"browserKey":"` + strings.Repeat("k", 16+rnd.IntN(120)) + `"}`
	}
	statuses := map[int]int{}
	for i := range 400 {
		var ev events.APIGatewayV2HTTPRequest
		id := pick(awarenessID, evaluationID, "neni", junkString())
		tok := pick(token, surveys.NewInvitationToken(), junkString(), "")
		switch rnd.IntN(5) {
		case 0:
			ev = getSurvey(id)
		case 1:
			ev = submit(id, body())
		case 2:
			ev = getInvitation(tok)
		case 3:
			ev = submitInvited(tok, body(), "Idempotency-Key", pick("", "k1", junkString()))
		default:
			ev = optOut(tok)
			ev.Body = pick("", "{}", body())
		}
		if rnd.IntN(4) > 0 {
			ev = f.WithSolved(ev)
		} else {
			ev = apptest.WithPoW(ev, pick("", junkString()))
		}
		ev.Headers["content-type"] = pick("application/json", "text/plain", junkString())
		ev.IsBase64Encoded = rnd.IntN(20) == 0
		resp, err := handle(context.Background(), apptest.ThroughCloudFront(ev))
		if err != nil || resp.StatusCode >= 500 {
			t.Fatalf("case %d %s: got %d %s %v", i, ev.RouteKey, resp.StatusCode, resp.Body, err)
		}
		statuses[resp.StatusCode]++
	}
	if statuses[http.StatusOK] == 0 || statuses[http.StatusBadRequest] == 0 || statuses[http.StatusNotFound] == 0 {
		t.Fatalf("statuses %v: the junk did not reach every kind of outcome", statuses)
	}
	t.Logf("400 junk requests: %v", statuses)
}
