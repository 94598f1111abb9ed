// Command outbox-sender is the Lambda function "outbox-sender": sends queued e-mails from the DynamoDB stream and a scheduled sweep.
// It only wires: configuration, clients built once per cold start, the
// handler, lambda.Start.
package main

import (
	"context"
	"log/slog"
	"os"
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/mpsv/brana/internal/app"
)

func main() {
	cfg, err := app.ConfigFromEnv()
	log := app.NewLogger(cfg.LogLevel)
	if err != nil {
		log.Error("cannot start", "function", "outbox-sender", "error", err.Error())
		os.Exit(1)
	}
	deps, err := app.Load(context.Background(), cfg, log.With("function", "outbox-sender"))
	if err != nil {
		log.Error("cannot start", "function", "outbox-sender", "error", err.Error())
		os.Exit(1)
	}
	h, err := deps.Handler("outbox-sender")
	if err != nil {
		log.Error("cannot start", "function", "outbox-sender", "error", err.Error())
		os.Exit(1)
	}
	slog.SetDefault(log)
	lambda.Start(h)
}
