package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

// registerAll registers n distinct people through the handler, each with
// an Idempotency-Key, for an event with room for all of them.
func registerAll(b *testing.B, env *apptest.Env, n int) {
	ev := eventEvent(b, "create-registration", "bench")
	body := apptest.Body[map[string]any](b, httpapi.Response{Body: ev.Body})
	for i := range n {
		body["contact"].(map[string]any)["email"] = fmt.Sprintf("ucastnik%d@example.cz", i)
		resp := env.Invoke(routes.FnEvents, apptest.WithHeader(apptest.WithBody(ev, body), "idempotency-key", fmt.Sprintf("bench-%d", i)))
		if resp.StatusCode != http.StatusCreated {
			b.Fatalf("registration %d: got %d %s", i, resp.StatusCode, resp.Body)
		}
	}
}

func registrationEnv(b *testing.B, c *counting) *apptest.Env {
	env := apptest.New(b, apptest.Options{Quiet: true, Wrap: func(a dynamo.API) dynamo.API { c.API = a; return c }})
	putEvent(b, env, "bench", 100_000)
	return env
}

// BenchmarkCreateRegistration registers through the handler (decode,
// validate, read the idempotency record, the event and its counters, one
// transaction) next to the floor: the same transactions sent bare.
func BenchmarkCreateRegistration(b *testing.B) {
	b.Run("handler", func(b *testing.B) {
		env := registrationEnv(b, &counting{})
		b.ResetTimer()
		registerAll(b, env, b.N)
	})
	b.Run("bare-transaction", func(b *testing.B) {
		rec := &counting{}
		src := registrationEnv(b, rec)
		rec.record = true
		registerAll(b, src, b.N)
		dst := registrationEnv(b, &counting{})
		for _, in := range rec.txs {
			in.ClientRequestToken = nil
			for i := range in.TransactItems {
				retable(&in.TransactItems[i], dst.Table)
			}
		}
		b.ResetTimer()
		for _, in := range rec.txs {
			if _, err := dst.Client.TransactWriteItems(context.Background(), in); err != nil {
				b.Fatal(err)
			}
		}
	})
}
