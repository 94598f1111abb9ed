package app_test

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/routes"
)

// holds reports whether any attribute of an item, at any depth, contains s.
func holds(v types.AttributeValue, s string) bool {
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		return strings.Contains(v.Value, s)
	case *types.AttributeValueMemberB:
		return strings.Contains(string(v.Value), s)
	case *types.AttributeValueMemberSS:
		for _, x := range v.Value {
			if strings.Contains(x, s) {
				return true
			}
		}
	case *types.AttributeValueMemberL:
		for _, x := range v.Value {
			if holds(x, s) {
				return true
			}
		}
	case *types.AttributeValueMemberM:
		for _, x := range v.Value {
			if holds(x, s) {
				return true
			}
		}
	}
	return false
}

func TestErasePersonalData(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	const (
		address = "Lipová 12, 602 00 Brno"
		note    = "Připravujeme transformační plán pro dvě domácnosti." // in events/create-booking.json
	)
	personal := []string{"Marie Procházková", "marie.prochazkova@example.cz", "+420603123456", "603 123 456", note, address}

	// An on-site booking for tomorrow, made with an idempotency key: its
	// confirmation sent, then moved within the day, its change e-mails and
	// its reminder still waiting.
	ev := bookingEvent(t, freeSlots(t, env, tue)[0], func(b map[string]any) {
		b["form"], b["address"] = "onsite", address
	})
	resp := env.Invoke(routes.FnBookings, ev)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("book: got %d %s, want 201", resp.StatusCode, resp.Body)
	}
	created := apptest.Body[struct {
		Booking     struct{ ID string }
		ManageToken string
	}](t, resp)
	id, token := created.Booking.ID, created.ManageToken
	env.SendOutbox()
	reschedule(t, env, id, token, freeSlots(t, env, tue)[1])
	if n := remind(t, env); n != 1 {
		t.Fatalf("reminders queued: got %d, want 1", n)
	}

	outboxOf := func() []string {
		var out []string
		for _, it := range scan(t, env) {
			if sval(it, "type") == "outbox" && sval(it, "ref") == id {
				out = append(out, sval(it, "id"))
			}
		}
		return out
	}
	if n := len(outboxOf()); n != 6 {
		t.Fatalf("outbox items before erasure: got %d, want 6 (confirmation, reminder, change × 2)", n)
	}
	before := rawItem(t, env, "BOOKING#"+id, "BOOKING")
	for _, attr := range []string{"contactName", "contactEmail", "contactPhone", "note", "address", "tokenHash", "mail"} {
		if _, ok := before[attr]; !ok {
			t.Fatalf("before erasure the booking has no %s; the test would prove nothing", attr)
		}
	}

	resp = env.Invoke(routes.FnStaff, apptest.WithBooking(apptest.Event(t, "staff-erase"), id, ""))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("erase: got %d %s, want 200", resp.StatusCode, resp.Body)
	}
	after := rawItem(t, env, "BOOKING#"+id, "BOOKING")

	t.Run("the counted facts stay as they were", func(t *testing.T) {
		for _, attr := range []string{"start", "end", "form", "region", "topic", "targetGroup", "organisationIco", "organisationName", "status", "expertId", "GSI2PK", "GSI2SK", "GSI1PK"} {
			if !reflect.DeepEqual(after[attr], before[attr]) || after[attr] == nil {
				t.Errorf("%s: got %v, want %v", attr, after[attr], before[attr])
			}
		}
		if got := sval(after, "form") + " " + sval(after, "organisationIco") + " " + sval(after, "status"); got != "onsite 00551023 confirmed" {
			t.Errorf("form, IČO, status: got %s, want onsite 00551023 confirmed", got)
		}
	})
	t.Run("the contact, note, address, token hash and e-mail list are gone", func(t *testing.T) {
		for _, attr := range []string{"contactName", "contactEmail", "contactPhone", "note", "address", "tokenHash", "mail"} {
			if v, ok := after[attr]; ok {
				t.Errorf("%s: got %v, want no attribute", attr, v)
			}
		}
		if sval(after, "erasedAt") == "" {
			t.Errorf("erasedAt: got none, want the erasure time")
		}
	})
	t.Run("every outbox item of the booking is gone, sent or pending", func(t *testing.T) {
		if got := outboxOf(); len(got) != 0 {
			t.Errorf("got %v, want none", got)
		}
	})
	t.Run("no personal data is left anywhere in the table", func(t *testing.T) {
		for _, it := range scan(t, env) {
			for name, v := range it {
				for _, s := range personal {
					if holds(v, s) {
						t.Errorf("%s %s: attribute %s holds %q", sval(it, "PK"), sval(it, "SK"), name, s)
					}
				}
			}
		}
	})
	t.Run("the manage token no longer opens the booking", func(t *testing.T) {
		resp := env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "get-booking"), id, token))
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("got %d, want 404", resp.StatusCode)
		}
	})
	t.Run("the booking is still listed for reports", func(t *testing.T) {
		list, err := env.Deps.Store.ListBookingsByTime(ctx, tue.Start(), wed.Start())
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].ID != id || !list[0].Erased() || list[0].Region != "CZ064" {
			t.Errorf("got %+v, want the erased booking in CZ064", list)
		}
	})
	t.Run("nothing waiting is sent afterwards", func(t *testing.T) {
		sentBefore := len(env.Mailer.Sent())
		if res := env.SendOutbox(); res != (outbox.Result{}) {
			t.Errorf("sweep: got %+v, want nothing", res)
		}
		if got := len(env.Mailer.Sent()); got != sentBefore {
			t.Errorf("e-mails sent: got %d, want %d", got, sentBefore)
		}
	})
	t.Run("erasing again is already_erased", func(t *testing.T) {
		resp := env.Invoke(routes.FnStaff, apptest.WithBooking(apptest.Event(t, "staff-erase"), id, ""))
		doc := apptest.Body[httpapi.ProblemDoc](t, resp)
		if got := fmt.Sprint(resp.StatusCode, " ", doc.Code); got != "409 already_erased" {
			t.Errorf("got %s, want 409 already_erased", got)
		}
	})
	t.Run("an expert may not erase", func(t *testing.T) {
		other := book(t, env, freeSlots(t, env, wed)[0]).Booking.ID
		ev := apptest.WithClaims(apptest.WithBooking(apptest.Event(t, "staff-erase"), other, ""), "dev-expert-dvorakova", auth.GroupExpert)
		if resp := env.Invoke(routes.FnStaff, ev); resp.StatusCode != http.StatusForbidden {
			t.Errorf("got %d, want 403", resp.StatusCode)
		}
		if b, err := env.Deps.Store.GetBooking(ctx, other); err != nil || b.Erased() || b.Contact.Email == "" {
			t.Errorf("the booking after the refused erasure: got erased=%v contact %q, %v, want untouched", b.Erased(), b.Contact.Email, err)
		}
	})
}
