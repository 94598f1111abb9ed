package surveys_test

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/surveys/surveyschema"
	"github.com/mpsv/brana/internal/wire/surveys"
)

type untouchable struct{ dynamo.API }

// TestColdStartIsLean: building the public surveys function and serving a
// request does not compile the survey-definition JSON Schema, which the
// function links (through surveyapi) but never uses: about 5 ms and 1 MB
// of every cold start.
func TestColdStartIsLean(t *testing.T) {
	secret := strings.Repeat("s", boot.OriginMinLength)
	env := &boot.Env{
		Function: registry.Surveys, Log: slog.New(slog.DiscardHandler), Clock: clock.System{}, IDs: ids.Random{},
		DB: untouchable{}, Config: boot.Config{TableName: "brana", OutboxKey: make([]byte, 32), OriginSecret: secret},
	}
	h, err := surveys.New(context.Background(), env)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := h(context.Background(), events.APIGatewayV2HTTPRequest{RouteKey: "GET /v1/nothing", Headers: map[string]string{"x-origin-verify": secret}})
	if err != nil || resp.StatusCode != http.StatusNotFound {
		t.Fatalf("got %d %v", resp.StatusCode, err)
	}
	if surveyschema.Compiled() {
		t.Fatal("the cold start compiled the survey-definition schema")
	}
}
