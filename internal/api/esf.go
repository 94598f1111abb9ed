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

// esf is POST /v1/registrations/{registrationId}/esf: the voluntary ESF+
// answers of a registration opened by its manage token, with their own
// explicit consent. It is idempotent by its nature: the same body again
// changes nothing and gets the same answer, so it takes no
// Idempotency-Key (an idempotency record would keep a fingerprint of the
// answers next to the registration's id). The answer holds the answers as
// recorded and nothing else.
func (h events) esf(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in workshops.EsfInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	reply, err := h.Workshops.SubmitEsf(ctx, r.PathParam("registrationId"), r.Header(esfTokenHeader), in)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, reply), nil
}
