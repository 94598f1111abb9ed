// Package outboxsender builds the function "outbox-sender": it sends the
// queued e-mails of the DynamoDB stream, and sweeps the pending ones on a
// schedule. It opens manage links (the outbox key) and is the only
// function that links a mailer.
package outboxsender

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/boot/awssecret"
	"github.com/mpsv/brana/internal/consultations/consultmail"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mailer/filemailer"
	"github.com/mpsv/brana/internal/mailer/sesmailer"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports/reportmail"
	"github.com/mpsv/brana/internal/surveys/surveymail"
	"github.com/mpsv/brana/internal/workshops/workshopmail"
)

// Event is what the sender receives: a DynamoDB stream batch, or, from its
// schedule, an event without records (then it sweeps every pending item,
// catching any whose stream retries ran out).
type Event struct {
	Records []events.DynamoDBEventRecord `json:"Records"`
}

// New returns the sender's handler.
func New(ctx context.Context, env *boot.Env) (boot.Handler[Event, events.DynamoDBEventResponse], error) {
	key, err := awssecret.OutboxKey(ctx, env)
	if err != nil {
		return nil, err
	}
	m, err := mailer(env)
	if err != nil {
		return nil, err
	}
	sender, err := NewSender(env, key, m)
	if err != nil {
		return nil, err
	}
	if sender.DailyCap, err = dailyCap(); err != nil {
		return nil, err
	}
	return Handle(sender, env.Log), nil
}

// dailyCap reads MAIL_DAILY_CAP, the e-mails one public recipient gets per
// day (outbox.DefaultDailyCap if unset, -1 for no cap).
func dailyCap() (int, error) {
	v := os.Getenv("MAIL_DAILY_CAP")
	if v == "" {
		return outbox.DefaultDailyCap, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n == 0 || n < -1 {
		return 0, fmt.Errorf("MAIL_DAILY_CAP must be a positive number or -1, got %q", v)
	}
	return n, nil
}

// mailer is env.Mailer, or the one the configuration names.
func mailer(env *boot.Env) (outbox.Mailer, error) {
	if env.Mailer != nil {
		return env.Mailer, nil
	}
	if env.Config.Mailer == "file" {
		fm, err := filemailer.New(env.Config.MailDir)
		if err != nil {
			return nil, fmt.Errorf("file mailer: %w", err)
		}
		return fm, nil
	}
	return sesmailer.New(sesv2.NewFromConfig(env.AWS), env.Config.SESConfigSet), nil
}

// NewSender returns the outbox sender on env's table; key is the outbox
// key, which opens the sealed links and keys the recipients' hashes.
func NewSender(env *boot.Env, key []byte, m outbox.Mailer) (*outbox.Sender, error) {
	sealer, err := outbox.NewSealer(key)
	if err != nil {
		return nil, err
	}
	return &outbox.Sender{
		Store: dynamo.New(env.DB, env.Config.TableName), Mailer: m, Sealer: sealer, Templates: Templates(),
		Recipients: outbox.NewRecipients(key), Clock: env.Clock, Log: env.Log,
		From: mail.Address{Name: env.Config.MailFromName, Email: env.Config.MailFrom},
	}, nil
}

// Handle sends the outbox items of a stream batch and reports the ones that
// failed, so that only they are retried (partial batch response); an event
// without records is a sweep of up to registry.OutboxSweepLimit items.
func Handle(s *outbox.Sender, log *slog.Logger) boot.Handler[Event, events.DynamoDBEventResponse] {
	return func(ctx context.Context, ev Event) (events.DynamoDBEventResponse, error) {
		var resp events.DynamoDBEventResponse
		log := boot.InvocationLog(ctx, log)
		sender := *s
		sender.Log = log
		if len(ev.Records) == 0 {
			res, err := sender.SendPending(ctx, registry.OutboxSweepLimit)
			log.InfoContext(ctx, "outbox sweep", "sent", res.Sent, "failed", res.Failed, "skipped", res.Skipped)
			return resp, err
		}
		for _, r := range ev.Records {
			pk := r.Change.Keys[dynamo.AttrPK].String()
			if r.EventName != string(events.DynamoDBOperationTypeInsert) || !strings.HasPrefix(pk, dynamo.OutboxKeyPrefix) {
				continue // the stream filter should already have dropped it
			}
			id := strings.TrimPrefix(pk, dynamo.OutboxKeyPrefix)
			if _, err := sender.SendOne(ctx, id); err != nil {
				if errors.Is(err, outbox.ErrFailed) {
					continue // failed for good: a retry of the record cannot help
				}
				// A retry of the record comes at once, and the lease refuses
				// an item before its next attempt is due: it only catches a
				// storage failure; the sweep makes the next attempt.
				if !errors.Is(err, outbox.ErrSend) {
					log.ErrorContext(ctx, "outbox record failed", "outboxId", id, "error", err.Error())
				}
				resp.BatchItemFailures = append(resp.BatchItemFailures, events.DynamoDBBatchItemFailure{ItemIdentifier: r.Change.SequenceNumber})
			}
		}
		return resp, nil
	}
}

// Templates are the e-mail templates of every capability: the sender
// renders any queued item whose template is here. A new capability adds
// its own templates to this list.
func Templates() *mail.Registry {
	t := append(consultmail.Templates(), workshopmail.Templates()...)
	t = append(t, surveymail.Templates()...)
	t = append(t, reportmail.Templates()...)
	return mail.NewRegistry(t...)
}
