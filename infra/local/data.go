package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/ddblocal"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/mailer/filemailer"
)

// Files and folders under the data folder (.data/ at the repository root).
const (
	dynamoDBSubdir = "dynamodb"           // DynamoDB Local's shared-local-instance.db
	dynamoDBLog    = "dynamodb-local.log" // DynamoDB Local's own output, of the last run
	outboxSubdir   = "outbox"             // the e-mails, one .eml file each
	outboxKeyFile  = "outbox.key"         // base64 of the 32-byte outbox sealing key
	devSecretFile  = "dev-jwt.secret"     // the development JWT secret (hex)
	stateFile      = "local-stack.json"   // where the running stack is; removed when it stops
)

// DefaultTable is the table the local stack uses.
const DefaultTable = "brana"

// dataDir is the data folder of a repository.
func dataDir(root string) string { return filepath.Join(root, ".data") }

// repoRoot walks up from the working directory to the folder holding go.mod.
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; {
		if fi, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && fi.Mode().IsRegular() {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no go.mod above %s: run this from inside the Brána repository", wd)
		}
		d = parent
	}
}

// loadOrCreateKey returns the outbox sealing key kept in path (base64 of 32
// bytes, as OUTBOX_KEY is given to the Lambdas), creating it once with mode
// 0600. The key must outlive restarts: the outbox keeps manage links sealed
// with it until their e-mail is sent.
func loadOrCreateKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		key, derr := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
		if derr != nil || len(key) != 32 {
			return nil, fmt.Errorf("%s does not hold base64 of 32 bytes; delete it to make a new key (pending e-mails then cannot be sent)", path)
		}
		return key, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read outbox key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create %s: %w", filepath.Dir(path), err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("make outbox key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return loadOrCreateKey(path) // another process made it first
	}
	if err != nil {
		return nil, fmt.Errorf("create outbox key: %w", err)
	}
	_, werr := f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		_ = os.Remove(path)
		return nil, fmt.Errorf("write outbox key: %w", werr)
	}
	return key, nil
}

// stackState is what a running stack writes to .data/local-stack.json, so
// that `make invoke` finds it.
type stackState struct {
	PID              int       `json:"pid"`
	URL              string    `json:"url"`
	DynamoDBEndpoint string    `json:"dynamodbEndpoint"`
	Table            string    `json:"table"`
	StartedAt        time.Time `json:"startedAt"`
}

// writeState writes the state file atomically.
func writeState(dir string, st stackState) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+stateFile+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", stateFile, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", stateFile, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", stateFile, err)
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, stateFile))
}

// readState reads the state file of a running stack.
func readState(dir string) (stackState, error) {
	var st stackState
	b, err := os.ReadFile(filepath.Join(dir, stateFile))
	if err != nil {
		return st, err
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, fmt.Errorf("%s: %w", filepath.Join(dir, stateFile), err)
	}
	return st, nil
}

// removeState removes the state file if it is still the one pid wrote.
func removeState(dir string, pid int) {
	if st, err := readState(dir); err == nil && st.PID == pid {
		_ = os.Remove(filepath.Join(dir, stateFile))
	}
}

// depsConfig says how to build the Deps of the local stack and of invoke.
type depsConfig struct {
	DataDir  string
	Endpoint string // DynamoDB Local
	Table    string
	BaseURL  string // the local front door, for manage links
	Log      *slog.Logger
}

// buildDeps builds the functions' dependencies the way boot.Load does with
// MAILER=file, on a DynamoDB Local client: e-mails become .eml files in
// .data/outbox/, the outbox key comes from .data/outbox.key.
func buildDeps(cfg depsConfig) (*app.Deps, *dynamodb.Client, error) {
	key, err := loadOrCreateKey(filepath.Join(cfg.DataDir, outboxKeyFile))
	if err != nil {
		return nil, nil, err
	}
	mailDir := filepath.Join(cfg.DataDir, outboxSubdir)
	m, err := filemailer.New(mailDir)
	if err != nil {
		return nil, nil, err
	}
	client, err := ddblocal.NewClient(context.Background(), cfg.Endpoint)
	if err != nil {
		return nil, nil, err
	}
	// The origin header's value: this process's gateway (or `make invoke`)
	// sends it to the functions it builds, as CloudFront does in the cloud,
	// so a fresh one per process will do.
	origin := make([]byte, 32)
	if _, err := rand.Read(origin); err != nil {
		return nil, nil, err
	}
	ac := app.Config{
		OriginSecret:     base64.RawURLEncoding.EncodeToString(origin),
		TableName:        cfg.Table,
		DynamoDBEndpoint: cfg.Endpoint,
		Region:           ddblocal.Region,
		PublicBaseURL:    strings.TrimRight(cfg.BaseURL, "/"),
		MailFrom:         "brana@example.invalid",
		MailFromName:     "Brána – MPSV",
		Mailer:           "file",
		MailDir:          mailDir,
		OutboxKey:        key,
	}
	deps, err := app.Assemble(ac, cfg.Log, client, m, clock.System{}, ids.Random{})
	if err != nil {
		return nil, nil, err
	}
	return deps, client, nil
}

// probeTable checks that DynamoDB Local answers at the client's endpoint and
// holds the table.
func probeTable(ctx context.Context, c *dynamodb.Client, table string) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	_, err := c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)},
		func(o *dynamodb.Options) { o.RetryMaxAttempts = 1 })
	return err
}
