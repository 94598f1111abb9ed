package app_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/wire/outboxsender"
)

// streamEvent loads events/outbox-stream.json for one outbox item.
func streamEvent(t *testing.T, outboxID string) outboxsender.Event {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(apptest.RepoRoot(), "events", "outbox-stream.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "OUTBOX_ID") {
		t.Fatalf("events/outbox-stream.json has no OUTBOX_ID placeholder")
	}
	var ev outboxsender.Event
	if err := json.Unmarshal([]byte(strings.ReplaceAll(string(b), "OUTBOX_ID", outboxID)), &ev); err != nil {
		t.Fatalf("decode stream event: %v", err)
	}
	if len(ev.Records) != 1 {
		t.Fatalf("stream event: got %d records, want 1", len(ev.Records))
	}
	return ev
}

func TestHandleOutboxStream(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	handle := outboxHandler(t, env)
	created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
	ids := both(created.Booking.ID, 0, "confirmation")
	expertMail, personMail := ids[0], ids[1]

	t.Run("a stream record of a pending item sends it and reports no failure", func(t *testing.T) {
		resp, err := handle(ctx, streamEvent(t, personMail))
		if err != nil || len(resp.BatchItemFailures) != 0 {
			t.Fatalf("got %+v, %v, want no failures", resp, err)
		}
		if got, want := env.Mailer.Sent(), map[string]int{personMail: 1}; !reflect.DeepEqual(got, want) {
			t.Errorf("sent: got %v, want %v", got, want)
		}
		it, err := env.Deps.Store.GetOutbox(ctx, personMail)
		if err != nil || it.Status != outbox.StatusSent {
			t.Errorf("item: got %s, %v, want sent", it.Status, err)
		}
	})

	t.Run("the same record delivered again sends nothing more", func(t *testing.T) {
		resp, err := handle(ctx, streamEvent(t, personMail))
		if err != nil || len(resp.BatchItemFailures) != 0 {
			t.Fatalf("got %+v, %v, want no failures", resp, err)
		}
		if n := env.Mailer.Sent()[personMail]; n != 1 {
			t.Errorf("sends: got %d, want 1", n)
		}
	})

	t.Run("with the mailer failing the record is a batch item failure and the item waits", func(t *testing.T) {
		env.Mailer.SetFail(true)
		defer env.Mailer.SetFail(false)
		ev := streamEvent(t, expertMail)
		resp, err := handle(ctx, ev)
		if err != nil {
			t.Fatalf("got error %v, want a partial batch response", err)
		}
		want := []events.DynamoDBBatchItemFailure{{ItemIdentifier: "111100000000000000000001"}}
		if !reflect.DeepEqual(resp.BatchItemFailures, want) {
			t.Errorf("failures: got %+v, want %+v", resp.BatchItemFailures, want)
		}
		if want[0].ItemIdentifier != ev.Records[0].Change.SequenceNumber {
			t.Errorf("the failure names %s, the record's sequence number is %s", want[0].ItemIdentifier, ev.Records[0].Change.SequenceNumber)
		}
		it, err := env.Deps.Store.GetOutbox(ctx, expertMail)
		if err != nil || it.Status != outbox.StatusPending || it.Attempts != 1 {
			t.Errorf("item: got %s after %d attempts, %v, want pending after 1", it.Status, it.Attempts, err)
		}
	})

	t.Run("the record retried at once makes no attempt before the item is due", func(t *testing.T) {
		resp, err := handle(ctx, streamEvent(t, expertMail))
		if err != nil || len(resp.BatchItemFailures) != 0 {
			t.Fatalf("got %+v, %v, want no failures (the sweep makes the next attempt)", resp, err)
		}
		it, err := env.Deps.Store.GetOutbox(ctx, expertMail)
		if err != nil || it.Status != outbox.StatusPending || it.Attempts != 1 || env.Mailer.Sent()[expertMail] != 0 {
			t.Errorf("item: got %s after %d attempts, %v, want pending after 1, not sent", it.Status, it.Attempts, err)
		}
	})

	t.Run("once due, it is sent once the mailer is back", func(t *testing.T) {
		env.Clock.Advance(time.Minute)
		resp, err := handle(ctx, streamEvent(t, expertMail))
		if err != nil || len(resp.BatchItemFailures) != 0 {
			t.Fatalf("got %+v, %v, want no failures", resp, err)
		}
		if got, want := env.Mailer.Sent(), map[string]int{personMail: 1, expertMail: 1}; !reflect.DeepEqual(got, want) {
			t.Errorf("sent: got %v, want %v", got, want)
		}
	})

	t.Run("a record of another kind of item is ignored", func(t *testing.T) {
		ev := streamEvent(t, "x")
		ev.Records[0].Change.Keys["PK"] = events.NewStringAttribute("BOOKING#" + created.Booking.ID)
		resp, err := handle(ctx, ev)
		if err != nil || len(resp.BatchItemFailures) != 0 {
			t.Errorf("got %+v, %v, want no failures", resp, err)
		}
	})
}

func TestHandleOutboxSweep(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	handle := outboxHandler(t, env)
	created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
	b, err := os.ReadFile(filepath.Join(apptest.RepoRoot(), "events", "scheduled-outbox-sweep.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ev outboxsender.Event
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		resp, err := handle(ctx, ev)
		if err != nil || len(resp.BatchItemFailures) != 0 {
			t.Fatalf("sweep %d: got %+v, %v, want no failures", i+1, resp, err)
		}
	}
	ids := both(created.Booking.ID, 0, "confirmation")
	if got, want := env.Mailer.Sent(), map[string]int{ids[0]: 1, ids[1]: 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("sent after two sweeps: got %v, want %v", got, want)
	}
	if got, want := env.MailIDs(), ids; !reflect.DeepEqual(got, want) {
		t.Errorf("e-mails: got %v, want %v", got, want)
	}
}
