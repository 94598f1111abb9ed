// Package boot is a Lambda function's cold start, and nothing more:
// configuration from the environment, the JSON logger, the AWS
// configuration and the DynamoDB client, and typed start helpers. What only
// some functions need lives apart, so that the others do not link it:
// internal/boot/awssecret (the outbox key from Secrets Manager) and the
// SES mailer (only the outbox sender).
package boot

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/outbox"
)

// HTTPHandler is an HTTP function's handler (API Gateway HTTP API, payload
// format 2.0).
type HTTPHandler = func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// Handler is a function's typed handler.
type Handler[In, Out any] = func(context.Context, In) (Out, error)

// Env is what a function's constructor builds its handler from: made once
// per cold start by Load, or by the local stack and tests on their own
// clients.
type Env struct {
	Function string
	Config   Config
	Log      *slog.Logger
	AWS      aws.Config // for the clients only some functions make (Secrets Manager, SES)
	DB       dynamo.API
	Clock    clock.Clock
	IDs      ids.Generator
	// Mailer, if set, is what the outbox sender sends with instead of the
	// one Config.Mailer names (tests).
	Mailer outbox.Mailer
}

// NewLogger returns the JSON logger every function uses.
func NewLogger(level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: level})).With("service", "brana")
}

// Load builds a function's Env from the environment. The returned logger
// is usable even when err is not nil, so that main can say why it cannot
// start.
func Load(ctx context.Context, function string) (*Env, *slog.Logger, error) {
	cfg, err := ConfigFromEnv()
	log := NewLogger(cfg.LogLevel).With("function", function)
	if err != nil {
		return nil, log, err
	}
	slog.SetDefault(log)
	opts := []func(*awsconfig.LoadOptions) error{awsconfig.WithRegion(cfg.Region)}
	if cfg.DynamoDBEndpoint != "" {
		// DynamoDB Local accepts any credentials; do not go looking for real ones.
		opts = append(opts, awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")))
	}
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, log, fmt.Errorf("load aws config: %w", err)
	}
	db := dynamodb.NewFromConfig(awsCfg, func(o *dynamodb.Options) {
		if cfg.DynamoDBEndpoint != "" {
			o.BaseEndpoint = aws.String(cfg.DynamoDBEndpoint)
		}
	})
	return &Env{Function: function, Config: cfg, Log: log, AWS: awsCfg, DB: db, Clock: clock.System{}, IDs: ids.Random{}}, log, nil
}

// Start is a Lambda main: it loads the Env, builds the handler with build
// and hands it to the Lambda runtime, typed. A function that cannot be
// built logs why and exits.
func Start[In, Out any](function string, build func(context.Context, *Env) (Handler[In, Out], error)) {
	ctx := context.Background()
	env, log, err := Load(ctx, function)
	var h Handler[In, Out]
	if err == nil {
		h, err = build(ctx, env)
	}
	if err != nil {
		log.Error("cannot start", "error", err.Error())
		os.Exit(1)
	}
	lambda.StartHandlerFunc(h)
}

// InvocationLog adds the Lambda request id to a function's log lines, so
// that scheduled and stream invocations are traceable like API requests.
func InvocationLog(ctx context.Context, log *slog.Logger) *slog.Logger {
	if lc, ok := lambdacontext.FromContext(ctx); ok && lc.AwsRequestID != "" {
		return log.With("requestId", lc.AwsRequestID)
	}
	return log
}
