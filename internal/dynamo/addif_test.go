package dynamo_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/dynamo"
)

// TestAddIf: a counter added to only while a condition on its item holds,
// in a transaction that touches the item once.
func TestAddIf(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, nil)
	k := dynamo.Key{PK: "SURVEY#s", SK: "SURVEY"}
	put := func(status string) {
		t.Helper()
		p, err := f.store.Put(map[string]types.AttributeValue{"PK": dynamo.S(k.PK), "SK": dynamo.S(k.SK), "status": dynamo.S(status), "n": dynamo.N(5)})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.store.Transact(ctx, "put", []dynamo.TxItem{p}); err != nil {
			t.Fatal(err)
		}
	}
	open := dynamo.Condition{Expr: "#st = :open", Names: map[string]string{"#st": "status"}, Values: map[string]types.AttributeValue{":open": dynamo.S("open")}}
	add := func() error {
		return f.store.Transact(ctx, "add", []dynamo.TxItem{f.store.AddIf(dynamo.Counter{Key: k, Attr: "n"}, 2, open, "closed")})
	}
	put("closed")
	if got := outcome(add()); got != "conflict closed" {
		t.Errorf("closed: got %s, want conflict closed", got)
	}
	put("open")
	if err := add(); err != nil {
		t.Fatal(err)
	}
	if got := nval(f.raw(k), "n"); got != "7" || sval(f.raw(k), "status") != "open" {
		t.Errorf("n %s, status %s: want 7, open", got, sval(f.raw(k), "status"))
	}
	// A missing item fails the condition: nothing is created.
	none := dynamo.Key{PK: "SURVEY#none", SK: "SURVEY"}
	err := f.store.Transact(ctx, "add", []dynamo.TxItem{f.store.AddIf(dynamo.Counter{Key: none, Attr: "n"}, 1, open, "closed")})
	if got := outcome(err); got != "conflict closed" || f.raw(none) != nil {
		t.Errorf("missing item: got %s, item %v", got, f.raw(none))
	}
}
