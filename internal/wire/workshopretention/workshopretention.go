// Package workshopretention builds the function "workshop-retention",
// scheduled daily: it erases the personal data of registrations for events
// that ended more than the retention period ago (the privacy notice's
// workshops.DefaultRetentionMonths, or WORKSHOP_RETENTION_MONTHS), through
// the admin's erase path, so the counted facts stay and the ESF+ answers
// stay joined to nobody. It queues no e-mail and reads no secret.
package workshopretention

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// Months is the retention period the environment sets, or the default the
// privacy notice states.
func Months() (int, error) {
	v := os.Getenv(workshops.EnvRetentionMonths)
	if v == "" {
		return workshops.DefaultRetentionMonths, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < workshops.MinRetentionMonths || n > 120 {
		return 0, fmt.Errorf("%s=%q: want whole months, %d to 120", workshops.EnvRetentionMonths, v, workshops.MinRetentionMonths)
	}
	return n, nil
}

// New returns the job's handler; a wrong WORKSHOP_RETENTION_MONTHS fails
// the cold start. Its input (the schedule's payload) carries nothing it
// needs.
func New(_ context.Context, env *boot.Env) (boot.Handler[json.RawMessage, workshops.RetentionRun], error) {
	months, err := Months()
	if err != nil {
		return nil, err
	}
	store := workshopdb.New(dynamo.New(env.DB, env.Config.TableName))
	// The events are over: nothing is cancelled, so no Cancel.
	x := workshops.Eraser{Store: store, Now: env.Clock.Now}
	return Handle(store, x, env, months), nil
}

// Handle erases what is older than months. It logs counts only, never a
// registration's id or data.
func Handle(store workshops.RetentionStore, x workshops.Eraser, env *boot.Env, months int) boot.Handler[json.RawMessage, workshops.RetentionRun] {
	return func(ctx context.Context, _ json.RawMessage) (workshops.RetentionRun, error) {
		run, err := workshops.EraseExpired(ctx, store, x, months)
		boot.InvocationLog(ctx, env.Log).InfoContext(ctx, "workshop retention run", "retentionMonths", months, "cutoff", run.Cutoff.String(),
			"events", run.Events, "checked", run.Checked, "erased", run.Erased, "skipped", run.Skipped)
		if err != nil {
			return run, fmt.Errorf("workshop retention: %w", err)
		}
		return run, nil
	}
}
