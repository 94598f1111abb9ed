package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

// TestAdminCancelAll: an admin cancels every future booking of one IČO or
// one e-mail address in one action; the people and the experts are told.
func TestAdminCancelAll(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ctx := context.Background()
	starts := append(env.FreeSlots(apptest.Tuesday), env.FreeSlots(apptest.Wednesday)...)
	var hoarded []string
	for _, s := range starts[:3] {
		hoarded = append(hoarded, env.Book(s).Booking.ID) // the sample's IČO 00551023, three people
	}
	other := env.Book(starts[3], func(b map[string]any) {
		b["organisation"] = map[string]any{"name": "Jiný domov", "ico": "25596641"}
	})
	env.SendOutbox()
	before := len(env.MailIDs())

	ev := apptest.Event(t, "staff-cancel-all") // {"ico": "00551023"}, admin claims
	t.Run("an expert may not", func(t *testing.T) {
		resp := env.Invoke(routes.FnStaff, apptest.WithClaims(ev, app.DemoExpertSubject, auth.GroupExpert))
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("got %d %s, want 403", resp.StatusCode, resp.Body)
		}
	})
	t.Run("neither or both of e-mail and IČO is a field error", func(t *testing.T) {
		for _, body := range []map[string]any{{}, {"email": "a@example.cz", "ico": "00551023"}} {
			resp := env.Invoke(routes.FnStaff, apptest.WithBody(ev, body))
			p := apptest.Body[httpapi.ProblemDoc](t, resp)
			if resp.StatusCode != http.StatusBadRequest || len(p.Errors) == 0 || p.Errors[0].Rule != "email_or_ico" {
				t.Errorf("%v: got %d %+v, want 400 email_or_ico", body, resp.StatusCode, p)
			}
		}
	})

	resp := env.Invoke(routes.FnStaff, ev)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("cancel all: got %d %s, want 200", resp.StatusCode, resp.Body)
	}
	got := apptest.Body[api.CancellationsView](t, resp)
	if got.Count != 3 || len(got.Items) != 3 {
		t.Fatalf("got %d cancelled (%d items), want 3", got.Count, len(got.Items))
	}
	for _, id := range hoarded {
		b, err := env.Deps.Store.GetBooking(ctx, id)
		if err != nil || b.Status != "cancelled" || len(b.Holds) != 0 {
			t.Errorf("%s: got %s with %d holds (%v), want cancelled, none", id, b.Status, len(b.Holds), err)
		}
	}
	if b, _ := env.Deps.Store.GetBooking(ctx, other.Booking.ID); b.Status != "confirmed" {
		t.Errorf("another organisation's booking: got %s, want confirmed", b.Status)
	}
	env.SendOutbox()
	if n := len(env.MailIDs()) - before; n != 6 {
		t.Errorf("got %d new e-mails, want 6 (a cancellation to each person and to the expert, per booking)", n)
	}

	t.Run("again: nothing left to cancel", func(t *testing.T) {
		resp := env.Invoke(routes.FnStaff, ev)
		if got := apptest.Body[api.CancellationsView](t, resp); resp.StatusCode != http.StatusOK || got.Count != 0 {
			t.Errorf("got %d %+v, want 200 with count 0", resp.StatusCode, got)
		}
	})
	t.Run("by e-mail address, in any case", func(t *testing.T) {
		resp := env.Invoke(routes.FnStaff, apptest.WithBody(ev, map[string]any{"email": strings.ToUpper(other.Booking.Contact.Email)}))
		got := apptest.Body[api.CancellationsView](t, resp)
		if resp.StatusCode != http.StatusOK || got.Count != 1 || got.Items[0].ID != other.Booking.ID {
			t.Errorf("got %d %+v, want the one booking of that address", resp.StatusCode, got)
		}
	})
}
