package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/pow"
)

// PoW issues proof-of-work challenges and checks their solutions
// (*pow.PoW).
type PoW interface {
	Challenge() (pow.Challenge, error)
	Check(ctx context.Context, header, scope string) error
}

// PoWHeader carries the solved challenge of a public write.
const PoWHeader = pow.Header

// powCheck is httpapi's check of the routes marked PoW: the solution in
// the Altcha header, spent for this request (its route, booking and
// Idempotency-Key, so that a retry meets its replay).
func (d Deps) powCheck() httpapi.Check {
	if d.PoW == nil {
		return nil
	}
	return func(ctx context.Context, r *httpapi.Request) error {
		scope := ""
		if k := strings.TrimSpace(r.Header(IdempotencyHeader)); k != "" {
			scope = r.Route.Key() + " " + r.PathParam("bookingId") + r.PathParam("eventId") + r.PathParam("registrationId") + " " + k
		}
		return d.PoW.Check(ctx, strings.TrimSpace(r.Header(PoWHeader)), scope)
	}
}

// challenge answers a fresh proof-of-work challenge (JSON responses are
// never cached: Cache-Control no-store).
func (h bookings) challenge(_ context.Context, _ *httpapi.Request) (httpapi.Response, error) {
	c, err := h.PoW.Challenge()
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, c), nil
}
