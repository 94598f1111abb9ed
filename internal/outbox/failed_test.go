package outbox_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/consultations/consultmail"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
)

// countingMailer counts every call and fails each with err (nil: passes on
// to next).
type countingMailer struct {
	mu    sync.Mutex
	calls map[string]int
	err   error
	next  outbox.Mailer
}

func (m *countingMailer) Send(ctx context.Context, o mail.Outgoing) error {
	m.mu.Lock()
	if m.calls == nil {
		m.calls = map[string]int{}
	}
	m.calls[o.ID]++
	m.mu.Unlock()
	if m.err != nil {
		return m.err
	}
	return m.next.Send(ctx, o)
}

func (m *countingMailer) Calls(id string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.calls[id]
}

// rejected is a mailer error no retry cures (as sesmailer's MessageRejected).
type rejected struct{}

func (rejected) Error() string   { return "message rejected" }
func (rejected) Permanent() bool { return true }

func TestLeaseHonoursNextAttempt(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{Quiet: true})
	var log bytes.Buffer
	s := sender(t, env, &log)
	m := &countingMailer{err: errors.New("SES is down")}
	s.Mailer = m
	created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
	mid := created.Booking.ID + "-0-confirmation-person"

	// A stream record retried at once, and sweeps, all in one instant.
	for range 6 {
		if _, err := s.SendOne(ctx, mid); err != nil && !errors.Is(err, outbox.ErrSend) {
			t.Fatal(err)
		}
	}
	if n := m.Calls(mid); n != 1 {
		t.Errorf("attempts at one instant: got %d, want 1", n)
	}
	it, err := env.Deps.Store.GetOutbox(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if it.Attempts != 1 || it.Status != outbox.StatusPending {
		t.Errorf("got %s after %d attempts, want pending after 1", it.Status, it.Attempts)
	}
	env.Clock.Advance(time.Minute)
	s.SendOne(ctx, mid)
	s.SendOne(ctx, mid)
	if n := m.Calls(mid); n != 2 {
		t.Errorf("attempts once the next is due: got %d, want 2", n)
	}
}

func TestFailedAfterMaxAttempts(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	var log bytes.Buffer
	s := sender(t, env, &log)
	m := &countingMailer{err: errors.New("SES is down")}
	s.Mailer = m
	created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
	mid := created.Booking.ID + "-0-confirmation-person"
	t0 := env.Clock.Now()
	t.Run("a new pending item expires after PendingRetention", func(t *testing.T) {
		it, err := env.Deps.Store.GetOutbox(ctx, mid)
		if err != nil || !it.ExpiresAt.Equal(t0.Add(outbox.PendingRetention)) {
			t.Errorf("got expiry %v (%v), want %v", it.ExpiresAt, err, t0.Add(outbox.PendingRetention))
		}
	})

	var last time.Time
	for i := range outbox.MaxAttempts + 3 {
		_, err := s.SendOne(ctx, mid)
		if i < outbox.MaxAttempts-1 && (err == nil || errors.Is(err, outbox.ErrFailed)) {
			t.Fatalf("attempt %d: got %v, want a retry", i+1, err)
		}
		if i == outbox.MaxAttempts-1 {
			if !errors.Is(err, outbox.ErrFailed) {
				t.Fatalf("attempt %d: got %v, want failed for good", i+1, err)
			}
			last = env.Clock.Now()
		}
		env.Clock.Advance(time.Hour)
	}
	if n := m.Calls(mid); n != outbox.MaxAttempts {
		t.Errorf("mailer calls: got %d, want %d", n, outbox.MaxAttempts)
	}
	if d := last.Sub(t0); d > 10*time.Hour {
		t.Errorf("the last attempt came %v after the first", d)
	}
	it, err := env.Deps.Store.GetOutbox(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if it.Status != outbox.StatusFailed || it.LastError != outbox.ReasonAttempts || len(it.Sealed) != 0 || !it.ExpiresAt.Equal(last.Add(outbox.FailedRetention)) {
		t.Errorf("got %s %q sealed=%d expires %v, want failed, attempts, no secret, %v", it.Status, it.LastError, len(it.Sealed), it.ExpiresAt, last.Add(outbox.FailedRetention))
	}
	if v, ok := rawOutbox(t, env, mid)["GSI1PK"]; ok {
		t.Errorf("GSI1PK: got %v, want none (out of the pending index)", v)
	}
	if ids, err := env.Deps.Store.PendingOutbox(ctx, env.Clock.Now(), 100); err != nil || len(ids) != 1 || ids[0] == mid {
		t.Errorf("pending: got %v, %v, want only the expert's item", ids, err)
	}
	if !strings.Contains(log.String(), `"msg":"outbox item failed"`) || !strings.Contains(log.String(), `"reason":"attempts"`) ||
		strings.Contains(log.String(), personEmail) || strings.Contains(log.String(), "Procházková") {
		t.Errorf("log: got %s, want the failure without personal data", log.String())
	}
}

func TestPermanentErrorsFailAtOnce(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	var log bytes.Buffer
	s := sender(t, env, &log)
	m := &countingMailer{err: fmt.Errorf("ses send: %w", rejected{})}
	s.Mailer = m
	created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
	mid := created.Booking.ID + "-0-confirmation-person"
	if _, err := s.SendOne(ctx, mid); !errors.Is(err, outbox.ErrFailed) {
		t.Fatalf("got %v, want failed for good", err)
	}
	env.Clock.Advance(24 * time.Hour)
	s.SendPending(ctx, 100)
	it, err := env.Deps.Store.GetOutbox(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if it.Status != outbox.StatusFailed || it.LastError != outbox.ReasonRejected || m.Calls(mid) != 1 {
		t.Errorf("got %s %q after %d calls, want failed, rejected, 1", it.Status, it.LastError, m.Calls(mid))
	}

	t.Run("an address the mailer cannot send to fails at once", func(t *testing.T) {
		queue(t, env, consultmail.NewMessage("bad-1-confirmation-person", consultmail.KindConfirmation, consultmail.RolePerson, "cs",
			mail.Address{Email: `"john doe"@example.cz`}, bookingData(), "", env.Clock.Now()))
		if _, err := s.SendOne(ctx, "bad-1-confirmation-person"); !errors.Is(err, outbox.ErrFailed) {
			t.Fatalf("got %v, want failed for good", err)
		}
		it, _ := env.Deps.Store.GetOutbox(ctx, "bad-1-confirmation-person")
		if it.Status != outbox.StatusFailed || it.LastError != outbox.ReasonCompose {
			t.Errorf("got %s %q, want failed, compose", it.Status, it.LastError)
		}
	})
}

// crashingMailer hands the e-mail on and then takes its sender down, as a
// Lambda that times out right after SES accepted the message.
type crashingMailer struct{ next outbox.Mailer }

type crash struct{}

func (c crashingMailer) Send(ctx context.Context, o mail.Outgoing) error {
	if err := c.next.Send(ctx, o); err != nil {
		return err
	}
	panic(crash{})
}

// TestCrashAfterSend: a sender vanishes after SES accepted an e-mail and
// before marking it sent. No other sender sends it again during the lease
// and the hold after it (DefaultUnknownHold). After that it is sent once
// more, with the same Message-ID, so the recipient's mail client shows one:
// the window SES leaves, since it has no idempotency key.
func TestCrashAfterSend(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
	mid := created.Booking.ID + "-0-confirmation-person"
	var log bytes.Buffer
	crashing := sender(t, env, &log)
	crashing.Mailer = crashingMailer{next: env.Mailer}
	func() {
		defer func() {
			if _, ok := recover().(crash); !ok {
				t.Fatalf("the sender did not crash")
			}
		}()
		crashing.SendOne(ctx, mid)
	}()
	if n := env.Mailer.Sent()[mid]; n != 1 {
		t.Fatalf("sent before the crash: got %d, want 1", n)
	}
	for _, wait := range []time.Duration{0, time.Minute, 2*time.Minute + time.Second, 10 * time.Minute} {
		env.Clock.Advance(wait)
		if sent, err := env.Deps.Sender.SendOne(ctx, mid); sent || err != nil {
			t.Errorf("another sender %v later: got sent %v, %v, want nothing", wait, sent, err)
		}
	}
	if n := env.Mailer.Sent()[mid]; n != 1 {
		t.Errorf("sends within the lease and the hold: got %d, want 1", n)
	}
	env.Clock.Advance(outbox.DefaultUnknownHold)
	if sent, err := env.Deps.Sender.SendOne(ctx, mid); !sent || err != nil {
		t.Errorf("after the hold: got sent %v, %v, want sent (the documented remaining window)", sent, err)
	}
	if raw := env.Mails()[mid]; !bytes.Contains(raw, []byte("Message-ID: <"+mid+"@brana.mpsv.cz>")) {
		t.Errorf("the copy has not the item's Message-ID")
	}
}

// bookingData is a consultation to mail about.
func bookingData() consultmail.Booking {
	start := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	return consultmail.Booking{
		ID: "b1", Start: start, End: start.Add(time.Hour), Form: "online", Topic: "transformation_plan",
		ExpertName: "Mgr. Jana Dvořáková", ContactName: "Marie Procházková", ContactEmail: personEmail,
	}
}

// TestDailyCapPerRecipient: forty e-mails to one person's address in a day
// (the forty reschedules) send at most the cap; the rest fail for
// good with reason cap. Experts' e-mails are not capped; the next day
// counts anew.
func TestDailyCapPerRecipient(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{Quiet: true})
	var log bytes.Buffer
	s := sender(t, env, &log)
	s.Recipients = outbox.NewRecipients(env.Deps.Config.OutboxKey)
	now := env.Clock.Now()
	for i := range 40 {
		to := personEmail
		if i%2 == 1 {
			to = strings.ToUpper(personEmail) // the same mailbox
		}
		b := bookingData()
		b.Sequence = i
		queue(t, env, consultmail.NewMessage(fmt.Sprintf("b1-%d-change-person", i), consultmail.KindChange, consultmail.RolePerson, "cs",
			mail.Address{Email: to}, b, "", now))
		queue(t, env, consultmail.NewMessage(fmt.Sprintf("b1-%d-change-expert", i), consultmail.KindChange, consultmail.RoleExpert, "cs",
			mail.Address{Email: expertEmail}, b, "", now))
	}
	// Concurrent sweeps: the cap is a condition, not a read.
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() { defer wg.Done(); s.SendPending(ctx, 1000) }()
	}
	wg.Wait()
	persons, experts := 0, 0
	for id, n := range env.Mailer.Sent() {
		if strings.HasSuffix(id, "-person") {
			persons += n
		} else {
			experts += n
		}
	}
	if persons != outbox.DefaultDailyCap || experts != 40 {
		t.Errorf("sent: got %d to the person and %d to the expert, want %d and 40", persons, experts, outbox.DefaultDailyCap)
	}
	capped := 0
	for i := range 40 {
		it, err := env.Deps.Store.GetOutbox(ctx, fmt.Sprintf("b1-%d-change-person", i))
		if err != nil {
			t.Fatal(err)
		}
		if it.Status == outbox.StatusFailed && it.LastError == outbox.ReasonCap {
			capped++
		}
	}
	if capped != 40-outbox.DefaultDailyCap {
		t.Errorf("failed with reason cap: got %d, want %d", capped, 40-outbox.DefaultDailyCap)
	}
	if strings.Contains(strings.ToLower(log.String()), personEmail) {
		t.Errorf("the log names the recipient")
	}
	t.Run("the counter is keyed by an HMAC, never the address, and expires", func(t *testing.T) {
		counter := s.Recipients.DailyCounter(personEmail, cz.DateOf(now))
		item := rawItem(t, env, dynamo.MailCapKeyPrefix+counter, "MAILCAP")
		if v, _ := item["count"].(*types.AttributeValueMemberN); v == nil || v.Value != fmt.Sprint(outbox.DefaultDailyCap) {
			t.Errorf("count: got %v, want %d", item["count"], outbox.DefaultDailyCap)
		}
		if _, ok := item["expiresAt"]; !ok {
			t.Errorf("no expiry")
		}
		if got := scanHolding(t, env, "marie.prochazkova"); holdsIn(got, "MAILCAP") {
			t.Errorf("the address is stored in a counter: %v", got)
		}
	})
	t.Run("the next day counts anew", func(t *testing.T) {
		env.Clock.Advance(24 * time.Hour)
		queue(t, env, consultmail.NewMessage("b1-99-change-person", consultmail.KindChange, consultmail.RolePerson, "cs",
			mail.Address{Email: personEmail}, bookingData(), "", env.Clock.Now()))
		if sent, err := s.SendOne(ctx, "b1-99-change-person"); !sent || err != nil {
			t.Errorf("got %v, %v, want sent", sent, err)
		}
	})
}

func TestSuppressedRecipient(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	var log bytes.Buffer
	s := sender(t, env, &log)
	s.Recipients = outbox.NewRecipients(env.Deps.Config.OutboxKey)
	store := dynamo.New(env.Client, env.Table)
	if err := store.PutSuppression(ctx, dynamo.Suppression{Recipient: s.Recipients.Suppression("Marie.Prochazkova@Example.CZ"), Reason: "bounce", At: env.Clock.Now()}); err != nil {
		t.Fatal(err)
	}
	created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
	person, expert := created.Booking.ID+"-0-confirmation-person", created.Booking.ID+"-0-confirmation-expert"
	if res, err := s.SendPending(ctx, 100); err != nil || res != (outbox.Result{Sent: 1, Failed: 1}) {
		t.Errorf("sweep: got %+v, %v, want the expert's sent, the person's failed", res, err)
	}
	it, err := env.Deps.Store.GetOutbox(ctx, person)
	if err != nil {
		t.Fatal(err)
	}
	if it.Status != outbox.StatusFailed || it.LastError != outbox.ReasonSuppressed || env.Mailer.Sent()[person] != 0 || env.Mailer.Sent()[expert] != 1 {
		t.Errorf("got %s %q, sent %v, want the person's failed as suppressed and only the expert's sent", it.Status, it.LastError, env.Mailer.Sent())
	}
}

// rawItem reads an item as stored.
func rawItem(t *testing.T, env *apptest.Env, pk, sk string) map[string]types.AttributeValue {
	t.Helper()
	out, err := env.Client.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(env.Table), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: pk}, "SK": &types.AttributeValueMemberS{Value: sk}},
	})
	if err != nil || len(out.Item) == 0 {
		t.Fatalf("get %s: %v, %d attributes", pk, err, len(out.Item))
	}
	return out.Item
}

func holdsIn(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// failingCompletes fails the first n "mark sent" writes, as a throttled
// or briefly unreachable DynamoDB would.
type failingCompletes struct {
	dynamo.API
	mu sync.Mutex
	n  int
}

func (f *failingCompletes) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	f.mu.Lock()
	fail := f.n > 0 && strings.Contains(aws.ToString(in.UpdateExpression), "#status = :sent")
	if fail {
		f.n--
	}
	f.mu.Unlock()
	if fail {
		return nil, errors.New("ProvisionedThroughputExceededException")
	}
	return f.API.UpdateItem(ctx, in, opts...)
}

// TestMarkingSentIsRetriedNotTheSend: a failed write of "sent" after a
// successful send is retried on its own; the e-mail goes out once.
func TestMarkingSentIsRetriedNotTheSend(t *testing.T) {
	ctx := context.Background()
	flaky := &failingCompletes{n: 2}
	env := apptest.New(t, apptest.Options{Wrap: func(a dynamo.API) dynamo.API { flaky.API = a; return flaky }})
	created := env.Book(env.FreeSlots(apptest.Wednesday)[0])
	mid := created.Booking.ID + "-0-confirmation-person"
	if sent, err := env.Deps.Sender.SendOne(ctx, mid); !sent || err != nil {
		t.Fatalf("got %v, %v, want sent", sent, err)
	}
	it, err := env.Deps.Store.GetOutbox(ctx, mid)
	if err != nil || it.Status != outbox.StatusSent || env.Mailer.Sent()[mid] != 1 {
		t.Errorf("got %s (%v) after %d sends, want sent after 1", it.Status, err, env.Mailer.Sent()[mid])
	}
}
