package app_test

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/routes"
)

// contended cancels every transaction for a TransactionConflict while on,
// as DynamoDB does under contention and DynamoDB Local never does.
type contended struct {
	dynamo.API
	on    atomic.Bool
	calls atomic.Int64
}

func (c *contended) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	if !c.on.Load() {
		return c.API.TransactWriteItems(ctx, in, opts...)
	}
	c.calls.Add(1)
	reasons := make([]types.CancellationReason, len(in.TransactItems))
	for i := range reasons {
		reasons[i] = types.CancellationReason{Code: aws.String("None")}
	}
	reasons[len(reasons)-1] = types.CancellationReason{Code: aws.String("TransactionConflict"), Message: aws.String("Transaction is ongoing for the item")}
	return nil, &types.TransactionCanceledException{Message: aws.String("Transaction cancelled [TransactionConflict]"), CancellationReasons: reasons}
}

// header reads a response header whatever its case.
func header(resp events.APIGatewayV2HTTPResponse, name string) string {
	for k, v := range resp.Headers {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

func TestHandlersUnderContention(t *testing.T) {
	// The store's default budget: apptest builds the store as production does.
	const attempts = 4
	setup := func(t *testing.T) (*apptest.Env, *contended) {
		var inj *contended
		env := apptest.New(t, apptest.Options{Wrap: func(api dynamo.API) dynamo.API {
			inj = &contended{API: api}
			return inj
		}})
		return env, inj
	}
	// wantBusy checks a 503 problem+json "busy" with Retry-After.
	wantBusy := func(t *testing.T, resp events.APIGatewayV2HTTPResponse, inj *contended) {
		t.Helper()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Fatalf("status: got %d %s, want 503", resp.StatusCode, resp.Body)
		}
		if got := header(resp, "Content-Type"); !strings.HasPrefix(got, "application/problem+json") {
			t.Errorf("Content-Type: got %q, want application/problem+json", got)
		}
		if got := header(resp, "Retry-After"); got != "2" {
			t.Errorf("Retry-After: got %q, want 2", got)
		}
		doc := apptest.Body[httpapi.ProblemDoc](t, resp)
		if doc.Code != "busy" || doc.Status != http.StatusServiceUnavailable || doc.RequestID == "" {
			t.Errorf("problem: got code %q status %d requestId %q, want busy, 503 and an id", doc.Code, doc.Status, doc.RequestID)
		}
		if n := inj.calls.Load(); n != attempts {
			t.Errorf("TransactWriteItems calls: got %d, want %d", n, attempts)
		}
	}

	t.Run("POST /v1/bookings under permanent contention is 503 busy and stores nothing", func(t *testing.T) {
		env, inj := setup(t)
		ev := apptest.BookingEvent(t, env.FreeSlots(apptest.Wednesday)[0]) // with its Idempotency-Key
		inj.on.Store(true)
		resp := env.Invoke(routes.FnBookings, ev)
		wantBusy(t, resp, inj)
		if got := keysOfType(t, env, "booking", "claim", "day", "outbox", "idempotency"); len(got) != 0 {
			t.Errorf("items stored: got %v, want none", got)
		}

		inj.on.Store(false)
		resp = env.Invoke(routes.FnBookings, ev)
		if resp.StatusCode != http.StatusCreated {
			t.Errorf("the same request once contention is over: got %d %s, want 201", resp.StatusCode, resp.Body)
		}
	})

	t.Run("a reschedule under permanent contention is 503 busy and changes nothing", func(t *testing.T) {
		env, inj := setup(t)
		created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
		before := withoutPoW(scan(t, env))
		inj.on.Store(true)
		resp := env.Invoke(routes.FnBookings, apptest.RescheduleEvent(t, created.Booking.ID, created.ManageToken, env.FreeSlots(apptest.Thursday)[0]))
		wantBusy(t, resp, inj)
		if after := withoutPoW(scan(t, env)); !sameItems(after, before) {
			t.Errorf("the table changed: got %d items, want the %d from before", len(after), len(before))
		}
	})

	t.Run("a cancellation under permanent contention is 503 busy and changes nothing", func(t *testing.T) {
		env, inj := setup(t)
		created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
		before := withoutPoW(scan(t, env))
		inj.on.Store(true)
		resp := env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "cancel-booking"), created.Booking.ID, created.ManageToken))
		wantBusy(t, resp, inj)
		if after := withoutPoW(scan(t, env)); !sameItems(after, before) {
			t.Errorf("the table changed: got %d items, want the %d from before", len(after), len(before))
		}
	})
}

// sameItems compares two scans as sets of items.
func sameItems(a, b []map[string]types.AttributeValue) bool {
	index := func(items []map[string]types.AttributeValue) map[string]map[string]types.AttributeValue {
		m := map[string]map[string]types.AttributeValue{}
		for _, it := range items {
			m[fmt.Sprint(sval(it, "PK"), " ", sval(it, "SK"))] = it
		}
		return m
	}
	return reflect.DeepEqual(index(a), index(b))
}

// withoutPoW drops the spent proof-of-work items: spending the solution is
// the check before the write, not a change of the booking.
func withoutPoW(items []map[string]types.AttributeValue) []map[string]types.AttributeValue {
	var out []map[string]types.AttributeValue
	for _, it := range items {
		if !strings.HasPrefix(sval(it, "PK"), registry.KeyPoW) {
			out = append(out, it)
		}
	}
	return out
}
