package outbox_test

import (
	"context"
	"fmt"
	"net/mail"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/ics"
	"github.com/mpsv/brana/internal/outbox"
)

const (
	personEmail = "marie.prochazkova@example.cz" // in events/create-booking.json
	expertEmail = "jana.dvorakova@example.cz"
)

// newIDs returns the ids in after that are not in before.
func newIDs(before, after []string) []string {
	var out []string
	for _, id := range after {
		if !slices.Contains(before, id) {
			out = append(out, id)
		}
	}
	return out
}

func TestBookingEmails(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	first := env.FreeSlots(apptest.Wednesday)[0]
	moved := env.FreeSlots(apptest.Thursday)[2]
	created := env.Book(first)
	id, token := created.Booking.ID, created.ManageToken

	steps := []struct {
		name   string
		act    func()
		kind   string
		seq    int
		method ics.Method
		status string
		start  time.Time
	}{
		{"the booking", func() {}, "confirmation", 0, ics.MethodRequest, "CONFIRMED", first},
		{"the reschedule", func() { env.Reschedule(id, token, moved) }, "change", 1, ics.MethodRequest, "CONFIRMED", moved},
		{"the cancellation", func() { env.Cancel(id, token) }, "cancellation", 2, ics.MethodCancel, "CANCELLED", moved},
	}
	for _, s := range steps {
		before := env.MailIDs()
		s.act()
		res := env.SendOutbox()
		t.Run(s.name+" sends one e-mail per recipient", func(t *testing.T) {
			if res != (outbox.Result{Sent: 2}) {
				t.Errorf("sweep: got %+v, want 2 sent", res)
			}
			want := []string{fmt.Sprintf("%s-%d-%s-expert", id, s.seq, s.kind), fmt.Sprintf("%s-%d-%s-person", id, s.seq, s.kind)}
			if got := newIDs(before, env.MailIDs()); !reflect.DeepEqual(got, want) {
				t.Errorf("new e-mails: got %v, want %v", got, want)
			}
		})
		for _, r := range []struct{ role, to string }{{"person", personEmail}, {"expert", expertEmail}} {
			t.Run(fmt.Sprintf("%s: the %s's calendar is %s with the booking's UID, start and SEQUENCE %d", s.name, r.role, s.method, s.seq), func(t *testing.T) {
				e := mailOf(t, env, fmt.Sprintf("%s-%d-%s-%s", id, s.seq, s.kind, r.role))
				if to, err := mail.ParseAddress(e.Header.Get("To")); err != nil || to.Address != r.to {
					t.Errorf("To: got %q, want %s", e.Header.Get("To"), r.to)
				}
				if e.Calendar == nil {
					t.Fatalf("no text/calendar part")
				}
				cal, err := ics.Parse(e.Calendar)
				if err != nil {
					t.Fatalf("parse calendar: %v", err)
				}
				if cal.Method != s.method {
					t.Errorf("METHOD: got %s, want %s", cal.Method, s.method)
				}
				if want := id + "@brana.mpsv.cz"; cal.UID != want {
					t.Errorf("UID: got %s, want %s", cal.UID, want)
				}
				if cal.Sequence != s.seq {
					t.Errorf("SEQUENCE: got %d, want %d", cal.Sequence, s.seq)
				}
				if !cal.Start.Equal(s.start) || !cal.End.Equal(s.start.Add(time.Hour)) {
					t.Errorf("start, end: got %v, %v, want %v, %v", cal.Start, cal.End, s.start, s.start.Add(time.Hour))
				}
				if cal.Status != s.status {
					t.Errorf("STATUS: got %s, want %s", cal.Status, s.status)
				}
				if string(e.ICSFile) != string(e.Calendar) {
					t.Errorf("the .ics attachment differs from the inline calendar")
				}
			})
		}
	}

	t.Run("a further sweep sends nothing", func(t *testing.T) {
		if res := env.SendOutbox(); res != (outbox.Result{}) {
			t.Errorf("got %+v, want nothing", res)
		}
	})
	t.Run("each e-mail was handed to the mailer exactly once", func(t *testing.T) {
		sent := env.Mailer.Sent()
		if len(sent) != 6 {
			t.Errorf("got %d e-mails, want 6: %v", len(sent), sent)
		}
		for mid, n := range sent {
			if n != 1 {
				t.Errorf("%s: got %d sends, want 1", mid, n)
			}
		}
	})
}

// rawOutbox reads an outbox item as stored.
func rawOutbox(t *testing.T, env *apptest.Env, id string) map[string]types.AttributeValue {
	t.Helper()
	out, err := env.Client.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(env.Table), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{
			"PK": &types.AttributeValueMemberS{Value: "OUTBOX#" + id}, "SK": &types.AttributeValueMemberS{Value: "OUTBOX"},
		},
	})
	if err != nil {
		t.Fatalf("get outbox item %s: %v", id, err)
	}
	if len(out.Item) == 0 {
		t.Fatalf("outbox item %s does not exist", id)
	}
	return out.Item
}

// holding lists the attributes (by path) whose value contains s.
func holding(item map[string]types.AttributeValue, s string) []string {
	var out []string
	var walk func(path string, v types.AttributeValue)
	walk = func(path string, v types.AttributeValue) {
		switch v := v.(type) {
		case *types.AttributeValueMemberS:
			if strings.Contains(v.Value, s) {
				out = append(out, path)
			}
		case *types.AttributeValueMemberB:
			if strings.Contains(string(v.Value), s) {
				out = append(out, path)
			}
		case *types.AttributeValueMemberSS:
			for i, x := range v.Value {
				walk(fmt.Sprintf("%s[%d]", path, i), &types.AttributeValueMemberS{Value: x})
			}
		case *types.AttributeValueMemberL:
			for i, x := range v.Value {
				walk(fmt.Sprintf("%s[%d]", path, i), x)
			}
		case *types.AttributeValueMemberM:
			for k, x := range v.Value {
				walk(path+"."+k, x)
			}
		}
	}
	for k, v := range item {
		walk(k, v)
	}
	return out
}

// scanHolding lists "PK SK attribute" of everything in the table holding s.
func scanHolding(t *testing.T, env *apptest.Env, s string) []string {
	t.Helper()
	var out []string
	in := &dynamodb.ScanInput{TableName: aws.String(env.Table), ConsistentRead: aws.Bool(true)}
	for {
		page, err := env.Client.Scan(context.Background(), in)
		if err != nil {
			t.Fatalf("scan: %v", err)
		}
		for _, it := range page.Items {
			for _, attr := range holding(it, s) {
				out = append(out, fmt.Sprintf("%v %v %s", it["PK"], it["SK"], attr))
			}
		}
		if len(page.LastEvaluatedKey) == 0 {
			return out
		}
		in.ExclusiveStartKey = page.LastEvaluatedKey
	}
}

func TestManageLink(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	slot := env.FreeSlots(apptest.Wednesday)[0]
	created := env.Book(slot)
	id, token := created.Booking.ID, created.ManageToken
	personID, expertID := id+"-0-confirmation-person", id+"-0-confirmation-expert"
	if token == "" || !strings.Contains(created.ManageURL, token) {
		t.Fatalf("created: got token %q and link %q, want a link holding the token", token, created.ManageURL)
	}

	t.Run("the pending person's item holds the link only sealed", func(t *testing.T) {
		item := rawOutbox(t, env, personID)
		if got := holding(item, token); len(got) != 0 {
			t.Errorf("attributes holding the token: got %v, want none", got)
		}
		if b, ok := item["sealed"].(*types.AttributeValueMemberB); !ok || len(b.Value) == 0 {
			t.Errorf("sealed: got %v, want a binary value", item["sealed"])
		}
	})
	t.Run("the pending expert's item has nothing sealed", func(t *testing.T) {
		if v, ok := rawOutbox(t, env, expertID)["sealed"]; ok {
			t.Errorf("sealed: got %v, want none", v)
		}
	})
	t.Run("the token is stored nowhere in the table", func(t *testing.T) {
		if got := scanHolding(t, env, token); len(got) != 0 {
			t.Errorf("got %v, want nowhere", got)
		}
	})

	if res := env.SendOutbox(); res.Sent != 2 {
		t.Fatalf("sweep: got %+v, want 2 sent", res)
	}

	t.Run("the person's e-mail carries the manage link with the token, its calendar does not", func(t *testing.T) {
		e := mailOf(t, env, personID)
		if !strings.Contains(e.Text, created.ManageURL) {
			t.Errorf("text: got no %q in\n%s", created.ManageURL, e.Text)
		}
		cal, err := ics.Parse(e.Calendar)
		if err != nil {
			t.Fatal(err)
		}
		unfolded := strings.ReplaceAll(string(e.Calendar)+string(e.ICSFile), "\r\n ", "")
		if cal.URL != "" || strings.Contains(unfolded, token) {
			t.Errorf("calendar: got URL %q or the token, want neither", cal.URL)
		}
	})
	t.Run("the expert's e-mail does not carry the token", func(t *testing.T) {
		raw := env.Mails()[expertID]
		e := mailOf(t, env, expertID)
		if strings.Contains(string(raw), token) || strings.Contains(e.Decoded, token) {
			t.Errorf("got the token in the expert's e-mail, want it absent")
		}
		if strings.Contains(e.Decoded, "/manage#") {
			t.Errorf("got a manage link in the expert's e-mail, want none")
		}
	})
	t.Run("after sending, the sealed link is gone and the item expires in 30 days", func(t *testing.T) {
		item := rawOutbox(t, env, personID)
		if v, ok := item["sealed"]; ok {
			t.Errorf("sealed: got %v, want none", v)
		}
		want := strconv.FormatInt(apptest.DefaultNow.Add(outbox.SentRetention).Unix(), 10)
		if v, ok := item["expiresAt"].(*types.AttributeValueMemberN); !ok || v.Value != want {
			t.Errorf("expiresAt: got %v, want %s", item["expiresAt"], want)
		}
		if v, _ := item["status"].(*types.AttributeValueMemberS); v == nil || v.Value != "sent" {
			t.Errorf("status: got %v, want sent", item["status"])
		}
		if v, ok := item["GSI1PK"]; ok {
			t.Errorf("GSI1PK: got %v, want none (not pending any more)", v)
		}
	})

	env.Reschedule(id, token, env.FreeSlots(apptest.Thursday)[0])
	env.Cancel(id, token)
	env.SendOutbox()
	t.Run("the person's change e-mail carries the link too", func(t *testing.T) {
		if e := mailOf(t, env, id+"-1-change-person"); !strings.Contains(e.Text, created.ManageURL) {
			t.Errorf("got no manage link in the change e-mail, want %q", created.ManageURL)
		}
	})
	t.Run("no cancellation e-mail and no expert e-mail carries the token", func(t *testing.T) {
		for _, mid := range []string{id + "-1-change-expert", id + "-2-cancellation-person", id + "-2-cancellation-expert"} {
			if strings.Contains(mailOf(t, env, mid).Decoded, token) {
				t.Errorf("%s: got the token, want it absent", mid)
			}
		}
	})
	t.Run("the token is stored nowhere in the table after sending", func(t *testing.T) {
		if got := scanHolding(t, env, token); len(got) != 0 {
			t.Errorf("got %v, want nowhere", got)
		}
	})
}

func TestSendFailure(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
	id := created.Booking.ID
	ids := []string{id + "-0-confirmation-expert", id + "-0-confirmation-person"}
	t0 := apptest.DefaultNow

	env.Mailer.SetFail(true)
	res := env.SendOutbox()
	t.Run("a sweep with the mailer failing reports both failed and writes nothing", func(t *testing.T) {
		if res != (outbox.Result{Failed: 2}) {
			t.Errorf("got %+v, want 2 failed", res)
		}
		if got := env.MailIDs(); len(got) != 0 {
			t.Errorf("e-mails written: got %v, want none", got)
		}
	})
	t.Run("the items stay pending with attempt 1 and the next attempt a minute later", func(t *testing.T) {
		for _, mid := range ids {
			it, err := env.Deps.Store.GetOutbox(ctx, mid)
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprintf("%s attempts=%d next=%s lease=%q error=%q", it.Status, it.Attempts, it.NextAttemptAt.Format(time.RFC3339), it.LeaseID, it.LastError)
			want := fmt.Sprintf("pending attempts=1 next=%s lease=\"\" error=\"send\"", t0.Add(time.Minute).Format(time.RFC3339))
			if got != want {
				t.Errorf("%s: got %s, want %s", mid, got, want)
			}
		}
	})

	env.Mailer.SetFail(false)
	env.Clock.Advance(59 * time.Second)
	t.Run("a sweep before the next attempt sends nothing, mailer or not", func(t *testing.T) {
		if res := env.SendOutbox(); res != (outbox.Result{}) {
			t.Errorf("got %+v, want nothing", res)
		}
		if got := env.Mailer.Sent(); len(got) != 0 {
			t.Errorf("sent: got %v, want nothing", got)
		}
	})

	env.Clock.Advance(2 * time.Second)
	t.Run("after the backoff each item is sent exactly once", func(t *testing.T) {
		if res := env.SendOutbox(); res != (outbox.Result{Sent: 2}) {
			t.Errorf("sweep: got %+v, want 2 sent", res)
		}
		if res := env.SendOutbox(); res != (outbox.Result{}) {
			t.Errorf("next sweep: got %+v, want nothing", res)
		}
		want := map[string]int{ids[0]: 1, ids[1]: 1}
		if got := env.Mailer.Sent(); !reflect.DeepEqual(got, want) {
			t.Errorf("sent: got %v, want %v", got, want)
		}
		if got := env.MailIDs(); !reflect.DeepEqual(got, ids) {
			t.Errorf("e-mails written: got %v, want %v", got, ids)
		}
	})

	t.Run("a second failure waits two minutes", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{})
		created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
		mid := created.Booking.ID + "-0-confirmation-person"
		env.Mailer.SetFail(true)
		env.SendOutbox()
		env.Clock.Advance(61 * time.Second)
		env.SendOutbox()
		it, err := env.Deps.Store.GetOutbox(ctx, mid)
		if err != nil {
			t.Fatal(err)
		}
		if want := env.Clock.Now().Add(2 * time.Minute); it.Attempts != 2 || !it.NextAttemptAt.Equal(want) {
			t.Errorf("got attempts %d next %v, want 2 and %v", it.Attempts, it.NextAttemptAt, want)
		}
	})
}

func TestLease(t *testing.T) {
	ctx := context.Background()

	t.Run("concurrent sweeps send each item exactly once", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{Quiet: true})
		starts := append(env.FreeSlots(apptest.Wednesday)[:3], env.FreeSlots(apptest.Thursday)[:3]...)
		for _, s := range starts {
			env.Book(s)
		}
		const sweeps = 8
		results := make([]outbox.Result, sweeps)
		errs := make([]error, sweeps)
		var wg sync.WaitGroup
		for i := range sweeps {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i], errs[i] = env.Deps.Sender.SendPending(ctx, 1000)
			}()
		}
		wg.Wait()
		var total outbox.Result
		for i := range sweeps {
			if errs[i] != nil {
				t.Errorf("sweep %d: %v", i, errs[i])
			}
			total.Sent += results[i].Sent
			total.Failed += results[i].Failed
		}
		if want := 2 * len(starts); total.Sent != want || total.Failed != 0 {
			t.Errorf("sent, failed: got %d, %d, want %d, 0", total.Sent, total.Failed, want)
		}
		sent := env.Mailer.Sent()
		if len(sent) != 2*len(starts) {
			t.Errorf("distinct e-mails: got %d, want %d", len(sent), 2*len(starts))
		}
		for mid, n := range sent {
			if n != 1 {
				t.Errorf("%s: got %d sends, want 1", mid, n)
			}
		}
	})

	t.Run("twenty senders of one item: exactly one sends it", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{Quiet: true})
		created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
		mid := created.Booking.ID + "-0-confirmation-person"
		var wg sync.WaitGroup
		var mu sync.Mutex
		sentBy := 0
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sent, err := env.Deps.Sender.SendOne(ctx, mid)
				if err != nil {
					t.Errorf("send: %v", err)
				}
				if sent {
					mu.Lock()
					sentBy++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if sentBy != 1 || env.Mailer.Sent()[mid] != 1 {
			t.Errorf("got %d senders reporting sent and %d sends, want 1 and 1", sentBy, env.Mailer.Sent()[mid])
		}
	})

	t.Run("an item leased by a vanished sender waits its lease and the hold, then is sent once", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{})
		created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
		mid := created.Booking.ID + "-0-confirmation-person"
		t0 := env.Clock.Now()
		if _, err := env.Deps.Store.LeaseOutbox(ctx, mid, "crashed", t0, t0.Add(2*time.Minute), t0.Add(-outbox.DefaultUnknownHold)); err != nil {
			t.Fatal(err)
		}
		if res := env.SendOutbox(); res != (outbox.Result{Sent: 1, Skipped: 1}) {
			t.Errorf("sweep under the lease: got %+v, want the expert's sent and the person's skipped", res)
		}
		env.Clock.Advance(2*time.Minute + time.Second)
		if res := env.SendOutbox(); res != (outbox.Result{Skipped: 1}) {
			t.Errorf("sweep after the lease, within the hold: got %+v, want 1 skipped", res)
		}
		env.Clock.Advance(outbox.DefaultUnknownHold)
		if res := env.SendOutbox(); res != (outbox.Result{Sent: 1}) {
			t.Errorf("sweep after the lease and the hold: got %+v, want 1 sent", res)
		}
		if n := env.Mailer.Sent()[mid]; n != 1 {
			t.Errorf("sends: got %d, want 1", n)
		}
		it, err := env.Deps.Store.GetOutbox(ctx, mid)
		if err != nil {
			t.Fatal(err)
		}
		if it.Status != outbox.StatusSent || it.Attempts != 2 {
			t.Errorf("got %s after %d attempts, want sent after 2", it.Status, it.Attempts)
		}
		err = env.Deps.Store.CompleteOutbox(ctx, mid, "crashed", t0, t0)
		if !apperr.Is(err, apperr.Conflict, "outbox_lease_lost") {
			t.Errorf("late completion by the crashed sender: got %v, want conflict outbox_lease_lost", err)
		}
	})
}
