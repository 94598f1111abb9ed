package consultations_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/seal"
)

// input is the sample booking request at start for one person.
func input(start time.Time, email, phone, ico string) consultations.BookingInput {
	return consultations.BookingInput{
		ExpertID: apptest.DemoExpertID, Start: start.Format(time.RFC3339),
		Form: "online", Topic: "transformation_plan", TargetGroup: "provider", Region: "CZ064",
		Organisation: consultations.OrganisationInput{Name: "Domov Slunečnice", ICO: ico},
		Contact:      consultations.ContactInput{Name: "Marie Procházková", Email: email, Phone: phone},
		Consent:      consultations.ConsentInput{Accepted: true, NoticeVersion: consultations.PrivacyNoticeVersion},
	}
}

// freeStarts lists n free slot starts of the demo expert from Tuesday on.
func freeStarts(t *testing.T, env *apptest.Env, n int) []time.Time {
	t.Helper()
	list, err := env.Deps.Service.FreeSlots(context.Background(), consultations.SlotQuery{
		From: apptest.Tuesday, To: apptest.Tuesday.AddDays(20), ExpertID: apptest.DemoExpertID,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < n {
		t.Fatalf("got %d free slots, want at least %d", len(list), n)
	}
	var out []time.Time
	for _, s := range list[:n] {
		out = append(out, s.Start)
	}
	return out
}

// Valid IČOs (8 digits, check digit) for tests.
const (
	icoA = "00551023"
	icoB = "25596641"
)

func phone(n int) string { return fmt.Sprintf("+420 603 %06d", n) }

// bookConcurrently books every input at once and counts the outcomes:
// "created" or the problem code.
func bookConcurrently(t *testing.T, env *apptest.Env, ins []consultations.BookingInput) map[string]int {
	t.Helper()
	var mu sync.Mutex
	got := map[string]int{}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, err := env.Deps.Service.CreateBooking(context.Background(), in, nil)
			outcome := "created"
			if err != nil {
				e, ok := apperr.As(err)
				if !ok {
					t.Errorf("booking: %v", err)
					return
				}
				outcome = e.Reason
				if e.Reason == string(consultations.ReasonBookingLimit) && len(e.Fields) == 1 {
					outcome += " " + e.Fields[0].Field
				}
			}
			mu.Lock()
			got[outcome]++
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	return got
}

func TestBookingLimits(t *testing.T) {
	t.Run("one e-mail address: 20 concurrent bookings of different slots, exactly 2 succeed", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{Quiet: true})
		var ins []consultations.BookingInput
		for i, s := range freeStarts(t, env, 20) {
			// Each with its own phone: the e-mail is what they share.
			in := input(s, "Hoarder@Example.cz", phone(i), "")
			if i%2 == 1 {
				in.Contact.Email = "hoarder@example.cz" // the same address, differently cased
			}
			in.TargetGroup = "client"
			in.Organisation = consultations.OrganisationInput{}
			ins = append(ins, in)
		}
		got := bookConcurrently(t, env, ins)
		t.Logf("20 concurrent bookings by one e-mail: %v", got)
		if got["created"] != 2 || got["booking_limit contact.email"] != 18 {
			t.Errorf("got %v, want 2 created and 18 booking_limit on contact.email", got)
		}
		if n := countType(t, env, "booking"); n != 2 {
			t.Errorf("got %d bookings stored, want 2", n)
		}
	})
	t.Run("one IČO: 10 people with their own e-mails and phones, exactly 6 succeed", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{Quiet: true})
		var ins []consultations.BookingInput
		for i, s := range freeStarts(t, env, 10) {
			ins = append(ins, input(s, fmt.Sprintf("staff-%d@domov.example.cz", i), phone(i), icoA))
		}
		got := bookConcurrently(t, env, ins)
		t.Logf("10 concurrent bookings for one IČO: %v", got)
		if got["created"] != 6 || got["booking_limit organisation.ico"] != 4 {
			t.Errorf("got %v, want 6 created and 4 booking_limit on organisation.ico", got)
		}
	})
	t.Run("one phone number with several e-mails is one person", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{Quiet: true})
		starts := freeStarts(t, env, 3)
		for i, s := range starts {
			_, err := env.Deps.Service.CreateBooking(context.Background(), input(s, fmt.Sprintf("alias-%d@example.cz", i), "603 123 456", icoA), nil)
			if i < 2 && err != nil {
				t.Fatalf("booking %d: %v", i, err)
			}
			if i == 2 {
				e, _ := apperr.As(err)
				if e == nil || e.Reason != "booking_limit" || len(e.Fields) != 1 || e.Fields[0].Field != "contact.phone" {
					t.Errorf("third booking: got %v, want booking_limit on contact.phone", err)
				}
			}
		}
	})
	t.Run("a past consultation no longer counts", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{Quiet: true})
		ctx := context.Background()
		tue := env.FreeSlots(apptest.Tuesday)
		for i, s := range tue[:2] {
			if _, err := env.Deps.Service.CreateBooking(ctx, input(s, "p@example.cz", phone(i), icoA), nil); err != nil {
				t.Fatal(err)
			}
		}
		thu := env.FreeSlots(apptest.Thursday)
		_, err := env.Deps.Service.CreateBooking(ctx, input(thu[0], "p@example.cz", phone(7), icoA), nil)
		if !apperr.Is(err, apperr.Conflict, consultations.ReasonBookingLimit) {
			t.Fatalf("third booking while two are to come: got %v, want booking_limit", err)
		}
		// Tuesday evening: both Tuesday consultations are over.
		env.Clock.Set(apptest.Tuesday.At(19 * 60))
		if _, err := env.Deps.Service.CreateBooking(ctx, input(thu[0], "p@example.cz", phone(7), icoA), nil); err != nil {
			t.Errorf("a booking after the first two ended: got %v, want it booked", err)
		}
	})
	t.Run("a cancelled booking frees its hold", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{Quiet: true})
		ctx := context.Background()
		starts := freeStarts(t, env, 3)
		var first consultations.Created
		for i, s := range starts[:2] {
			c, err := env.Deps.Service.CreateBooking(ctx, input(s, "c@example.cz", phone(i), icoA), nil)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = c
			}
		}
		if n := countType(t, env, "hold"); n != 2*3 {
			t.Errorf("got %d hold items, want 6 (e-mail, phone and IČO of each booking)", n)
		}
		if _, err := env.Deps.Service.Cancel(ctx, first.Booking.ID, first.Token, nil); err != nil {
			t.Fatal(err)
		}
		if n := countType(t, env, "hold"); n != 3 {
			t.Errorf("after the cancel: got %d hold items, want 3", n)
		}
		if _, err := env.Deps.Service.CreateBooking(ctx, input(starts[2], "c@example.cz", phone(5), icoA), nil); err != nil {
			t.Errorf("a booking after a cancel: got %v, want it booked", err)
		}
	})
}

func TestRescheduleLimit(t *testing.T) {
	env := apptest.New(t, apptest.Options{Quiet: true})
	ctx := context.Background()
	starts := freeStarts(t, env, 6)
	c, err := env.Deps.Service.CreateBooking(ctx, input(starts[0], "r@example.cz", phone(1), icoA), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 3; i++ {
		ch, err := env.Deps.Service.Reschedule(ctx, c.Booking.ID, c.Token, consultations.RescheduleInput{Start: starts[i].Format(time.RFC3339)}, nil)
		if err != nil {
			t.Fatalf("reschedule %d: %v", i, err)
		}
		if ch.Booking.Reschedules != i {
			t.Errorf("reschedule %d: count %d", i, ch.Booking.Reschedules)
		}
	}
	_, err = env.Deps.Service.Reschedule(ctx, c.Booking.ID, c.Token, consultations.RescheduleInput{Start: starts[4].Format(time.RFC3339)}, nil)
	if !apperr.Is(err, apperr.Conflict, consultations.ReasonRescheduleLimit) {
		t.Fatalf("4th reschedule: got %v, want reschedule_limit", err)
	}
	b, err := env.Deps.Store.GetBooking(ctx, c.Booking.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !b.Start.Equal(starts[3]) || b.Reschedules != 3 {
		t.Errorf("after the refused move: start %s, count %d; want %s, 3", b.Start, b.Reschedules, starts[3])
	}
	// The holds last until the consultation's new end.
	for _, h := range b.Holds {
		states, err := env.Deps.Store.Holds(ctx, h.Identity)
		if err != nil || len(states) != 1 || !states[0].Until.Equal(b.End) {
			t.Errorf("hold of %s: got %+v %v, want one until %s", h.Identity.Kind, states, err, b.End)
		}
	}
}

// TestErasureDeletesIdempotencyRecordsAndHolds: after erasure no
// idempotency record of the booking remains, nor a hold.
func TestErasureDeletesIdempotencyRecordsAndHolds(t *testing.T) {
	env := apptest.New(t, apptest.Options{Quiet: true})
	ctx := context.Background()
	secret := seal.DeriveKey(env.Deps.Config.OutboxKey, idempotency.KeyPurpose)
	starts := freeStarts(t, env, 2)
	in := input(starts[0], "e@example.cz", phone(1), icoA)
	k1, _ := idempotency.FromHeader(secret, "key-1", "POST /v1/bookings ", []byte("body"))
	c, err := env.Deps.Service.CreateBooking(ctx, in, k1)
	if err != nil {
		t.Fatal(err)
	}
	k2, _ := idempotency.FromHeader(secret, "key-2", "POST /v1/bookings/{bookingId}/reschedule "+c.Booking.ID, []byte("body"))
	if _, err := env.Deps.Service.Reschedule(ctx, c.Booking.ID, c.Token, consultations.RescheduleInput{Start: starts[1].Format(time.RFC3339)}, k2); err != nil {
		t.Fatal(err)
	}
	if n := countType(t, env, "idempotency"); n != 2 {
		t.Fatalf("before erasure: got %d idempotency records, want 2", n)
	}
	admin := auth.Principal{Subject: "dev-admin", Groups: []string{"admin"}}
	if _, err := env.Deps.Service.ErasePersonalData(ctx, admin, c.Booking.ID); err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"idempotency", "hold"} {
		if n := countType(t, env, typ); n != 0 {
			t.Errorf("after erasure: got %d %s items, want none", n, typ)
		}
	}
}

// TestErasureOfAPastBookingLeavesATakenHold: a past booking's hold that
// another booking took over stays with that one.
func TestErasureOfAPastBookingLeavesATakenHold(t *testing.T) {
	env := apptest.New(t, apptest.Options{Quiet: true})
	ctx := context.Background()
	svc := env.Deps.Service
	tue := env.FreeSlots(apptest.Tuesday)
	var past []consultations.Created
	for i, s := range tue[:2] {
		c, err := svc.CreateBooking(ctx, input(s, "q@example.cz", phone(i), icoA), nil)
		if err != nil {
			t.Fatal(err)
		}
		past = append(past, c)
	}
	env.Clock.Set(apptest.Tuesday.At(19 * 60))
	thu := env.FreeSlots(apptest.Thursday)
	later, err := svc.CreateBooking(ctx, input(thu[0], "q@example.cz", phone(1), icoA), nil)
	if err != nil {
		t.Fatal(err)
	}
	admin := auth.Principal{Subject: "dev-admin", Groups: []string{"admin"}}
	for _, c := range past {
		if _, err := svc.ErasePersonalData(ctx, admin, c.Booking.ID); err != nil {
			t.Fatalf("erase %s: %v", c.Booking.ID, err)
		}
	}
	b, err := env.Deps.Store.GetBooking(ctx, later.Booking.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range b.Holds {
		states, err := env.Deps.Store.Holds(ctx, h.Identity)
		if err != nil {
			t.Fatal(err)
		}
		for _, st := range states {
			if st.BookingID != later.Booking.ID {
				t.Errorf("%s hold %d still points at erased booking %s", h.Identity.Kind, st.N, st.BookingID)
			}
		}
		if len(states) != 1 {
			t.Errorf("%s: got %d holds, want the later booking's one", h.Identity.Kind, len(states))
		}
	}
}

// countType counts the table's items of one type.
func countType(t *testing.T, env *apptest.Env, typ string) int {
	t.Helper()
	n := 0
	in := &dynamodb.ScanInput{
		TableName: aws.String(env.Table), ConsistentRead: aws.Bool(true),
		FilterExpression:          aws.String("#t = :t"),
		ExpressionAttributeNames:  map[string]string{"#t": "type"},
		ExpressionAttributeValues: map[string]types.AttributeValue{":t": &types.AttributeValueMemberS{Value: typ}},
	}
	for {
		out, err := env.Client.Scan(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		n += len(out.Items)
		if len(out.LastEvaluatedKey) == 0 {
			return n
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}
