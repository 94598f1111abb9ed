package surveyinvitations_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/consultations/consultdb"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mail/mailtest"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/invite"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/wire/outboxsender"
	"github.com/mpsv/brana/internal/wire/surveyinvitations"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

// Wednesday 2 December 2026, 10:00 Prague: the run after Tuesday.
var (
	tuesday = cz.Date{Year: 2026, Month: 12, Day: 1}
	now     = tuesday.AddDays(1).At(10 * 60)
	key     = bytes.Repeat([]byte{3}, 32)
)

type fixture struct {
	t      *testing.T
	client *dynamodb.Client
	table  string
	db     *dynamo.Store
	clock  *clock.Fixed
	job    boot.Handler[json.RawMessage, invite.RunResult]
	book   *consultdb.Store
	events *workshopdb.Store
	inv    *surveydb.Invitations
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	clk := clock.NewFixed(now)
	env := &boot.Env{DB: client, Clock: clk, Log: slog.New(slog.DiscardHandler)}
	env.Config.TableName, env.Config.OutboxKey, env.Config.PublicBaseURL = table, key, "https://brana.example.cz"
	job, err := surveyinvitations.New(context.Background(), env)
	if err != nil {
		t.Fatal(err)
	}
	db := dynamo.New(client, table)
	inv, err := surveydb.NewInvitations(db, key)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, client: client, table: table, db: db, clock: clk, job: job, book: consultdb.New(db), events: workshopdb.New(db), inv: inv}
	for id, def := range map[string]surveys.Definition{"eval-consult": demo.EvaluationConsultation(), "eval-event": demo.EvaluationEvent()} {
		st := surveydb.New(db)
		sv, _, err := st.Create(context.Background(), surveys.Survey{ID: id, Kind: def.Kind, Audience: def.Audience, Title: def.Title, CreatedAt: now.Add(-48 * time.Hour), CreatedBy: "evaluator-1"}, def)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Publish(context.Background(), id, sv.Rev, 1, now.Add(-48*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func (f *fixture) run() invite.RunResult {
	f.t.Helper()
	res, err := f.job(context.Background(), json.RawMessage(`{}`))
	if err != nil {
		f.t.Fatalf("job: %v", err)
	}
	return res
}

// booking writes a booking of a consultation on day at 9:00, marked with
// status at outcome (nothing for a confirmed one).
func (f *fixture) booking(id string, day cz.Date, status consultations.Status, outcome time.Time) consultations.Booking {
	f.t.Helper()
	start := day.At(9 * 60)
	b := consultations.Booking{
		ID: id, ExpertID: "ex-1", Start: start, End: start.Add(time.Hour), ClaimEnd: start.Add(75 * time.Minute),
		Form: programme.FormPhone, Topic: "community_services", TargetGroup: "provider", Region: "CZ064",
		Contact: consultations.Contact{Name: "Jana Nováková", Email: id + "@example.cz", Phone: "+420777123456"},
		Lang:    i18n.CS, Status: status, OutcomeAt: outcome, Version: 1, CreatedAt: start.Add(-72 * time.Hour), UpdatedAt: start,
	}
	if err := f.book.WriteBooking(context.Background(), consultations.BookingWrite{Booking: b}); err != nil {
		f.t.Fatalf("booking %s: %v", id, err)
	}
	return b
}

// erase erases a booking's personal data, as the staff erasure does.
func (f *fixture) erase(b consultations.Booking) {
	f.t.Helper()
	e := b
	e.Contact, e.ErasedAt, e.Version = consultations.Contact{}, f.clock.Now(), b.Version+1
	if err := f.book.WriteBooking(context.Background(), consultations.BookingWrite{Booking: e, PrevVersion: b.Version}); err != nil {
		f.t.Fatal(err)
	}
}

// event writes an event on day, 9:00–12:00, with its status.
func (f *fixture) event(id string, day cz.Date, status workshops.EventStatus) workshops.Event {
	f.t.Helper()
	start := day.At(9 * 60).UTC()
	e := workshops.Event{
		ID: id, Kind: workshops.KindSeminar, Title: workshops.Text{CS: "Seminář o sdílené péči", EN: "Seminar on shared care"},
		Topics:   []programme.Topic{"community_services"},
		Sessions: []workshops.Session{{Start: start, End: start.Add(3 * time.Hour)}}, Mode: workshops.ModeInPerson,
		Venue: workshops.Venue{Name: "Krajský úřad", Address: "Žerotínovo nám. 3, Brno"}, Region: "CZ064",
		Capacity: workshops.Capacity{InPerson: 50}, RegistrationOpens: start.Add(-30 * 24 * time.Hour), RegistrationCloses: start.Add(-24 * time.Hour),
		Organiser: "MPSV", Owner: "organiser-1", Status: status, Version: 1, CreatedAt: start.Add(-40 * 24 * time.Hour), UpdatedAt: start,
	}
	if err := f.events.PutEvent(context.Background(), e, 0); err != nil {
		f.t.Fatal(err)
	}
	return e
}

// register writes a registration of e, checked in or not, erased or not.
func (f *fixture) register(e workshops.Event, id string, checkedIn, erased bool) {
	f.t.Helper()
	r := workshops.Registration{
		ID: id, EventID: e.ID, Seat: workshops.SeatInPerson, Status: workshops.RegConfirmed,
		Contact: workshops.Contact{Name: "Petr Svoboda", Email: id + "@example.cz"}, TargetGroup: "public_administration",
		Lang: i18n.EN, ConsentAt: e.CreatedAt, ConsentVer: workshops.PrivacyNoticeVersion, EmailHash: "hash-" + id, Queue: "q-" + id,
		Version: 1, CreatedAt: e.CreatedAt, UpdatedAt: e.CreatedAt,
	}
	if checkedIn {
		r.Status, r.CheckedInAt = workshops.RegAttended, e.Start().Add(-10*time.Minute)
	}
	if erased {
		r.Contact, r.ErasedAt = workshops.Contact{}, e.End().Add(time.Hour)
	}
	w := workshops.RegistrationWrite{EventID: e.ID, Seat: r.Seat, SeatDelta: 1, Capacity: 50, Changes: []workshops.Change{{Reg: r, ClaimEmail: true}}}
	if err := f.events.WriteRegistrations(context.Background(), w); err != nil {
		f.t.Fatalf("register %s: %v", id, err)
	}
}

// invitations lists the invitations sent on day by their source.
func (f *fixture) invitations(day cz.Date) map[string]surveys.SentInvitation {
	f.t.Helper()
	list, err := f.inv.SentOn(context.Background(), day)
	if err != nil {
		f.t.Fatal(err)
	}
	out := map[string]surveys.SentInvitation{}
	for _, s := range list {
		out[s.SourceRef] = s
	}
	return out
}

var linkToken = regexp.MustCompile(`https://brana\.example\.cz/surveys/answer(?:\?lang=en)?#([A-Za-z0-9_-]+)`)

// rendered renders a queued e-mail as the sender does and returns it with
// the token of its answer link.
func (f *fixture) rendered(id string) (mailtest.Parsed, string) {
	f.t.Helper()
	it, err := f.db.GetOutbox(context.Background(), id)
	if err != nil {
		f.t.Fatalf("outbox item %s: %v", id, err)
	}
	sealer, _ := outbox.NewSealer(key)
	msg, err := sealer.Open(it)
	if err != nil {
		f.t.Fatal(err)
	}
	raw, err := outboxsender.Templates().Render(msg, mail.Address{Name: "Brána", Email: "brana@mpsv.cz"})
	if err != nil {
		f.t.Fatalf("render %s: %v", id, err)
	}
	p := mailtest.Parse(f.t, raw)
	m := linkToken.FindStringSubmatch(p.Text)
	if m == nil {
		f.t.Fatalf("%s: no answer link in\n%s", id, p.Text)
	}
	return p, m[1]
}

func TestInvitesAfterConsultationsAndEvents(t *testing.T) {
	f := newFixture(t)
	heldAt := tuesday.At(11 * 60)
	f.booking("b-held", tuesday, consultations.StatusHeld, heldAt)
	f.booking("b-noshow", tuesday, consultations.StatusNoShow, heldAt)
	f.booking("b-confirmed", tuesday.AddDays(7), consultations.StatusConfirmed, time.Time{})
	f.erase(f.booking("b-erased", tuesday, consultations.StatusHeld, heldAt))
	f.booking("b-old", tuesday.AddDays(-10), consultations.StatusHeld, tuesday.AddDays(-10).At(11*60))
	// Marked held today (Wednesday) for Tuesday: invited tomorrow.
	f.booking("b-today", tuesday, consultations.StatusHeld, now.Add(-time.Hour))
	e := f.event("ev-held", tuesday, workshops.EventHeld)
	f.register(e, "r-in", true, false)
	f.register(e, "r-absent", false, false)
	f.register(e, "r-erased", true, true)
	gone := f.event("ev-cancelled", tuesday, workshops.EventCancelled)
	f.register(gone, "r-gone", true, false)
	later := f.event("ev-today", tuesday.AddDays(1), workshops.EventPublished)
	f.register(later, "r-today", true, false)

	if res := f.run(); res.Invited != 2 {
		t.Fatalf("invited %d, want 2 (b-held, r-in)", res.Invited)
	}
	sent := f.invitations(tuesday.AddDays(1))
	if len(sent) != 2 {
		t.Fatalf("invitations %v", sent)
	}
	b, ev := sent["b-held"], sent["r-in"]
	if b.Survey != "eval-consult" || b.Context != (surveys.Context{Source: surveys.SourceConsultation, Form: "phone", Topic: "community_services", Region: "CZ064", TargetGroup: "provider"}) {
		t.Errorf("consultation invitation %+v", b.Invitation)
	}
	if ev.Survey != "eval-event" || ev.Context != (surveys.Context{Source: surveys.SourceEvent, Form: "seminar", Topic: "community_services", Region: "CZ064", TargetGroup: "public_administration"}) {
		t.Errorf("event invitation %+v", ev.Invitation)
	}

	// The e-mails render; the link's token is the invitation's.
	p, token := f.rendered(surveydb.InvitationMailID(f.inv.Marker(surveys.AudienceConsultation, "b-held", "eval-consult")))
	if surveys.InvitationTokenHash(token) != b.TokenHash || p.To.Address != "b-held@example.cz" || !strings.Contains(p.Text, "1. 12. 2026") {
		t.Errorf("consultation e-mail to %s, token hash %s:\n%s", p.To.Address, surveys.InvitationTokenHash(token), p.Text)
	}
	p, token = f.rendered(surveydb.InvitationMailID(f.inv.Marker(surveys.AudienceEvent, "r-in", "eval-event")))
	if surveys.InvitationTokenHash(token) != ev.TokenHash || !strings.Contains(p.Text, "Seminar on shared care") || !strings.Contains(p.Subject, "survey") {
		t.Errorf("event e-mail (English): %s\n%s", p.Subject, p.Text)
	}

	// No item of the table holds a token in plain: the invitations are
	// keyed by its hash, the e-mails and the reminder's copy hold it sealed.
	for _, inv := range sent {
		f.noPlain(inv.Token)
	}

	// The next day: the consultation marked held on Wednesday and
	// Wednesday's event.
	f.clock.Set(tuesday.AddDays(2).At(10 * 60))
	if res := f.run(); res.Invited != 2 {
		t.Errorf("Thursday: invited %d, want 2 (b-today, r-today)", res.Invited)
	}
	if got := f.invitations(tuesday.AddDays(2)); len(got) != 2 || got["b-today"].Survey == "" || got["r-today"].Survey == "" {
		t.Errorf("Thursday's invitations %v", got)
	}

	// A week after Wednesday: the booking erased meanwhile gets no
	// reminder; the participant gets one, once.
	f.erase(mustBooking(t, f, "b-held"))
	f.clock.Set(tuesday.AddDays(8).At(10 * 60))
	if res := f.run(); res.Reminded != 1 {
		t.Fatalf("reminded %d, want 1 (r-in; b-held was erased)", res.Reminded)
	}
	if res := f.run(); res.Reminded != 0 {
		t.Errorf("a re-run reminded %d", res.Reminded)
	}
	p, token = f.rendered(f.inv.ReminderMailID(ev.TokenHash))
	if token != ev.Token || !strings.Contains(p.Text, "only reminder") {
		t.Errorf("reminder:\n%s", p.Text)
	}
	if _, err := f.db.GetOutbox(context.Background(), f.inv.ReminderMailID(b.TokenHash)); err == nil {
		t.Error("the erased booking got a reminder")
	}
}

func mustBooking(t *testing.T, f *fixture, id string) consultations.Booking {
	t.Helper()
	b, err := f.book.GetBooking(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// noPlain scans the whole (test) table for s in any string, binary, list
// or map attribute.
func (f *fixture) noPlain(s string) {
	f.t.Helper()
	var walk func(name string, v types.AttributeValue)
	walk = func(name string, v types.AttributeValue) {
		switch v := v.(type) {
		case *types.AttributeValueMemberS:
			if strings.Contains(v.Value, s) {
				f.t.Errorf("attribute %s holds a token in plain", name)
			}
		case *types.AttributeValueMemberB:
			if bytes.Contains(v.Value, []byte(s)) {
				f.t.Errorf("attribute %s holds a token in plain", name)
			}
		case *types.AttributeValueMemberM:
			for k, x := range v.Value {
				walk(name+"."+k, x)
			}
		case *types.AttributeValueMemberL:
			for _, x := range v.Value {
				walk(name, x)
			}
		}
	}
	items := 0
	p := dynamodb.NewScanPaginator(f.client, &dynamodb.ScanInput{TableName: aws.String(f.table)})
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			f.t.Fatal(err)
		}
		for _, it := range out.Items {
			items++
			for k, v := range it {
				walk(k, v)
			}
		}
	}
	if items < 10 {
		f.t.Fatalf("scanned %d items: the test scans the wrong table", items)
	}
}
