package api_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

// previewStarts are a preview's starts by date.
func previewStarts(p api.AvailabilityPreviewView) map[string][]string {
	out := map[string][]string{}
	for _, d := range p.Days {
		out[d.Date] = d.Starts
	}
	return out
}

func TestStaffPreviewAvailability(t *testing.T) {
	env := apptest.New(t, apptest.Options{}) // Monday 30 November 2026, 9:00
	// The demo expert's booking on Wednesday 2 December, 9:00–10:00.
	if status, _, p := book(t, env); status != http.StatusCreated {
		t.Fatalf("booking: got %d %+v", status, p)
	}
	before, err := env.Deps.Store.GetExpert(t.Context(), apptest.DemoExpertID)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("an expert sees the slots of his own new hours, booked ones and time off left out", func(t *testing.T) {
		resp := env.Invoke(routes.FnStaff, apptest.Event(t, "staff-preview-availability"))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("got %d %s, want 200", resp.StatusCode, resp.Body)
		}
		got := apptest.Body[api.AvailabilityPreviewView](t, resp)
		if got.From != "2026-11-30" || got.To != "2026-12-13" || len(got.Days) != 14 || got.Minutes != 60 {
			t.Errorf("got %s–%s, %d days of %d-minute slots, want 2026-11-30–2026-12-13, 14 days of 60", got.From, got.To, len(got.Days), got.Minutes)
		}
		starts := previewStarts(got)
		want := map[string][]string{
			// Wednesdays only; 9:00 on the 2nd is booked (with its buffer
			// to 10:15), and the 9th ends at 11:00 (time off).
			"2026-12-02": {"2026-12-02T10:15:00+01:00"},
			"2026-12-09": {"2026-12-09T09:00:00+01:00"},
		}
		for _, d := range got.Days {
			if !slices.Equal(d.Starts, want[d.Date]) {
				t.Errorf("%s: got %v, want %v", d.Date, d.Starts, want[d.Date])
			}
		}
		if len(starts) != 14 {
			t.Errorf("got %d distinct days, want 14", len(starts))
		}
	})
	t.Run("a preview stores nothing", func(t *testing.T) {
		after, err := env.Deps.Store.GetExpert(t.Context(), apptest.DemoExpertID)
		if err != nil {
			t.Fatal(err)
		}
		if after.Version != before.Version || len(after.Availability.Weekly) != len(before.Availability.Weekly) {
			t.Errorf("got version %d with %d working days, want %d with %d", after.Version, len(after.Availability.Weekly), before.Version, len(before.Availability.Weekly))
		}
	})
	t.Run("notice and the daily cap count as for the public slots", func(t *testing.T) {
		ev := apptest.WithBody(apptest.Event(t, "staff-preview-availability"), map[string]any{
			"weekly": map[string]any{
				"mon": []map[string]string{{"from": "08:00", "to": "11:00"}},
				"wed": []map[string]string{{"from": "09:00", "to": "12:00"}},
			},
			"noticeHours": 1, "bufferMinutes": 0, "maxPerDay": 1,
		})
		got := previewStarts(apptest.Body[api.AvailabilityPreviewView](t, env.Invoke(routes.FnStaff, ev)))
		// Today is Monday 9:00: with an hour's notice 10:00 is the first.
		if want := []string{"2026-11-30T10:00:00+01:00"}; !slices.Equal(got["2026-11-30"], want) {
			t.Errorf("today: got %v, want %v", got["2026-11-30"], want)
		}
		// Wednesday 2 December has its one booking: the day is full.
		if len(got["2026-12-02"]) != 0 || len(got["2026-12-09"]) != 3 {
			t.Errorf("got %v on the 2nd and %v on the 9th, want none and three", got["2026-12-02"], got["2026-12-09"])
		}
	})
	t.Run("an expert may not preview another expert's availability", func(t *testing.T) {
		ev := apptest.Event(t, "staff-preview-availability")
		ev.PathParameters = map[string]string{"expertId": "petr-svoboda"}
		resp := env.Invoke(routes.FnStaff, apptest.WithClaims(ev, app.DemoExpertSubject, auth.GroupExpert))
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("got %d %s, want 403", resp.StatusCode, resp.Body)
		}
	})
	t.Run("an admin previews any expert's", func(t *testing.T) {
		ev := apptest.Event(t, "staff-preview-availability")
		ev.PathParameters = map[string]string{"expertId": "petr-svoboda"}
		resp := env.Invoke(routes.FnStaff, apptest.WithClaims(ev, "dev-admin", auth.GroupAdmin))
		if resp.StatusCode != http.StatusOK {
			t.Errorf("got %d %s, want 200", resp.StatusCode, resp.Body)
		}
	})
	t.Run("an unknown expert is not found", func(t *testing.T) {
		ev := apptest.Event(t, "staff-preview-availability")
		ev.PathParameters = map[string]string{"expertId": "nobody-here"}
		resp := env.Invoke(routes.FnStaff, apptest.WithClaims(ev, "dev-admin", auth.GroupAdmin))
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("got %d %s, want 404", resp.StatusCode, resp.Body)
		}
	})
	t.Run("bad input gets the field errors of the PUT", func(t *testing.T) {
		body := map[string]any{
			"weekly":      map[string]any{"mon": []map[string]string{{"from": "12:00", "to": "09:00"}}, "tue": []map[string]string{{"from": "9:00", "to": "10:00"}}},
			"slotMinutes": 50,
			"timeOff":     []map[string]string{{"from": "2026-12-10", "to": "2026-12-01"}},
		}
		fields := func(op string) []string {
			ev := apptest.WithBody(apptest.Event(t, op), body)
			resp := env.Invoke(routes.FnStaff, ev)
			p := apptest.Body[httpapi.ProblemDoc](t, resp)
			if resp.StatusCode != http.StatusBadRequest || p.Code != "invalid_request" {
				t.Fatalf("%s: got %d %q, want 400 invalid_request", op, resp.StatusCode, p.Code)
			}
			var out []string
			for _, e := range p.Errors {
				out = append(out, e.Field+"/"+e.Rule)
			}
			slices.Sort(out)
			return out
		}
		got, put := fields("staff-preview-availability"), fields("staff-set-availability")
		want := []string{"slotMinutes/minutes", "timeOff[0]/range", "weekly.mon[0]/range", "weekly.tue[0].from/clock"}
		if !slices.Equal(got, want) {
			t.Errorf("preview: got %v, want %v", got, want)
		}
		if !slices.Equal(got, put) {
			t.Errorf("preview %v and PUT %v differ", got, put)
		}
	})
	t.Run("a public holiday has no slots", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{Now: time.Date(2026, 12, 21, 8, 0, 0, 0, time.UTC)})
		ev := apptest.WithBody(apptest.Event(t, "staff-preview-availability"), map[string]any{
			"weekly": map[string]any{"thu": []map[string]string{{"from": "09:00", "to": "10:00"}}},
		})
		got := previewStarts(apptest.Body[api.AvailabilityPreviewView](t, env.Invoke(routes.FnStaff, ev)))
		if len(got["2026-12-24"]) != 0 || !slices.Equal(got["2026-12-31"], []string{"2026-12-31T09:00:00+01:00"}) {
			t.Errorf("got 24 December %v and 31 December %v, want none and 9:00", got["2026-12-24"], got["2026-12-31"])
		}
	})
}
