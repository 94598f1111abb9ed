package outbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"mime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/consultations/consultmail"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
)

// offer is a test-only template of another capability (a waiting-list
// offer, say): the outbox and the sender carry it without knowing it.
var offer = mail.Template{
	Name: "testcap.offer.person",
	Render: func(in mail.Input) (mail.Content, error) {
		var d struct {
			Title string    `json:"title"`
			Start time.Time `json:"start"`
		}
		if err := json.Unmarshal(in.Data, &d); err != nil {
			return mail.Content{}, err
		}
		return mail.Content{
			Subject: "Volné místo: " + d.Title,
			Text:    "Dobrý den,\n\nuvolnilo se místo na " + mail.Line(d.Title) + ", " + mail.When(d.Start, d.Start.Add(2*time.Hour), in.Lang) + ".\nPřihláška: " + in.Secret + "\n",
		}, nil
	},
}

// sender is the environment's store, mailer and key with the booking
// e-mails and the test template, logging into log.
func sender(t *testing.T, env *apptest.Env, log *bytes.Buffer) *outbox.Sender {
	t.Helper()
	sealer, err := outbox.NewSealer(env.Deps.Config.OutboxKey)
	if err != nil {
		t.Fatal(err)
	}
	return &outbox.Sender{
		Store: env.Deps.Store, Mailer: env.Mailer, Sealer: sealer,
		Templates: mail.NewRegistry(append(consultmail.Templates(), offer)...),
		From:      mail.Address{Name: "Brána – MPSV", Email: "brana@mpsv.cz"},
		Clock:     env.Clock, Log: slog.New(slog.NewJSONHandler(log, nil)),
	}
}

func queue(t *testing.T, env *apptest.Env, m mail.Message) {
	t.Helper()
	sealer, err := outbox.NewSealer(env.Deps.Config.OutboxKey)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.Deps.Store.PutOutbox(context.Background(), sealer.NewItem(m, "ws-1", env.Clock.Now())); err != nil {
		t.Fatalf("put outbox item: %v", err)
	}
}

func TestAnotherCapabilitysTemplate(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	var log bytes.Buffer
	s := sender(t, env, &log)
	const link = "https://brana.mpsv.cz/registrace#registration=r1&token=t0ken-s3cr3t"
	start := time.Date(2026, 12, 10, 8, 0, 0, 0, time.UTC)
	queue(t, env, mail.Message{
		ID: "ws-1-offer-person", Template: offer.Name, Lang: "cs",
		To:     mail.Address{Name: "Marie Procházková", Email: "marie.prochazkova@example.cz"},
		Data:   []byte(`{"title":"Workshop transformace","start":"` + start.Format(time.RFC3339) + `"}`),
		Secret: link,
	})

	t.Run("the pending item holds the secret only sealed", func(t *testing.T) {
		if got := holding(rawOutbox(t, env, "ws-1-offer-person"), "t0ken-s3cr3t"); len(got) != 0 {
			t.Errorf("attributes holding the token: got %v, want none", got)
		}
	})
	t.Run("a second queueing of the same item is refused", func(t *testing.T) {
		sealer, _ := outbox.NewSealer(env.Deps.Config.OutboxKey)
		err := env.Deps.Store.PutOutbox(ctx, sealer.NewItem(mail.Message{
			ID: "ws-1-offer-person", Template: offer.Name, Lang: "cs", To: mail.Address{Email: "x@example.cz"}, Data: []byte(`{}`),
		}, "ws-1", env.Clock.Now()))
		if err == nil {
			t.Errorf("got nil error, want a conflict")
		}
	})

	res, err := s.SendPending(ctx, 100)
	if err != nil || res != (outbox.Result{Sent: 1}) {
		t.Fatalf("sweep: got %+v, %v, want 1 sent", res, err)
	}
	t.Run("the sender renders it with its template and the opened secret", func(t *testing.T) {
		e := mailOf(t, env, "ws-1-offer-person")
		dec := new(mime.WordDecoder)
		subject, _ := dec.DecodeHeader(e.Header.Get("Subject"))
		if subject != "Volné místo: Workshop transformace" {
			t.Errorf("subject: got %q", subject)
		}
		for _, want := range []string{"uvolnilo se místo na Workshop transformace, čtvrtek 10. 12. 2026, 9:00–11:00 SEČ (120 minut).", "Přihláška: " + link} {
			if !strings.Contains(e.Text, want) {
				t.Errorf("text: got no %q in\n%s", want, e.Text)
			}
		}
		if e.Calendar != nil || e.ICSFile != nil {
			t.Errorf("got a calendar, want none")
		}
	})
	t.Run("after sending the secret is gone", func(t *testing.T) {
		item := rawOutbox(t, env, "ws-1-offer-person")
		if v, ok := item["sealed"]; ok {
			t.Errorf("sealed: got %v, want none", v)
		}
		if v, _ := item["status"].(*types.AttributeValueMemberS); v == nil || v.Value != "sent" {
			t.Errorf("status: got %v, want sent", item["status"])
		}
	})
	t.Run("the log names the template, not the recipient", func(t *testing.T) {
		if !strings.Contains(log.String(), `"template":"testcap.offer.person"`) || strings.Contains(log.String(), "example.cz") {
			t.Errorf("log: got %s", log.String())
		}
	})
}

func TestUnknownTemplate(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	var log bytes.Buffer
	s := sender(t, env, &log)
	const id = "ws-2-certificate-person"
	queue(t, env, mail.Message{
		ID: id, Template: "testcap.certificate.person", Lang: "cs",
		To: mail.Address{Email: "marie.prochazkova@example.cz"}, Data: []byte(`{}`), Secret: "s3cr3t",
	})
	t0 := env.Clock.Now()

	res, err := s.SendPending(ctx, 100)
	t.Run("a sender without the template refuses the item and sends nothing", func(t *testing.T) {
		if err != nil || res != (outbox.Result{Failed: 1}) {
			t.Errorf("sweep: got %+v, %v, want 1 failed", res, err)
		}
		if got := env.Mailer.Sent(); len(got) != 0 {
			t.Errorf("sent: got %v, want nothing", got)
		}
	})
	t.Run("the item fails for good at once: reason template, secret dropped, out of the pending index, expiring", func(t *testing.T) {
		it, err := env.Deps.Store.GetOutbox(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if it.Status != outbox.StatusFailed || it.Attempts != 1 || it.LastError != "template" || len(it.Sealed) != 0 ||
			!it.ExpiresAt.Equal(t0.Add(outbox.FailedRetention)) {
			t.Errorf("got %s attempts=%d error=%q sealed=%d bytes expires=%v, want failed, 1, template, none, %v",
				it.Status, it.Attempts, it.LastError, len(it.Sealed), it.ExpiresAt, t0.Add(outbox.FailedRetention))
		}
		if v, ok := rawOutbox(t, env, id)["GSI1PK"]; ok {
			t.Errorf("GSI1PK: got %v, want none", v)
		}
		env.Clock.Advance(24 * time.Hour)
		if res, err := s.SendPending(ctx, 100); err != nil || res != (outbox.Result{}) {
			t.Errorf("a day later: got %+v, %v, want nothing", res, err)
		}
	})
	t.Run("the failure is logged for the alarm with its reason code, without the address", func(t *testing.T) {
		if !strings.Contains(log.String(), `"msg":"outbox item failed"`) || !strings.Contains(log.String(), `"reason":"template"`) ||
			strings.Contains(log.String(), "example.cz") {
			t.Errorf("log: got %s", log.String())
		}
	})
}
