package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/httpapi"
)

// source is an OriginSecrets whose values a test changes, counting reads.
type source struct {
	mu     sync.Mutex
	values []string
	err    error
	reads  int
}

func (s *source) read(context.Context) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reads++
	return s.values, s.err
}

func (s *source) set(err error, values ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values, s.err = values, err
}

func (s *source) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reads
}

type originFixture struct {
	src    *source
	now    time.Time
	calls  int
	last   events.APIGatewayV2HTTPRequest
	handle httpapi.HandlerFunc
	logs   *bytes.Buffer
}

const (
	originA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	originB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
)

func newOriginFixture(t *testing.T, values ...string) *originFixture {
	t.Helper()
	fx := &originFixture{src: &source{values: values}, now: time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC), logs: &bytes.Buffer{}}
	g, err := httpapi.NewOriginGuard(httpapi.OriginConfig{
		Function: "catalog", Secrets: fx.src.read, NewID: func() string { return "generated-id" },
		Now:    func() time.Time { return fx.now },
		Logger: slog.New(slog.NewJSONHandler(fx.logs, nil)),
		TTL:    5 * time.Minute, Retry: 30 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	fx.handle = g.Wrap(func(_ context.Context, ev events.APIGatewayV2HTTPRequest) (httpapi.Response, error) {
		fx.calls++
		fx.last = ev
		return httpapi.JSON(http.StatusOK, map[string]bool{"ok": true}), nil
	})
	return fx
}

// call sends a request with the origin header set to value ("" = none).
func (fx *originFixture) call(t *testing.T, value string) httpapi.Response {
	t.Helper()
	ev := events.APIGatewayV2HTTPRequest{
		RouteKey: "GET /v1/experts", RawPath: "/v1/experts",
		Headers:        map[string]string{"accept-language": "en", "host": "api.example"},
		RequestContext: events.APIGatewayV2HTTPRequestContext{RequestID: "gw-1"},
	}
	if value != "" {
		ev.Headers["x-origin-verify"] = value
	}
	resp, err := fx.handle(context.Background(), ev)
	if err != nil {
		t.Fatalf("invocation error %v", err)
	}
	return resp
}

func wantRefused(t *testing.T, resp httpapi.Response, status int, code string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("status %d, want %d", resp.StatusCode, status)
	}
	var doc httpapi.ProblemDoc
	if err := json.Unmarshal([]byte(resp.Body), &doc); err != nil {
		t.Fatalf("body %s: %v", resp.Body, err)
	}
	if doc.Code != code || doc.Status != status || doc.RequestID != "gw-1" {
		t.Errorf("problem %+v, want code %s, status %d, the request id", doc, code, status)
	}
	if strings.Contains(strings.ToLower(resp.Body), "origin") || strings.Contains(strings.ToLower(resp.Body), "cloudfront") {
		t.Errorf("the problem says why: %s", resp.Body)
	}
	for k, v := range map[string]string{
		"Content-Type": "application/problem+json; charset=utf-8", "Cache-Control": "no-store",
		"X-Request-Id": "gw-1", "Content-Language": "en",
	} {
		if resp.Headers[k] != v {
			t.Errorf("%s: %q, want %q", k, resp.Headers[k], v)
		}
	}
}

func TestOriginGuard(t *testing.T) {
	t.Run("a request without the header, or with a wrong one, is refused before any work", func(t *testing.T) {
		fx := newOriginFixture(t, originA)
		for _, v := range []string{"", "wrong", originA[:len(originA)-1], originA + "a", strings.ToUpper(originA)} {
			wantRefused(t, fx.call(t, v), http.StatusForbidden, "forbidden")
		}
		if fx.calls != 0 {
			t.Errorf("handler called %d times, want 0", fx.calls)
		}
		if strings.Contains(fx.logs.String(), originA) {
			t.Errorf("the secret reached the log: %s", fx.logs)
		}
	})
	t.Run("a request with the header reaches the handler without it", func(t *testing.T) {
		fx := newOriginFixture(t, originA)
		if resp := fx.call(t, originA); resp.StatusCode != http.StatusOK || fx.calls != 1 {
			t.Fatalf("status %d, calls %d, want 200 and 1", resp.StatusCode, fx.calls)
		}
		if _, ok := fx.last.Headers["x-origin-verify"]; ok || fx.last.Headers["host"] != "api.example" {
			t.Errorf("headers the handler got: %v, want all but the origin header", fx.last.Headers)
		}
	})
	t.Run("during a rotation both the current and the previous value pass", func(t *testing.T) {
		fx := newOriginFixture(t, originB, originA)
		for _, v := range []string{originA, originB} {
			if resp := fx.call(t, v); resp.StatusCode != http.StatusOK {
				t.Errorf("%.4s…: status %d, want 200", v, resp.StatusCode)
			}
		}
	})
	t.Run("a new value is picked up on its first request, re-reads are bounded", func(t *testing.T) {
		fx := newOriginFixture(t, originA)
		if resp := fx.call(t, originA); resp.StatusCode != http.StatusOK {
			t.Fatal(resp.StatusCode)
		}
		// A flood of wrong values within the retry interval: one read (the
		// first request's) in all.
		for range 50 {
			fx.call(t, "wrong")
		}
		if n := fx.src.count(); n != 1 {
			t.Errorf("reads after a flood of wrong values: %d, want 1", n)
		}
		// Rotated: the secret now holds B (current) and A (previous).
		fx.src.set(nil, originB, originA)
		fx.now = fx.now.Add(31 * time.Second)
		if resp := fx.call(t, originB); resp.StatusCode != http.StatusOK {
			t.Errorf("the new value after the retry interval: status %d, want 200", resp.StatusCode)
		}
		if n := fx.src.count(); n != 2 {
			t.Errorf("reads: %d, want 2", n)
		}
		// The old value retired (a second rotation): refused once the
		// cache expires.
		fx.src.set(nil, "cccccccccccccccccccccccccccccccccccccccccccccccc", originB)
		fx.now = fx.now.Add(5 * time.Minute)
		wantRefused(t, fx.call(t, originA), http.StatusForbidden, "forbidden")
		if resp := fx.call(t, originB); resp.StatusCode != http.StatusOK {
			t.Errorf("the previous value: status %d, want 200", resp.StatusCode)
		}
	})
	t.Run("values are read again after the TTL", func(t *testing.T) {
		fx := newOriginFixture(t, originA)
		fx.call(t, originA)
		fx.now = fx.now.Add(4 * time.Minute)
		fx.call(t, originA)
		if n := fx.src.count(); n != 1 {
			t.Errorf("reads within the TTL: %d, want 1", n)
		}
		fx.now = fx.now.Add(2 * time.Minute)
		fx.call(t, originA)
		if n := fx.src.count(); n != 2 {
			t.Errorf("reads after the TTL: %d, want 2", n)
		}
	})
	t.Run("a failed re-read keeps the values read before", func(t *testing.T) {
		fx := newOriginFixture(t, originA)
		fx.call(t, originA)
		fx.src.set(errors.New("extension down"))
		fx.now = fx.now.Add(6 * time.Minute)
		if resp := fx.call(t, originA); resp.StatusCode != http.StatusOK {
			t.Errorf("status %d, want 200 on the cached value", resp.StatusCode)
		}
		wantRefused(t, fx.call(t, "wrong"), http.StatusForbidden, "forbidden")
	})
	t.Run("without any value read the guard answers 503 and lets nothing through", func(t *testing.T) {
		fx := newOriginFixture(t)
		fx.src.set(errors.New("extension not ready"))
		wantRefused(t, fx.call(t, originA), http.StatusServiceUnavailable, "busy")
		fx.src.set(nil, "") // an empty secret is no secret
		wantRefused(t, fx.call(t, ""), http.StatusServiceUnavailable, "busy")
		if fx.calls != 0 {
			t.Errorf("handler called %d times, want 0", fx.calls)
		}
	})
}
