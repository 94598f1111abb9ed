package api_test

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/routes"
)

// TestManageTokenExpires: the manage token opens the booking until 30 days
// after the consultation's end; from then on, viewing, cancelling and
// rescheduling with it get exactly the unknown-booking answer.
func TestManageTokenExpires(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	_, c, _ := book(t, env)
	unknown := env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "get-booking"), "no-such-booking", c.ManageToken))
	ref := apptest.Body[httpapi.ProblemDoc](t, unknown)
	end, err := time.Parse(time.RFC3339, c.Booking.End)
	if err != nil {
		t.Fatal(err)
	}
	view := apptest.WithBooking(apptest.Event(t, "get-booking"), c.Booking.ID, c.ManageToken)

	env.Clock.Set(end.AddDate(0, 0, 29))
	if resp := env.Invoke(routes.FnBookings, view); resp.StatusCode != http.StatusOK {
		t.Fatalf("29 days after the consultation: got %d %s, want 200", resp.StatusCode, resp.Body)
	}
	env.Clock.Set(end.AddDate(0, 0, 31))
	same := func(name string, resp events.APIGatewayV2HTTPResponse) {
		t.Helper()
		doc := apptest.Body[httpapi.ProblemDoc](t, resp)
		if resp.StatusCode != unknown.StatusCode || doc.Code != ref.Code || doc.Title != ref.Title || doc.Detail != ref.Detail {
			t.Errorf("%s 31 days after the consultation: got %d %q %q, want the unknown-booking answer %d %q %q",
				name, resp.StatusCode, doc.Code, doc.Title, unknown.StatusCode, ref.Code, ref.Title)
		}
	}
	for _, ev := range []string{"get-booking", "cancel-booking", "get-booking-calendar"} {
		same(ev, env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, ev), c.Booking.ID, c.ManageToken)))
	}
	same("reschedule-booking", env.Invoke(routes.FnBookings, apptest.RescheduleEvent(t, c.Booking.ID, c.ManageToken, end.AddDate(0, 0, 40))))
}

// bookkeeping are the attributes of a stored booking that are the record's
// own, not facts about the consultation: its keys, id, versions, claimed
// interval, the ids of e-mails queued for it and when it changed.
var bookkeeping = []string{"PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "type", "id", "version", "sequence",
	"claimEnd", "updatedAt", "erasedAt"}

// factAttributes are the stored attributes of each kept fact (the codes of
// consultations.ErasureKeeps).
var factAttributes = map[string][]string{
	"time":             {"start", "end"},
	"form":             {"form"},
	"topic":            {"topic"},
	"region":           {"region"},
	"target_group":     {"targetGroup"},
	"expert":           {"expertId"},
	"status":           {"status", "createdAt", "cancelledAt", "outcomeAt"},
	"consent":          {"consentNoticeVersion", "consentAt"},
	"organisation_ico": {"organisationIco"},
}

// TestErasureKeepsWhatTheNoticeSays books with every personal field filled
// in, erases through the staff route, and reads the stored item as
// DynamoDB holds it: it has exactly the bookkeeping attributes and those of
// the facts the privacy notice lists for its target group, and the IČO only
// for public administrations and providers.
func TestErasureKeepsWhatTheNoticeSays(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	if got, want := slices.Sorted(maps.Keys(factAttributes)), func() []string {
		var codes []string
		for _, f := range consultations.KeptFacts() {
			codes = append(codes, f.Code)
		}
		return slices.Sorted(slices.Values(codes))
	}(); !slices.Equal(got, want) {
		t.Fatalf("the test maps facts %v, the notice lists %v", got, want)
	}
	admin := func(event, id string) events.APIGatewayV2HTTPRequest {
		return apptest.WithClaims(apptest.WithBooking(apptest.Event(t, event), id, ""), "dev-admin", auth.GroupAdmin)
	}
	slotsTue, slotsWed := env.FreeSlots(apptest.Tuesday), env.FreeSlots(apptest.Wednesday)
	cases := []struct {
		group   programme.TargetGroup
		start   time.Time
		past    bool // erased after it was held; else erased before it, which cancels it
		wantICO bool
	}{
		{programme.TargetProvider, slotsTue[0], true, true},
		{programme.TargetPublicAdministration, slotsWed[0], false, true},
		{programme.TargetClient, slotsTue[2], true, false},
		{programme.TargetCommunity, slotsWed[2], false, false},
	}
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = env.Book(c.start, func(body map[string]any) {
			body["targetGroup"] = string(c.group)
			body["form"] = "onsite"
			body["address"] = "Lipová 12, 602 00 Brno"
			body["language"] = "en"
			body["organisation"] = map[string]any{"name": "Jan Novák – pečovatelská služba", "ico": "25596641"}
		}).Booking.ID
	}
	env.Clock.Set(apptest.Tuesday.At(18 * 60))
	for i, c := range cases {
		if c.past {
			if resp := env.Invoke(routes.FnStaff, apptest.WithBody(admin("staff-set-outcome", ids[i]), map[string]string{"status": "held"})); resp.StatusCode != http.StatusOK {
				t.Fatalf("mark held: got %d %s", resp.StatusCode, resp.Body)
			}
		}
		if resp := env.Invoke(routes.FnStaff, admin("staff-erase", ids[i])); resp.StatusCode != http.StatusOK {
			t.Fatalf("erase: got %d %s", resp.StatusCode, resp.Body)
		}
	}
	for i, c := range cases {
		t.Run(string(c.group), func(t *testing.T) {
			out, err := env.Client.GetItem(context.Background(), &dynamodb.GetItemInput{
				TableName: aws.String(env.Table), ConsistentRead: aws.Bool(true),
				Key: map[string]types.AttributeValue{
					"PK": &types.AttributeValueMemberS{Value: "BOOKING#" + ids[i]}, "SK": &types.AttributeValueMemberS{Value: "BOOKING"},
				},
			})
			if err != nil || len(out.Item) == 0 {
				t.Fatalf("read the booking: %v, %d attributes", err, len(out.Item))
			}
			want := slices.Clone(bookkeeping)
			for _, code := range consultations.ErasureKeeps(c.group) {
				want = append(want, factAttributes[code]...)
			}
			// Only the times that happened are stored.
			if c.past {
				want = slices.DeleteFunc(want, func(a string) bool { return a == "cancelledAt" })
			} else {
				// Erasing a consultation still to come cancels it and tells
				// the expert: the id of that e-mail stays, for its deletion.
				want = append(slices.DeleteFunc(want, func(a string) bool { return a == "outcomeAt" }), "mail")
			}
			slices.Sort(want)
			got := slices.Sorted(maps.Keys(out.Item))
			if !slices.Equal(got, want) {
				t.Errorf("stored attributes after erasure:\n got %v\nwant %v", got, want)
			}
			if _, ok := out.Item["organisationIco"]; ok != c.wantICO {
				t.Errorf("IČO kept: %v, want %v", ok, c.wantICO)
			}
			for name, v := range out.Item {
				if s, ok := v.(*types.AttributeValueMemberS); ok && (strings.Contains(s.Value, "Novák") || strings.Contains(s.Value, "example.cz") ||
					strings.Contains(s.Value, "Lipová") || strings.Contains(s.Value, "603")) {
					t.Errorf("%s still holds personal data: %q", name, s.Value)
				}
			}
		})
	}
}
