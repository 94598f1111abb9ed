// Package origin puts an HTTP function's handler behind the origin check
// (httpapi.OriginGuard). It is its own small package so that every HTTP
// function's wiring can use it without linking any capability's service.
package origin

import (
	"time"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/httpapi"
)

// Guard puts an HTTP function's handler behind the origin check: it answers
// only requests that came through CloudFront, which adds the origin header.
// Every HTTP function's constructor returns its handler through Guard;
// internal/wire's tests check that each refuses a request without the
// header.
func Guard(env *boot.Env, h httpapi.HandlerFunc) (boot.HTTPHandler, error) {
	secrets, err := boot.OriginSecrets(env.Config)
	if err != nil {
		return nil, err
	}
	g, err := httpapi.NewOriginGuard(httpapi.OriginConfig{
		Function: env.Function, Secrets: secrets, Logger: env.Log, NewID: env.IDs.NewID,
		Now: func() time.Time { return env.Clock.Now() },
	})
	if err != nil {
		return nil, err
	}
	return g.Wrap(h), nil
}
