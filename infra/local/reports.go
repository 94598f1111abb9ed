package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/wire"
	"github.com/mpsv/brana/internal/wire/staffreports"
)

// reportsSubdir is where the local stack keeps the report files: the same
// relative keys as the reports bucket (reports.BlobKey), under
// .data/reports/.
const reportsSubdir = "reports"

// DemoReportsNoticeTo receives the local notice e-mail that a month's
// report is ready (an .eml file in .data/outbox/).
const DemoReportsNoticeTo = "vedeni.programu@example.cz"

// reportsEnv sets what the report functions read from their environment,
// as the CDK stack does in the cloud: the directory instead of the bucket
// (REPORTS_DIR=.data/reports), the notice's recipients and the compile
// function's name. A value already set (the developer's own) wins.
func reportsEnv(dataDir string) error {
	for k, v := range map[string]string{
		reports.EnvDir:      filepath.Join(dataDir, reportsSubdir),
		reports.EnvNoticeTo: DemoReportsNoticeTo,
		reports.EnvCompile:  registry.ReportCompile,
	} {
		if _, set := os.LookupEnv(k); set {
			continue
		}
		if err := os.Setenv(k, v); err != nil {
			return err
		}
	}
	return nil
}

// reportsDir is the directory the report functions write to.
func reportsDir() string { return os.Getenv(reports.EnvDir) }

// localStarter is the local stack's reports.Starter: what a Lambda
// invocation of report-compile with InvocationType Event is in the cloud,
// a goroutine running report-compile's handler (built by its constructor,
// invoked through the Lambda runtime's JSON path) with the registry's
// timeout. The request's caller gets its answer at once; the run's
// failure is logged, as a failed asynchronous invocation is.
type localStarter struct {
	build   func(context.Context) (lambda.Handler, error)
	timeout time.Duration
	log     *slog.Logger
	// base, if set, ends the runs (the stack stopping); otherwise a run
	// outlives the request that started it.
	base context.Context

	mu   sync.Mutex
	h    lambda.Handler // built on first use
	runs sync.WaitGroup
}

// newLocalStarter is the starter of a stack whose functions deps builds;
// its runs end with base.
func newLocalStarter(base context.Context, deps *app.Deps, log *slog.Logger) *localStarter {
	return &localStarter{
		base: base,
		build: func(ctx context.Context) (lambda.Handler, error) {
			f, ok := wire.Get(registry.ReportCompile)
			if !ok {
				return nil, fmt.Errorf("no constructor of %s in internal/wire", registry.ReportCompile)
			}
			return f.Build(ctx, deps.EnvFor(registry.ReportCompile))
		},
		timeout: time.Duration(registry.MustGet(registry.ReportCompile).TimeoutS) * time.Second,
		log:     log,
	}
}

var _ reports.Starter = (*localStarter)(nil)

// Start implements reports.Starter.
func (s *localStarter) Start(ctx context.Context, req reports.RunRequest) error {
	payload, err := json.Marshal(req)
	if err != nil {
		return err
	}
	h, err := s.handler(ctx)
	if err != nil {
		return err
	}
	s.runs.Add(1)
	go func() {
		defer s.runs.Done()
		// The run outlives the request that started it, as an
		// asynchronous invocation does.
		base := s.base
		if base == nil {
			base = context.WithoutCancel(ctx)
		}
		rctx, cancel := context.WithTimeout(base, s.timeout)
		defer cancel()
		out, err := invokeHandler(rctx, h, payload)
		if err != nil {
			s.log.ErrorContext(rctx, "report run failed", "function", registry.ReportCompile, "month", req.Month, "trigger", req.Trigger, "error", err.Error())
			return
		}
		s.log.InfoContext(rctx, "report run finished", "function", registry.ReportCompile, "result", json.RawMessage(out))
	}()
	return nil
}

func (s *localStarter) handler(ctx context.Context) (lambda.Handler, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.h == nil {
		h, err := s.build(ctx)
		if err != nil {
			return nil, err
		}
		s.h = h
	}
	return s.h, nil
}

// Wait waits for the runs started so far.
func (s *localStarter) Wait() { s.runs.Wait() }

// useReportStarter makes s the starter of the local re-run route: the
// staff-reports handlers the gateway builds afterwards start report-compile
// through it (run calls it before building them).
func useReportStarter(s reports.Starter) { staffreports.UseStarter(s) }

// parseReportArgs reads `report <yyyy-mm>`: one Prague month.
func parseReportArgs(args []string) (cz.Month, error) {
	if len(args) != 1 || strings.TrimSpace(args[0]) == "" {
		return cz.Month{}, fmt.Errorf("%w: report needs a month, e.g. make report MONTH=2026-11", errUsage)
	}
	m, err := cz.ParseMonth(strings.TrimSpace(args[0]))
	if err != nil {
		return cz.Month{}, fmt.Errorf("%w: MONTH=%q is not a month: want YYYY-MM, e.g. make report MONTH=2026-11", errUsage, args[0])
	}
	return m, nil
}

// reportEvent is report-compile's event for `make report`.
func reportEvent(m cz.Month) ([]byte, error) {
	return json.Marshal(reports.RunRequest{Month: m.String(), Trigger: reports.TriggerLocal})
}

// runReport compiles a month's report against the running local stack:
// report-compile's handler, built and invoked as `make invoke` does, on
// {"month": "<yyyy-mm>", "trigger": "local"}; then it says where the
// files are.
func runReport(ctx context.Context, cfg invokeConfig, m cz.Month) error {
	payload, err := reportEvent(m)
	if err != nil {
		return err
	}
	if err := reportsEnv(cfg.DataDir); err != nil {
		return err
	}
	if _, err := readState(cfg.DataDir); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s (no %s)", notRunning, filepath.Join(cfg.DataDir, stateFile))
	}
	var resp strings.Builder
	cfg.Function, cfg.Event = registry.ReportCompile, "-"
	cfg.Stdin = strings.NewReader(string(payload))
	out := cfg.Out
	cfg.Out = &resp
	if err := invoke(ctx, cfg); err != nil {
		_, _ = io.WriteString(out, resp.String())
		return err
	}
	_, _ = io.WriteString(out, resp.String())
	var res reports.RunResult
	if err := json.Unmarshal([]byte(resp.String()), &res); err != nil || res.Version == 0 {
		return nil // printed as it came; nothing more to say
	}
	return printReportFiles(out, reportsDir(), res)
}

// printReportFiles says where a run's files are.
func printReportFiles(w io.Writer, dir string, res reports.RunResult) error {
	what := "a new version"
	if !res.New {
		what = "unchanged figures: the latest version stays"
	}
	fmt.Fprintf(w, "\n  Report %s, version %d (%s):\n", res.Month, res.Version, what)
	for _, f := range reports.Files {
		p := filepath.Join(dir, filepath.FromSlash(reports.BlobKey(res.Month, res.Version, f)))
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(w, "    %s  (missing)\n", relPath(p))
			continue
		}
		fmt.Fprintf(w, "    %s\n", relPath(p))
	}
	html := filepath.Join(dir, filepath.FromSlash(reports.BlobKey(res.Month, res.Version, reports.FileHTML)))
	fmt.Fprintf(w, "  Open the HTML report in a browser: file://%s\n", filepath.ToSlash(html))
	return nil
}

// relPath is p relative to the working directory when it is below it.
func relPath(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
	}
	return p
}

// monthlySchedules lists the schedules the local stack runs on no timer
// (registry Schedule.Monthly): "report-compile (monthly)".
func monthlySchedules() []string {
	var out []string
	for _, f := range registry.Functions() {
		for _, s := range f.Schedules {
			if s.Monthly {
				out = append(out, f.Name+" ("+s.ID+")")
			}
		}
	}
	return out
}
