package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/routes"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

// expertID is the demo expert the sample booking event books.
const expertID = "jana-dvorakova"

// Prague dates around apptest.DefaultNow (Monday 30 November 2026, 9:00).
var (
	tue = cz.Date{Year: 2026, Month: 12, Day: 1}
	wed = tue.AddDays(1)
	thu = tue.AddDays(2)
)

// freeSlots returns the demo expert's free slot starts on a Prague date.
func freeSlots(t *testing.T, env *apptest.Env, d cz.Date) []time.Time {
	t.Helper()
	list, err := env.Deps.Service.FreeSlots(context.Background(), consultations.SlotQuery{From: d, To: d, ExpertID: expertID})
	if err != nil {
		t.Fatalf("free slots on %s: %v", d, err)
	}
	var out []time.Time
	for _, s := range list {
		out = append(out, s.Start)
	}
	if len(out) == 0 {
		t.Fatalf("no free slots on %s", d)
	}
	return out
}

// bookingEvent is the sample booking request for start, changed by mutate.
func bookingEvent(t *testing.T, start time.Time, mutate ...func(map[string]any)) events.APIGatewayV2HTTPRequest {
	t.Helper()
	ev := apptest.Event(t, "create-booking")
	var body map[string]any
	if err := json.Unmarshal([]byte(ev.Body), &body); err != nil {
		t.Fatal(err)
	}
	body["start"] = start.Format(time.RFC3339)
	for _, m := range mutate {
		m(body)
	}
	return apptest.WithBody(ev, body)
}

// book books through the handler, without an idempotency key.
func book(t *testing.T, env *apptest.Env, start time.Time, mutate ...func(map[string]any)) api.CreatedBookingView {
	t.Helper()
	ev := apptest.WithHeader(bookingEvent(t, start, mutate...), "idempotency-key", "")
	resp := env.Invoke(routes.FnBookings, ev)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("book %s: got %d %s, want 201", start, resp.StatusCode, resp.Body)
	}
	return apptest.Body[api.CreatedBookingView](t, resp)
}

func rescheduleEvent(t *testing.T, id, token string, start time.Time) events.APIGatewayV2HTTPRequest {
	ev := apptest.WithBooking(apptest.Event(t, "reschedule-booking"), id, token)
	return apptest.WithBody(ev, map[string]string{"start": start.Format(time.RFC3339)})
}

func reschedule(t *testing.T, env *apptest.Env, id, token string, start time.Time) {
	t.Helper()
	if resp := env.Invoke(routes.FnBookings, rescheduleEvent(t, id, token, start)); resp.StatusCode != http.StatusOK {
		t.Fatalf("reschedule: got %d %s, want 200", resp.StatusCode, resp.Body)
	}
}

func cancel(t *testing.T, env *apptest.Env, id, token string) {
	t.Helper()
	resp := env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "cancel-booking"), id, token))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("cancel: got %d %s, want 200", resp.StatusCode, resp.Body)
	}
}

// outboxHandler is the outbox sender function as Lambda runs it.
func outboxHandler(t *testing.T, env *apptest.Env) func(context.Context, app.OutboxEvent) (events.DynamoDBEventResponse, error) {
	t.Helper()
	h, err := env.Deps.Handler(app.FnOutboxSender)
	if err != nil {
		t.Fatal(err)
	}
	fn, ok := h.(func(context.Context, app.OutboxEvent) (events.DynamoDBEventResponse, error))
	if !ok {
		t.Fatalf("outbox sender handler has type %T", h)
	}
	return fn
}

// remind runs the reminder function on the sample scheduled event and
// returns how many bookings it queued reminders for.
func remind(t *testing.T, env *apptest.Env) int {
	t.Helper()
	h, err := env.Deps.Handler(app.FnReminders)
	if err != nil {
		t.Fatal(err)
	}
	fn, ok := h.(func(context.Context, json.RawMessage) (app.RemindersResult, error))
	if !ok {
		t.Fatalf("reminders handler has type %T", h)
	}
	payload, err := os.ReadFile(filepath.Join(apptest.RepoRoot(), "events", "scheduled-reminders.json"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := fn(context.Background(), payload)
	if err != nil {
		t.Fatalf("reminders: %v", err)
	}
	return res.Queued
}

// mailsLike lists the e-mails written whose id contains part.
func mailsLike(env *apptest.Env, part string) []string {
	var out []string
	for _, id := range env.MailIDs() {
		if strings.Contains(id, part) {
			out = append(out, id)
		}
	}
	return out
}

// both is the ids of one e-mail to the expert and to the person.
func both(bookingID string, seq int, kind string) []string {
	return []string{fmt.Sprintf("%s-%d-%s-expert", bookingID, seq, kind), fmt.Sprintf("%s-%d-%s-person", bookingID, seq, kind)}
}

// scan returns every item of the env's table.
func scan(t *testing.T, env *apptest.Env) []map[string]types.AttributeValue {
	t.Helper()
	var items []map[string]types.AttributeValue
	in := &dynamodb.ScanInput{TableName: aws.String(env.Table), ConsistentRead: aws.Bool(true)}
	for {
		out, err := env.Client.Scan(context.Background(), in)
		if err != nil {
			t.Fatalf("scan: %v", err)
		}
		items = append(items, out.Items...)
		if len(out.LastEvaluatedKey) == 0 {
			return items
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

func sval(item map[string]types.AttributeValue, name string) string {
	if v, ok := item[name].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

// keysOfType lists "PK SK" of the items with a "type" attribute in types.
func keysOfType(t *testing.T, env *apptest.Env, kinds ...string) []string {
	t.Helper()
	var out []string
	for _, it := range scan(t, env) {
		if slices.Contains(kinds, sval(it, "type")) {
			out = append(out, sval(it, "PK")+" "+sval(it, "SK"))
		}
	}
	slices.Sort(out)
	return out
}

// rawItem reads one item as stored (nil when absent).
func rawItem(t *testing.T, env *apptest.Env, pk, sk string) map[string]types.AttributeValue {
	t.Helper()
	out, err := env.Client.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(env.Table), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: pk}, "SK": &types.AttributeValueMemberS{Value: sk}},
	})
	if err != nil {
		t.Fatalf("get %s/%s: %v", pk, sk, err)
	}
	if len(out.Item) == 0 {
		return nil
	}
	return out.Item
}
