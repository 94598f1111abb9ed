// Package bookings builds the function "bookings": public booking and its
// management by token. It seals the person's manage link into the outbox,
// so it reads the outbox key; from the same key material it derives the
// HMAC keys of the booking limits' identities and of idempotency records.
package bookings

import (
	"context"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/boot/awssecret"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/seal"
	"github.com/mpsv/brana/internal/wire/consult"
)

// New returns the bookings function's HTTP handler.
func New(ctx context.Context, env *boot.Env) (boot.HTTPHandler, error) {
	key, err := awssecret.OutboxKey(ctx, env)
	if err != nil {
		return nil, err
	}
	svc, err := consult.Booking(env, key)
	if err != nil {
		return nil, err
	}
	a, err := api.NewBookings(api.Deps{
		Service: svc, Logger: env.Log, NewID: env.IDs.NewID, Now: consult.Now(env),
		IdempotencyKey: seal.DeriveKey(key, idempotency.KeyPurpose),
	})
	if err != nil {
		return nil, err
	}
	return a.Handle, nil
}
