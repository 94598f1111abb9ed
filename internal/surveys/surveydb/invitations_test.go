package surveydb_test

import (
	"bytes"
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

// invNow is Tuesday 1 December 2026, 10:00 Prague.
var (
	invNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	invKey = bytes.Repeat([]byte{7}, 32)
)

type invFixture struct {
	t      *testing.T
	client *dynamodb.Client
	table  string
	db     *dynamo.Store
	inv    *surveydb.Invitations
	sealer *outbox.Sealer
}

func newInvFixture(t *testing.T) *invFixture {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	db := dynamo.New(client, table)
	inv, err := surveydb.NewInvitations(db, invKey)
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := outbox.NewSealer(invKey)
	if err != nil {
		t.Fatal(err)
	}
	return &invFixture{t: t, client: client, table: table, db: db, inv: inv, sealer: sealer}
}

// create invites source to survey with a fresh token; it returns the token
// and the transaction's error.
func (f *invFixture) create(survey, source string) (string, error) {
	f.t.Helper()
	token := surveys.NewInvitationToken()
	marker := f.inv.Marker(surveys.AudienceConsultation, source, survey)
	msg := mail.Message{
		ID: surveydb.InvitationMailID(marker), Template: "surveys.invitation", Lang: "cs",
		To: mail.Address{Email: source + "@example.cz"}, Data: []byte(`{}`), Secret: "https://x/surveys/answer#" + token,
	}
	err := f.inv.CreateInvitation(context.Background(), surveydb.NewInvitation{
		Invitation: surveys.Invitation{
			TokenHash: surveys.InvitationTokenHash(token), Survey: survey,
			Context:   surveys.Context{Source: surveys.SourceConsultation, Form: "phone", Topic: "community_services", Region: "CZ064", TargetGroup: "provider"},
			SourceRef: source, SentAt: invNow, ExpiresAt: invNow.Add(surveys.InvitationValidity),
		},
		Token: token, Marker: marker, Mail: f.sealer.NewItem(msg, "survey:"+survey, invNow),
	})
	return token, err
}

func (f *invFixture) mustCreate(survey, source string) string {
	f.t.Helper()
	token, err := f.create(survey, source)
	if err != nil {
		f.t.Fatalf("create invitation: %v", err)
	}
	return token
}

func (f *invFixture) raw(pk, sk string) map[string]types.AttributeValue {
	f.t.Helper()
	out, err := f.client.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(f.table), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{"PK": dynamo.S(pk), "SK": dynamo.S(sk)},
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out.Item
}

func (f *invFixture) counter(survey, attr string) int {
	f.t.Helper()
	n, ok := f.raw("SURVEY#"+survey, "SURVEY")[attr].(*types.AttributeValueMemberN)
	if !ok {
		return 0
	}
	v, _ := strconv.Atoi(n.Value)
	return v
}

// answer runs the response transaction's invitation part.
func (f *invFixture) answer(token, survey string, now time.Time) error {
	f.t.Helper()
	h := surveys.InvitationTokenHash(token)
	use, err := f.inv.UseInvitationTx(h, survey, now)
	if err != nil {
		f.t.Fatal(err)
	}
	err = f.db.Transact(context.Background(), "answer", []dynamo.TxItem{use, f.inv.AnsweredCounterTx(survey)})
	return f.inv.Explain(context.Background(), err, h, survey, now)
}

func reasonOf(err error) string {
	if err == nil {
		return "ok"
	}
	if e, ok := apperr.As(err); ok {
		return e.Code.String() + "/" + e.Reason
	}
	return err.Error()
}

func TestCreateInvitationOnce(t *testing.T) {
	f := newInvFixture(t)
	token := f.mustCreate("sv-1", "b-1")
	h := surveys.InvitationTokenHash(token)
	if h == token || len(h) != 64 {
		t.Fatalf("hash %q of token %q", h, token)
	}
	inv, err := f.inv.GetInvitation(context.Background(), h)
	if err != nil {
		t.Fatal(err)
	}
	if inv.State != surveys.InvitationOpen || inv.Survey != "sv-1" || inv.SourceRef != "b-1" || inv.Context.Form != "phone" ||
		!inv.SentAt.Equal(invNow) || !inv.ExpiresAt.Equal(invNow.Add(30*24*time.Hour)) || inv.TokenHash != h {
		t.Errorf("read back %+v", inv)
	}
	raw := f.raw("INVITATION#"+h, "INVITATION")
	for name, v := range raw {
		if s, ok := v.(*types.AttributeValueMemberS); ok && s.Value == token {
			t.Errorf("attribute %s holds the token in plain", name)
		}
		if b, ok := v.(*types.AttributeValueMemberB); ok && bytes.Contains(b.Value, []byte(token)) {
			t.Errorf("attribute %s holds the token in plain", name)
		}
	}
	if got := raw["GSI2PK"].(*types.AttributeValueMemberS).Value; got != "INVITATIONS#2026-12-01" {
		t.Errorf("GSI2PK %s", got)
	}

	// A re-run for the same booking and survey: refused by the marker,
	// nothing of it written.
	token2, err := f.create("sv-1", "b-1")
	if reasonOf(err) != "conflict/already_invited" {
		t.Fatalf("second invitation: %s, want conflict/already_invited", reasonOf(err))
	}
	if _, err := f.inv.GetInvitation(context.Background(), surveys.InvitationTokenHash(token2)); !apperr.Is(err, apperr.NotFound, surveys.ReasonInvitationNotFound) {
		t.Errorf("the refused invitation was stored: %v", err)
	}
	if n := f.counter("sv-1", surveydb.AttrInvitationsSent); n != 1 {
		t.Errorf("sent counter %d, want 1", n)
	}
	marker := f.inv.Marker(surveys.AudienceConsultation, "b-1", "sv-1")
	if ok, err := f.inv.Invited(context.Background(), marker); err != nil || !ok {
		t.Errorf("Invited: %v %v", ok, err)
	}
	if _, err := f.db.GetOutbox(context.Background(), surveydb.InvitationMailID(marker)); err != nil {
		t.Errorf("no invitation e-mail: %v", err)
	}
	// Another survey or another booking is another invitation.
	f.mustCreate("sv-2", "b-1")
	f.mustCreate("sv-1", "b-2")
	if n := f.counter("sv-1", surveydb.AttrInvitationsSent); n != 2 {
		t.Errorf("sent counter %d, want 2", n)
	}
}

func TestUseInvitationOnce(t *testing.T) {
	f := newInvFixture(t)
	token := f.mustCreate("sv-1", "b-1")
	h := surveys.InvitationTokenHash(token)
	if got := reasonOf(f.answer(token, "sv-2", invNow)); got != "conflict/invitation_wrong_survey" {
		t.Errorf("answer to another survey: %s", got)
	}
	if got := reasonOf(f.answer(token, "sv-1", invNow.Add(time.Hour))); got != "ok" {
		t.Fatalf("answer: %s", got)
	}
	if got := reasonOf(f.answer(token, "sv-1", invNow.Add(2*time.Hour))); got != "conflict/invitation_answered" {
		t.Errorf("second answer: %s, want conflict/invitation_answered", got)
	}
	raw := f.raw("INVITATION#"+h, "INVITATION")
	for _, gone := range []string{"sourceRef", "sealedToken", "form", "topic", "region", "targetGroup", "sentAt", "GSI2PK"} {
		if _, ok := raw[gone]; ok {
			t.Errorf("answered invitation keeps %s", gone)
		}
	}
	if n := f.counter("sv-1", surveydb.AttrInvitationsAnswered); n != 1 {
		t.Errorf("answered counter %d", n)
	}
	// The TTL tells the month of the answer only: 1 March 2027 for an
	// answer in December 2026.
	if ttl := raw["expiresAt"].(*types.AttributeValueMemberN).Value; ttl != strconv.FormatInt(time.Date(2027, 3, 1, 0, 0, 0, 0, cz.Prague).Unix(), 10) {
		t.Errorf("answered invitation's TTL %s, want the first of the third month after", ttl)
	}
	if _, err := f.inv.OptOut(context.Background(), h, invNow); reasonOf(err) != "conflict/invitation_answered" {
		t.Errorf("opt-out after answer: %s", reasonOf(err))
	}
	if got := reasonOf(f.answer(surveys.NewInvitationToken(), "sv-1", invNow)); got != "not_found/invitation_not_found" {
		t.Errorf("unknown token: %s", got)
	}
}

func TestExpiredInvitation(t *testing.T) {
	f := newInvFixture(t)
	token := f.mustCreate("sv-1", "b-1")
	late := invNow.Add(surveys.InvitationValidity)
	if got := reasonOf(f.answer(token, "sv-1", late)); got != "conflict/invitation_expired" {
		t.Errorf("answer at expiry: %s", got)
	}
	if _, err := f.inv.OptOut(context.Background(), surveys.InvitationTokenHash(token), late); reasonOf(err) != "conflict/invitation_expired" {
		t.Errorf("opt-out at expiry: %s", reasonOf(err))
	}
	if got := reasonOf(f.answer(token, "sv-1", late.Add(-time.Second))); got != "ok" {
		t.Errorf("answer a second before expiry: %s", got)
	}
}

func TestOptOut(t *testing.T) {
	f := newInvFixture(t)
	token := f.mustCreate("sv-1", "b-1")
	h := surveys.InvitationTokenHash(token)
	inv, err := f.inv.OptOut(context.Background(), h, invNow)
	if err != nil || inv.Survey != "sv-1" {
		t.Fatalf("opt out: %+v %v", inv, err)
	}
	if _, err := f.inv.OptOut(context.Background(), h, invNow); reasonOf(err) != "conflict/invitation_opted_out" {
		t.Errorf("second opt-out: %s", reasonOf(err))
	}
	if got := reasonOf(f.answer(token, "sv-1", invNow)); got != "conflict/invitation_opted_out" {
		t.Errorf("answer after opt-out: %s", got)
	}
	if _, ok := f.raw("INVITATION#"+h, "INVITATION")["sourceRef"]; ok {
		t.Error("declined invitation keeps its source")
	}
	if n := f.counter("sv-1", surveydb.AttrInvitationsOptedOut); n != 1 {
		t.Errorf("opted-out counter %d", n)
	}
	if got, _ := f.inv.SentOn(context.Background(), cz.DateOf(invNow)); len(got) != 0 {
		t.Errorf("a declined invitation is still listed as sent: %+v", got)
	}
}

func TestRemindOnce(t *testing.T) {
	f := newInvFixture(t)
	open := f.mustCreate("sv-1", "b-open")
	answered := f.mustCreate("sv-1", "b-answered")
	if err := f.answer(answered, "sv-1", invNow); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if got, _ := f.inv.SentOn(ctx, cz.DateOf(invNow).AddDays(1)); len(got) != 0 {
		t.Errorf("listed on another day: %d", len(got))
	}
	sent, err := f.inv.SentOn(ctx, cz.DateOf(invNow))
	if err != nil {
		t.Fatal(err)
	}
	if len(sent) != 1 || sent[0].Token != open || sent[0].SourceRef != "b-open" || sent[0].Reminded {
		t.Fatalf("sent on the day: %+v", sent)
	}
	at := invNow.Add(surveys.ReminderAfter)
	remind := func(s surveydb.Sent) error {
		msg := mail.Message{ID: f.inv.ReminderMailID(s.TokenHash), Template: "surveys.reminder", Lang: "cs",
			To: mail.Address{Email: "x@example.cz"}, Data: []byte(`{}`), Secret: s.Token}
		return f.inv.MarkReminded(ctx, s.Invitation, at, f.sealer.NewItem(msg, "survey:sv-1", at))
	}
	if err := remind(sent[0]); err != nil {
		t.Fatalf("remind: %v", err)
	}
	if err := remind(sent[0]); reasonOf(err) != "conflict/invitation_reminded" {
		t.Errorf("second reminder: %s", reasonOf(err))
	}
	again, _ := f.inv.SentOn(ctx, cz.DateOf(invNow))
	if len(again) != 1 || !again[0].Reminded || again[0].Token != "" || again[0].SourceRef != "" {
		t.Errorf("after the reminder: %+v", again)
	}
	if n := f.counter("sv-1", surveydb.AttrInvitationsReminded); n != 1 {
		t.Errorf("reminded counter %d", n)
	}
	// Still answerable once after the reminder.
	if got := reasonOf(f.answer(open, "sv-1", at)); got != "ok" {
		t.Errorf("answer after reminder: %s", got)
	}
	// A reminder raced by an answer or an opt-out is refused.
	late := f.mustCreate("sv-1", "b-race")
	list, _ := f.inv.SentOn(ctx, cz.DateOf(invNow))
	var s surveydb.Sent
	for _, x := range list {
		if x.Token == late {
			s = x
		}
	}
	if _, err := f.inv.OptOut(ctx, s.TokenHash, invNow); err != nil {
		t.Fatal(err)
	}
	if err := remind(s); reasonOf(err) != "conflict/invitation_reminded" {
		t.Errorf("reminder after opt-out: %s", reasonOf(err))
	}
	if f.hasOutbox(f.inv.ReminderMailID(s.TokenHash)) {
		t.Error("a refused reminder's e-mail was queued")
	}
}

func (f *invFixture) hasOutbox(id string) bool {
	_, err := f.db.GetOutbox(context.Background(), id)
	return err == nil
}

// TestConcurrentUse: 20 concurrent answers with one token; exactly one
// wins, the others are told it was answered.
func TestConcurrentUse(t *testing.T) {
	f := newInvFixture(t)
	token := f.mustCreate("sv-1", "b-1")
	const n = 20
	var wg sync.WaitGroup
	results := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = reasonOf(f.answer(token, "sv-1", invNow))
		}()
	}
	wg.Wait()
	count := map[string]int{}
	for _, r := range results {
		count[r]++
	}
	if count["ok"] != 1 || count["conflict/invitation_answered"]+count["unavailable/busy"] != n-1 {
		t.Errorf("outcomes %v", count)
	}
	if got := f.counter("sv-1", surveydb.AttrInvitationsAnswered); got != 1 {
		t.Errorf("answered counter %d", got)
	}
}

// TestAnsweredCounterIf: the answer's transaction may check the survey and
// count on its item at once; a closed survey refuses the answer and leaves
// the invitation open.
func TestAnsweredCounterIf(t *testing.T) {
	f := newInvFixture(t)
	ctx := context.Background()
	put := func(status string) {
		_, err := f.client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(f.table), Item: map[string]types.AttributeValue{
			"PK": dynamo.S("SURVEY#sv-1"), "SK": dynamo.S("SURVEY"), "status": dynamo.S(status),
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	open := dynamo.Condition{Expr: "#st = :open", Names: map[string]string{"#st": "status"}, Values: map[string]types.AttributeValue{":open": dynamo.S("open")}}
	answer := func(token string) error {
		h := surveys.InvitationTokenHash(token)
		use, err := f.inv.UseInvitationTx(h, "sv-1", invNow)
		if err != nil {
			t.Fatal(err)
		}
		return f.db.Transact(ctx, "answer", []dynamo.TxItem{use, f.inv.AnsweredCounterIfTx("sv-1", open, "survey_closed")})
	}
	put("closed")
	token := f.mustCreate("sv-1", "b-1") // the sent counter adds to the item, keeps its status
	if err := answer(token); reasonOf(err) != "conflict/survey_closed" {
		t.Errorf("answer to a closed survey: %s", reasonOf(err))
	}
	if inv, _ := f.inv.GetInvitation(ctx, surveys.InvitationTokenHash(token)); inv.State != surveys.InvitationOpen {
		t.Errorf("refused answer changed the invitation: %s", inv.State)
	}
	put("open")
	if err := answer(token); err != nil {
		t.Fatalf("answer: %v", err)
	}
	if n := f.counter("sv-1", surveydb.AttrInvitationsAnswered); n != 1 {
		t.Errorf("answered %d", n)
	}
}

// TestNoReminderOnceExpired: the reminder's condition refuses an expired
// invitation, whatever the job read.
func TestNoReminderOnceExpired(t *testing.T) {
	f := newInvFixture(t)
	f.mustCreate("sv-1", "b-1")
	ctx := context.Background()
	sent, err := f.inv.SentOn(ctx, cz.DateOf(invNow))
	if err != nil || len(sent) != 1 {
		t.Fatalf("sent %v, %v", sent, err)
	}
	at := invNow.Add(surveys.InvitationValidity)
	msg := mail.Message{ID: f.inv.ReminderMailID(sent[0].TokenHash), Template: "surveys.reminder", Lang: "cs",
		To: mail.Address{Email: "x@example.cz"}, Data: []byte(`{}`), Secret: sent[0].Token}
	if err := f.inv.MarkReminded(ctx, sent[0].Invitation, at, f.sealer.NewItem(msg, "survey:sv-1", at)); reasonOf(err) != "conflict/invitation_reminded" {
		t.Errorf("reminder at expiry: %s", reasonOf(err))
	}
	if f.hasOutbox(msg.ID) || f.counter("sv-1", surveydb.AttrInvitationsReminded) != 0 {
		t.Error("an expired invitation's reminder was queued or counted")
	}
}
