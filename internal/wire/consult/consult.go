// Package consult builds the consultation booking service a function uses,
// on the function's Env. Every function of the booking capability builds it
// here, the same way.
package consult

import (
	"time"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/consultations/consultdb"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
)

// Service returns the booking service on env's table. sealer is nil for a
// function that queues no manage link (registry: no OutboxKey secret).
func Service(env *boot.Env, sealer *outbox.Sealer) *consultations.Service {
	return &consultations.Service{
		Store: consultdb.New(dynamo.New(env.DB, env.Config.TableName)), Clock: env.Clock, IDs: env.IDs, Sealer: sealer,
		BaseURL: env.Config.PublicBaseURL, Organizer: From(env),
	}
}

// From is the address e-mails and calendar files come from.
func From(env *boot.Env) mail.Address {
	return mail.Address{Name: env.Config.MailFromName, Email: env.Config.MailFrom}
}

// Now is env's clock as a function.
func Now(env *boot.Env) func() time.Time { return func() time.Time { return env.Clock.Now() } }
