package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/routes"
)

// Functions that are not behind the HTTP API.
const (
	FnOutboxSender = "outbox-sender" // DynamoDB stream of new outbox items; a scheduled sweep
	FnReminders    = "reminders"     // scheduled: queue tomorrow's reminders
)

// FunctionNames lists every function, HTTP ones first.
func FunctionNames() []string {
	return append(routes.Functions(), FnOutboxSender, FnReminders)
}

// Handler returns the handler of a function, of the type lambda.Start
// takes: func(context.Context, In) (Out, error).
func (d *Deps) Handler(name string) (any, error) {
	switch name {
	case routes.FnCatalog:
		a, err := api.NewCatalog(d.API())
		if err != nil {
			return nil, err
		}
		return a.Handle, nil
	case routes.FnBookings:
		a, err := api.NewBookings(d.API())
		if err != nil {
			return nil, err
		}
		return a.Handle, nil
	case routes.FnStaff:
		a, err := api.NewStaff(d.API())
		if err != nil {
			return nil, err
		}
		return a.Handle, nil
	case FnOutboxSender:
		return d.HandleOutbox, nil
	case FnReminders:
		return d.HandleReminders, nil
	}
	return nil, fmt.Errorf("no function %q (known: %s)", name, strings.Join(FunctionNames(), ", "))
}

// OutboxEvent is what the outbox sender receives: a DynamoDB stream batch,
// or, from its schedule, an event without records (then it sweeps every
// pending item, catching any whose stream retries ran out).
type OutboxEvent struct {
	Records []events.DynamoDBEventRecord `json:"Records"`
}

// SweepLimit bounds one scheduled sweep.
const SweepLimit = 200

// HandleOutbox sends the outbox items of a stream batch and reports the
// ones that failed, so that only they are retried (partial batch response).
func (d *Deps) HandleOutbox(ctx context.Context, ev OutboxEvent) (events.DynamoDBEventResponse, error) {
	var resp events.DynamoDBEventResponse
	log := invocationLog(ctx, d.Log)
	sender := *d.Sender
	sender.Log = log
	if len(ev.Records) == 0 {
		res, err := sender.SendPending(ctx, SweepLimit)
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
			if !errors.Is(err, outbox.ErrSend) {
				log.ErrorContext(ctx, "outbox record failed", "outboxId", id, "error", err.Error())
			}
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.DynamoDBBatchItemFailure{ItemIdentifier: r.Change.SequenceNumber})
		}
	}
	return resp, nil
}

// RemindersResult is what the reminder job reports.
type RemindersResult struct {
	Queued int `json:"queued"`
}

// HandleReminders queues tomorrow's reminders. Its input (the schedule's
// payload) carries nothing it needs.
func (d *Deps) HandleReminders(ctx context.Context, _ json.RawMessage) (RemindersResult, error) {
	n, err := d.Service.QueueReminders(ctx)
	invocationLog(ctx, d.Log).InfoContext(ctx, "reminders queued", "queued", n)
	if err != nil {
		return RemindersResult{Queued: n}, fmt.Errorf("queue reminders: %w", err)
	}
	return RemindersResult{Queued: n}, nil
}

// invocationLog adds the Lambda request id to a function's log lines, so
// that scheduled and stream invocations are traceable like API requests.
func invocationLog(ctx context.Context, log *slog.Logger) *slog.Logger {
	if lc, ok := lambdacontext.FromContext(ctx); ok && lc.AwsRequestID != "" {
		return log.With("requestId", lc.AwsRequestID)
	}
	return log
}
