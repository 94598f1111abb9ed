package workshopdb_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// QueueMail queues every item once: up to dynamo.MaxTxItems in one
// transaction, more one by one; a second call (a retry, some items already
// there) queues nothing twice and fails on nothing.
func TestQueueMailQueuesEachItemOnce(t *testing.T) {
	f := newFixture(t)
	db := dynamo.New(f.client, f.table)
	st := workshopdb.NewStaff(db)
	sealer, err := outbox.NewSealer(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	items := func(prefix string, n int) []outbox.Item {
		var out []outbox.Item
		for i := range n {
			id := fmt.Sprintf("%s-%03d", prefix, i)
			msg := mail.Message{ID: id, Template: "workshops.certificate", Lang: "cs", To: mail.Address{Email: id + "@example.cz"}, Data: []byte(`{}`), CreatedAt: now}
			out = append(out, sealer.NewItem(msg, id, now))
		}
		return out
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		n    int
	}{{"in one transaction", dynamo.MaxTxItems}, {"beyond a transaction", dynamo.MaxTxItems + 1}} {
		all := items(tc.name[:2], tc.n)
		// One already queued, as by an interrupted earlier call.
		if err := db.PutOutbox(ctx, all[3]); err != nil {
			t.Fatal(err)
		}
		for try := range 2 {
			if err := st.QueueMail(ctx, all); err != nil {
				t.Fatalf("%s, try %d: %v", tc.name, try, err)
			}
		}
		for _, it := range all {
			if _, err := db.GetOutbox(ctx, it.ID); err != nil {
				t.Fatalf("%s: %s not queued: %v", tc.name, it.ID, err)
			}
		}
	}
	if err := st.QueueMail(ctx, nil); err != nil {
		t.Errorf("nothing to queue: %v", err)
	}
}
