// Package workshopreminders builds the function "workshop-reminders",
// scheduled: it queues the reminders of the events that start in two days.
// It reads the outbox key only to sign the check-in code each reminder of
// an in-person seat shows as a QR code; a reminder carries no manage link,
// so nothing is sealed.
package workshopreminders

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/boot/awssecret"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/checkin"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// Result is what the job reports.
type Result struct {
	Queued int `json:"queued"`
}

// New returns the job's handler. Its input (the schedule's payload)
// carries nothing it needs.
func New(ctx context.Context, env *boot.Env) (boot.Handler[json.RawMessage, Result], error) {
	key, err := awssecret.OutboxKey(ctx, env)
	if err != nil {
		return nil, err
	}
	svc, err := Service(env, key)
	if err != nil {
		return nil, err
	}
	return Handle(svc, env), nil
}

// Service is the workshops service the job needs: the table, the clock and
// the e-mails, with the check-in codes signed under key (the outbox key).
func Service(env *boot.Env, key []byte) (*workshops.Service, error) {
	sealer, err := outbox.NewSealer(key)
	if err != nil {
		return nil, err
	}
	return &workshops.Service{
		Store: workshopdb.New(dynamo.New(env.DB, env.Config.TableName)),
		Clock: env.Clock,
		Mail:  workshops.TemplateMailer{Sealer: sealer, CheckIn: checkin.NewSigner(key)},
	}, nil
}

// Handle queues the reminders with svc.
func Handle(svc *workshops.Service, env *boot.Env) boot.Handler[json.RawMessage, Result] {
	return func(ctx context.Context, _ json.RawMessage) (Result, error) {
		n, err := svc.QueueReminders(ctx)
		boot.InvocationLog(ctx, env.Log).InfoContext(ctx, "workshop reminders queued", "queued", n)
		if err != nil {
			return Result{Queued: n}, fmt.Errorf("queue workshop reminders: %w", err)
		}
		return Result{Queued: n}, nil
	}
}
