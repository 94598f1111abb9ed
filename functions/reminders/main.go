// Command reminders is the Lambda function "reminders": scheduled, queues the reminders of tomorrow's consultations.
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
		log.Error("cannot start", "function", "reminders", "error", err.Error())
		os.Exit(1)
	}
	deps, err := app.Load(context.Background(), cfg, log.With("function", "reminders"))
	if err != nil {
		log.Error("cannot start", "function", "reminders", "error", err.Error())
		os.Exit(1)
	}
	h, err := deps.Handler("reminders")
	if err != nil {
		log.Error("cannot start", "function", "reminders", "error", err.Error())
		os.Exit(1)
	}
	slog.SetDefault(log)
	lambda.Start(h)
}
