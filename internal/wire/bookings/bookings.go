// Package bookings builds the function "bookings": public booking and its
// management by token, and the proof-of-work challenges those writes need.
// It seals the person's manage link into the outbox, so it reads the outbox
// key; from the same key material it derives the HMAC keys of the booking
// limits' identities, of idempotency records and of proof-of-work challenges.
package bookings

import (
	"context"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/boot/awssecret"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/pow"
	"github.com/mpsv/brana/internal/pow/powdb"
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
	p, err := PoW(env, key)
	if err != nil {
		return nil, err
	}
	a, err := api.NewBookings(api.Deps{
		Service: svc, Logger: env.Log, NewID: env.IDs.NewID, Now: consult.Now(env), PoW: p,
		IdempotencyKey: seal.DeriveKey(key, idempotency.KeyPurpose),
	})
	if err != nil {
		return nil, err
	}
	return consult.Guard(env, a.Handle)
}

// PoW is the function's proof of work: its key derived from the stored
// secret, its spent solutions in the table.
func PoW(env *boot.Env, secret []byte) (*pow.PoW, error) {
	return pow.New(seal.DeriveKey(secret, "pow"), powdb.New(dynamo.New(env.DB, env.Config.TableName)), consult.Now(env), pow.Options{})
}
