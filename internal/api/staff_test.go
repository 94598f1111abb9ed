package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

// staffEvent builds a request for a route of the table, with path
// parameters filled in and a body fit for the route.
func staffEvent(r routes.Route, params map[string]string) events.APIGatewayV2HTTPRequest {
	path := r.Path
	for k, v := range params {
		path = strings.ReplaceAll(path, "{"+k+"}", v)
	}
	ev := events.APIGatewayV2HTTPRequest{
		Version: "2.0", RouteKey: r.Key(), RawPath: path, PathParameters: params,
		Headers: map[string]string{"content-type": "application/json"},
	}
	ev.RequestContext.RequestID = "req-matrix"
	ev.RequestContext.HTTP.Method = r.Method
	ev.RequestContext.HTTP.Path = path
	switch r.Operation {
	case "staffCreateExpert", "staffUpdateExpert":
		ev.Body = `{"name":"Test","email":"test@example.cz","topics":["other"],"regions":["CZ064"],"forms":["phone"]}`
	case "staffSetAvailability", "staffPreviewAvailability":
		ev.Body = `{"weekly":{"mon":[{"from":"09:00","to":"12:00"}]}}`
	case "staffSetOutcome":
		ev.Body = `{"status":"held"}`
	}
	return ev
}

func TestStaffAuthorisationMatrix(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	// A booking with another expert (petr-svoboda, who works Wednesdays).
	status, other, p := book(t, env, func(b map[string]any) {
		b["expertId"], b["topic"], b["start"] = "petr-svoboda", "financing", "2026-12-02T08:30:00+01:00"
	})
	if status != http.StatusCreated {
		t.Fatalf("booking with another expert: got %d %+v", status, p)
	}
	ownExpert := apptest.DemoExpertID
	params := map[string]string{"expertId": "petr-svoboda", "bookingId": other.Booking.ID}

	for _, r := range routes.Table {
		if r.Public() {
			continue
		}
		t.Run(r.Key()+" refuses a request without a token", func(t *testing.T) {
			resp := env.Invoke(r.Function, staffEvent(r, params))
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("got %d, want 401", resp.StatusCode)
			}
		})
		t.Run(r.Key()+" refuses a group it does not allow", func(t *testing.T) {
			group := auth.GroupEvaluator
			if slices.Contains(r.Groups, group) { // the survey routes (internal/surveys/surveyapi)
				group = auth.GroupExpert
			}
			resp := env.Invoke(r.Function, apptest.WithClaims(staffEvent(r, params), "someone", group))
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("got %d, want 403", resp.StatusCode)
			}
		})
		if r.Key() == "GET /v1/staff/me" || r.Key() == "GET /v1/staff/experts" {
			continue // nothing of another expert's to ask for
		}
		t.Run(r.Key()+" refuses an expert acting on another expert's record", func(t *testing.T) {
			ev := staffEvent(r, params)
			if r.Key() == "GET /v1/staff/bookings" {
				ev.QueryStringParameters = map[string]string{"expertId": "petr-svoboda", "from": "2026-12-01", "to": "2026-12-31"}
			}
			resp := env.Invoke(r.Function, apptest.WithClaims(ev, app.DemoExpertSubject, auth.GroupExpert))
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("got %d %s, want 403", resp.StatusCode, resp.Body)
			}
		})
	}

	t.Run("an expert sees only his own bookings", func(t *testing.T) {
		if status, _, p := book(t, env); status != http.StatusCreated {
			t.Fatalf("own booking: got %d %+v", status, p)
		}
		ev := apptest.Event(t, "staff-list-bookings")
		resp := env.Invoke(routes.FnStaff, apptest.WithClaims(ev, app.DemoExpertSubject, auth.GroupExpert))
		list := apptest.Body[api.List[api.StaffBookingView]](t, resp)
		if resp.StatusCode != http.StatusOK || len(list.Items) != 1 || list.Items[0].ExpertID != ownExpert {
			t.Errorf("got %d with %d bookings, want 200 with only %s's one", resp.StatusCode, len(list.Items), ownExpert)
		}
		resp = env.Invoke(routes.FnStaff, ev) // the sample event carries admin claims
		if got := apptest.Body[api.List[api.StaffBookingView]](t, resp); len(got.Items) != 2 {
			t.Errorf("admin: got %d bookings, want 2", len(got.Items))
		}
	})
	t.Run("an expert edits his own availability", func(t *testing.T) {
		ev := apptest.Event(t, "staff-set-availability")
		resp := env.Invoke(routes.FnStaff, ev)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("got %d %s, want 200", resp.StatusCode, resp.Body)
		}
		got := apptest.Body[api.StaffExpertView](t, resp)
		if *got.Availability.MaxPerDay != 4 || len(got.Availability.TimeOff) != 1 {
			t.Errorf("got availability %+v, want maxPerDay 4 and one time off", got.Availability)
		}
	})
	t.Run("an expert marks his own consultation once it has started", func(t *testing.T) {
		status, own, p := book(t, env, apptest.Person(3), func(b map[string]any) { b["start"] = "2026-12-02T10:15:00+01:00" })
		if status != http.StatusCreated {
			t.Fatalf("own booking: got %d %+v", status, p)
		}
		ev := apptest.Event(t, "staff-set-outcome")
		ev.PathParameters = map[string]string{"bookingId": own.Booking.ID}
		resp := env.Invoke(routes.FnStaff, ev)
		if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusConflict || p.Code != "outcome_too_early" {
			t.Fatalf("before the start: got %d %q, want 409 outcome_too_early", resp.StatusCode, p.Code)
		}
		env.Clock.Set(mustTime(t, "2026-12-02T10:20:00+01:00"))
		resp = env.Invoke(routes.FnStaff, ev)
		if got := apptest.Body[api.StaffBookingView](t, resp); resp.StatusCode != http.StatusOK || got.Status != "held" {
			t.Errorf("after the start: got %d %q, want 200 held", resp.StatusCode, got.Status)
		}
	})
	t.Run("an admin erases personal data and the counted facts stay", func(t *testing.T) {
		ev := apptest.Event(t, "staff-erase")
		ev.PathParameters = map[string]string{"bookingId": other.Booking.ID}
		resp := env.Invoke(routes.FnStaff, ev)
		got := apptest.Body[api.StaffBookingView](t, resp)
		if resp.StatusCode != http.StatusOK || got.Contact != (api.ContactView{}) || got.ErasedAt == "" {
			t.Fatalf("got %d %+v, want 200 with no contact", resp.StatusCode, got)
		}
		if got.Start != other.Booking.Start || got.Form != other.Booking.Form || got.Region != other.Booking.Region ||
			got.Topic != other.Booking.Topic || got.TargetGroup != other.Booking.TargetGroup || got.Organisation.ICO != other.Booking.Organisation.ICO {
			t.Errorf("counted facts changed: got %+v, want those of %+v", got.BookingView, other.Booking)
		}
		resp = env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "get-booking"), other.Booking.ID, other.ManageToken))
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("the manage token still works after erasure: got %d, want 404", resp.StatusCode)
		}
	})
}
