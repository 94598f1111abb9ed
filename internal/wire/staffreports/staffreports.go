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
	"errors"
	"os"
	"sync"
	"time"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/reports"
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

// errNotConnected is what a part not connected yet says.
var errNotConnected = errors.New("not connected yet")

// newIndex is the reports' version index on the table.
//
// COORDINATOR (#11): connect the index of part "run"
// (internal/reports/reportdb/versions.go, on branch r-run):
// `return reportdb.NewIndex(db), nil`.
func newIndex(db *dynamo.Store) (reports.Index, error) {
	_ = db
	return nil, errors.New("staff-reports: the reports' version index: " + errNotConnected.Error() + " (internal/wire/staffreports newIndex)")
}

// newBlobs is the store of the report files: S3 when reports.EnvBucket is
// set (the cloud), the directory reports.EnvDir otherwise (local).
//
// COORDINATOR (#11): connect the stores of part "run"
// (internal/reports/blobs, on branch r-run): `return blobs.FromEnv(env.AWS)`
// (it refuses an environment with neither REPORTS_DIR nor REPORTS_BUCKET,
// which the wire and access tests then need to set).
func newBlobs(ctx context.Context, env *boot.Env) (reports.Blobs, error) {
	_, _ = ctx, env
	return nil, errors.New("staff-reports: the report files: " + errNotConnected.Error() + " (internal/wire/staffreports newBlobs)")
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
