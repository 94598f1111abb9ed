package mailevents_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/mailevents"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

// snsEvent wraps SES event messages as SNS delivers them to Lambda.
func snsEvent(messages ...string) events.SNSEvent {
	var ev events.SNSEvent
	for _, m := range messages {
		ev.Records = append(ev.Records, events.SNSEventRecord{EventSource: "aws:sns", SNS: events.SNSEntity{Type: "Notification", MessageID: "m", Message: m}})
	}
	return ev
}

// Real shapes of SES events (configuration-set event publishing, and the
// older identity notifications), trimmed of headers that do not matter.
const (
	complaint = `{"eventType":"Complaint","complaint":{"feedbackId":"0102017f-1","complaintSubType":null,"complainedRecipients":[{"emailAddress":"Stezovatel@Example.cz"}],"timestamp":"2026-11-30T09:00:00.000Z","userAgent":"Yahoo!-Mail-Feedback/2.0","complaintFeedbackType":"abuse","arrivalDate":"2026-11-30T08:59:00.000Z"},"mail":{"timestamp":"2026-11-30T08:00:00.000Z","source":"brana@example.invalid","messageId":"0102017f-0","destination":["stezovatel@example.cz"],"tags":{"ses:configuration-set":["brana-dev-mail"]}}}`
	transient = `{"eventType":"Bounce","bounce":{"feedbackId":"0102017f-2","bounceType":"Transient","bounceSubType":"MailboxFull","bouncedRecipients":[{"emailAddress":"plna@example.cz","action":"failed","status":"4.2.2","diagnosticCode":"smtp; 452 4.2.2 mailbox full"}],"timestamp":"2026-11-30T09:00:00.000Z","reportingMTA":"dns; a.example.com"},"mail":{"timestamp":"2026-11-30T08:00:00.000Z","source":"brana@example.invalid","messageId":"0102017f-0","destination":["plna@example.cz"]}}`
	identity  = `{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"Suppressed","bouncedRecipients":[{"emailAddress":"stara@example.cz","action":"failed","status":"5.1.1","diagnosticCode":"Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an invalid address."}],"timestamp":"2026-11-30T09:00:00.000Z","feedbackId":"0102017f-3","reportingMTA":"dns; amazonses.com"},"mail":{"timestamp":"2026-11-30T08:00:00.000Z","source":"brana@example.invalid","messageId":"0102017f-0","destination":["stara@example.cz"]}}`
	delivery  = `{"eventType":"Delivery","delivery":{"timestamp":"2026-11-30T08:00:01.000Z","processingTimeMillis":500,"recipients":["jana@example.cz"],"smtpResponse":"250 ok","reportingMTA":"a.example.com"},"mail":{"timestamp":"2026-11-30T08:00:00.000Z","source":"brana@example.invalid","messageId":"0102017f-0","destination":["jana@example.cz"]}}`
)

func TestSuppressionFromSESEvents(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	fnEnv := env.Deps.EnvFor(registry.MailEvents)
	h, err := wire.MustGet(registry.MailEvents).Build(ctx, fnEnv)
	if err != nil {
		t.Fatal(err)
	}
	store := dynamo.New(env.Client, env.Table)
	rec := outbox.NewRecipients(env.Deps.Config.OutboxKey)
	suppressed := func(addr string) bool {
		t.Helper()
		ok, err := store.Suppressed(ctx, rec.Suppression(addr))
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}

	t.Run("the sample event of make invoke: a permanent bounce through SNS", func(t *testing.T) {
		payload, err := os.ReadFile(filepath.Join(apptest.RepoRoot(), "events", "ses-bounce.json"))
		if err != nil {
			t.Fatal(err)
		}
		out, err := h.Invoke(ctx, payload)
		if err != nil || string(out) != `{"suppressed":1,"ignored":0}` {
			t.Fatalf("got %s, %v, want 1 suppressed", out, err)
		}
		if !suppressed("neexistuje@example.cz") {
			t.Errorf("the bounced address is not suppressed")
		}
	})

	t.Run("complaints and identity notifications suppress; transient bounces, deliveries and junk do not", func(t *testing.T) {
		payload, _ := json.Marshal(snsEvent(complaint, transient, identity, delivery, "not json"))
		out, err := h.Invoke(ctx, payload)
		if err != nil || string(out) != `{"suppressed":2,"ignored":3}` {
			t.Fatalf("got %s, %v, want 2 suppressed, 3 ignored", out, err)
		}
		for addr, want := range map[string]bool{
			"stezovatel@example.cz": true, // any case: the key is of the lower-cased address
			"STARA@example.cz":      true,
			"plna@example.cz":       false,
			"jana@example.cz":       false,
		} {
			if got := suppressed(addr); got != want {
				t.Errorf("%s: got suppressed %v, want %v", addr, got, want)
			}
		}
	})

	t.Run("the table holds no address, and entries expire", func(t *testing.T) {
		h := &mailevents.Handler{Store: store, Recipients: rec, Clock: env.Clock, Log: fnEnv.Log}
		if _, err := h.Handle(ctx, snsEvent(complaint)); err != nil {
			t.Fatal(err)
		}
		item := rawSuppression(t, env, rec.Suppression("stezovatel@example.cz"))
		if s, _ := json.Marshal(item); strings.Contains(strings.ToLower(string(s)), "stezovatel") {
			t.Errorf("got the address stored: %s", s)
		}
		if _, ok := item["expiresAt"]; !ok {
			t.Errorf("got no expiry")
		}
	})

	t.Run("the sender then sends nothing to a suppressed person", func(t *testing.T) {
		created := env.Book(env.FreeSlots(apptest.Wednesday)[0], func(b map[string]any) {
			b["contact"].(map[string]any)["email"] = "neexistuje@example.cz"
		})
		res := env.SendOutbox()
		person := created.Booking.ID + "-0-confirmation-person"
		it, err := env.Deps.Store.GetOutbox(ctx, person)
		if err != nil {
			t.Fatal(err)
		}
		if res != (outbox.Result{Sent: 1, Failed: 1}) || it.Status != outbox.StatusFailed || it.LastError != outbox.ReasonSuppressed || env.Mailer.Sent()[person] != 0 {
			t.Errorf("got %+v, %s %q, want the expert's sent and the person's failed as suppressed", res, it.Status, it.LastError)
		}
	})
}

func rawSuppression(t *testing.T, env *apptest.Env, id string) map[string]any {
	t.Helper()
	out, err := env.Client.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(env.Table), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{
			"PK": &types.AttributeValueMemberS{Value: dynamo.SuppressionKeyPrefix + id}, "SK": &types.AttributeValueMemberS{Value: "SUPPRESS"},
		},
	})
	if err != nil || len(out.Item) == 0 {
		t.Fatalf("get suppression: %v, %d attributes", err, len(out.Item))
	}
	var m map[string]any
	if err := attributevalue.UnmarshalMap(out.Item, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
