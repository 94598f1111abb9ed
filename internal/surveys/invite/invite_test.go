package invite_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/invite"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

// Tuesday 1 December 2026 in Prague.
var (
	tuesday = cz.Date{Year: 2026, Month: 12, Day: 1}
	key     = bytes.Repeat([]byte{5}, 32)
)

// people is a fake attendance: consultations held and check-ins, with the
// time each was recorded, and the erased ones.
type people struct {
	mu     sync.Mutex
	held   map[string]time.Time // booking id → outcome time
	events map[string]time.Time // registration id → the event's end
	erased map[string]bool
}

func newPeople() *people {
	return &people{held: map[string]time.Time{}, events: map[string]time.Time{}, erased: map[string]bool{}}
}

func (p *people) attendee(a surveys.Audience, id string, at time.Time) invite.Attendee {
	src := surveys.SourceConsultation
	if a == surveys.AudienceEvent {
		src = surveys.SourceEvent
	}
	return invite.Attendee{
		Audience: a, SourceID: id, Day: at, EventTitle: surveys.Text{Cs: "Seminář"},
		Context: surveys.Context{Source: src, Form: "phone", Topic: "community_services", Region: "CZ064", TargetGroup: "provider"},
		To:      mail.Address{Email: id + "@example.cz"}, Lang: "cs",
	}
}

func (p *people) list(m map[string]time.Time, a surveys.Audience, from, to time.Time) []invite.Attendee {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []invite.Attendee
	for id, at := range m {
		if !p.erased[id] && !at.Before(from) && at.Before(to) {
			out = append(out, p.attendee(a, id, at))
		}
	}
	return out
}

func (p *people) Held(_ context.Context, from, to time.Time) ([]invite.Attendee, error) {
	return p.list(p.held, surveys.AudienceConsultation, from, to), nil
}

func (p *people) Attended(_ context.Context, from, to time.Time) ([]invite.Attendee, error) {
	return p.list(p.events, surveys.AudienceEvent, from, to), nil
}

func (p *people) Again(_ context.Context, src surveys.Source, ref string) (invite.Attendee, bool, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.erased[ref] {
		return invite.Attendee{}, false, nil
	}
	if at, ok := p.held[ref]; ok && src == surveys.SourceConsultation {
		return p.attendee(surveys.AudienceConsultation, ref, at), true, nil
	}
	if at, ok := p.events[ref]; ok && src == surveys.SourceEvent {
		return p.attendee(surveys.AudienceEvent, ref, at), true, nil
	}
	return invite.Attendee{}, false, nil
}

type invFixture struct {
	t      *testing.T
	db     *dynamo.Store
	store  *surveydb.Store
	inv    *surveydb.Invitations
	clock  *clock.Fixed
	people *people
	job    *invite.Inviter
	sealer *outbox.Sealer
}

func newInvFixture(t *testing.T, now time.Time) *invFixture {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	db := dynamo.New(client, table)
	inv, err := surveydb.NewInvitations(db, key)
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := outbox.NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	f := &invFixture{t: t, db: db, store: surveydb.New(db), inv: inv, clock: clock.NewFixed(now), people: newPeople(), sealer: sealer}
	f.job = &invite.Inviter{
		Surveys: surveydb.InvitationSurveys{Store: f.store}, Invitations: inv, Attendance: f.people,
		Sealer: sealer, Clock: f.clock, BaseURL: "https://brana.example.cz",
	}
	return f
}

// survey creates and publishes an evaluation survey.
func (f *invFixture) survey(id string, def surveys.Definition) surveys.Survey {
	f.t.Helper()
	ctx := context.Background()
	sv, _, err := f.store.Create(ctx, surveys.Survey{ID: id, Kind: def.Kind, Audience: def.Audience, Title: def.Title, CreatedAt: f.clock.Now(), CreatedBy: "evaluator-1"}, def)
	if err != nil {
		f.t.Fatal(err)
	}
	sv, err = f.store.Publish(ctx, id, sv.Rev, 1, f.clock.Now())
	if err != nil {
		f.t.Fatal(err)
	}
	return sv
}

func (f *invFixture) run() invite.RunResult {
	f.t.Helper()
	res, err := f.job.Run(context.Background())
	if err != nil {
		f.t.Fatalf("run: %v", err)
	}
	return res
}

// at sets the clock to day at hh:mm Prague.
func (f *invFixture) at(day cz.Date, hh, mm int) { f.clock.Set(day.At(hh*60 + mm)) }

// sent lists the invitations sent on day.
func (f *invFixture) sent(day cz.Date) []surveys.SentInvitation {
	f.t.Helper()
	list, err := f.inv.SentOn(context.Background(), day)
	if err != nil {
		f.t.Fatal(err)
	}
	return list
}

// invitationOf is the invitation of a source, found among those sent on day.
func (f *invFixture) invitationOf(day cz.Date, ref string) (surveys.SentInvitation, bool) {
	for _, s := range f.sent(day) {
		if s.SourceRef == ref {
			return s, true
		}
	}
	return surveys.SentInvitation{}, false
}

func (f *invFixture) counts(id string) surveys.InvitationCounts {
	f.t.Helper()
	sv, err := f.store.Get(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return sv.Invitations
}

// answer marks an invitation answered, as the response transaction does.
func (f *invFixture) answer(token, survey string) {
	f.t.Helper()
	h := surveys.InvitationTokenHash(token)
	use, err := f.inv.UseInvitationTx(h, survey, f.clock.Now())
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.db.Transact(context.Background(), "answer", []dynamo.TxItem{use, f.inv.AnsweredCounterTx(survey)}); err != nil {
		f.t.Fatalf("answer: %v", err)
	}
}

func TestInvitesTheDayAfterAt10Once(t *testing.T) {
	f := newInvFixture(t, tuesday.At(9*60))
	sv := f.survey("eval-consult", demo.EvaluationConsultation())
	// Held on Tuesday at 14:00.
	f.people.held["b-1"] = tuesday.At(14 * 60)

	// The same day, at any hour: not yet.
	f.at(tuesday, 23, 59)
	if res := f.run(); res.Invited != 0 {
		t.Fatalf("invited %d on the day itself", res.Invited)
	}
	// The next day before 10:00: not yet.
	wednesday := tuesday.AddDays(1)
	f.at(wednesday, 9, 59)
	if res := f.run(); res.Invited != 0 {
		t.Fatalf("invited %d before 10:00", res.Invited)
	}
	// At 10:00: invited, once, however often the job runs.
	f.at(wednesday, 10, 0)
	if res := f.run(); res.Invited != 1 {
		t.Fatalf("invited %d at 10:00, want 1", res.Invited)
	}
	for range 2 {
		f.clock.Advance(time.Hour)
		if res := f.run(); res.Invited != 0 {
			t.Errorf("a re-run invited %d", res.Invited)
		}
	}
	f.at(wednesday.AddDays(1), 10, 0)
	if res := f.run(); res.Invited != 0 {
		t.Errorf("the next day's run invited %d", res.Invited)
	}
	inv, ok := f.invitationOf(wednesday, "b-1")
	if !ok {
		t.Fatal("no invitation sent on Wednesday")
	}
	if inv.Survey != sv.ID || inv.Context.Source != surveys.SourceConsultation || inv.Context.Form != "phone" ||
		!inv.ExpiresAt.Equal(wednesday.At(10*60).Add(surveys.InvitationValidity)) {
		t.Errorf("invitation %+v", inv.Invitation)
	}
	if len(inv.Token)*6 < 128 || inv.TokenHash == inv.Token || inv.TokenHash != surveys.InvitationTokenHash(inv.Token) {
		t.Errorf("token %q (%d bits), hash %q", inv.Token, len(inv.Token)*6, inv.TokenHash)
	}
	if c := f.counts(sv.ID); c.Sent != 1 {
		t.Errorf("counters %+v", c)
	}

	// The e-mail: the link holds the token; the stored item only sealed.
	marker := f.inv.Marker(surveys.AudienceConsultation, "b-1", sv.ID)
	it, err := f.db.GetOutbox(context.Background(), surveydb.InvitationMailID(marker))
	if err != nil {
		t.Fatal(err)
	}
	if it.Message.To.Email != "b-1@example.cz" || it.Message.Template != "surveys.invitation" || len(it.Sealed) == 0 ||
		strings.Contains(string(it.Message.Data), inv.Token) {
		t.Errorf("outbox item %+v", it.Message)
	}
	msg, err := f.sealer.Open(it)
	if err != nil || msg.Secret != inv.Token {
		t.Errorf("sealed secret %q, %v; want the token", msg.Secret, err)
	}
}

func TestCatchUpWindow(t *testing.T) {
	f := newInvFixture(t, tuesday.At(10*60))
	f.survey("eval-consult", demo.EvaluationConsultation())
	f.people.held["b-week"] = tuesday.AddDays(-7).At(12 * 60)   // within 7 days
	f.people.held["b-old"] = tuesday.AddDays(-8).At(23*60 + 59) // older
	if res := f.run(); res.Invited != 1 {
		t.Fatalf("invited %d, want 1", res.Invited)
	}
	if _, ok := f.invitationOf(tuesday, "b-week"); !ok {
		t.Error("the consultation of a week ago was not caught up")
	}
}

func TestNobodyInvitedWithoutAnOpenSurvey(t *testing.T) {
	f := newInvFixture(t, tuesday.At(10*60))
	f.people.held["b-1"] = tuesday.AddDays(-1).At(12 * 60)
	f.people.events["r-1"] = tuesday.AddDays(-1).At(12 * 60)
	// An awareness survey and an evaluation survey of the other audience
	// are no survey for consultations.
	f.survey("aware", demo.Awareness())
	f.survey("eval-event", demo.EvaluationEvent())
	if res := f.run(); res.Invited != 1 {
		t.Fatalf("invited %d, want the event's participant only", res.Invited)
	}
	if _, ok := f.invitationOf(tuesday, "b-1"); ok {
		t.Error("a consultation was invited to an event survey")
	}
	// Closing the event survey: nobody more (a new check-in is not invited).
	sv, _ := f.store.Get(context.Background(), "eval-event")
	if _, err := f.store.Close(context.Background(), "eval-event", sv.Rev, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	f.people.events["r-2"] = tuesday.AddDays(-1).At(13 * 60)
	if res := f.run(); res.Invited != 0 {
		t.Errorf("invited %d to a closed survey", res.Invited)
	}
}

func TestEventParticipantsInvited(t *testing.T) {
	f := newInvFixture(t, tuesday.At(10*60))
	sv := f.survey("eval-event", demo.EvaluationEvent())
	f.people.events["r-1"] = tuesday.AddDays(-1).At(17 * 60)
	f.people.events["r-erased"] = tuesday.AddDays(-1).At(17 * 60)
	f.people.erased["r-erased"] = true
	if res := f.run(); res.Invited != 1 {
		t.Fatalf("invited %d, want 1", res.Invited)
	}
	inv, ok := f.invitationOf(tuesday, "r-1")
	if !ok || inv.Survey != sv.ID || inv.Context.Source != surveys.SourceEvent {
		t.Errorf("invitation %+v", inv)
	}
}

// TestReminders: one reminder exactly 7 Prague days after the invitation,
// never twice, none after an answer or an opt-out, none to an erased
// booking, none once expired.
func TestReminders(t *testing.T) {
	f := newInvFixture(t, tuesday.At(10*60))
	sv := f.survey("eval-consult", demo.EvaluationConsultation())
	monday := tuesday.AddDays(-1)
	for _, id := range []string{"b-open", "b-answered", "b-optout", "b-erased"} {
		f.people.held[id] = monday.At(12 * 60)
	}
	if res := f.run(); res.Invited != 4 {
		t.Fatalf("invited %d, want 4", res.Invited)
	}
	tok := map[string]string{}
	for _, s := range f.sent(tuesday) {
		tok[s.SourceRef] = s.Token
	}
	f.at(tuesday.AddDays(2), 11, 0)
	f.answer(tok["b-answered"], sv.ID)
	if _, err := f.inv.OptOut(context.Background(), surveys.InvitationTokenHash(tok["b-optout"]), f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	f.people.erased["b-erased"] = true

	// Six days later: nothing.
	for day := 1; day <= 6; day++ {
		f.at(tuesday.AddDays(day), 10, 0)
		if res := f.run(); res.Reminded != 0 {
			t.Fatalf("day %d: reminded %d", day, res.Reminded)
		}
	}
	// Seven days later: the open one only, once.
	f.at(tuesday.AddDays(7), 10, 0)
	if res := f.run(); res.Reminded != 1 {
		t.Fatalf("reminded %d after 7 days, want 1", res.Reminded)
	}
	f.at(tuesday.AddDays(7), 15, 0)
	if res := f.run(); res.Reminded != 0 {
		t.Errorf("a re-run reminded %d", res.Reminded)
	}
	for day := 8; day <= 31; day++ {
		f.at(tuesday.AddDays(day), 10, 0)
		if res := f.run(); res.Reminded != 0 || res.Invited != 0 {
			t.Fatalf("day %d: %+v", day, res)
		}
	}
	h := surveys.InvitationTokenHash(tok["b-open"])
	it, err := f.db.GetOutbox(context.Background(), f.inv.ReminderMailID(h))
	if err != nil {
		t.Fatalf("no reminder e-mail: %v", err)
	}
	if msg, err := f.sealer.Open(it); err != nil || msg.Secret != tok["b-open"] || msg.To.Email != "b-open@example.cz" || msg.Template != "surveys.reminder" {
		t.Errorf("reminder %+v, %v", msg, err)
	}
	for _, id := range []string{"b-answered", "b-optout", "b-erased"} {
		if _, err := f.db.GetOutbox(context.Background(), f.inv.ReminderMailID(surveys.InvitationTokenHash(tok[id]))); err == nil {
			t.Errorf("%s got a reminder", id)
		}
	}
	if c := f.counts(sv.ID); c != (surveys.InvitationCounts{Sent: 4, Reminded: 1, Answered: 1, OptedOut: 1}) {
		t.Errorf("counters %+v", c)
	}
}

// TestNoReminderOnceExpiredOrClosed: an invitation past its expiry, or to
// a survey closed since, gets no reminder.
func TestNoReminderOnceClosed(t *testing.T) {
	f := newInvFixture(t, tuesday.At(10*60))
	sv := f.survey("eval-consult", demo.EvaluationConsultation())
	f.people.held["b-1"] = tuesday.AddDays(-1).At(12 * 60)
	if res := f.run(); res.Invited != 1 {
		t.Fatal("not invited")
	}
	cur, _ := f.store.Get(context.Background(), sv.ID)
	if _, err := f.store.Close(context.Background(), sv.ID, cur.Rev, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	f.at(tuesday.AddDays(7), 10, 0)
	if res := f.run(); res.Reminded != 0 {
		t.Errorf("reminded %d to a closed survey", res.Reminded)
	}
}

// TestConcurrentRunsInviteOnce: overlapping runs (a retry, a manual
// invoke) invite each person once.
func TestConcurrentRunsInviteOnce(t *testing.T) {
	f := newInvFixture(t, tuesday.At(10*60))
	sv := f.survey("eval-consult", demo.EvaluationConsultation())
	for _, id := range []string{"b-1", "b-2", "b-3", "b-4", "b-5", "b-6"} {
		f.people.held[id] = tuesday.AddDays(-1).At(12 * 60)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := f.job.Run(context.Background())
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total += res.Invited
			mu.Unlock()
		}()
	}
	wg.Wait()
	if total != 6 || len(f.sent(tuesday)) != 6 || f.counts(sv.ID).Sent != 6 {
		t.Errorf("invited %d in all, %d stored, counter %d; want 6", total, len(f.sent(tuesday)), f.counts(sv.ID).Sent)
	}
}

// TestSameDay: the local stack's knob invites at the next run after the
// consultation is marked held, at any hour.
func TestSameDay(t *testing.T) {
	f := newInvFixture(t, tuesday.At(8*60))
	f.survey("eval-consult", demo.EvaluationConsultation())
	f.job.SameDay = true
	f.people.held["b-1"] = tuesday.At(7 * 60)
	if res := f.run(); res.Invited != 1 {
		t.Fatalf("invited %d with SameDay, want 1", res.Invited)
	}
}
