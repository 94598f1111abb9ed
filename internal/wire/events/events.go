// Package events builds the function "events": the public events, the
// registration for them and managing a registration by its token. It seals
// the person's manage link into the outbox, so it reads the outbox key;
// from the same key material it derives the HMAC keys of the e-mail
// uniqueness items, idempotency records, proof-of-work challenges and
// check-in codes.
package events

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
	"github.com/mpsv/brana/internal/wire/workshop"
	"github.com/mpsv/brana/internal/workshops/certcode"
	"github.com/mpsv/brana/internal/workshops/docs/certpdf"
)

// New returns the events function's HTTP handler.
func New(ctx context.Context, env *boot.Env) (boot.HTTPHandler, error) {
	key, err := awssecret.OutboxKey(ctx, env)
	if err != nil {
		return nil, err
	}
	svc, err := workshop.Service(env, key)
	if err != nil {
		return nil, err
	}
	// The challenges come from the bookings function (GET /v1/challenge);
	// both check them with the same key and spend them in the same table.
	p, err := pow.New(seal.DeriveKey(key, "pow"), powdb.New(dynamo.New(env.DB, env.Config.TableName)), consult.Now(env), pow.Options{})
	if err != nil {
		return nil, err
	}
	a, err := api.NewEvents(api.EventsDeps{
		Workshops: svc, Logger: env.Log, NewID: env.IDs.NewID, Now: consult.Now(env), PoW: p,
		IdempotencyKey: seal.DeriveKey(key, idempotency.KeyPurpose), From: consult.From(env),
		CertificateKey: certcode.Key(key), CertificatePDF: certpdf.Renderer{},
	})
	if err != nil {
		return nil, err
	}
	return consult.Guard(env, a.Handle)
}
