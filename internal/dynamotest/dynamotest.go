// Package dynamotest runs integration tests against DynamoDB Local, AWS's
// own emulator, through internal/ddblocal.
//
// A package using it calls Main from its TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }
//
// One in-memory DynamoDB Local server (-inMemory -sharedDb) is started for
// the whole test binary, lazily, by the first test that asks for it, and
// stopped when the tests end. Tests share it and isolate themselves by
// table: NewTable gives each call a unique table and deletes it afterwards.
//
// Nothing here ever skips. If java or npm is missing (or the server cannot
// start), every test that needs the server fails with the reason and how to
// install what is missing, so the binary exits non-zero.
package dynamotest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/ddblocal"
)

// startTimeout bounds fetching the jar (first run only) and starting the
// server.
const startTimeout = 5 * time.Minute

var (
	inMain atomic.Bool

	mu       sync.Mutex
	started  bool // the start was attempted; srv/client/startErr are final
	srv      *ddblocal.Server
	client   *dynamodb.Client
	startErr error

	tableSeq atomic.Uint64
)

// Main runs the package's tests with a DynamoDB Local server available to
// Client, Endpoint and NewTable, stops the server afterwards and returns
// the exit code for os.Exit. The server starts on first use, so a run
// whose selected tests never touch DynamoDB starts no JVM.
func Main(m *testing.M) int {
	inMain.Store(true)
	code := m.Run()
	mu.Lock()
	defer mu.Unlock()
	if srv != nil {
		if err := srv.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "dynamotest: %v\n", err)
			if code == 0 {
				code = 1
			}
		}
		srv = nil
	}
	return code
}

// server returns the shared client and server, starting them on the first
// call. A failed start is remembered: every later caller gets the same
// error at once.
func server(tb testing.TB) (*ddblocal.Server, *dynamodb.Client) {
	tb.Helper()
	if !inMain.Load() {
		tb.Fatal("dynamotest: the package has no TestMain calling dynamotest.Main; add\n" +
			"\tfunc TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }")
	}
	mu.Lock()
	defer mu.Unlock()
	if !started {
		started = true
		startErr = start()
	}
	if startErr != nil {
		tb.Fatalf("dynamotest: DynamoDB Local is not available: %v", startErr)
	}
	return srv, client
}

func start() error {
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	s, err := ddblocal.Start(ctx, ddblocal.Options{InMemory: true})
	if err != nil {
		return err
	}
	c, err := ddblocal.NewClient(ctx, s.Endpoint())
	if err != nil {
		_ = s.Stop()
		return err
	}
	srv, client = s, c
	return nil
}

// Client returns a client for the test binary's DynamoDB Local server,
// starting the server if this is the first use. It fails tb (never skips)
// if the server cannot run.
func Client(tb testing.TB) *dynamodb.Client {
	tb.Helper()
	_, c := server(tb)
	return c
}

// Endpoint returns the URL of the test binary's DynamoDB Local server
// ("http://127.0.0.1:N"), starting it if needed, for code under test that
// builds its own client (with any credentials: the server runs -sharedDb).
func Endpoint(tb testing.TB) string {
	tb.Helper()
	s, _ := server(tb)
	return s.Endpoint()
}

// NewTable creates a table with a name unique within the test binary and
// returns the name. create receives the shared client and that name and
// must create the table (DynamoDB Local makes tables ACTIVE at once, so no
// waiting is needed). The table is deleted when tb's test ends; a table the
// test deleted itself is fine.
func NewTable(tb testing.TB, create func(ctx context.Context, c *dynamodb.Client, name string) error) string {
	tb.Helper()
	c := Client(tb)
	name := tableName(tb.Name(), tableSeq.Add(1))
	if err := create(tb.Context(), c, name); err != nil {
		tb.Fatalf("dynamotest: create table %s: %v", name, err)
	}
	tb.Cleanup(func() {
		// tb.Context() is already cancelled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
		var notFound *types.ResourceNotFoundException
		if err != nil && !errors.As(err, &notFound) {
			tb.Errorf("dynamotest: delete table %s: %v", name, err)
		}
	})
	return name
}

// maxTableName is DynamoDB's limit on table name length.
const maxTableName = 255

var notTableNameChar = regexp.MustCompile(`[^a-zA-Z0-9_.-]+`)

// tableName builds "t_<test name>_<seq>", with runs of characters outside
// DynamoDB's [a-zA-Z0-9_.-] replaced by "_" and the test name cut so the
// whole stays within 255 characters. seq keeps names unique even when the
// cut makes two test names alike.
func tableName(testName string, seq uint64) string {
	suffix := "_" + strconv.FormatUint(seq, 10)
	mid := notTableNameChar.ReplaceAllString(testName, "_")
	if room := maxTableName - len("t_") - len(suffix); len(mid) > room {
		mid = mid[:room]
	}
	return "t_" + mid + suffix
}
