// Package mailevents builds the function "mail-events": SES bounce and
// complaint events, through SNS, become suppressed recipients. It reads the
// outbox key, from which the HMAC key of the addresses is derived.
package mailevents

import (
	"context"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/boot/awssecret"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/mailevents"
	"github.com/mpsv/brana/internal/outbox"
)

// New returns the function's handler.
func New(ctx context.Context, env *boot.Env) (boot.Handler[events.SNSEvent, mailevents.Result], error) {
	key, err := awssecret.OutboxKey(ctx, env)
	if err != nil {
		return nil, err
	}
	h := &mailevents.Handler{
		Store: dynamo.New(env.DB, env.Config.TableName), Recipients: outbox.NewRecipients(key), Clock: env.Clock, Log: env.Log,
	}
	return func(ctx context.Context, ev events.SNSEvent) (mailevents.Result, error) {
		h := *h
		h.Log = boot.InvocationLog(ctx, env.Log)
		return h.Handle(ctx, ev)
	}, nil
}
