// Package reportcompile builds the function "report-compile": on the 1st
// of every month at 03:00 Prague time (EventBridge Scheduler, event {}) it
// compiles the month before's indicator report, and on an admin's re-run
// (staff-reports invokes it asynchronously with {"month": …}) the month
// named (internal/reports/run). The files go to the directory REPORTS_DIR
// when set (the local stack) or else to the bucket REPORTS_BUCKET; the
// notice e-mail to REPORTS_NOTICE_TO goes through the outbox.
package reportcompile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/blobs"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/reports/reportdb"
	"github.com/mpsv/brana/internal/reports/run"
)

// Deps are the parts of the pipeline other packages make: the facts
// reader on the table, the compiler, the diff and the renderer.
type Deps struct {
	Facts   func(db *dynamo.Store) facts.Facts // reportdb.NewFacts over the table and the register
	Compile facts.Compile                      // compile.Compile
	Diff    run.Diff                           // compile.Diff
	Render  reports.Render                     // render.Files
	// Blobs, if set, is the file store instead of the one the
	// environment names (tests).
	Blobs reports.Blobs
}

// Build returns the job's handler on the environment with deps.
func Build(_ context.Context, env *boot.Env, deps Deps) (boot.Handler[reports.RunRequest, reports.RunResult], error) {
	r, err := Runner(env, deps)
	if err != nil {
		return nil, err
	}
	return Handle(r, env), nil
}

// Runner is the pipeline on the environment's table, clock and file store.
func Runner(env *boot.Env, deps Deps) (*run.Runner, error) {
	if deps.Facts == nil {
		return nil, errors.New("report-compile: no facts reader")
	}
	cat, err := catalogue.Load()
	if err != nil {
		return nil, err
	}
	to, err := NoticeTo(os.Getenv(reports.EnvNoticeTo))
	if err != nil {
		return nil, err
	}
	store := deps.Blobs
	if store == nil {
		if store, err = blobs.FromEnv(env.AWS); err != nil {
			return nil, fmt.Errorf("report-compile: %w", err)
		}
	}
	db := dynamo.New(env.DB, env.Config.TableName)
	return run.New(run.Config{
		Catalogue: cat, Facts: deps.Facts(db), Compile: deps.Compile, Render: deps.Render, Diff: deps.Diff,
		Store: reportdb.NewIndex(db), Blobs: store, Outbox: db, NoticeTo: to,
		BaseURL: env.Config.PublicBaseURL, Clock: env.Clock, Log: env.Log,
	})
}

// NoticeTo parses REPORTS_NOTICE_TO: comma-separated addresses (none: no
// notice).
func NoticeTo(s string) ([]string, error) {
	var out []string
	for _, a := range strings.Split(s, ",") {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		if !mail.ValidAddress(a) {
			return nil, fmt.Errorf("report-compile: %s: %q is not an e-mail address", reports.EnvNoticeTo, a)
		}
		out = append(out, a)
	}
	return out, nil
}

// Handle runs the pipeline once per event.
func Handle(r *run.Runner, env *boot.Env) boot.Handler[reports.RunRequest, reports.RunResult] {
	return func(ctx context.Context, req reports.RunRequest) (reports.RunResult, error) {
		log := boot.InvocationLog(ctx, env.Log)
		res, err := r.Run(ctx, req)
		if err != nil {
			log.ErrorContext(ctx, "report compile failed", "month", req.Month, "trigger", req.Trigger, "error", err.Error())
			return res, fmt.Errorf("report compile: %w", err)
		}
		log.InfoContext(ctx, "report compiled", "month", res.Month.String(), "version", res.Version, "new", res.New, "changes", res.Changes, "trigger", req.Trigger)
		return res, nil
	}
}
