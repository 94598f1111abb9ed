package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/contract"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

// gatewayRequestID is the request id API Gateway puts in the test events.
const gatewayRequestID = "Kx3mVhQ2FiAEPbA="

// fixture is an API of one function of the route table with fake handlers,
// logging JSON into a buffer.
type fixture struct {
	api     *httpapi.API
	logs    *bytes.Buffer
	handled *bool // whether the last request reached a handler
}

// ok is the fake handler of every route not given: 200 with a small body.
func ok(context.Context, *httpapi.Request) (httpapi.Response, error) {
	return httpapi.JSON(http.StatusOK, map[string]bool{"ok": true}), nil
}

// newFixture builds the API of fn; handlers replace the fake ones by route key.
func newFixture(t *testing.T, fn string, handlers map[string]httpapi.Handler) fixture {
	t.Helper()
	all := map[string]httpapi.Handler{}
	for _, r := range routes.ForFunction(fn) {
		all[r.Key()] = ok
	}
	for k, h := range handlers {
		if _, known := all[k]; !known {
			t.Fatalf("fixture: %q is not a route of function %q", k, fn)
		}
		all[k] = h
	}
	handled := new(bool)
	for k, h := range all {
		all[k] = func(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
			*handled = true
			return h(ctx, r)
		}
	}
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&syncWriter{w: &buf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var mu sync.Mutex
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	a, err := httpapi.New(httpapi.Config{
		Function: fn,
		Handlers: all,
		Logger:   log,
		NewID:    func() string { return "generated-0001" },
		PoW:      passPoW,
		Now: func() time.Time {
			mu.Lock()
			defer mu.Unlock()
			now = now.Add(25 * time.Millisecond)
			return now
		},
	})
	if err != nil {
		t.Fatalf("httpapi.New(%s): %v", fn, err)
	}
	return fixture{api: a, logs: &buf, handled: handled}
}

func (f fixture) do(t *testing.T, ev events.APIGatewayV2HTTPRequest) httpapi.Response {
	t.Helper()
	*f.handled = false
	resp, err := f.api.Handle(context.Background(), ev)
	if err != nil {
		t.Fatalf("Handle: got error %v, want every outcome as a response", err)
	}
	// What the glue answers by itself, before any handler runs, must be what
	// docs/openapi.yaml describes; the fake handlers' answers are not the
	// API's, nor is a route key outside the function's table.
	if !*f.handled && !strings.Contains(resp.Body, `"code":"route_not_found"`) {
		contract.CheckResponse(t, ev, resp)
	}
	return resp
}

// logLines returns the JSON log lines written so far.
func (f fixture) logLines(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(f.logs.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: got invalid JSON (%v), want JSON", line, err)
		}
		out = append(out, m)
	}
	return out
}

// logLine returns the only log line with msg, failing if there is not exactly one.
func (f fixture) logLine(t *testing.T, msg string) map[string]any {
	t.Helper()
	var found []map[string]any
	for _, l := range f.logLines(t) {
		if l["msg"] == msg {
			found = append(found, l)
		}
	}
	if len(found) != 1 {
		t.Fatalf("log lines %q: got %d, want 1 (logs: %s)", msg, len(found), f.logs.String())
	}
	return found[0]
}

type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// event is an API Gateway HTTP API (payload 2.0) request for a route key;
// path parameters are filled into rawPath.
func event(routeKey string, opts ...func(*events.APIGatewayV2HTTPRequest)) events.APIGatewayV2HTTPRequest {
	method, path, _ := strings.Cut(routeKey, " ")
	raw := strings.NewReplacer("{bookingId}", "01kbw6m3ar2z7e4r9x0v5t8qjd", "{expertId}", "jana-dvorakova").Replace(path)
	ev := events.APIGatewayV2HTTPRequest{
		Version:  "2.0",
		RouteKey: routeKey,
		RawPath:  raw,
		Headers:  map[string]string{"accept": "application/json"},
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			RequestID: gatewayRequestID,
			RouteKey:  routeKey,
			Stage:     "$default",
			HTTP:      events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: method, Path: raw, SourceIP: "127.0.0.1"},
		},
	}
	if strings.Contains(path, "{bookingId}") {
		ev.PathParameters = map[string]string{"bookingId": "01kbw6m3ar2z7e4r9x0v5t8qjd"}
	}
	if strings.Contains(path, "{expertId}") {
		ev.PathParameters = map[string]string{"expertId": "jana-dvorakova"}
	}
	for _, o := range opts {
		o(&ev)
	}
	return ev
}

func withHeader(name, value string) func(*events.APIGatewayV2HTTPRequest) {
	return func(ev *events.APIGatewayV2HTTPRequest) { ev.Headers[name] = value }
}

func withBody(contentType, body string) func(*events.APIGatewayV2HTTPRequest) {
	return func(ev *events.APIGatewayV2HTTPRequest) {
		if contentType != "" {
			ev.Headers["content-type"] = contentType
		}
		ev.Body = body
	}
}

func withClaims(claims map[string]string) func(*events.APIGatewayV2HTTPRequest) {
	return func(ev *events.APIGatewayV2HTTPRequest) {
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims},
		}
	}
}

func withoutRequestID(ev *events.APIGatewayV2HTTPRequest) { ev.RequestContext.RequestID = "" }

// problem decodes a problem response, checking its media type.
func problem(t *testing.T, resp httpapi.Response) httpapi.ProblemDoc {
	t.Helper()
	if ct := resp.Headers["Content-Type"]; !strings.HasPrefix(ct, "application/problem+json") {
		t.Fatalf("Content-Type: got %q, want application/problem+json (status %d, body %s)", ct, resp.StatusCode, resp.Body)
	}
	var p httpapi.ProblemDoc
	dec := json.NewDecoder(strings.NewReader(resp.Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("problem body %s: got invalid problem JSON (%v)", resp.Body, err)
	}
	return p
}
