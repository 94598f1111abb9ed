package consult

import (
	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/wire/origin"
)

// Guard puts an HTTP function's handler behind the origin check
// (origin.Guard).
func Guard(env *boot.Env, h httpapi.HandlerFunc) (boot.HTTPHandler, error) {
	return origin.Guard(env, h)
}
