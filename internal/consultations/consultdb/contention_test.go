package consultdb_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/consultations/consultdb"
	"github.com/mpsv/brana/internal/dynamo"
)

// DynamoDB Local never cancels a transaction for contention, so these tests
// inject what DynamoDB raises then and check the store retries within its
// budget and gives up with a clean "busy".
func TestTransactionContention(t *testing.T) {
	ctx := context.Background()
	const attempts = 4
	cases := []struct {
		name      string
		fail      int64
		err       func(*dynamodb.TransactWriteItemsInput) error
		want      string
		wantCalls int64
	}{
		// "internal" is any error the caller sees as a fault of ours.
		{"one TransactionConflict cancellation is retried and succeeds", 1, cancelledFor("TransactionConflict"), "<nil>", 2},
		{"TransactionConflict cancellations below the budget succeed on the last attempt", attempts - 1, cancelledFor("TransactionConflict"), "<nil>", attempts},
		{"TransactionConflict cancellations up to the budget are busy", attempts, cancelledFor("TransactionConflict"), "unavailable busy", attempts},
		{"permanent TransactionConflict cancellations are busy after the budget", 1000, cancelledFor("TransactionConflict"), "unavailable busy", attempts},
		{"TransactionConflictException below the budget succeeds after retries", attempts - 1, conflictException, "<nil>", attempts},
		{"TransactionConflictException up to the budget is busy", attempts, conflictException, "unavailable busy", attempts},
		{"permanent TransactionConflictException is busy after the budget", 1000, conflictException, "unavailable busy", attempts},
		{"a ThrottlingError cancellation is retried", 2, cancelledFor("ThrottlingError"), "<nil>", 3},
		{"a ValidationError cancellation is not retried and is not busy", 1000, cancelledFor("ValidationError"), "internal", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var inj *contended
			f := newFixture(t, func(api dynamo.API) dynamo.API {
				inj = &contended{API: api, make: c.err}
				return inj
			}, dynamo.WithRetry(attempts, time.Millisecond))
			// The expert goes in through the raw client: the wrapper is for the write under test.
			if err := consultdb.New(dynamo.New(f.client, f.table)).CreateExpert(ctx, expert("jana", "")); err != nil {
				t.Fatal(err)
			}
			inj.fail = c.fail

			err := f.store.WriteBooking(ctx, create(booking("a", "jana", at(wed, 10, 0)), 2))
			if got := outcome(err); got != c.want {
				t.Fatalf("got %s (%v), want %s", got, err, c.want)
			}
			if n := inj.calls.Load(); n != c.wantCalls {
				t.Errorf("TransactWriteItems calls: got %d, want %d", n, c.wantCalls)
			}
			stored := f.raw("BOOKING#a", "BOOKING") != nil
			if want := err == nil; stored != want {
				t.Errorf("booking stored: got %v, want %v", stored, want)
			}
			if err == nil {
				return
			}
			if e, _ := apperr.As(err); e != nil && e.Code == apperr.Unavailable && e.RetryAfter <= 0 {
				t.Errorf("RetryAfter: got %v, want > 0", e.RetryAfter)
			}
			byType := f.keysByType()
			for _, typ := range []string{"booking", "claim", "day", "outbox"} {
				if len(byType[typ]) != 0 {
					t.Errorf("%s items after the failed write: got %v, want none", typ, byType[typ])
				}
			}
		})
	}

	t.Run("a cancelled context stops the retries", func(t *testing.T) {
		var inj *contended
		f := newFixture(t, func(api dynamo.API) dynamo.API {
			inj = &contended{API: api, make: conflictException, fail: 1000}
			return inj
		}, dynamo.WithRetry(50, time.Hour))
		cctx, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := f.store.WriteBooking(cctx, create(booking("a", "jana", at(wed, 10, 0)), 0))
		if err == nil || time.Since(start) > 10*time.Second {
			t.Fatalf("got %v after %v, want an error soon after the deadline", err, time.Since(start))
		}
		if n := inj.calls.Load(); n != 1 {
			t.Errorf("TransactWriteItems calls: got %d, want 1", n)
		}
	})
}
