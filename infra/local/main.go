// Command local runs Brána on one machine, with the same handler code the
// Lambdas run:
//
//	go run ./infra/local run                       # make run
//	go run ./infra/local invoke <function> <event> # make invoke FN=... EVENT=...
//	go run ./infra/local report <yyyy-mm>          # make report MONTH=...
//	go run ./infra/local token <group> [subject]   # make token GROUP=... [SUBJECT=...]
//	go run ./infra/local zip <out.zip> <file>...   # used by make build without zip(1)
//
// "run" starts DynamoDB Local (data under .data/dynamodb/), creates the
// table, seeds the demo experts, serves every route of the route table on
// http://localhost:8080 through the local gateway, runs the outbox sender
// and the reminder job on timers, and stops all of it on Ctrl-C. "invoke"
// runs one function's handler on a sample event against that running stack,
// as `sam local invoke` does. "token" prints a development staff token the
// local gateway accepts.
//
// Everything the stack keeps lives in .data/ at the repository root
// (git-ignored): the DynamoDB Local database, the e-mails (.data/outbox/),
// the outbox sealing key, the development JWT secret and, while the stack
// runs, .data/local-stack.json, which tells "invoke" where the stack is.
//
// Environment: BRANA_PORT (HTTP port, default 8080), BRANA_HOST (HTTP
// listen address, default 127.0.0.1), BRANA_DYNAMODB_PORT (default 8000;
// for either port 0 picks a free one), BRANA_DATA (the data folder, default
// .data at the repository root; the browser tests give each run its own),
// BRANA_EVERY (timer periods overriding the registry's LocalEvery, e.g.
// "survey-invitations=2s,outbox-sender=1s"; the browser tests shorten
// them), DYNAMODB_LOCAL_DIR (a folder with a DynamoDB Local jar you already have),
// LOG_LEVEL (DEBUG, INFO, WARN, ERROR; default INFO).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // as in the Lambda binaries: Europe/Prague must load everywhere

	"github.com/mpsv/brana/internal/registry"
)

const usage = `usage: go run ./infra/local <command> [arguments]

commands:
  run                          start the local stack (make run)
  invoke <function> <event>    run a function's handler on an event file ("-" = stdin)
                               against the running stack (make invoke FN=... EVENT=...)
  report <yyyy-mm>             compile a month's indicator report against the running stack
                               into .data/reports/ (make report MONTH=2026-11)
  token <group> [subject]      print a development staff token, group admin, expert, organiser,
                               evaluator or viewer (make token GROUP=admin [SUBJECT=...])
  zip <out.zip> <file>...      write a reproducible zip (make build without zip(1))
`

// errUsage marks a command line that makes no sense; main exits with 2.
var errUsage = errors.New("usage")

func main() {
	err := dispatch(os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		fmt.Fprintf(os.Stderr, "%v\n\n%s", err, usage)
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "brana local: %v\n", err)
		os.Exit(1)
	}
}

// dispatch runs one subcommand.
func dispatch(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: no command", errUsage)
	}
	level, err := logLevel()
	if err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level})).With("service", "brana")

	cmd, args := args[0], args[1:]
	switch cmd {
	case "run":
		if len(args) != 0 {
			return fmt.Errorf("%w: run takes no arguments", errUsage)
		}
		cfg, err := configFromEnv()
		if err != nil {
			return err
		}
		cfg.Log, cfg.Out = log, stdout
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return run(ctx, cfg)

	case "invoke":
		if len(args) != 2 || args[0] == "" || args[1] == "" {
			return fmt.Errorf("%w: invoke needs a function and an event file, e.g. make invoke FN=catalog EVENT=events/list-experts.json", errUsage)
		}
		root, err := repoRoot()
		if err != nil {
			return err
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		ddir, err := envDataDir(root)
		if err != nil {
			return err
		}
		return invoke(ctx, invokeConfig{DataDir: ddir, Function: args[0], Event: args[1], Stdin: os.Stdin, Out: stdout, Log: log})

	case "report":
		m, err := parseReportArgs(args)
		if err != nil {
			return err
		}
		root, err := repoRoot()
		if err != nil {
			return err
		}
		ddir, err := envDataDir(root)
		if err != nil {
			return err
		}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return runReport(ctx, invokeConfig{DataDir: ddir, Out: stdout, Log: log}, m)

	case "token":
		if len(args) < 1 || len(args) > 2 {
			return fmt.Errorf("%w: token needs a group (admin, expert, organiser, evaluator or viewer) and optionally a subject", errUsage)
		}
		root, err := repoRoot()
		if err != nil {
			return err
		}
		subject := ""
		if len(args) == 2 {
			subject = args[1]
		}
		ddir, err := envDataDir(root)
		if err != nil {
			return err
		}
		return printToken(stdout, ddir, args[0], subject)

	case "zip":
		if len(args) < 2 {
			return fmt.Errorf("%w: zip needs an output file and at least one file", errUsage)
		}
		return writeZip(args[0], args[1:])

	case "help", "-h", "-help", "--help":
		_, err := io.WriteString(stdout, usage)
		return err
	}
	return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
}

// configFromEnv reads the stack's settings from the environment.
func configFromEnv() (Config, error) {
	root, err := repoRoot()
	if err != nil {
		return Config{}, err
	}
	cfg := DefaultConfig(root)
	if cfg.Port, err = envPort("BRANA_PORT", cfg.Port); err != nil {
		return cfg, err
	}
	if cfg.DynamoDBPort, err = envPort("BRANA_DYNAMODB_PORT", cfg.DynamoDBPort); err != nil {
		return cfg, err
	}
	if h := os.Getenv("BRANA_HOST"); h != "" {
		cfg.Host = h
	}
	if cfg.DataDir, err = envDataDir(root); err != nil {
		return cfg, err
	}
	if cfg.Every, err = envEvery(os.Getenv("BRANA_EVERY")); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// envEvery reads BRANA_EVERY: comma-separated function=period pairs, each
// function one with a schedule, each period a Go duration of at least
// 100ms.
func envEvery(v string) (map[string]time.Duration, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	out := map[string]time.Duration{}
	for _, pair := range strings.Split(v, ",") {
		name, period, _ := strings.Cut(strings.TrimSpace(pair), "=")
		f, ok := registry.Get(name)
		if !ok || len(f.Schedules) == 0 {
			return nil, fmt.Errorf("BRANA_EVERY=%q: %q is not a scheduled function", v, name)
		}
		if slices.ContainsFunc(f.Schedules, func(s registry.Schedule) bool { return s.Monthly }) {
			return nil, fmt.Errorf("BRANA_EVERY=%q: %q runs monthly, on no local timer: run it with make report MONTH=YYYY-MM", v, name)
		}
		d, err := time.ParseDuration(period)
		if err != nil || d < 100*time.Millisecond {
			return nil, fmt.Errorf("BRANA_EVERY=%q: %q is not a period of 100ms or more (e.g. 2s, 1m)", v, period)
		}
		out[name] = d
	}
	return out, nil
}

// envDataDir is the data folder: BRANA_DATA when set, else .data at the
// repository root.
func envDataDir(root string) (string, error) {
	d := os.Getenv("BRANA_DATA")
	if d == "" {
		return dataDir(root), nil
	}
	abs, err := filepath.Abs(d)
	if err != nil {
		return "", fmt.Errorf("BRANA_DATA=%q: %w", d, err)
	}
	return abs, nil
}

// envPort reads a TCP port from the environment; 0 picks a free port.
func envPort(name string, def int) (int, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	p, err := strconv.Atoi(v)
	if err != nil || p < 0 || p > 65535 {
		return 0, fmt.Errorf("%s=%q is not a TCP port (1-65535, or 0 for a free one)", name, v)
	}
	return p, nil
}

// logLevel reads LOG_LEVEL, as the Lambda functions do.
func logLevel() (slog.Level, error) {
	var l slog.Level
	v := os.Getenv("LOG_LEVEL")
	if v == "" {
		return slog.LevelInfo, nil
	}
	if err := l.UnmarshalText([]byte(v)); err != nil {
		return l, fmt.Errorf("LOG_LEVEL=%q: want DEBUG, INFO, WARN or ERROR", v)
	}
	return l, nil
}
