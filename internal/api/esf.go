package api

import (
	"context"
	"net/http"

	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/workshops"
)

// EsfRoute is the route key of the ESF+ submission, served by the public
// events function.
const EsfRoute = "POST /v1/registrations/{registrationId}/esf"

// esfTokenHeader carries the registration's manage token, as on the other
// registration routes.
const esfTokenHeader = "Registration-Token"

// EsfHandler is POST /v1/registrations/{registrationId}/esf: the voluntary
// ESF+ answers of a registration opened by its manage token (open: a
// wrong or missing token is the same 404 as an unknown id), with their own
// explicit consent. The body is checked before the registration is read.
// It is idempotent by its nature: the same body again changes nothing and
// gets the same answer, so it takes no Idempotency-Key (an idempotency
// record would tie the answers' fingerprint to the registration's id).
// The answer holds the answers as recorded and nothing else.
func EsfHandler(open func(ctx context.Context, id, token string) (workshops.Registration, error), svc workshops.EsfService) httpapi.Handler {
	return func(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
		var in workshops.EsfInput
		if err := r.DecodeJSON(&in); err != nil {
			return httpapi.Response{}, err
		}
		if _, err := in.Check(); err != nil {
			return httpapi.Response{}, err
		}
		reg, err := open(ctx, r.PathParam("registrationId"), r.Header(esfTokenHeader))
		if err != nil {
			return httpapi.Response{}, err
		}
		reply, err := svc.Submit(ctx, reg, in)
		if err != nil {
			return httpapi.Response{}, err
		}
		return httpapi.JSON(http.StatusOK, reply), nil
	}
}
