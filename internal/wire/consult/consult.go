// Package consult builds the consultation booking service a function uses,
// on the function's Env. Every function of the booking capability builds it
// here, the same way.
package consult

import (
	"os"
	"time"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/consultations/consultdb"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/seal"
)

// Service returns the booking service on env's table. sealer is nil for a
// function that queues no manage link (registry: no OutboxKey secret).
func Service(env *boot.Env, sealer *outbox.Sealer) *consultations.Service {
	return &consultations.Service{
		Store: consultdb.New(dynamo.New(env.DB, env.Config.TableName)), Clock: env.Clock, IDs: env.IDs, Sealer: sealer,
		BaseURL: env.Config.PublicBaseURL, Organizer: From(env), Limits: consultations.DefaultLimits(),
	}
}

// Booking returns the service of the function that creates bookings, on
// the key material it read (registry.OutboxKey): the outbox sealer, the
// HMAC key of the limits' identities, and the limits from the environment
// (BOOKING_LIMIT_PER_PERSON, BOOKING_LIMIT_PER_ORGANISATION,
// RESCHEDULE_LIMIT).
func Booking(env *boot.Env, master []byte) (*consultations.Service, error) {
	sealer, err := outbox.NewSealer(master)
	if err != nil {
		return nil, err
	}
	limits, err := consultations.LimitsFromEnv(os.Getenv)
	if err != nil {
		return nil, err
	}
	svc := Service(env, sealer)
	svc.Limits = limits
	svc.IdentityKey = seal.DeriveKey(master, consultations.IdentityKeyPurpose)
	return svc, nil
}

// From is the address e-mails and calendar files come from.
func From(env *boot.Env) mail.Address {
	return mail.Address{Name: env.Config.MailFromName, Email: env.Config.MailFrom}
}

// Now is env's clock as a function.
func Now(env *boot.Env) func() time.Time { return func() time.Time { return env.Clock.Now() } }
