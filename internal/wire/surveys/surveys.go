// Package surveys builds the function "surveys": the public surveys, an
// awareness survey by its public link and an evaluation survey by its
// invitation (issue #10). From the outbox key it derives the keys of its
// proof-of-work check, idempotency records and browser markers; it seals
// nothing. It links neither the consultations nor the workshops, nor any
// spreadsheet or PDF writer (internal/wire's tests check).
package surveys

import (
	"context"
	"time"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/boot/awssecret"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/pow"
	"github.com/mpsv/brana/internal/pow/powdb"
	"github.com/mpsv/brana/internal/seal"
	"github.com/mpsv/brana/internal/surveys/surveyapi"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/wire/origin"
)

// New returns the surveys function's HTTP handler.
func New(ctx context.Context, env *boot.Env) (boot.HTTPHandler, error) {
	key, err := awssecret.OutboxKey(ctx, env)
	if err != nil {
		return nil, err
	}
	now := func() time.Time { return env.Clock.Now() }
	db := dynamo.New(env.DB, env.Config.TableName)
	// The challenges come from the bookings function (GET /v1/challenge);
	// every public write checks them with the same key and spends them in
	// the same table.
	p, err := pow.New(seal.DeriveKey(key, "pow"), powdb.New(db), now, pow.Options{})
	if err != nil {
		return nil, err
	}
	// Reading, using and declining invitations needs no key (nil): this
	// function neither invites nor reminds.
	inv, err := surveydb.NewInvitations(db, nil)
	if err != nil {
		return nil, err
	}
	store := surveydb.New(db)
	a, err := surveyapi.NewPublic(surveyapi.PublicDeps{
		Surveys: store, Store: store, Invitations: inv,
		Logger: env.Log, NewID: env.IDs.NewID, Now: now, PoW: p,
		IdempotencyKey: seal.DeriveKey(key, idempotency.KeyPurpose),
		AnsweredKey:    seal.DeriveKey(key, surveyapi.AnsweredKeyPurpose),
	})
	if err != nil {
		return nil, err
	}
	return origin.Guard(env, a.Handle)
}
