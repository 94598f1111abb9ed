// Package apptest runs Brána's real handlers against DynamoDB Local for
// integration tests and benchmarks: a fresh table, the demo experts, a fixed
// clock and e-mail written to a temporary folder. Requests come from the
// sample events in events/.
package apptest

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/contract"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/mailer/filemailer"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/reports"
)

// DefaultNow is Monday 30 November 2026, 9:00 in Prague.
var DefaultNow = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

// OriginSecret is the origin header's value in tests; Invoke sends it, as
// CloudFront does (httpapi.OriginHeader).
const OriginSecret = "apptest-origin-secret-0123456789abcdef"

// Env is one isolated Brána: its own table, clock and mail folder.
type Env struct {
	TB      testing.TB
	Deps    *app.Deps
	Clock   *clock.Fixed
	Client  *dynamodb.Client
	Table   string
	MailDir string
	// Mailer is what the outbox sender sends with; tests may wrap it.
	Mailer *SwitchMailer

	people int // Book's people so far
}

// Options adjust an Env.
type Options struct {
	Now   time.Time                   // DefaultNow if zero
	Wrap  func(dynamo.API) dynamo.API // wraps the DynamoDB client (fault injection, counting)
	Quiet bool                        // discard logs (benchmarks)
}

// New makes an Env with the demo experts seeded.
func New(tb testing.TB, opt Options) *Env {
	tb.Helper()
	client := dynamotest.Client(tb)
	table := dynamotest.NewTable(tb, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	now := opt.Now
	if now.IsZero() {
		now = DefaultNow
	}
	mailDir := tb.TempDir()
	fm, err := filemailer.New(mailDir)
	if err != nil {
		tb.Fatalf("file mailer: %v", err)
	}
	sw := &SwitchMailer{Next: fm}
	var api dynamo.API = client
	if opt.Wrap != nil {
		api = opt.Wrap(client)
	}
	var log *slog.Logger
	if opt.Quiet {
		log = slog.New(slog.DiscardHandler)
	} else {
		log = slog.New(slog.NewJSONHandler(testWriter{tb}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	// The report functions keep their files in a directory, as locally
	// (a test that wants its own sets REPORTS_DIR first).
	if os.Getenv(reports.EnvDir) == "" && os.Getenv(reports.EnvBucket) == "" {
		tb.Setenv(reports.EnvDir, filepath.Join(tb.TempDir(), "reports"))
	}
	cfg := app.Config{
		TableName: table, PublicBaseURL: "http://localhost:8080", MailFrom: "brana@example.invalid",
		MailFromName: "Brána – MPSV", Mailer: "file", MailDir: mailDir, OutboxKey: make([]byte, 32),
		OriginSecret: OriginSecret,
	}
	clk := clock.NewFixed(now)
	deps, err := app.Assemble(cfg, log, api, sw, clk, ids.Random{Now: clk.Now})
	if err != nil {
		tb.Fatalf("assemble: %v", err)
	}
	if _, err := deps.Seed(context.Background(), app.DemoExperts(now)); err != nil {
		tb.Fatalf("seed: %v", err)
	}
	return &Env{TB: tb, Deps: deps, Clock: clk, Client: client, Table: table, MailDir: mailDir, Mailer: sw}
}

// Handler is a function's handler as Lambda runs it, failing the test
// unless it has type F.
func Handler[F any](e *Env, fn string) F {
	e.TB.Helper()
	h, err := e.Deps.Handler(fn)
	if err != nil {
		e.TB.Fatalf("handler %s: %v", fn, err)
	}
	handle, ok := h.(F)
	if !ok {
		e.TB.Fatalf("function %s has a handler of type %T, want %T", fn, h, handle)
	}
	return handle
}

// Invoke runs a function's HTTP handler on an event, which comes through
// CloudFront: it carries the origin header (ThroughCloudFront).
func (e *Env) Invoke(fn string, ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPResponse {
	e.TB.Helper()
	handle := Handler[func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)](e, fn)
	ev = e.WithSolved(ev)
	resp, err := handle(context.Background(), ThroughCloudFront(ev))
	if err != nil {
		e.TB.Fatalf("%s returned an invocation error: %v", fn, err)
	}
	// Every response, and every request the handler accepted, must be
	// what docs/openapi.yaml describes. Benchmarks time the handler alone.
	if _, bench := e.TB.(*testing.B); !bench {
		contract.Check(e.TB, ev, resp)
	}
	return resp
}

// SendOutbox runs one outbox sweep.
func (e *Env) SendOutbox() outbox.Result {
	e.TB.Helper()
	res, err := e.Deps.Sender.SendPending(context.Background(), 1000)
	if err != nil {
		e.TB.Fatalf("send outbox: %v", err)
	}
	return res
}

// Mails returns the .eml files written so far, sorted by name.
func (e *Env) Mails() map[string][]byte {
	e.TB.Helper()
	entries, err := os.ReadDir(e.MailDir)
	if err != nil {
		e.TB.Fatalf("read mail dir: %v", err)
	}
	out := map[string][]byte{}
	for _, en := range entries {
		if strings.HasSuffix(en.Name(), ".eml") {
			b, err := os.ReadFile(filepath.Join(e.MailDir, en.Name()))
			if err != nil {
				e.TB.Fatalf("read mail: %v", err)
			}
			out[strings.TrimSuffix(en.Name(), ".eml")] = b
		}
	}
	return out
}

// MailIDs returns the ids of the e-mails written, sorted.
func (e *Env) MailIDs() []string {
	var ids []string
	for id := range e.Mails() {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// RepoRoot is the repository's root folder.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Event loads events/<name>.json.
func Event(tb testing.TB, name string) events.APIGatewayV2HTTPRequest {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(RepoRoot(), "events", name+".json"))
	if err != nil {
		tb.Fatalf("load event %s: %v", name, err)
	}
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(b, &ev); err != nil {
		tb.Fatalf("decode event %s: %v", name, err)
	}
	return ev
}

// EventNames lists the sample HTTP events.
func EventNames(tb testing.TB) []string {
	tb.Helper()
	entries, err := os.ReadDir(filepath.Join(RepoRoot(), "events"))
	if err != nil {
		tb.Fatalf("read events: %v", err)
	}
	var out []string
	for _, en := range entries {
		out = append(out, strings.TrimSuffix(en.Name(), ".json"))
	}
	slices.Sort(out)
	return out
}

// WithBooking points a booking event at a booking id and manage token.
func WithBooking(ev events.APIGatewayV2HTTPRequest, id, token string) events.APIGatewayV2HTTPRequest {
	ev.PathParameters = map[string]string{"bookingId": id}
	ev.RawPath = strings.ReplaceAll(ev.RawPath, "BOOKING_ID", id)
	ev.RequestContext.HTTP.Path = ev.RawPath
	ev.Headers = cloneMap(ev.Headers)
	if token == "" {
		delete(ev.Headers, "booking-token")
	} else {
		ev.Headers["booking-token"] = token
	}
	return ev
}

// WithBody replaces an event's JSON body.
func WithBody(ev events.APIGatewayV2HTTPRequest, body any) events.APIGatewayV2HTTPRequest {
	b, err := json.Marshal(body)
	if err != nil {
		panic(err)
	}
	ev.Body = string(b)
	ev.IsBase64Encoded = false
	return ev
}

// ThroughCloudFront adds the origin header CloudFront adds to the requests
// it forwards, unless ev has one.
func ThroughCloudFront(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
	if _, ok := ev.Headers["x-origin-verify"]; ok {
		return ev
	}
	return WithHeader(ev, "x-origin-verify", OriginSecret)
}

// WithHeader sets (or, with "", removes) a header.
func WithHeader(ev events.APIGatewayV2HTTPRequest, name, value string) events.APIGatewayV2HTTPRequest {
	ev.Headers = cloneMap(ev.Headers)
	if value == "" {
		delete(ev.Headers, strings.ToLower(name))
	} else {
		ev.Headers[strings.ToLower(name)] = value
	}
	return ev
}

// WithClaims sets the JWT claims API Gateway would pass (nil: none).
func WithClaims(ev events.APIGatewayV2HTTPRequest, sub string, groups ...string) events.APIGatewayV2HTTPRequest {
	if sub == "" {
		ev.RequestContext.Authorizer = nil
		return ev
	}
	ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
		JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{
			Claims: map[string]string{"sub": sub, "cognito:groups": "[" + strings.Join(groups, " ") + "]"},
		},
	}
	return ev
}

// Body decodes a JSON response body.
func Body[T any](tb testing.TB, resp events.APIGatewayV2HTTPResponse) T {
	tb.Helper()
	var v T
	body := resp.Body
	if resp.IsBase64Encoded {
		b, _ := base64.StdEncoding.DecodeString(body)
		body = string(b)
	}
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		tb.Fatalf("decode response %d %q: %v", resp.StatusCode, body, err)
	}
	return v
}

func cloneMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

type testWriter struct{ tb testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.tb.Logf("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// Response is a function's HTTP response.
type Response = events.APIGatewayV2HTTPResponse
