package surveyapi_test

import (
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveyapi"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

// evaluationBody answers the demo evaluation of consultations, version 1.
func evaluationBody() map[string]any {
	return map[string]any{
		"version": 1,
		"answers": map[string]any{"q1_satisfaction": 4, "q2_expertise": 5, "q3_nps": 9, "q4_again": 1, "q6_comment": "Velmi užitečné."},
	}
}

// TestInvitationLifecycle: an open invitation shows its survey; answered,
// it takes no second answer and says so; the response keeps the
// invitation's facts and the month.
func TestInvitationLifecycle(t *testing.T) {
	f := newFixture(t, apptest.Options{})
	token := f.invite("01kbw6m3ar2z7e4r9x0v5t8qjd")

	view := apptest.Body[surveyapi.InvitationView](t, f.invoke(getInvitation(token)))
	if view.State != surveyapi.StateOpen || view.Survey == nil || view.Survey.Version != 1 || view.Survey.Kind != surveys.KindEvaluation || view.Message == "" || view.ExpiresAt == "" {
		t.Fatalf("open invitation: got %+v", view)
	}
	// English too.
	en := f.invoke(request("GET /v1/survey-invitation", "/v1/survey-invitation", nil, map[string]string{"Invitation-Token": token, "Accept-Language": "en"}, ""))
	if v := apptest.Body[surveyapi.InvitationView](t, en); !strings.Contains(v.Message, "anonymous") {
		t.Fatalf("English message: %q", v.Message)
	}

	want(t, f.invoke(submitInvited(token, evaluationBody())), http.StatusOK, "")
	want(t, f.invoke(submitInvited(token, evaluationBody())), http.StatusConflict, "invitation_answered")
	want(t, f.invoke(optOut(token)), http.StatusConflict, "invitation_answered")
	view = apptest.Body[surveyapi.InvitationView](t, f.invoke(getInvitation(token)))
	if view.State != surveyapi.StateAnswered || view.Survey != nil || !strings.Contains(view.Message, "vyplnili") {
		t.Fatalf("answered invitation: got %+v", view)
	}
	rs := f.responses(evaluationID, "2026-11")
	if len(rs) != 1 {
		t.Fatalf("stored %d responses, want 1", len(rs))
	}
	wantCtx := surveys.Context{Source: surveys.SourceConsultation, Form: "onsite", Topic: "transformation_plan", Region: "CZ064", TargetGroup: "provider"}
	if rs[0].Context != wantCtx || rs[0].Version != 1 || rs[0].Values["q3_nps"].Codes[0] != 9 {
		t.Fatalf("stored %+v", rs[0])
	}
	sv, err := f.store.Get(t.Context(), evaluationID)
	if err != nil {
		t.Fatal(err)
	}
	if sv.Invitations.Answered != 1 {
		t.Fatalf("answered counter %d, want 1", sv.Invitations.Answered)
	}
}

// TestInvitationRefusals: unknown, malformed and huge tokens are the same
// 404; opting out is final and safe to repeat; an expired link or a
// closed survey takes no answer; bad answers change nothing.
func TestInvitationRefusals(t *testing.T) {
	f := newFixture(t, apptest.Options{})
	for _, tok := range []string{"", "short", surveys.NewInvitationToken(), strings.Repeat("A", 10000), "a\tb" + strings.Repeat("x", 40)} {
		want(t, f.invoke(getInvitation(tok)), http.StatusNotFound, "invitation_not_found")
		want(t, f.invoke(submitInvited(tok, evaluationBody())), http.StatusNotFound, "invitation_not_found")
		want(t, f.invoke(optOut(tok)), http.StatusNotFound, "invitation_not_found")
	}

	token := f.invite("booking-a")
	for name, body := range map[string]any{
		"required missing": map[string]any{"version": 1, "answers": map[string]any{"q3_nps": 9}},
		"out of scale":     map[string]any{"version": 1, "answers": map[string]any{"q1_satisfaction": 6, "q3_nps": 9}},
		"no version":       map[string]any{"answers": map[string]any{"q1_satisfaction": 4, "q3_nps": 9}},
		"malformed":        `{"version":1,"answers":`,
		"context smuggled": map[string]any{"version": 1, "context": map[string]any{"region": "CZ010"}, "answers": map[string]any{"q1_satisfaction": 4, "q3_nps": 9}},
	} {
		if resp := f.invoke(submitInvited(token, body)); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: got %d %s, want 400", name, resp.StatusCode, resp.Body)
		}
	}
	b := evaluationBody()
	b["version"] = 2
	want(t, f.invoke(submitInvited(token, b)), http.StatusConflict, "survey_version_changed")
	if v := apptest.Body[surveyapi.InvitationView](t, f.invoke(getInvitation(token))); v.State != surveyapi.StateOpen {
		t.Fatalf("refused answers changed the invitation: %+v", v)
	}

	// Opt-out: final, repeatable, and then no answer.
	first := apptest.Body[surveyapi.InvitationView](t, f.invoke(optOut(token)))
	second := apptest.Body[surveyapi.InvitationView](t, f.invoke(optOut(token)))
	if first.State != surveyapi.StateOptedOut || second.State != surveyapi.StateOptedOut {
		t.Fatalf("opt-out: got %+v then %+v", first, second)
	}
	want(t, f.invoke(submitInvited(token, evaluationBody())), http.StatusConflict, "invitation_opted_out")
	if v := apptest.Body[surveyapi.InvitationView](t, f.invoke(getInvitation(token))); v.State != surveyapi.StateOptedOut {
		t.Fatalf("after opt-out: %+v", v)
	}

	// Expired after 30 days.
	late := f.invite("booking-b")
	f.Clock.Advance(surveys.InvitationValidity + time.Minute)
	if v := apptest.Body[surveyapi.InvitationView](t, f.invoke(getInvitation(late))); v.State != surveyapi.StateExpired || v.Survey != nil {
		t.Fatalf("expired: %+v", v)
	}
	want(t, f.invoke(submitInvited(late, evaluationBody())), http.StatusConflict, "invitation_expired")
	f.Clock.Set(apptest.DefaultNow)

	// A closed survey's invitation is expired.
	open := f.invite("booking-c")
	sv, err := f.store.Get(t.Context(), evaluationID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.Close(t.Context(), evaluationID, sv.Rev, f.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if v := apptest.Body[surveyapi.InvitationView](t, f.invoke(getInvitation(open))); v.State != surveyapi.StateExpired {
		t.Fatalf("closed survey: %+v", v)
	}
	want(t, f.invoke(submitInvited(open, evaluationBody())), http.StatusConflict, "invitation_expired")

	for _, m := range []string{"2026-11", "2026-12", "2027-01"} {
		if n := len(f.responses(evaluationID, m)); n != 0 {
			t.Fatalf("refusals stored %d responses in %s", n, m)
		}
	}
}

// TestOneTokenRace: 20 concurrent submissions with one token store exactly
// one response; the other 19 are a clean 409 invitation_answered.
func TestOneTokenRace(t *testing.T) {
	f := newFixture(t, apptest.Options{})
	token := f.invite("01kbw6m3ar2z7e4r9x0v5t8qjd")
	const n = 20
	evs := make([]events.APIGatewayV2HTTPRequest, n)
	for i := range evs {
		evs[i] = f.WithSolved(submitInvited(token, evaluationBody()))
	}
	statuses := make([]events.APIGatewayV2HTTPResponse, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			statuses[i] = f.invoke(evs[i])
		}()
	}
	close(start)
	wg.Wait()
	ok, answered := 0, 0
	for _, r := range statuses {
		switch {
		case r.StatusCode == http.StatusOK:
			ok++
		case r.StatusCode == http.StatusConflict && strings.Contains(r.Body, `"code":"invitation_answered"`):
			answered++
		default:
			t.Errorf("got %d %s, want 200 or 409 invitation_answered", r.StatusCode, r.Body)
		}
	}
	if ok != 1 || answered != n-1 {
		t.Fatalf("got %d recorded and %d refused, want 1 and %d", ok, answered, n-1)
	}
	if got := len(f.responses(evaluationID, "2026-11")); got != 1 {
		t.Fatalf("stored %d responses, want exactly 1", got)
	}
	t.Logf("20 concurrent submissions with one token: %d recorded, %d × 409 invitation_answered, 1 response stored", ok, answered)
}

// TestUnlinkability: after an answer through an invitation made for a
// real booking, no attribute of the stored response (every attribute,
// raw, nested ones too) equals or contains the token, its hash, the
// invitation's key or the booking's id, or any time finer than the month;
// and the invitation no longer holds the booking's id.
func TestUnlinkability(t *testing.T) {
	f := newFixture(t, apptest.Options{})
	booking := f.Book(f.FreeSlots(cz.DateOf(f.Clock.Now()).AddDays(3))[0])
	token := f.invite(booking.Booking.ID)
	hash := surveys.InvitationTokenHash(token)
	invPK := "INVITATION#" + hash

	// Before the answer the invitation holds the booking (for the reminder).
	if !strings.Contains(rawAll(t, f, invPK), booking.Booking.ID) {
		t.Fatal("the invitation does not hold its source before the answer: the test would prove nothing")
	}
	want(t, f.invoke(submitInvited(token, evaluationBody(), "Idempotency-Key", "answer-once")), http.StatusOK, "")

	out, err := f.Client.Query(t.Context(), &dynamodb.QueryInput{
		TableName:                 aws.String(f.Table),
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: surveydb.ResponsePartition(evaluationID, "2026-11")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Items) != 1 {
		t.Fatalf("got %d response items, want 1", len(out.Items))
	}
	forbidden := map[string]string{
		"the token": token, "the token's hash": hash, "the invitation's key": invPK,
		"the booking's id": booking.Booking.ID, "the booking's token": booking.ManageToken,
	}
	day := regexp.MustCompile(`\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|T\d{2}`)
	var attrs int
	walk(out.Items[0], "", func(path, s string, isNumber bool) {
		attrs++
		for what, v := range forbidden {
			if v != "" && (s == v || strings.Contains(s, v) || strings.Contains(strings.ToLower(s), strings.ToLower(v))) {
				t.Errorf("attribute %s = %q holds %s", path, s, what)
			}
		}
		if day.MatchString(s) {
			t.Errorf("attribute %s = %q holds a time finer than the month", path, s)
		}
		if isNumber {
			if n, err := strconv.ParseFloat(s, 64); err == nil && n > 100000 {
				t.Errorf("attribute %s = %s looks like a timestamp", path, s)
			}
		}
	})
	if attrs < 10 {
		t.Fatalf("walked %d attribute values: the walk missed the item", attrs)
	}
	// The response's keys are the survey, the month and a random id.
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(out.Items[0]["SK"].(*types.AttributeValueMemberS).Value) {
		t.Errorf("sort key %v is not a random 128-bit hex id", out.Items[0]["SK"])
	}
	// The invitation no longer holds the booking.
	if raw := rawAll(t, f, invPK); strings.Contains(raw, booking.Booking.ID) {
		t.Errorf("the answered invitation still holds the booking id: %s", raw)
	}
	// Nothing else the answer wrote (the spent proof of work, the
	// idempotency record, the counters) holds the token or its hash: only
	// the invitation's own key does.
	scan, err := f.Client.Scan(t.Context(), &dynamodb.ScanInput{TableName: aws.String(f.Table)})
	if err != nil {
		t.Fatal(err)
	}
	for _, item := range scan.Items {
		pk := item["PK"].(*types.AttributeValueMemberS).Value
		if pk == invPK {
			continue
		}
		walk(item, pk+" ", func(path, s string, _ bool) {
			if strings.Contains(s, hash) || strings.Contains(s, token) {
				t.Errorf("%s = %q holds the invitation's token or its hash", path, s)
			}
		})
	}
}

// rawAll is every attribute value of the items of a partition, joined.
func rawAll(t *testing.T, f *fixture, pk string) string {
	t.Helper()
	out, err := f.Client.Query(context.Background(), &dynamodb.QueryInput{
		TableName:                 aws.String(f.Table),
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: pk}},
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, item := range out.Items {
		walk(item, "", func(path, s string, _ bool) { b.WriteString(path + "=" + s + "\n") })
	}
	return b.String()
}

// walk calls fn for every scalar of an item (attribute names too, as
// values of their path), nested maps and lists included.
func walk(item map[string]types.AttributeValue, prefix string, fn func(path, s string, isNumber bool)) {
	for name, v := range item {
		fn(prefix+name+"(name)", name, false)
		walkValue(prefix+name, v, fn)
	}
}

func walkValue(path string, v types.AttributeValue, fn func(path, s string, isNumber bool)) {
	switch x := v.(type) {
	case *types.AttributeValueMemberS:
		fn(path, x.Value, false)
	case *types.AttributeValueMemberN:
		fn(path, x.Value, true)
	case *types.AttributeValueMemberB:
		fn(path, string(x.Value), false)
	case *types.AttributeValueMemberBOOL:
		fn(path, strconv.FormatBool(x.Value), false)
	case *types.AttributeValueMemberM:
		walk(x.Value, path+".", fn)
	case *types.AttributeValueMemberL:
		for i, e := range x.Value {
			walkValue(path+"["+strconv.Itoa(i)+"]", e, fn)
		}
	case *types.AttributeValueMemberSS:
		for _, s := range x.Value {
			fn(path, s, false)
		}
	case *types.AttributeValueMemberNS:
		for _, s := range x.Value {
			fn(path, s, true)
		}
	}
}

// closeBeforeTransact closes a survey just before the next transaction
// that writes a response reaches DynamoDB: the survey is read open, then
// closed, then answered.
type closeBeforeTransact struct {
	dynamo.API
	close func()
}

func (c *closeBeforeTransact) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	if c.close != nil {
		for _, it := range in.TransactItems {
			if it.Put != nil && strings.HasPrefix(it.Put.Item["PK"].(*types.AttributeValueMemberS).Value, "RESPONSE#") {
				close := c.close
				c.close = nil
				close()
				break
			}
		}
	}
	return c.API.TransactWriteItems(ctx, in, opts...)
}

// TestInvitedAnswerToASurveyClosedMeanwhile: a survey closed between the
// handler's read and its transaction takes no answer (the answered counter
// is added on the condition that the survey is open), stores nothing and
// leaves the invitation unused.
func TestInvitedAnswerToASurveyClosedMeanwhile(t *testing.T) {
	hook := &closeBeforeTransact{}
	f := newFixture(t, apptest.Options{Wrap: func(api dynamo.API) dynamo.API { hook.API = api; return hook }})
	token := f.invite("booking-closed-meanwhile")
	hook.close = func() {
		sv, err := f.store.Get(t.Context(), evaluationID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.Close(t.Context(), evaluationID, sv.Rev, f.Clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	want(t, f.invoke(submitInvited(token, evaluationBody())), http.StatusConflict, string(surveys.ReasonInvitationExpired))
	if hook.close != nil {
		t.Fatal("the survey was not closed before the transaction")
	}
	if got := f.responses(evaluationID, "2026-11"); len(got) != 0 {
		t.Fatalf("stored %d responses to a closed survey, want none", len(got))
	}
	inv, err := f.inv.GetInvitation(t.Context(), surveys.InvitationTokenHash(token))
	if err != nil || inv.State != surveys.InvitationOpen {
		t.Fatalf("the invitation: %+v %v, want still open", inv, err)
	}
}
