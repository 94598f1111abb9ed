// Package catalog builds the function "catalog": public experts and free
// slots. It reads only: no secret but the origin header's, no mailer.
package catalog

import (
	"context"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/wire/consult"
)

// New returns the catalog's HTTP handler.
func New(_ context.Context, env *boot.Env) (boot.HTTPHandler, error) {
	a, err := api.NewCatalog(api.Deps{Service: consult.Service(env, nil), Logger: env.Log, NewID: env.IDs.NewID, Now: consult.Now(env)})
	if err != nil {
		return nil, err
	}
	return consult.Guard(env, a.Handle)
}
