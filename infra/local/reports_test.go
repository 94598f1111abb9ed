package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports"
)

// TestReportArgs: `make report MONTH=2026-11` runs `report 2026-11`,
// which becomes report-compile's event {"month":"2026-11","trigger":"local"};
// anything else is a usage error that says how to call it.
func TestReportArgs(t *testing.T) {
	m, err := parseReportArgs([]string{"2026-11"})
	if err != nil || m != (cz.Month{Year: 2026, Month: time.November}) {
		t.Fatalf("report 2026-11: %v %v", m, err)
	}
	ev, err := reportEvent(m)
	if err != nil || string(ev) != `{"month":"2026-11","trigger":"local"}` {
		t.Errorf("event: %s %v", ev, err)
	}
	for _, bad := range [][]string{nil, {""}, {"2026-13"}, {"11/2026"}, {"2026-11", "2026-12"}, {"listopad"}} {
		_, err := parseReportArgs(bad)
		if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "make report MONTH=") {
			t.Errorf("report %q: %v, want a usage error showing make report MONTH=", bad, err)
		}
	}
	// Through the command line: a bad month never reaches the stack.
	var out, errOut bytes.Buffer
	if err := dispatch([]string{"report"}, &out, &errOut); !errors.Is(err, errUsage) {
		t.Errorf("report without a month: %v, want a usage error", err)
	}
	if err := dispatch([]string{"report", "2026-1"}, &out, &errOut); !errors.Is(err, errUsage) {
		t.Errorf("report 2026-1: %v, want a usage error", err)
	}
}

// TestReportWithoutStack: `make report` without `make run` says to start it.
func TestReportWithoutStack(t *testing.T) {
	t.Setenv(reports.EnvDir, "")
	err := runReport(context.Background(), invokeConfig{DataDir: t.TempDir(), Out: &bytes.Buffer{}}, cz.Month{Year: 2026, Month: time.October})
	if err == nil || !strings.Contains(err.Error(), "start it with make run") {
		t.Errorf("no stack: %v, want the hint to start it", err)
	}
}

// TestMonthlyNotOnTimers: the monthly report runs on no local timer
// (make report runs it); every other schedule does.
func TestMonthlyNotOnTimers(t *testing.T) {
	var names []string
	for _, tm := range timers(Config{}) {
		names = append(names, tm.Function)
		if tm.Every <= 0 {
			t.Errorf("timer %s/%s: period %v", tm.Function, tm.Schedule, tm.Every)
		}
	}
	if slices.Contains(names, registry.ReportCompile) {
		t.Errorf("timers %v include the monthly %s", names, registry.ReportCompile)
	}
	if !slices.Contains(names, registry.OutboxSender) {
		t.Errorf("timers %v lack the outbox sender", names)
	}
	if got := monthlySchedules(); !slices.Equal(got, []string{registry.ReportCompile + " (monthly)"}) {
		t.Errorf("monthly schedules: %v", got)
	}
	if l := timerList(Config{}); !strings.Contains(l, registry.ReportCompile+" (monthly) by make report") {
		t.Errorf("the banner's timers: %q, want the monthly report named with make report", l)
	}
}

// TestReportsEnv: the report functions write to .data/reports/ and e-mail
// the demo address, unless the developer says otherwise.
func TestReportsEnv(t *testing.T) {
	for _, k := range []string{reports.EnvDir, reports.EnvNoticeTo, reports.EnvCompile} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	dir := t.TempDir()
	if err := reportsEnv(dir); err != nil {
		t.Fatal(err)
	}
	if got := os.Getenv(reports.EnvDir); got != filepath.Join(dir, "reports") {
		t.Errorf("%s=%q, want %s", reports.EnvDir, got, filepath.Join(dir, "reports"))
	}
	if os.Getenv(reports.EnvNoticeTo) != DemoReportsNoticeTo || os.Getenv(reports.EnvCompile) != registry.ReportCompile {
		t.Errorf("notice to %q, compile %q", os.Getenv(reports.EnvNoticeTo), os.Getenv(reports.EnvCompile))
	}
	t.Setenv(reports.EnvDir, "/elsewhere")
	if err := reportsEnv(dir); err != nil || os.Getenv(reports.EnvDir) != "/elsewhere" {
		t.Errorf("the developer's %s was overwritten: %q", reports.EnvDir, os.Getenv(reports.EnvDir))
	}
}

// recorder is a handler that records its payloads.
type recorder struct {
	mu       sync.Mutex
	payloads []string
	release  chan struct{}
	fail     error
}

func (r *recorder) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	if r.release != nil {
		select {
		case <-r.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	r.mu.Lock()
	r.payloads = append(r.payloads, string(payload))
	r.mu.Unlock()
	return []byte(`{"month":"2026-11","version":1,"new":true,"changes":0}`), r.fail
}

// TestLocalStarter: Start returns at once and runs report-compile's
// handler in the background with the request as its event; the run ends
// with the stack.
func TestLocalStarter(t *testing.T) {
	rec := &recorder{release: make(chan struct{})}
	builds := 0
	base, stop := context.WithCancel(context.Background())
	defer stop()
	s := &localStarter{
		build:   func(context.Context) (lambda.Handler, error) { builds++; return rec, nil },
		timeout: time.Minute, base: base, log: testLogger(t),
	}
	req := reports.RunRequest{Month: "2026-11", Trigger: reports.TriggerRerun, By: "dev-admin"}
	ctx, cancel := context.WithCancel(context.Background())
	if err := s.Start(ctx, req); err != nil {
		t.Fatal(err)
	}
	cancel() // the request is over; the run goes on
	close(rec.release)
	s.Wait()
	if err := s.Start(context.Background(), reports.RunRequest{Month: "2026-10", Trigger: reports.TriggerRerun}); err != nil {
		t.Fatal(err)
	}
	s.Wait()
	want := []string{`{"month":"2026-11","trigger":"rerun","by":"dev-admin"}`, `{"month":"2026-10","trigger":"rerun"}`}
	if !slices.Equal(rec.payloads, want) || builds != 1 {
		t.Errorf("runs %q (built %d times), want %q built once", rec.payloads, builds, want)
	}

	// Stopping the stack ends a run in progress.
	slow := &recorder{release: make(chan struct{})}
	s2 := &localStarter{build: func(context.Context) (lambda.Handler, error) { return slow, nil }, timeout: time.Minute, base: base, log: testLogger(t)}
	if err := s2.Start(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	stop()
	done := make(chan struct{})
	go func() { s2.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a run outlived the stack")
	}

	// A handler that cannot be built is the caller's error.
	s3 := &localStarter{build: func(context.Context) (lambda.Handler, error) { return nil, errors.New("no constructor") }, timeout: time.Minute, log: testLogger(t)}
	if err := s3.Start(context.Background(), req); err == nil {
		t.Error("Start with no handler: no error")
	}
}

// TestPrintReportFiles: after a run, the files' paths and the HTML to open.
func TestPrintReportFiles(t *testing.T) {
	dir := t.TempDir()
	m := cz.Month{Year: 2026, Month: time.October}
	for _, f := range reports.Files[:2] {
		p := filepath.Join(dir, filepath.FromSlash(reports.BlobKey(m, 2, f)))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := printReportFiles(&out, dir, reports.RunResult{Month: m, Version: 2, New: true}); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"Report 2026-10, version 2", "reports/2026-10/v2/report.json", "reports/2026-10/v2/report.xlsx  (missing)", "file://" + filepath.ToSlash(filepath.Join(dir, "reports/2026-10/v2/report.html"))} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}

func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
}
