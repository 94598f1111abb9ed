package api_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// TestEventsRoutesAsAStranger sends the public events routes and GET
// /v1/challenge what a stranger might: huge bodies, control, bidi and
// invalid UTF-8 characters in every text field and path parameter, months
// out of range, very long ids and codes, unknown query parameters. Each
// must get a 4xx problem+json and change nothing.
func TestEventsRoutesAsAStranger(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	putEvent(t, env, "ev1", 1)
	const regID = "01kc0b2f6n8p4r1s7t3v5x9y2a"
	bads := map[string]string{"control": "a\x07b", "bidi": "a\u202eb", "invalid UTF-8": "a\xffb", "NUL": "a\x00b"}
	huge := `{"contact":{"name":"` + strings.Repeat("x", 10<<20) + `"}}`

	withPath := func(ev events.APIGatewayV2HTTPRequest, param, value string) events.APIGatewayV2HTTPRequest {
		old := ev.PathParameters[param]
		ev.PathParameters = map[string]string{param: value}
		ev.RawPath = strings.ReplaceAll(ev.RawPath, old, value)
		ev.RequestContext.HTTP.Path = ev.RawPath
		return ev
	}
	withQuery := func(ev events.APIGatewayV2HTTPRequest, q map[string]string) events.APIGatewayV2HTTPRequest {
		ev.QueryStringParameters = q
		v := url.Values{}
		for k, x := range q {
			v.Set(k, x)
		}
		ev.RawQueryString = v.Encode()
		return ev
	}
	rawBody := func(ev events.APIGatewayV2HTTPRequest, body string) events.APIGatewayV2HTTPRequest {
		ev.Body = body
		ev.IsBase64Encoded = false
		return apptest.WithHeader(ev, "idempotency-key", "")
	}
	// inject sets the string at path in the sample body to a marker and
	// swaps in the raw bad text, so invalid UTF-8 reaches the handler.
	inject := func(ev events.APIGatewayV2HTTPRequest, path []string, bad string) events.APIGatewayV2HTTPRequest {
		var b map[string]any
		if err := json.Unmarshal([]byte(ev.Body), &b); err != nil {
			t.Fatal(err)
		}
		m := b
		for _, k := range path[:len(path)-1] {
			m = m[k].(map[string]any)
		}
		if _, isList := m[path[len(path)-1]].([]any); isList {
			m[path[len(path)-1]] = []any{"@@BAD@@"}
		} else {
			m[path[len(path)-1]] = "@@BAD@@"
		}
		s, _ := json.Marshal(b)
		esc := strings.NewReplacer("\x07", `\u0007`, "\x00", `\u0000`).Replace(bad)
		return rawBody(ev, strings.Replace(string(s), "@@BAD@@", esc, 1))
	}

	type probe struct {
		name string
		fn   string
		ev   events.APIGatewayV2HTTPRequest
	}
	var probes []probe
	// add encodes the path as API Gateway receives it (the path parameters
	// arrive decoded).
	add := func(name, fn string, ev events.APIGatewayV2HTTPRequest) {
		for _, v := range ev.PathParameters {
			ev.RawPath = strings.ReplaceAll(ev.RawPath, v, url.PathEscape(v))
		}
		ev.RequestContext.HTTP.Path = ev.RawPath
		probes = append(probes, probe{name, fn, ev})
	}
	reg := func(name string) events.APIGatewayV2HTTPRequest { return regEvent(t, name, regID, "t") }
	posts := map[string]events.APIGatewayV2HTTPRequest{
		"create-registration": eventEvent(t, "create-registration", "ev1"),
		"cancel-registration": reg("cancel-registration"),
		"accept-offer":        reg("accept-offer"),
		"decline-offer":       reg("decline-offer"),
		"submit-esf":          reg("submit-esf"),
		"withdraw-esf":        reg("withdraw-esf"),
	}
	for name, ev := range posts {
		add(name+": a 10 MB body", routes.FnEvents, rawBody(ev, huge))
	}
	fields := [][]string{
		{"contact", "name"}, {"contact", "email"}, {"contact", "phone"},
		{"organisation", "name"}, {"organisation", "ico"}, {"targetGroup"}, {"jobRole"}, {"region"},
		{"answers", "q1"}, {"answers", "q2"}, {"needs", "other"}, {"consent", "noticeVersion"}, {"language"},
	}
	for kind, bad := range bads {
		for _, f := range fields {
			add("create-registration: "+kind+" in "+strings.Join(f, "."), routes.FnEvents, inject(eventEvent(t, "create-registration", "ev1"), f, bad))
		}
		for _, f := range []string{"gender", "ageBand", "disability"} {
			add("submit-esf: "+kind+" in "+f, routes.FnEvents, inject(reg("submit-esf"), []string{f}, bad))
		}
		add("get-event: "+kind+" in eventId", routes.FnEvents, eventEvent(t, "get-event", bad))
		add("create-registration: "+kind+" in eventId", routes.FnEvents, eventEvent(t, "create-registration", bad))
		for _, name := range []string{"get-registration", "get-registration-calendar", "cancel-registration", "accept-offer", "decline-offer", "submit-esf", "withdraw-esf", "get-registration-certificate"} {
			add(name+": "+kind+" in registrationId", routes.FnEvents, regEvent(t, name, bad, "t"))
			add(name+": "+kind+" in the token", routes.FnEvents, regEvent(t, name, regID, bad))
		}
		add("verify-certificate: "+kind+" in code", routes.FnEvents, withPath(apptest.Event(t, "verify-certificate"), "code", bad))
		add("list-events: "+kind+" in month", routes.FnEvents, withQuery(apptest.Event(t, "list-events"), map[string]string{"month": bad}))
		for _, q := range []string{"kind", "region", "topic", "mode"} {
			add("list-events: "+kind+" in "+q, routes.FnEvents, withQuery(apptest.Event(t, "list-events"), map[string]string{q: bad}))
		}
	}
	long := strings.Repeat("A", 10000)
	add("verify-certificate: a 10,000-character code", routes.FnEvents, withPath(apptest.Event(t, "verify-certificate"), "code", long))
	add("get-registration: a 10,000-character id", routes.FnEvents, regEvent(t, "get-registration", long, "t"))
	add("get-registration-certificate: a 10,000-character id", routes.FnEvents, regEvent(t, "get-registration-certificate", long, "t"))
	add("get-registration: a 10,000-character token", routes.FnEvents, regEvent(t, "get-registration", regID, long))
	add("get-event: a 10,000-character id", routes.FnEvents, eventEvent(t, "get-event", long))
	for _, m := range []string{"9999-12", "0000-00", "2026-13", "2026-1", "2026-12-01", "-2026-12", "２０２６-12", "2101-01", "2019-12", "202612", "2100-12", "2020-01"} {
		add("list-events: month="+m, routes.FnEvents, withQuery(apptest.Event(t, "list-events"), map[string]string{"month": m}))
	}
	add("list-events: from/to", routes.FnEvents, withQuery(apptest.Event(t, "list-events"), map[string]string{"from": "0001-01-01", "to": "9999-12-31"}))
	add("list-events: an unknown parameter", routes.FnEvents, withQuery(apptest.Event(t, "list-events"), map[string]string{"limit": "100000"}))
	add("get-event: an unknown parameter", routes.FnEvents, withQuery(eventEvent(t, "get-event", "ev1"), map[string]string{"expand": "registrations"}))
	add("verify-certificate: an unknown parameter", routes.FnEvents, withQuery(apptest.Event(t, "verify-certificate"), map[string]string{"x": "\x07"}))
	add("get-challenge: an unknown parameter", routes.FnBookings, withQuery(apptest.Event(t, "get-challenge"), map[string]string{"difficulty": "0"}))
	for kind, bad := range bads {
		add("get-challenge: "+kind+" in a parameter", routes.FnBookings, withQuery(apptest.Event(t, "get-challenge"), map[string]string{"x": bad}))
	}
	add("get-challenge: a 10 MB body", routes.FnBookings, rawBody(apptest.Event(t, "get-challenge"), huge))

	declared := map[string]bool{"kind": true, "region": true, "topic": true, "month": true, "mode": true}
	offSpec := func(ev events.APIGatewayV2HTTPRequest) bool {
		for k := range ev.QueryStringParameters {
			if !declared[k] || ev.RawPath != "/v1/events" {
				return true
			}
		}
		return false
	}
	for _, p := range probes {
		t.Run(p.name, func(t *testing.T) {
			var resp events.APIGatewayV2HTTPResponse
			if offSpec(p.ev) {
				// Parameters docs/openapi.yaml does not declare: the contract
				// check would refuse the request itself, so call the handler.
				h := apptest.Handler[func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)](env, p.fn)
				var err error
				if resp, err = h(context.Background(), apptest.ThroughCloudFront(env.WithSolved(p.ev))); err != nil {
					t.Fatalf("invocation error: %v", err)
				}
			} else {
				resp = env.Invoke(p.fn, p.ev)
			}
			if resp.StatusCode >= 500 {
				t.Fatalf("got %d %.300s, want no 5xx", resp.StatusCode, resp.Body)
			}
			if resp.StatusCode >= 400 {
				if ct := resp.Headers["Content-Type"] + resp.Headers["content-type"]; !strings.HasPrefix(ct, "application/problem+json") {
					t.Errorf("got %d with content type %q, want problem+json", resp.StatusCode, ct)
				}
			}
		})
	}
	regs, err := workshopdb.New(dynamo.New(env.Client, env.Table)).ListRegistrations(context.Background(), "ev1")
	if err != nil || len(regs) != 0 {
		t.Fatalf("registrations after the probes: got %d (%v), want none", len(regs), err)
	}

	// The same Idempotency-Key twice at once registers once.
	var wg sync.WaitGroup
	statuses := make([]int, 2)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = env.Invoke(routes.FnEvents, eventEvent(t, "create-registration", "ev1")).StatusCode
		}()
	}
	wg.Wait()
	for _, s := range statuses {
		if s >= 500 {
			t.Errorf("same key twice at once: got %v, want no 5xx", statuses)
		}
	}
	regs, err = workshopdb.New(dynamo.New(env.Client, env.Table)).ListRegistrations(context.Background(), "ev1")
	if err != nil || len(regs) != 1 {
		t.Errorf("same key twice at once: %v left %d registrations (%v), want 1", statuses, len(regs), err)
	}
}
