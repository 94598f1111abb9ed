package workshopreminders_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mail/mailtest"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/wire/outboxsender"
	"github.com/mpsv/brana/internal/wire/workshopreminders"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/checkin"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
	"github.com/mpsv/brana/internal/workshops/workshopmail"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

// now is Monday 30 November 2026, 10:00 Prague: events on Wednesday
// 2 December get their reminders.
var (
	now = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	key = bytes.Repeat([]byte{9}, 32)
)

type fixture struct {
	t     *testing.T
	db    *dynamo.Store
	store *workshopdb.Store
	clock *clock.Fixed
	env   *boot.Env
	job   boot.Handler[json.RawMessage, workshopreminders.Result]
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	clk := clock.NewFixed(now)
	env := &boot.Env{DB: client, Clock: clk, Log: slog.New(slog.DiscardHandler)}
	env.Config.TableName = table
	env.Config.OutboxKey = key
	h, err := workshopreminders.New(context.Background(), env)
	if err != nil {
		t.Fatal(err)
	}
	db := dynamo.New(client, table)
	return &fixture{t: t, db: db, store: workshopdb.New(db), clock: clk, env: env, job: h}
}

func (f *fixture) run() int {
	f.t.Helper()
	res, err := f.job(context.Background(), json.RawMessage(`{}`))
	if err != nil {
		f.t.Fatalf("job: %v", err)
	}
	return res.Queued
}

// event is a published event whose one session starts on day at 9:00
// Prague.
func (f *fixture) event(id string, day cz.Date, mode workshops.Mode) workshops.Event {
	f.t.Helper()
	start := day.At(9 * 60).UTC()
	e := workshops.Event{
		ID: id, Kind: workshops.KindSeminar,
		Title:             workshops.Text{CS: "Seminář o sdílené péči", EN: "Seminar on shared care"},
		Sessions:          []workshops.Session{{Start: start, End: start.Add(3 * time.Hour)}},
		Mode:              mode,
		Venue:             workshops.Venue{Name: "Krajský úřad", Address: "Žerotínovo nám. 3, Brno", StepFree: true, NearestStop: "Česká"},
		OnlineLink:        "https://meet.example.cz/j/1",
		Capacity:          workshops.Capacity{InPerson: 50, Online: 10},
		RegistrationOpens: now.Add(-72 * time.Hour), RegistrationCloses: start.Add(-24 * time.Hour),
		Organiser: "MPSV", Owner: "organiser-1", Status: workshops.EventPublished,
		Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	if err := f.store.PutEvent(context.Background(), e, 0); err != nil {
		f.t.Fatalf("put event: %v", err)
	}
	return e
}

// register writes a registration of e in the given status.
func (f *fixture) register(e workshops.Event, id string, status workshops.RegistrationStatus, seat workshops.Seat) workshops.Registration {
	f.t.Helper()
	r := workshops.Registration{
		ID: id, EventID: e.ID, Seat: seat, Status: status,
		Contact: workshops.Contact{Name: "Jana Nováková", Email: id + "@example.cz"},
		Lang:    i18n.CS, ConsentAt: now, ConsentVer: workshops.PrivacyNoticeVersion,
		EmailHash: "hash-" + id, Queue: "q-" + id,
		TokenHash: ids.HashToken(tokenOf(id)),
		Version:   1, CreatedAt: now, UpdatedAt: now,
	}
	w := workshops.RegistrationWrite{EventID: e.ID, Seat: seat, Changes: []workshops.Change{{Reg: r, ClaimEmail: true}}}
	if status == workshops.RegConfirmed {
		w.SeatDelta, w.Capacity = 1, e.Capacity.Of(seat)
	}
	if err := f.store.WriteRegistrations(context.Background(), w); err != nil {
		f.t.Fatalf("register %s: %v", id, err)
	}
	return r
}

// outbox reads the outbox item id, or fails.
func (f *fixture) outbox(id string) outbox.Item {
	f.t.Helper()
	it, err := f.db.GetOutbox(context.Background(), id)
	if err != nil {
		f.t.Fatalf("outbox item %s: %v", id, err)
	}
	return it
}

func (f *fixture) hasOutbox(id string) bool {
	f.t.Helper()
	_, err := f.db.GetOutbox(context.Background(), id)
	return err == nil
}

func reminderID(regID string, seq int) string {
	return workshopmail.MailID(regID, seq, workshopmail.KindReminder)
}

func TestQueuesTheRemindersOfEventsInTwoDays(t *testing.T) {
	f := newFixture(t)
	today := cz.DateOf(now)
	e := f.event("ev-remind", today.AddDays(2), workshops.ModeHybrid)
	f.register(e, "r-confirmed", workshops.RegConfirmed, workshops.SeatInPerson)
	f.register(e, "r-online", workshops.RegConfirmed, workshops.SeatOnline)
	f.register(e, "r-waiting", workshops.RegWaitlisted, workshops.SeatInPerson)
	f.register(e, "r-cancelled", workshops.RegCancelled, workshops.SeatInPerson)
	f.register(e, "r-offered", workshops.RegOffered, workshops.SeatInPerson)
	later := f.event("ev-later", today.AddDays(3), workshops.ModeInPerson)
	f.register(later, "r-later", workshops.RegConfirmed, workshops.SeatInPerson)
	tomorrow := f.event("ev-tomorrow", today.AddDays(1), workshops.ModeInPerson)
	f.register(tomorrow, "r-tomorrow", workshops.RegConfirmed, workshops.SeatInPerson)

	if got := f.run(); got != 2 {
		t.Fatalf("queued %d, want 2 (the confirmed seats of the event in two days)", got)
	}
	for _, id := range []string{"r-confirmed", "r-online"} {
		it := f.outbox(reminderID(id, 0))
		if it.Message.Template != "workshops.reminder" || it.Ref != id || it.Message.To.Email != id+"@example.cz" {
			t.Errorf("%s: got item %s to %s (ref %s)", id, it.Message.Template, it.Message.To.Email, it.Ref)
		}
		if len(it.Sealed) != 0 {
			t.Errorf("%s: a reminder carries no manage link, got a sealed secret", id)
		}
		r, err := f.store.GetRegistration(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if r.Version != 2 || !slices.Contains(r.Mail, reminderID(id, 0)) {
			t.Errorf("%s: version %d, mail %v; want version 2 recording the reminder", id, r.Version, r.Mail)
		}
	}
	for _, id := range []string{"r-waiting", "r-cancelled", "r-offered", "r-later", "r-tomorrow"} {
		if f.hasOutbox(reminderID(id, 0)) {
			t.Errorf("%s got a reminder", id)
		}
	}

	t.Run("the reminder renders with the check-in code of an in-person seat, the link of an online one", func(t *testing.T) {
		reg := outboxsender.Templates()
		sealer, _ := outbox.NewSealer(key)
		from := mail.Address{Name: "Brána", Email: "brana@mpsv.cz"}
		for _, id := range []string{"r-confirmed", "r-online"} {
			msg, err := sealer.Open(f.outbox(reminderID(id, 0)))
			if err != nil {
				t.Fatal(err)
			}
			raw, err := reg.Render(msg, from)
			if err != nil {
				t.Fatalf("%s: render: %v", id, err)
			}
			p := mailtest.Parse(t, raw)
			inPerson := id == "r-confirmed"
			if got := len(p.Files) == 1; got != inPerson {
				t.Errorf("%s: QR code %v, want %v", id, got, inPerson)
			}
			if got := bytes.Contains([]byte(p.Text), []byte("https://meet.example.cz/j/1")); got == inPerson {
				t.Errorf("%s: meeting link %v, want %v", id, got, !inPerson)
			}
			if inPerson {
				var d workshopmail.Data
				if err := json.Unmarshal(msg.Data, &d); err != nil {
					t.Fatal(err)
				}
				c, err := checkin.NewSigner(key).Verify(d.Registration.CheckIn)
				if err != nil || c.RegistrationID != id || c.EventID != e.ID {
					t.Errorf("check-in code %q: %+v, %v", d.Registration.CheckIn, c, err)
				}
			}
		}
	})

	t.Run("a second run queues nothing", func(t *testing.T) {
		f.clock.Set(now.Add(time.Hour))
		if got := f.run(); got != 0 {
			t.Errorf("queued %d, want 0", got)
		}
	})

	t.Run("a change of the event's time gets a reminder of its own", func(t *testing.T) {
		ev, err := f.store.GetEvent(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		prev := ev.Version
		ev.Sessions[0].Start = ev.Sessions[0].Start.Add(time.Hour)
		ev.Sessions[0].End = ev.Sessions[0].End.Add(time.Hour)
		ev.Sequence, ev.Version = ev.Sequence+1, prev+1
		if err := f.store.PutEvent(context.Background(), ev, prev); err != nil {
			t.Fatal(err)
		}
		if got := f.run(); got != 2 {
			t.Errorf("queued %d, want 2 (the new time)", got)
		}
		if !f.hasOutbox(reminderID("r-confirmed", 1)) {
			t.Error("no reminder of the new version")
		}
	})
}

func TestNoReminderAfterACancellationOrForACancelledEvent(t *testing.T) {
	f := newFixture(t)
	day := cz.DateOf(now).AddDays(2)
	e := f.event("ev-a", day, workshops.ModeInPerson)
	r := f.register(e, "r-a", workshops.RegConfirmed, workshops.SeatInPerson)
	// The person cancels.
	c := r
	c.Status, c.Version, c.CancelledAt = workshops.RegCancelled, 2, now
	if err := f.store.WriteRegistrations(context.Background(), workshops.RegistrationWrite{
		EventID: e.ID, Seat: r.Seat, SeatDelta: -1, Changes: []workshops.Change{{Reg: c, PrevVersion: 1}},
	}); err != nil {
		t.Fatal(err)
	}
	// Another event is cancelled by its organiser.
	gone := f.event("ev-b", day, workshops.ModeInPerson)
	f.register(gone, "r-b", workshops.RegConfirmed, workshops.SeatInPerson)
	gone.Status, gone.Version = workshops.EventCancelled, 2
	if err := f.store.PutEvent(context.Background(), gone, 1); err != nil {
		t.Fatal(err)
	}
	if got := f.run(); got != 0 {
		t.Errorf("queued %d, want 0", got)
	}
	for _, id := range []string{"r-a", "r-b"} {
		if f.hasOutbox(reminderID(id, 0)) {
			t.Errorf("%s got a reminder", id)
		}
	}
}

// TestConcurrentRunsQueueEachReminderOnce: runs that overlap (a slow run and
// the next hour's, or a retry) queue each reminder once; the losers of a
// race see the registration's version moved on.
func TestConcurrentRunsQueueEachReminderOnce(t *testing.T) {
	f := newFixture(t)
	e := f.event("ev-c", cz.DateOf(now).AddDays(2), workshops.ModeInPerson)
	const people = 12
	for i := range people {
		f.register(e, fmt.Sprintf("r-%02d", i), workshops.RegConfirmed, workshops.SeatInPerson)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total int
	)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := f.job(context.Background(), json.RawMessage(`{}`))
			if err != nil {
				t.Errorf("job: %v", err)
			}
			mu.Lock()
			total += res.Queued
			mu.Unlock()
		}()
	}
	wg.Wait()
	if total != people {
		t.Errorf("queued %d in all, want %d: one per registration", total, people)
	}
	for i := range people {
		id := fmt.Sprintf("r-%02d", i)
		r, err := f.store.GetRegistration(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if r.Version != 2 || !f.hasOutbox(reminderID(id, 0)) {
			t.Errorf("%s: version %d; want 2 and its reminder queued", id, r.Version)
		}
	}
}
