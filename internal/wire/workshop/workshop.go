// Package workshop builds the workshops service the public events function
// and the offers job use, on the function's Env and the key material it
// read (registry.OutboxKey).
package workshop

import (
	"os"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/seal"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/checkin"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// Service returns the workshops service on env's table: the outbox sealer,
// the e-mail HMAC key and the check-in signer from master.
func Service(env *boot.Env, master []byte) (*workshops.Service, error) {
	sealer, err := outbox.NewSealer(master)
	if err != nil {
		return nil, err
	}
	// The per-person limit (WORKSHOP_LIMIT_PER_PERSON; a malformed value
	// fails the cold start).
	limits, err := workshops.LimitsFromEnv(os.Getenv)
	if err != nil {
		return nil, err
	}
	return &workshops.Service{
		Store: workshopdb.New(dynamo.New(env.DB, env.Config.TableName)), Clock: env.Clock, IDs: env.IDs,
		BaseURL: env.Config.PublicBaseURL, EmailKey: seal.DeriveKey(master, workshops.EmailKeyPurpose),
		Mail:   workshops.TemplateMailer{Sealer: sealer, CheckIn: checkin.NewSigner(master)},
		Limits: limits,
	}, nil
}
