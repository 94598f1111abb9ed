// Package staff builds the function "staff": staff routes for experts,
// availability and bookings. Staff queue e-mails only to experts (the
// cancellation an erasure sends), which carry no manage link: no secret.
package staff

import (
	"context"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/wire/consult"
)

// New returns the staff function's HTTP handler.
func New(_ context.Context, env *boot.Env) (boot.HTTPHandler, error) {
	a, err := api.NewStaff(api.Deps{Service: consult.Service(env, nil), Logger: env.Log, NewID: env.IDs.NewID, Now: consult.Now(env)})
	if err != nil {
		return nil, err
	}
	return consult.Guard(env, a.Handle)
}
