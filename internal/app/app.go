package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mailer/filemailer"
	"github.com/mpsv/brana/internal/mailer/sesmailer"
	"github.com/mpsv/brana/internal/outbox"
)

// Deps are the long-lived parts every function shares.
type Deps struct {
	Config  Config
	Log     *slog.Logger
	Clock   clock.Clock
	IDs     ids.Generator
	Store   *dynamo.Store
	Service *consultations.Service
	Sender  *outbox.Sender
}

// NewLogger returns the JSON logger every function uses.
func NewLogger(level slog.Level) *slog.Logger {
	return slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: level})).With("service", "brana")
}

// Load builds the SDK clients and services from cfg (once per cold start).
func Load(ctx context.Context, cfg Config, log *slog.Logger) (*Deps, error) {
	opts := []func(*awsconfig.LoadOptions) error{awsconfig.WithRegion(cfg.Region)}
	if cfg.DynamoDBEndpoint != "" {
		// DynamoDB Local accepts any credentials; do not go looking for real ones.
		opts = append(opts, awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")))
	}
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("load aws config: %w", err)
	}
	db := dynamodb.NewFromConfig(awsCfg, func(o *dynamodb.Options) {
		if cfg.DynamoDBEndpoint != "" {
			o.BaseEndpoint = aws.String(cfg.DynamoDBEndpoint)
		}
	})
	var m outbox.Mailer
	switch cfg.Mailer {
	case "file":
		fm, err := filemailer.New(cfg.MailDir)
		if err != nil {
			return nil, fmt.Errorf("file mailer: %w", err)
		}
		m = fm
	default:
		m = sesmailer.New(sesv2.NewFromConfig(awsCfg), cfg.SESConfigSet)
	}
	return Assemble(cfg, log, db, m, clock.System{}, ids.Random{})
}

// Assemble builds the services on given clients (tests pass their own
// client wrapper, clock and ids).
func Assemble(cfg Config, log *slog.Logger, db dynamo.API, m outbox.Mailer, clk clock.Clock, gen ids.Generator) (*Deps, error) {
	sealer, err := outbox.NewSealer(cfg.OutboxKey)
	if err != nil {
		return nil, err
	}
	store := dynamo.New(db, cfg.TableName)
	d := &Deps{Config: cfg, Log: log, Clock: clk, IDs: gen, Store: store}
	d.Service = &consultations.Service{Store: store, Clock: clk, IDs: gen, Sealer: sealer, BaseURL: cfg.PublicBaseURL}
	d.Sender = &outbox.Sender{
		Store: store, Mailer: m, Sealer: sealer, Clock: clk, Log: log,
		From: mail.Address{Name: cfg.MailFromName, Email: cfg.MailFrom},
	}
	return d, nil
}

// API returns the handler dependencies.
func (d *Deps) API() api.Deps {
	return api.Deps{Service: d.Service, Logger: d.Log, NewID: d.IDs.NewID, Now: func() time.Time { return d.Clock.Now() }}
}
