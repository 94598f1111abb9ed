// Package reminders builds the function "reminders", scheduled: it queues
// the reminders of tomorrow's consultations. A reminder carries no manage
// link, so it reads no secret.
package reminders

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/wire/consult"
)

// Result is what the job reports.
type Result struct {
	Queued int `json:"queued"`
}

// New returns the job's handler. Its input (the schedule's payload)
// carries nothing it needs.
func New(_ context.Context, env *boot.Env) (boot.Handler[json.RawMessage, Result], error) {
	return Handle(consult.Service(env, nil), env), nil
}

// Handle queues tomorrow's reminders with svc.
func Handle(svc *consultations.Service, env *boot.Env) boot.Handler[json.RawMessage, Result] {
	return func(ctx context.Context, _ json.RawMessage) (Result, error) {
		n, err := svc.QueueReminders(ctx)
		boot.InvocationLog(ctx, env.Log).InfoContext(ctx, "reminders queued", "queued", n)
		if err != nil {
			return Result{Queued: n}, fmt.Errorf("queue reminders: %w", err)
		}
		return Result{Queued: n}, nil
	}
}
