package reportcompile

import (
	"context"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/compile"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/reports/factsdb"
	"github.com/mpsv/brana/internal/reports/render"
	"github.com/mpsv/brana/internal/reports/reportdb"
)

// New returns the job's handler: the facts read from the table (the
// register through its own store), the compiler, the renderer.
func New(ctx context.Context, env *boot.Env) (boot.Handler[reports.RunRequest, reports.RunResult], error) {
	return Build(ctx, env, Deps{
		Facts: func(db *dynamo.Store) facts.Facts {
			return factsdb.NewFacts(db, reportdb.NewServices(db).EachService)
		},
		Compile: compile.Compile, Diff: compile.Diff, Render: render.Files,
	})
}
