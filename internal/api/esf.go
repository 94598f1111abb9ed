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

// EsfWithdrawRoute is the route key of the withdrawal of the consent to the
// ESF+ answers.
const EsfWithdrawRoute = "POST /v1/registrations/{registrationId}/esf/withdraw"

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

// EsfWithdrawn is the answer to a withdrawal.
type EsfWithdrawn struct {
	// Withdrawn is true when there were answers, now deleted; false when
	// there were none (nothing changed).
	Withdrawn bool `json:"withdrawn"`
}

// esfWithdraw is POST /v1/registrations/{registrationId}/esf/withdraw: the
// consent to the ESF+ answers withdrawn, the answers deleted. Idempotent:
// again, it finds none. The body may be empty or an empty JSON object.
func (h events) esfWithdraw(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	if len(r.Body) > 0 {
		var in struct{}
		if err := r.DecodeJSON(&in); err != nil {
			return httpapi.Response{}, err
		}
	}
	had, err := h.Workshops.WithdrawEsf(ctx, r.PathParam("registrationId"), r.Header(esfTokenHeader))
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, EsfWithdrawn{Withdrawn: had}), nil
}
