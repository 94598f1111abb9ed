package app_test

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/httpapi"
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

// eraseEvent is the sample erasure request (admin claims) for a booking.
func eraseEvent(t *testing.T, id string) events.APIGatewayV2HTTPRequest {
	return apptest.WithBooking(apptest.Event(t, "staff-erase"), id, "")
}

func TestErasePersonalData(t *testing.T) {
	ctx := context.Background()
	const (
		address = "Lipová 12, 602 00 Brno"
		note    = "Připravujeme transformační plán pro dvě domácnosti." // in events/create-booking.json
		orgName = "Domov Slunečnice, příspěvková organizace"            // in events/create-booking.json
	)
	personal := []string{"Marie Procházková", "marie.prochazkova@example.cz", "+420603123456", "603 123 456", note, address, orgName}
	markHeld := func(t *testing.T, env *apptest.Env, id string) {
		env.Clock.Set(apptest.Tuesday.At(18 * 60))
		ev := apptest.WithClaims(apptest.WithBooking(apptest.Event(t, "staff-set-outcome"), id, ""), "dev-admin", auth.GroupAdmin)
		if resp := env.Invoke(routes.FnStaff, ev); resp.StatusCode != http.StatusOK {
			t.Fatalf("mark held: got %d %s, want 200", resp.StatusCode, resp.Body)
		}
	}
	cases := []struct {
		name        string
		targetGroup string
		before      func(t *testing.T, env *apptest.Env, id string)
		wantStatus  string
		wantICO     string                   // the organisation's name goes for every target group
		wantOutbox  func(id string) []string // the booking's outbox items left
		wantClaims  bool
	}{
		{"a past consultation keeps its outcome and loses every e-mail", "provider", markHeld,
			"held", "00551023", func(string) []string { return nil }, true},
		{"a future consultation is cancelled, its slot freed and only the expert told", "provider", nil,
			"cancelled", "00551023", func(id string) []string { return []string{id + "-2-cancellation-expert"} }, false},
		{"a client's organisation name and IČO go with the rest (a sole trader's IČO identifies a person)", "client", nil,
			"cancelled", "", func(id string) []string { return []string{id + "-2-cancellation-expert"} }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := apptest.New(t, apptest.Options{})
			// An on-site booking for tomorrow, made with an idempotency key:
			// its confirmation sent, then moved within the day, its change
			// e-mails and its reminder still waiting.
			ev := apptest.BookingEvent(t, env.FreeSlots(apptest.Tuesday)[0], func(b map[string]any) {
				b["form"], b["address"], b["targetGroup"] = "onsite", address, c.targetGroup
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
			env.Reschedule(id, token, env.FreeSlots(apptest.Tuesday)[1])
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
				slices.Sort(out)
				return out
			}
			claimsOf := func() int {
				n := 0
				for _, it := range scan(t, env) {
					if sval(it, "type") == "claim" && sval(it, "bookingId") == id {
						n++
					}
				}
				return n
			}
			if n := len(outboxOf()); n != 6 {
				t.Fatalf("outbox items before erasure: got %d, want 6 (confirmation, change, reminder × 2)", n)
			}
			if c.before != nil {
				c.before(t, env, id)
			}
			before := rawItem(t, env, "BOOKING#"+id, "BOOKING")
			for _, attr := range []string{"contactName", "contactEmail", "contactPhone", "note", "address", "tokenHash", "mail", "organisationName"} {
				if _, ok := before[attr]; !ok {
					t.Fatalf("before erasure the booking has no %s; the test would prove nothing", attr)
				}
			}
			sentBefore := env.Mailer.Sent()

			if resp := env.Invoke(routes.FnStaff, eraseEvent(t, id)); resp.StatusCode != http.StatusOK {
				t.Fatalf("erase: got %d %s, want 200", resp.StatusCode, resp.Body)
			}
			after := rawItem(t, env, "BOOKING#"+id, "BOOKING")

			t.Run("the counted facts stay as they were", func(t *testing.T) {
				for _, attr := range []string{"start", "end", "form", "region", "topic", "targetGroup", "expertId", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK"} {
					if after[attr] == nil || !reflect.DeepEqual(after[attr], before[attr]) {
						t.Errorf("%s: got %v, want %v", attr, after[attr], before[attr])
					}
				}
				if got := sval(after, "form") + " " + sval(after, "organisationIco") + " " + sval(after, "targetGroup"); got != "onsite "+c.wantICO+" "+c.targetGroup {
					t.Errorf("form, IČO, target group: got %s, want onsite %s %s", got, c.wantICO, c.targetGroup)
				}
			})
			t.Run("the status is "+c.wantStatus, func(t *testing.T) {
				if got := sval(after, "status"); got != c.wantStatus {
					t.Errorf("got %s, want %s", got, c.wantStatus)
				}
			})
			t.Run("the organisation name is gone", func(t *testing.T) {
				if v, ok := after["organisationName"]; ok {
					t.Errorf("got %v, want no attribute", v)
				}
			})
			t.Run("the contact, note, address and token hash are gone", func(t *testing.T) {
				for _, attr := range []string{"contactName", "contactEmail", "contactPhone", "note", "address", "tokenHash"} {
					if v, ok := after[attr]; ok {
						t.Errorf("%s: got %v, want no attribute", attr, v)
					}
				}
				if sval(after, "erasedAt") == "" {
					t.Errorf("erasedAt: got none, want the erasure time")
				}
			})
			t.Run("every e-mail kept for the booking is gone", func(t *testing.T) {
				if got, want := outboxOf(), c.wantOutbox(id); !reflect.DeepEqual(got, want) {
					t.Errorf("outbox items: got %v, want %v", got, want)
				}
			})
			t.Run("the slot is freed only if the consultation was still to come", func(t *testing.T) {
				if got := claimsOf() > 0; got != c.wantClaims {
					t.Errorf("claims held: got %v, want %v", got, c.wantClaims)
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
				list, err := env.Deps.Store.ListBookingsByTime(ctx, apptest.Tuesday.Start(), apptest.Wednesday.Start())
				if err != nil {
					t.Fatal(err)
				}
				if len(list) != 1 || list[0].ID != id || !list[0].Erased() || list[0].Region != "CZ064" {
					t.Errorf("got %+v, want the erased booking in CZ064", list)
				}
			})
			t.Run("afterwards only what is left is sent, to the expert", func(t *testing.T) {
				env.SendOutbox()
				var got []string
				for mid := range env.Mailer.Sent() {
					if _, ok := sentBefore[mid]; !ok {
						got = append(got, mid)
					}
				}
				slices.Sort(got)
				if want := c.wantOutbox(id); !reflect.DeepEqual(got, want) {
					t.Errorf("sent: got %v, want %v", got, want)
				}
			})
			t.Run("erasing again is already_erased", func(t *testing.T) {
				resp := env.Invoke(routes.FnStaff, eraseEvent(t, id))
				doc := apptest.Body[httpapi.ProblemDoc](t, resp)
				if got := fmt.Sprint(resp.StatusCode, " ", doc.Code); got != "409 already_erased" {
					t.Errorf("got %s, want 409 already_erased", got)
				}
			})
		})
	}

	t.Run("an expert may not erase", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{})
		id := env.Book(env.FreeSlots(apptest.Wednesday)[0]).Booking.ID
		ev := apptest.WithClaims(eraseEvent(t, id), "dev-expert-dvorakova", auth.GroupExpert)
		if resp := env.Invoke(routes.FnStaff, ev); resp.StatusCode != http.StatusForbidden {
			t.Errorf("got %d, want 403", resp.StatusCode)
		}
		if b, err := env.Deps.Store.GetBooking(ctx, id); err != nil || b.Erased() || b.Contact.Email == "" {
			t.Errorf("the booking after the refused erasure: got erased=%v contact %q, %v, want untouched", b.Erased(), b.Contact.Email, err)
		}
	})
}
