// Package staffreports builds the function "staff-reports": the monthly
// indicator reports for management and admins (issue #11) and the
// transformation register. It reads the reports' version index and the
// register on the table, hands out the report files (a presigned link to
// S3 in the cloud, the bytes from a directory locally) and starts a
// re-run by invoking report-compile asynchronously. It links no booking,
// workshop or survey code and no renderer or spreadsheet library.
package staffreports

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/blobs"
	"github.com/mpsv/brana/internal/reports/reportapi"
	"github.com/mpsv/brana/internal/reports/reportdb"
	"github.com/mpsv/brana/internal/reports/starter"
	"github.com/mpsv/brana/internal/wire/origin"
)

// Parts are the seams of the function that other parts of issue #11
// implement; a nil part is made from the environment (see Build).
type Parts struct {
	Index   reports.Index   // the reports' version index (REPORT#)
	Blobs   reports.Blobs   // the report files
	Starter reports.Starter // starts report-compile
}

// New returns the staff-reports function's HTTP handler, its parts made
// from the environment.
func New(ctx context.Context, env *boot.Env) (boot.HTTPHandler, error) {
	return Build(ctx, env, Parts{})
}

// Build returns the handler with the given parts; tests give in-memory
// parts. A nil Starter is the one UseStarter set (the local stack's), else
// the asynchronous Lambda invocation of the function named by
// reports.EnvCompile.
func Build(ctx context.Context, env *boot.Env, p Parts) (boot.HTTPHandler, error) {
	// The origin secret first: an HTTP function without one must not be
	// built, whatever else is missing.
	if _, err := boot.OriginSecrets(env.Config); err != nil {
		return nil, err
	}
	db := dynamo.New(env.DB, env.Config.TableName)
	var err error
	if p.Index == nil {
		if p.Index, err = newIndex(db); err != nil {
			return nil, err
		}
	}
	if p.Blobs == nil {
		if p.Blobs, err = newBlobs(ctx, env); err != nil {
			return nil, err
		}
	}
	if p.Starter == nil {
		p.Starter = newStarter(env)
	}
	a, err := reportapi.New(reportapi.Deps{
		Index: p.Index, Blobs: p.Blobs, Starter: p.Starter, Register: reportdb.NewServices(db),
		Logger: env.Log, NewID: env.IDs.NewID, Now: func() time.Time { return env.Clock.Now() },
	})
	if err != nil {
		return nil, err
	}
	// Only requests through CloudFront (origin.Guard).
	return origin.Guard(env, a.Handle)
}

// newIndex is the reports' version index on the table.
func newIndex(db *dynamo.Store) (reports.Index, error) { return reportdb.NewIndex(db), nil }

// newBlobs is the store of the report files: the directory reports.EnvDir
// when it is set (the local stack), else the S3 bucket reports.EnvBucket
// (the cloud); neither is an error.
func newBlobs(_ context.Context, env *boot.Env) (reports.Blobs, error) {
	return blobs.FromEnv(env.AWS)
}

// local is the starter UseStarter set.
var local struct {
	sync.Mutex
	s reports.Starter
}

// UseStarter makes s the starter of every staff-reports handler built
// afterwards without one of its own: the local stack's (report-compile's
// handler in a goroutine), since its functions are built by the wire table
// from an Env alone. A Lambda never calls it.
func UseStarter(s reports.Starter) {
	local.Lock()
	defer local.Unlock()
	local.s = s
}

// newStarter is UseStarter's starter, else the asynchronous invocation of
// report-compile named by reports.EnvCompile; without either (a stack
// that has no such function) a re-run is refused as unavailable, which
// the route answers with 503.
func newStarter(env *boot.Env) reports.Starter {
	local.Lock()
	s := local.s
	local.Unlock()
	if s != nil {
		return s
	}
	l, err := starter.New(env.AWS, os.Getenv(reports.EnvCompile))
	if err != nil {
		return unconfigured{err}
	}
	return l
}

type unconfigured struct{ err error }

func (u unconfigured) Start(context.Context, reports.RunRequest) error { return u.err }
