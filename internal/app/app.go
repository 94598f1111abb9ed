// Package app is Brána assembled on given clients, for tests and the local
// stack: one Env shared by every function, the booking service and the
// outbox sender for tests to drive directly, the demo data, and every
// function's HTTP handler from the one table of constructors (internal/wire).
// No Lambda function links it: each functions/<name> builds only its own
// handler through internal/boot and internal/wire/<name>.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/consultations/consultdb"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire"
	"github.com/mpsv/brana/internal/wire/consult"
	"github.com/mpsv/brana/internal/wire/outboxsender"
)

// Config is the functions' configuration (boot.Config).
type Config = boot.Config

// Deps are the long-lived parts of an assembled Brána.
type Deps struct {
	Config  Config
	Log     *slog.Logger
	Clock   clock.Clock
	IDs     ids.Generator
	Store   *consultdb.Store
	Service *consultations.Service
	Sender  *outbox.Sender
	// Env is what the functions' constructors get (see EnvFor).
	Env *boot.Env
}

// Assemble builds the services on given clients (tests pass their own
// client wrapper, mailer, clock and ids).
func Assemble(cfg Config, log *slog.Logger, db dynamo.API, m outbox.Mailer, clk clock.Clock, gen ids.Generator) (*Deps, error) {
	env := &boot.Env{Config: cfg, Log: log, DB: db, Clock: clk, IDs: gen, Mailer: m}
	svc, err := consult.Booking(env, cfg.OutboxKey)
	if err != nil {
		return nil, err
	}
	sender, err := outboxsender.NewSender(env, cfg.OutboxKey, m)
	if err != nil {
		return nil, err
	}
	return &Deps{
		Config: cfg, Log: log, Clock: clk, IDs: gen, Store: consultdb.New(dynamo.New(db, cfg.TableName)), Service: svc,
		Sender: sender, Env: env,
	}, nil
}

// EnvFor is the Env of one function, as its cold start would make it.
func (d *Deps) EnvFor(name string) *boot.Env {
	env := *d.Env
	env.Function = name
	env.Log = d.Log.With("function", name)
	return &env
}

// Handler returns an HTTP function's handler, built by its constructor.
func (d *Deps) Handler(name string) (any, error) {
	return d.HTTP(context.Background(), name)
}

// HTTP returns an HTTP function's handler, built by its constructor.
func (d *Deps) HTTP(ctx context.Context, name string) (boot.HTTPHandler, error) {
	f, ok := wire.Get(name)
	if !ok {
		return nil, fmt.Errorf("no function %q (known: %s)", name, strings.Join(registry.Names(), ", "))
	}
	if f.HTTP == nil {
		return nil, fmt.Errorf("function %q serves no HTTP routes; build it with its constructor (internal/wire/...)", name)
	}
	return f.HTTP(ctx, d.EnvFor(name))
}
