package httpapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

// passPoW lets every request through: these tests are about the glue, the
// proof of work itself is internal/pow's and internal/api's.
func passPoW(context.Context, *httpapi.Request) error { return nil }

// TestPoWRunsBeforeTheHandlersOfPoWRoutes: New refuses a function with a
// PoW route and no check; the check runs before the handler of every PoW
// route, and its error is the answer; other routes do not run it.
func TestPoWRunsBeforeTheHandlersOfPoWRoutes(t *testing.T) {
	newID := func() string { return "id" }
	var checked []string
	reached := 0
	hs := map[string]httpapi.Handler{}
	for _, r := range routes.ForFunction(routes.FnBookings) {
		hs[r.Key()] = func(context.Context, *httpapi.Request) (httpapi.Response, error) {
			reached++
			return httpapi.JSON(http.StatusOK, map[string]string{}), nil
		}
	}
	if _, err := httpapi.New(httpapi.Config{Function: routes.FnBookings, Handlers: hs, NewID: newID}); err == nil || !strings.Contains(err.Error(), "proof of work") {
		t.Errorf("New without PoW: got %v, want an error naming the proof of work", err)
	}
	a, err := httpapi.New(httpapi.Config{Function: routes.FnBookings, Handlers: hs, NewID: newID, PoW: func(_ context.Context, r *httpapi.Request) error {
		checked = append(checked, r.Route.Key())
		return apperr.New(apperr.Forbidden, "proof_of_work_missing")
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range routes.ForFunction(routes.FnBookings) {
		checked, reached = nil, 0
		resp, _ := a.Handle(context.Background(), events.APIGatewayV2HTTPRequest{RouteKey: r.Key()})
		if r.PoW && (resp.StatusCode != http.StatusForbidden || reached != 0 || len(checked) != 1) {
			t.Errorf("%s: got %d, handler reached %d times, checked %v; want 403 before the handler", r.Key(), resp.StatusCode, reached, checked)
		}
		if !r.PoW && (resp.StatusCode != http.StatusOK || len(checked) != 0) {
			t.Errorf("%s: got %d, checked %v; want 200 unchecked", r.Key(), resp.StatusCode, checked)
		}
	}
}
