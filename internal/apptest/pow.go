package apptest

import (
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/pow"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/wire/bookings"
)

// Proof of work in tests: Invoke gives every request to a route marked PoW
// a fresh solved challenge (minted with the function's own key, without
// the work) unless the event names the Altcha header itself, as
// WithoutPoW and WithPoW do. The check itself is the production one.

// PoW is the bookings function's proof of work in this Env (same key, same
// table, same clock).
func (e *Env) PoW() *pow.PoW {
	e.TB.Helper()
	p, err := bookings.PoW(e.Deps.EnvFor(routes.FnBookings), e.Deps.Config.OutboxKey)
	if err != nil {
		e.TB.Fatalf("pow: %v", err)
	}
	return p
}

// Solved returns a fresh solution's header value.
func (e *Env) Solved() string {
	e.TB.Helper()
	s, err := e.PoW().Mint()
	if err != nil {
		e.TB.Fatalf("mint pow: %v", err)
	}
	return s
}

// WithPoW sets the Altcha header to solution ("" sends the header empty,
// that is without a solution).
func WithPoW(ev events.APIGatewayV2HTTPRequest, solution string) events.APIGatewayV2HTTPRequest {
	ev.Headers = cloneMap(ev.Headers)
	ev.Headers[strings.ToLower(pow.Header)] = solution
	return ev
}

// WithoutPoW makes Invoke send the event without a solution.
func WithoutPoW(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
	return WithPoW(ev, "")
}

// WithSolved adds a fresh solution to an event for a PoW route that names
// none (Invoke does it; for tests that call a handler themselves).
func (e *Env) WithSolved(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
	for k := range ev.Headers {
		if strings.EqualFold(k, pow.Header) {
			return ev
		}
	}
	for _, r := range routes.Table {
		if r.Key() == ev.RouteKey && r.PoW {
			return WithPoW(ev, e.Solved())
		}
	}
	return ev
}
