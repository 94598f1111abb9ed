// Package retention builds the function "retention", scheduled daily: it
// erases the personal data of consultations past the retention period the
// privacy notice states (consultations.DefaultRetentionMonths, or
// RETENTION_MONTHS). It erases through the admin's erase path, queues no
// e-mail and reads no secret.
package retention

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/wire/consult"
)

// MonthsEnv names the setting that overrides the retention period, in
// whole months after the consultation.
const MonthsEnv = "RETENTION_MONTHS"

// Months is the retention period the environment sets, or the default
// the privacy notice states.
func Months() (int, error) {
	v := os.Getenv(MonthsEnv)
	if v == "" {
		return consultations.DefaultRetentionMonths, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < consultations.MinRetentionMonths || n > 120 {
		return 0, fmt.Errorf("%s=%q: want whole months, %d to 120", MonthsEnv, v, consultations.MinRetentionMonths)
	}
	return n, nil
}

// New returns the job's handler; a wrong RETENTION_MONTHS fails the cold
// start. Its input (the schedule's payload) carries nothing it needs.
func New(_ context.Context, env *boot.Env) (boot.Handler[json.RawMessage, consultations.RetentionRun], error) {
	months, err := Months()
	if err != nil {
		return nil, err
	}
	return Handle(consult.Service(env, nil), env, months), nil
}

// Handle erases with svc what is older than months. It logs counts only,
// never a booking's id or data.
func Handle(svc *consultations.Service, env *boot.Env, months int) boot.Handler[json.RawMessage, consultations.RetentionRun] {
	return func(ctx context.Context, _ json.RawMessage) (consultations.RetentionRun, error) {
		run, err := svc.EraseExpired(ctx, months)
		boot.InvocationLog(ctx, env.Log).InfoContext(ctx, "retention run", "retentionMonths", months, "cutoff", run.Cutoff.String(),
			"months", run.Months, "checked", run.Checked, "erased", run.Erased, "skipped", run.Skipped)
		if err != nil {
			return run, fmt.Errorf("retention: %w", err)
		}
		return run, nil
	}
}
