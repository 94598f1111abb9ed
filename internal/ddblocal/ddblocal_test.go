package ddblocal

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestStartDirWithoutJar(t *testing.T) {
	dir := t.TempDir()
	s, err := Start(t.Context(), Options{Dir: dir, InMemory: true})
	if err == nil {
		_ = s.Stop()
		t.Fatal("Start with a folder without the jar succeeded")
	}
	if errors.Is(err, ErrJavaNotFound) {
		t.Fatalf("this test needs java on PATH: %v", err)
	}
	t.Logf("error (as a user sees it): %v", err)
	if !errors.Is(err, ErrJarNotFound) {
		t.Errorf("err = %v, want one wrapping ErrJarNotFound", err)
	}
	for _, want := range []string{JarName, dir, FetchScript} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestStartWithoutJava(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Start(t.Context(), Options{Dir: t.TempDir(), InMemory: true})
	if !errors.Is(err, ErrJavaNotFound) {
		t.Fatalf("err = %v, want ErrJavaNotFound", err)
	}
	t.Logf("error (as a user sees it): %v", err)
	if !strings.Contains(err.Error(), "apt-get install -y openjdk-17-jre-headless") {
		t.Errorf("error %q has no install hint", err)
	}
}

func TestEnsureJarWithoutNpm(t *testing.T) {
	t.Setenv(EnvDir, filepath.Join(t.TempDir(), "missing"))
	t.Setenv("PATH", t.TempDir())
	_, err := EnsureJar(t.Context())
	if !errors.Is(err, ErrNpmNotFound) {
		t.Fatalf("err = %v, want ErrNpmNotFound", err)
	}
	t.Logf("error (as a user sees it): %v", err)
	if !strings.Contains(err.Error(), "install Node.js and npm") {
		t.Errorf("error %q has no install hint", err)
	}
}

func TestStartNeedsDBPath(t *testing.T) {
	_, err := Start(t.Context(), Options{Dir: t.TempDir()})
	if err == nil {
		t.Fatal("Start without InMemory or DBPath succeeded")
	}
	if errors.Is(err, ErrJavaNotFound) {
		t.Fatalf("this test needs java on PATH: %v", err)
	}
}

func TestRepoRoot(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if !isFile(filepath.Join(root, FetchScript)) {
		t.Errorf("repoRoot() = %s, which has no %s", root, FetchScript)
	}
}

func TestTailBuffer(t *testing.T) {
	b := &tailBuffer{max: 10}
	for _, s := range []string{"0123", "4567", "89ab", "cdef"} {
		_, _ = b.Write([]byte(s))
	}
	if got := string(b.buf); got != "6789abcdef" {
		t.Errorf("kept %q, want the last 10 bytes", got)
	}
}

// TestOnDiskRestart runs the real server on disk (-sharedDb -dbPath), as
// the local stack does, and checks a table survives a restart and that
// Stop leaves no process behind.
func TestOnDiskRestart(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	dbPath := filepath.Join(t.TempDir(), "db")
	log := &tailBuffer{max: 1 << 20}
	start := func() *Server {
		t.Helper()
		s, err := Start(ctx, Options{DBPath: dbPath, Log: log})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(s.Endpoint(), "http://127.0.0.1:") {
			t.Errorf("Endpoint() = %q", s.Endpoint())
		}
		return s
	}

	s := start()
	c, err := NewClient(ctx, s.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String("persisted"),
		BillingMode:          types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	select {
	case <-s.Done():
	default:
		t.Fatal("Done not closed after Stop")
	}
	if err := s.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dbPath, "shared-local-instance.db")); err != nil {
		t.Errorf("no shared database file: %v", err)
	}

	s = start()
	defer func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	}()
	c, err = NewClient(ctx, s.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.ListTables(ctx, &dynamodb.ListTablesInput{})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.TableNames) != 1 || out.TableNames[0] != "persisted" {
		t.Errorf("tables after restart = %v, want [persisted]", out.TableNames)
	}
	if !strings.Contains(log.String(), "DynamoDB Local") {
		t.Errorf("Options.Log got no server output: %q", log.String())
	}
}

// TestStartProcessDies checks that a JVM that exits at once is reported
// with its output rather than waited on for the full timeout.
func TestStartProcessDies(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, JarName), []byte("not a jar"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, LibDirName), 0o755); err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	s, err := Start(t.Context(), Options{Dir: dir, InMemory: true})
	if err == nil {
		_ = s.Stop()
		t.Fatal("Start with a corrupt jar succeeded")
	}
	t.Logf("error (as a user sees it): %v", err)
	if !strings.Contains(err.Error(), "exited before answering") || !strings.Contains(err.Error(), "zip END header") {
		t.Errorf("error %q does not report the exit and the JVM's output", err)
	}
	if d := time.Since(t0); d > 10*time.Second {
		t.Errorf("took %v to notice the exit", d)
	}
}

func TestStartPortTaken(t *testing.T) {
	l, err := net.Listen("tcp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	_, err = Start(t.Context(), Options{InMemory: true, Port: port})
	if err == nil || !strings.Contains(err.Error(), "not free") {
		t.Fatalf("err = %v, want a port-not-free error", err)
	}
}
