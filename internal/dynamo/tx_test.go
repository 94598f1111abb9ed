package dynamo_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/dynamo"
)

// Reasons of a made-up domain: the toolkit carries them without knowing them.
const (
	reasonTaken   apperr.Reason = "seat_taken"
	reasonFull    apperr.Reason = "workshop_full"
	reasonChanged apperr.Reason = "record_changed"
	reasonGone    apperr.Reason = "workshop_not_found"
)

type record struct {
	PK, SK  string
	Type    string `dynamodbav:"type"`
	Name    string `dynamodbav:"name"`
	Owner   string `dynamodbav:"owner,omitempty"`
	Version int    `dynamodbav:"version"`
}

func rec(pk, name string, version int) record {
	return record{PK: pk, SK: "R", Type: "record", Name: name, Version: version}
}

func key(pk string) dynamo.Key { return dynamo.Key{PK: pk, SK: "R"} }

// run builds items with the fixture's store and runs them in one transaction.
func (f *fixture) run(priority []apperr.Reason, build ...func(s *dynamo.Store) (dynamo.TxItem, error)) error {
	f.t.Helper()
	var items []dynamo.TxItem
	for _, b := range build {
		it, err := b(f.store)
		if err != nil {
			f.t.Fatalf("build item: %v", err)
		}
		items = append(items, it)
	}
	return f.store.Transact(context.Background(), "test", items, priority...)
}

func putIfAbsent(r record, reason apperr.Reason) func(*dynamo.Store) (dynamo.TxItem, error) {
	return func(s *dynamo.Store) (dynamo.TxItem, error) { return s.PutIfAbsent(r, reason) }
}

func plain(it func(*dynamo.Store) dynamo.TxItem) func(*dynamo.Store) (dynamo.TxItem, error) {
	return func(s *dynamo.Store) (dynamo.TxItem, error) { return it(s), nil }
}

func TestTransactItems(t *testing.T) {
	t.Run("put-if-absent refuses an existing key with its reason and writes nothing", func(t *testing.T) {
		f := newFixture(t, nil)
		if err := f.run(nil, putIfAbsent(rec("a", "first", 1), reasonTaken)); err != nil {
			t.Fatal(err)
		}
		err := f.run(nil, putIfAbsent(rec("a", "second", 1), reasonTaken), putIfAbsent(rec("b", "other", 1), reasonTaken))
		if got, want := outcome(err), "conflict seat_taken"; got != want {
			t.Fatalf("got %s, want %s", got, want)
		}
		if got := sval(f.raw(key("a")), "name"); got != "first" {
			t.Errorf("stored name: got %q, want first", got)
		}
		if f.raw(key("b")) != nil {
			t.Error("the other item of the cancelled transaction was written")
		}
	})

	t.Run("put-if-version replaces only the version it was read at", func(t *testing.T) {
		f := newFixture(t, nil)
		put := func(r record, prev int) func(*dynamo.Store) (dynamo.TxItem, error) {
			return func(s *dynamo.Store) (dynamo.TxItem, error) { return s.PutIfVersion(r, prev, reasonChanged) }
		}
		if err := f.run(nil, put(rec("a", "v1", 1), 0)); err != nil {
			t.Fatalf("create: %v", err)
		}
		if got := outcome(f.run(nil, put(rec("a", "again", 1), 0))); got != "conflict record_changed" {
			t.Errorf("prev 0 on an existing item: got %s, want conflict record_changed", got)
		}
		if err := f.run(nil, put(rec("a", "v2", 2), 1)); err != nil {
			t.Fatalf("update at version 1: %v", err)
		}
		if got := outcome(f.run(nil, put(rec("a", "stale", 2), 1))); got != "conflict record_changed" {
			t.Errorf("stale version: got %s, want conflict record_changed", got)
		}
		if got := sval(f.raw(key("a")), "name"); got != "v2" {
			t.Errorf("stored name: got %q, want v2", got)
		}
	})

	t.Run("update-if-version sets attributes and the next version", func(t *testing.T) {
		f := newFixture(t, nil)
		if err := f.run(nil, putIfAbsent(rec("a", "v1", 3), "")); err != nil {
			t.Fatal(err)
		}
		upd := func(prev int, name string) func(*dynamo.Store) (dynamo.TxItem, error) {
			return func(s *dynamo.Store) (dynamo.TxItem, error) {
				return s.UpdateIfVersion(key("a"), prev, map[string]any{"name": name, "owner": "jana"}, reasonChanged)
			}
		}
		if err := f.run(nil, upd(3, "v2")); err != nil {
			t.Fatal(err)
		}
		got := f.raw(key("a"))
		if sval(got, "name") != "v2" || sval(got, "owner") != "jana" || nval(got, "version") != "4" || sval(got, "type") != "record" {
			t.Errorf("got name %q owner %q version %s type %q, want v2 jana 4 record", sval(got, "name"), sval(got, "owner"), nval(got, "version"), sval(got, "type"))
		}
		if got := outcome(f.run(nil, upd(3, "stale"))); got != "conflict record_changed" {
			t.Errorf("stale version: got %s, want conflict record_changed", got)
		}
		err := f.run(nil, func(s *dynamo.Store) (dynamo.TxItem, error) {
			return s.UpdateIfVersion(key("missing"), 1, map[string]any{"name": "x"}, reasonChanged)
		})
		if got := outcome(err); got != "conflict record_changed" {
			t.Errorf("missing item: got %s, want conflict record_changed", got)
		}
		if f.raw(key("missing")) != nil {
			t.Error("update-if-version created a missing item")
		}
	})

	t.Run("delete-if-owned deletes only for its owner", func(t *testing.T) {
		f := newFixture(t, nil)
		r := rec("a", "seat", 1)
		r.Owner = "booking-1"
		if err := f.run(nil, putIfAbsent(r, "")); err != nil {
			t.Fatal(err)
		}
		del := func(owner string) func(*dynamo.Store) (dynamo.TxItem, error) {
			return plain(func(s *dynamo.Store) dynamo.TxItem { return s.DeleteIfOwned(key("a"), "owner", owner, reasonChanged) })
		}
		if got := outcome(f.run(nil, del("booking-2"))); got != "conflict record_changed" {
			t.Errorf("another owner: got %s, want conflict record_changed", got)
		}
		if f.raw(key("a")) == nil {
			t.Fatal("deleted by another owner")
		}
		if err := f.run(nil, del("booking-1")); err != nil {
			t.Fatal(err)
		}
		if f.raw(key("a")) != nil {
			t.Error("not deleted by its owner")
		}
		if got := outcome(f.run(nil, del("booking-1"))); got != "conflict record_changed" {
			t.Errorf("already deleted: got %s, want conflict record_changed", got)
		}
	})

	t.Run("a check reports its own code and blocks the writes", func(t *testing.T) {
		f := newFixture(t, nil)
		check := plain(func(s *dynamo.Store) dynamo.TxItem {
			return s.Check(key("w"), dynamo.Equals("name", dynamo.S("open")), reasonGone).WithCode(apperr.NotFound)
		})
		err := f.run(nil, check, putIfAbsent(rec("a", "x", 1), reasonTaken))
		if got := outcome(err); got != "not_found workshop_not_found" {
			t.Errorf("missing checked item: got %s, want not_found workshop_not_found", got)
		}
		if f.raw(key("a")) != nil {
			t.Error("written although the check failed")
		}
		if err := f.run(nil, putIfAbsent(rec("w", "open", 1), "")); err != nil {
			t.Fatal(err)
		}
		if err := f.run(nil, check, putIfAbsent(rec("a", "x", 1), reasonTaken)); err != nil {
			t.Errorf("check holds: got %v, want nil", err)
		}
	})

	t.Run("the reason first in priority wins, then the first failed item", func(t *testing.T) {
		f := newFixture(t, nil)
		if err := f.run(nil, putIfAbsent(rec("a", "x", 1), ""), putIfAbsent(rec("b", "x", 1), "")); err != nil {
			t.Fatal(err)
		}
		both := []func(*dynamo.Store) (dynamo.TxItem, error){putIfAbsent(rec("a", "y", 1), reasonTaken), putIfAbsent(rec("b", "y", 1), reasonChanged)}
		for _, c := range []struct {
			priority []apperr.Reason
			want     string
		}{
			{nil, "conflict seat_taken"},
			{[]apperr.Reason{reasonChanged, reasonTaken}, "conflict record_changed"},
			{[]apperr.Reason{reasonTaken, reasonChanged}, "conflict seat_taken"},
			{[]apperr.Reason{reasonChanged}, "conflict record_changed"},
		} {
			if got := outcome(f.run(c.priority, both...)); got != c.want {
				t.Errorf("priority %v: got %s, want %s", c.priority, got, c.want)
			}
		}
	})

	t.Run("an unconditional put and delete need no reason", func(t *testing.T) {
		f := newFixture(t, nil)
		if err := f.run(nil, func(s *dynamo.Store) (dynamo.TxItem, error) { return s.Put(rec("a", "x", 1)) }); err != nil {
			t.Fatal(err)
		}
		if err := f.run(nil, func(s *dynamo.Store) (dynamo.TxItem, error) { return s.Put(rec("a", "y", 1)) }); err != nil {
			t.Fatal(err)
		}
		if got := sval(f.raw(key("a")), "name"); got != "y" {
			t.Errorf("name: got %q, want y", got)
		}
		if err := f.run(nil, plain(func(s *dynamo.Store) dynamo.TxItem { return s.Delete(key("a")) }), plain(func(s *dynamo.Store) dynamo.TxItem { return s.Delete(key("none")) })); err != nil {
			t.Fatal(err)
		}
		if f.raw(key("a")) != nil {
			t.Error("not deleted")
		}
	})
}

func TestBoundedCounter(t *testing.T) {
	ctx := context.Background()
	seats := dynamo.Counter{Key: dynamo.Key{PK: "WORKSHOP#w", SK: "SEATS"}, Attr: "n", Type: "seats"}
	add := func(f *fixture, delta, max int64) error {
		return f.store.Transact(ctx, "add", []dynamo.TxItem{f.store.Add(seats, delta, max, reasonFull)})
	}
	count := func(f *fixture) string { return nval(f.raw(seats.Key), "n") }

	t.Run("counts up to max and refuses beyond it", func(t *testing.T) {
		f := newFixture(t, nil)
		for i := 1; i <= 3; i++ {
			if err := add(f, 1, 3); err != nil {
				t.Fatalf("addition %d: %v", i, err)
			}
		}
		if got := outcome(add(f, 1, 3)); got != "conflict workshop_full" {
			t.Errorf("fourth addition: got %s, want conflict workshop_full", got)
		}
		if got := count(f); got != "3" {
			t.Errorf("n: got %s, want 3", got)
		}
		if got := sval(f.raw(seats.Key), "type"); got != "seats" {
			t.Errorf("type: got %q, want seats", got)
		}
	})

	t.Run("a delta is bounded as a whole", func(t *testing.T) {
		f := newFixture(t, nil)
		if err := add(f, 2, 3); err != nil {
			t.Fatal(err)
		}
		if got := outcome(add(f, 2, 3)); got != "conflict workshop_full" {
			t.Errorf("2+2 under 3: got %s, want conflict workshop_full", got)
		}
		if err := add(f, 1, 3); err != nil {
			t.Errorf("2+1 under 3: got %v, want nil", err)
		}
		g := newFixture(t, nil)
		if got := outcome(add(g, 4, 3)); got != "conflict workshop_full" {
			t.Errorf("a first delta over max: got %s, want conflict workshop_full", got)
		}
		if g.raw(seats.Key) != nil {
			t.Error("a refused first addition created the counter")
		}
	})

	t.Run("max 0 is unbounded and a decrement is never refused", func(t *testing.T) {
		f := newFixture(t, nil)
		for i := 0; i < 5; i++ {
			if err := add(f, 1, 0); err != nil {
				t.Fatal(err)
			}
		}
		if err := add(f, -1, 2); err != nil {
			t.Fatalf("decrement above max: %v", err)
		}
		if got := count(f); got != "4" {
			t.Errorf("n: got %s, want 4", got)
		}
	})

	t.Run("many concurrent additions never exceed max", func(t *testing.T) {
		f := newFixture(t, nil, dynamo.WithRetry(20, 5*time.Millisecond))
		const max, workers = 7, 40
		var ok, full, other atomic.Int64
		var wg sync.WaitGroup
		for i := 0; i < workers; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := add(f, 1, max)
				switch {
				case err == nil:
					ok.Add(1)
				case apperr.Is(err, apperr.Conflict, reasonFull):
					full.Add(1)
				default:
					other.Add(1)
					t.Errorf("addition: %v", err)
				}
			}()
		}
		wg.Wait()
		if ok.Load() != max || full.Load() != workers-max || other.Load() != 0 {
			t.Errorf("got %d added, %d full, %d other; want %d, %d, 0", ok.Load(), full.Load(), other.Load(), max, workers-max)
		}
		if got := count(f); got != fmt.Sprint(max) {
			t.Errorf("n: got %s, want %d", got, max)
		}
	})
}

func TestGetAndQuery(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	for i, name := range []string{"c", "a", "b"} {
		r := record{PK: "LIST", SK: name, Type: "record", Name: "item " + name, Version: i + 1}
		if err := f.run(nil, putIfAbsent(r, "")); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("get reads an item into a struct", func(t *testing.T) {
		got, found, err := dynamo.Get[record](ctx, f.store, dynamo.Key{PK: "LIST", SK: "b"}, dynamo.Consistent)
		if err != nil || !found || got.Name != "item b" || got.Version != 3 {
			t.Errorf("got %+v %v %v, want item b version 3", got, found, err)
		}
	})
	t.Run("get of a missing item is not found, without error", func(t *testing.T) {
		_, found, err := dynamo.Get[record](ctx, f.store, dynamo.Key{PK: "LIST", SK: "z"})
		if err != nil || found {
			t.Errorf("got found %v err %v, want false nil", found, err)
		}
	})
	t.Run("a projected get reads only the attributes named", func(t *testing.T) {
		got, found, err := dynamo.Get[record](ctx, f.store, dynamo.Key{PK: "LIST", SK: "a"}, dynamo.Project("name", "type"))
		if err != nil || !found || got.Name != "item a" || got.Type != "record" || got.Version != 0 || got.PK != "" {
			t.Errorf("got %+v %v %v, want only name and type", got, found, err)
		}
	})
	t.Run("query reads every page in key order", func(t *testing.T) {
		list, err := dynamo.Query[record](ctx, f.store, &dynamodb.QueryInput{
			KeyConditionExpression:    aws.String("PK = :pk"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S("LIST")},
			Limit:                     aws.Int32(1), // one item per page
		})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range list {
			names = append(names, r.SK)
		}
		if fmt.Sprint(names) != "[a b c]" {
			t.Errorf("got %v, want [a b c]", names)
		}
	})
}

// contended makes the first `fail` TransactWriteItems calls fail with err
// (what DynamoDB raises under contention and DynamoDB Local never does).
type contended struct {
	dynamo.API
	fail  int64
	err   error
	calls atomic.Int64
}

func (c *contended) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	if n := c.calls.Add(1); n <= c.fail {
		return nil, c.err
	}
	return c.API.TransactWriteItems(ctx, in, opts...)
}

func TestTransactRetries(t *testing.T) {
	conflictErr := &types.TransactionConflictException{Message: aws.String("injected")}
	for _, c := range []struct {
		name      string
		fail      int64
		err       error
		want      string
		wantCalls int64
	}{
		{"contention below the budget is retried until it succeeds", 2, conflictErr, "<nil>", 3},
		{"contention through the budget is busy", 100, conflictErr, "unavailable busy", 3},
		{"another error is not retried", 100, errors.New("boom"), "internal", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			inj := &contended{fail: c.fail, err: c.err}
			f := newFixture(t, func(api dynamo.API) dynamo.API { inj.API = api; return inj }, dynamo.WithRetry(3, time.Millisecond))
			err := f.run(nil, putIfAbsent(rec("a", "x", 1), reasonTaken))
			if got := outcome(err); got != c.want {
				t.Errorf("got %s (%v), want %s", got, err, c.want)
			}
			if got := inj.calls.Load(); got != c.wantCalls {
				t.Errorf("calls: got %d, want %d", got, c.wantCalls)
			}
		})
	}
}

// throttledPut makes every PutItem fail with DynamoDB's throttling error.
type throttledPut struct{ dynamo.API }

func (throttledPut) PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	return nil, &types.ProvisionedThroughputExceededException{Message: aws.String("injected")}
}

func TestPutNowThrottledIsBusy(t *testing.T) {
	f := newFixture(t, func(api dynamo.API) dynamo.API { return throttledPut{api} })
	put, err := f.store.PutIfAbsent(rec("a", "x", 1), reasonTaken)
	if err != nil {
		t.Fatal(err)
	}
	if got := outcome(f.store.PutNow(context.Background(), put)); got != "unavailable busy" {
		t.Errorf("got %s, want unavailable busy (a 503 the client may retry, not a 500)", got)
	}
}

// TestCountRetries: under dynamo.CountRetries, Transact adds every
// contention retry it makes (the rush benchmark's instrument).
func TestCountRetries(t *testing.T) {
	inj := &contended{fail: 2, err: &types.TransactionConflictException{Message: aws.String("injected")}}
	f := newFixture(t, func(api dynamo.API) dynamo.API { inj.API = api; return inj }, dynamo.WithRetry(4, time.Millisecond))
	it, err := f.store.PutIfAbsent(rec("a", "x", 1), reasonTaken)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := f.store.Transact(dynamo.CountRetries(context.Background(), &n), "test", []dynamo.TxItem{it}); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("retries counted: %d, want 2", n)
	}
}
