package reportcompile

import (
	"context"
	"errors"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/reports"
)

// New returns the job's handler.
//
// COORDINATOR: finish when internal/reports/compile, internal/reports/render,
// reportdb.NewFacts and reportdb.NewServices are on main: replace the body
// with
//
//	return Build(ctx, env, Deps{
//		Facts: func(db *dynamo.Store) facts.Facts {
//			return reportdb.NewFacts(db, reportdb.NewServices(db).EachService)
//		},
//		Compile: compile.Compile, Diff: compile.Diff, Render: render.Files,
//	})
func New(ctx context.Context, env *boot.Env) (boot.Handler[reports.RunRequest, reports.RunResult], error) {
	return nil, errors.New("report-compile: not wired yet (internal/wire/reportcompile/new.go)")
}
