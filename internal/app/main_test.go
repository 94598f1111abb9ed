package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/outboxsender"
	"github.com/mpsv/brana/internal/wire/reminders"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

// outboxHandler is the outbox sender function as Lambda runs it, built by
// its constructor on the env's clients.
func outboxHandler(t *testing.T, env *apptest.Env) func(context.Context, outboxsender.Event) (events.DynamoDBEventResponse, error) {
	t.Helper()
	h, err := outboxsender.New(context.Background(), env.Deps.EnvFor(registry.OutboxSender))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// remindersHandler is the reminder function as Lambda runs it, built by its
// constructor on the env's clients.
func remindersHandler(t *testing.T, env *apptest.Env) func(context.Context, json.RawMessage) (reminders.Result, error) {
	t.Helper()
	h, err := reminders.New(context.Background(), env.Deps.EnvFor(registry.Reminders))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// remind runs the reminder function on the sample scheduled event and
// returns how many bookings it queued reminders for.
func remind(t *testing.T, env *apptest.Env) int {
	t.Helper()
	fn := remindersHandler(t, env)
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
