package staffreports_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/wire/staffreports"
)

type noIndex struct{}

func (noIndex) Latest(context.Context) ([]reports.VersionInfo, error) { return nil, nil }
func (noIndex) Versions(context.Context, cz.Month) ([]reports.VersionInfo, error) {
	return nil, nil
}

type noBlobs struct{}

func (noBlobs) Put(context.Context, string, string, []byte) error { return nil }
func (noBlobs) Get(context.Context, string) ([]byte, error)       { return nil, reports.ErrNoBlob }
func (noBlobs) Link(context.Context, string, string, time.Duration) (string, error) {
	return "", nil
}

const secret = "staffreports-test-origin-secret-0123456789"

func env(cfg aws.Config) *boot.Env {
	return &boot.Env{
		Function: registry.StaffReports, Log: slog.New(slog.DiscardHandler), IDs: ids.Random{}, AWS: cfg,
		Clock:  clock.NewFixed(time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)),
		Config: boot.Config{TableName: "brana", OriginSecret: secret},
	}
}

func run(t *testing.T, h boot.HTTPHandler) events.APIGatewayV2HTTPResponse {
	t.Helper()
	ev := events.APIGatewayV2HTTPRequest{
		RouteKey: "POST /v1/staff/reports/{month}/runs", RawPath: "/v1/staff/reports/2026-11/runs",
		PathParameters: map[string]string{"month": "2026-11"},
		Headers:        map[string]string{"x-origin-verify": secret, "accept-language": "en"},
		RequestContext: events.APIGatewayV2HTTPRequestContext{Authorizer: &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: map[string]string{"sub": "admin-1", "cognito:groups": "[admin]"}},
		}},
	}
	resp, err := h(context.Background(), ev)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// TestRunInvokesTheCompileFunction: with reports.EnvCompile set, a re-run
// is an asynchronous invocation of that function (a local server stands
// in for the Lambda API); without it, the route answers 503.
func TestRunInvokesTheCompileFunction(t *testing.T) {
	var mu sync.Mutex
	var path, kind string
	var payload []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		path, kind = r.URL.Path, r.Header.Get("X-Amz-Invocation-Type")
		payload, _ = io.ReadAll(r.Body)
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	cfg := aws.Config{Region: "eu-central-1", BaseEndpoint: aws.String(srv.URL), Credentials: credentials.NewStaticCredentialsProvider("t", "t", "")}
	parts := staffreports.Parts{Index: noIndex{}, Blobs: noBlobs{}}

	t.Setenv(reports.EnvCompile, "brana-report-compile")
	h, err := staffreports.Build(context.Background(), env(cfg), parts)
	if err != nil {
		t.Fatal(err)
	}
	if resp := run(t, h); resp.StatusCode != http.StatusAccepted {
		t.Fatalf("run: %d %s", resp.StatusCode, resp.Body)
	}
	mu.Lock()
	var req reports.RunRequest
	if err := json.Unmarshal(payload, &req); err != nil || path != "/2015-03-31/functions/brana-report-compile/invocations" || kind != "Event" ||
		req != (reports.RunRequest{Month: "2026-11", Trigger: reports.TriggerRerun, By: "admin-1"}) {
		t.Errorf("invocation %s %q %s (%v)", path, kind, payload, err)
	}
	mu.Unlock()

	t.Setenv(reports.EnvCompile, "")
	h, err = staffreports.Build(context.Background(), env(cfg), parts)
	if err != nil {
		t.Fatal(err)
	}
	if resp := run(t, h); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(resp.Body, `"code":"report_run_unavailable"`) {
		t.Errorf("without a compile function: %d %s", resp.StatusCode, resp.Body)
	}
}

type recordingStarter struct{ runs []reports.RunRequest }

func (r *recordingStarter) Start(_ context.Context, req reports.RunRequest) error {
	r.runs = append(r.runs, req)
	return nil
}

// TestUseStarter: the local stack's starter serves the handlers built
// after it is set, before the Lambda invocation.
func TestUseStarter(t *testing.T) {
	t.Setenv(reports.EnvCompile, "brana-report-compile")
	rec := &recordingStarter{}
	staffreports.UseStarter(rec)
	defer staffreports.UseStarter(nil)
	h, err := staffreports.Build(context.Background(), env(aws.Config{}), staffreports.Parts{Index: noIndex{}, Blobs: noBlobs{}})
	if err != nil {
		t.Fatal(err)
	}
	if resp := run(t, h); resp.StatusCode != http.StatusAccepted || len(rec.runs) != 1 || rec.runs[0].Month != "2026-11" {
		t.Errorf("run: %d %s, started %+v", resp.StatusCode, resp.Body, rec.runs)
	}
}
