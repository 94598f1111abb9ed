// Package staffsurveys builds the function "staff-surveys": the evaluation
// team's survey definitions and versions (issue #10). It links the survey
// capability and its schema validator, and no booking, workshop,
// spreadsheet or PDF code.
package staffsurveys

import (
	"context"
	"time"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/surveys/surveyapi"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/surveys/surveyschema"
	"github.com/mpsv/brana/internal/wire/origin"
)

// New returns the staff-surveys function's HTTP handler.
func New(ctx context.Context, env *boot.Env) (boot.HTTPHandler, error) {
	now := func() time.Time { return env.Clock.Now() }
	a, err := surveyapi.NewStaff(surveyapi.StaffDeps{
		Store: surveydb.New(dynamo.New(env.DB, env.Config.TableName)), Logger: env.Log, NewID: env.IDs.NewID, Now: now,
		Schema: surveyschema.Check,
	})
	if err != nil {
		return nil, err
	}
	// Only requests through CloudFront (origin.Guard).
	return origin.Guard(env, a.Handle)
}
