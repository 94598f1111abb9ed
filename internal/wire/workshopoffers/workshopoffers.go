// Package workshopoffers builds the function "workshop-offers", scheduled
// every 5 minutes: it expires lapsed waiting-list offers (the seat goes to
// the next person waiting) and offers free seats to people waiting. The
// next person's e-mail carries a sealed offer link, so it reads the outbox
// key.
package workshopoffers

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/boot/awssecret"
	"github.com/mpsv/brana/internal/wire/workshop"
	"github.com/mpsv/brana/internal/workshops"
)

// New returns the job's handler. Its input (the schedule's payload)
// carries nothing it needs.
func New(ctx context.Context, env *boot.Env) (boot.Handler[json.RawMessage, workshops.SweepResult], error) {
	key, err := awssecret.OutboxKey(ctx, env)
	if err != nil {
		return nil, err
	}
	svc, err := workshop.Service(env, key)
	if err != nil {
		return nil, err
	}
	return Handle(svc, env), nil
}

// Handle runs one sweep with svc.
func Handle(svc *workshops.Service, env *boot.Env) boot.Handler[json.RawMessage, workshops.SweepResult] {
	return func(ctx context.Context, _ json.RawMessage) (workshops.SweepResult, error) {
		res, err := svc.SweepOffers(ctx)
		boot.InvocationLog(ctx, env.Log).InfoContext(ctx, "workshop offers swept", "expired", res.Expired, "eventsFilled", res.Filled)
		if err != nil {
			return res, fmt.Errorf("sweep offers: %w", err)
		}
		return res, nil
	}
}
