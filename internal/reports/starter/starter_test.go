package starter_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/starter"
)

// TestStartInvokesAsynchronously runs the real Lambda client against a
// local server standing in for the Lambda API and checks the request it
// sends: the function, the asynchronous invocation type and the payload.
func TestStartInvokesAsynchronously(t *testing.T) {
	var mu sync.Mutex
	var got struct {
		path, invocationType string
		body                 []byte
	}
	status := http.StatusAccepted
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		got.path, got.invocationType = r.URL.Path, r.Header.Get("X-Amz-Invocation-Type")
		got.body, _ = io.ReadAll(r.Body)
		w.WriteHeader(status)
	}))
	defer srv.Close()
	cfg := aws.Config{
		Region: "eu-central-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
	}
	s, err := starter.New(cfg, "brana-report-compile")
	if err != nil {
		t.Fatal(err)
	}
	req := reports.RunRequest{Month: "2026-11", Trigger: reports.TriggerRerun, By: "admin-1"}
	if err := s.Start(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if got.path != "/2015-03-31/functions/brana-report-compile/invocations" || got.invocationType != "Event" {
		t.Errorf("request %s, invocation type %q", got.path, got.invocationType)
	}
	var sent reports.RunRequest
	if err := json.Unmarshal(got.body, &sent); err != nil || sent != req {
		t.Errorf("payload %s (%v), want %+v", got.body, err, req)
	}
	status = http.StatusOK // a synchronous answer: not what Event gives
	mu.Unlock()
	if err := s.Start(context.Background(), req); err == nil || !strings.Contains(err.Error(), "want 202") {
		t.Errorf("a 200: got %v, want an error", err)
	}
}

func TestNewNeedsTheFunction(t *testing.T) {
	if _, err := starter.New(aws.Config{}, ""); err == nil || !strings.Contains(err.Error(), reports.EnvCompile) {
		t.Errorf("got %v", err)
	}
}

func TestStartReportsTheClientsError(t *testing.T) {
	cfg := aws.Config{Region: "eu-central-1", BaseEndpoint: aws.String("http://127.0.0.1:1"), Credentials: credentials.NewStaticCredentialsProvider("t", "t", ""), RetryMaxAttempts: 1}
	s, _ := starter.New(cfg, "f")
	err := s.Start(context.Background(), reports.RunRequest{})
	if err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want the connection's error", err)
	}
}
