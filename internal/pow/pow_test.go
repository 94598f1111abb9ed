package pow_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/pow"
)

// spent is the Spender's rule in memory (powdb implements it on DynamoDB
// and is tested there).
type spent struct {
	mu sync.Mutex
	m  map[string]string
}

func (s *spent) Spend(_ context.Context, id, scope string, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.m[id]; ok && (scope == "" || prev != scope) {
		return pow.ErrSpent
	}
	s.m[id] = scope
	return nil
}

var key = []byte("0123456789abcdef0123456789abcdef")

func newPoW(t testing.TB, now *time.Time, max int64) *pow.PoW {
	p, err := pow.New(key, &spent{m: map[string]string{}}, func() time.Time { return *now }, pow.Options{MaxNumber: max})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func reason(err error) apperr.Reason {
	if e, ok := apperr.As(err); ok && e.Code == apperr.Forbidden {
		return apperr.Reason(e.Reason)
	}
	return apperr.Reason("not a 403: " + func() string {
		if err == nil {
			return "nil"
		}
		return err.Error()
	}())
}

func edit(t *testing.T, h string, f func(m map[string]any)) string {
	raw, err := base64.StdEncoding.DecodeString(h)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, _ := json.Marshal(m)
	return base64.StdEncoding.EncodeToString(b)
}

func TestSolveAndCheck(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	p := newPoW(t, &now, 5000)
	c, err := p.Challenge()
	if err != nil {
		t.Fatal(err)
	}
	if c.Algorithm != "SHA-256" || c.MaxNumber != 5000 || len(c.Challenge) != 64 || len(c.Signature) != 64 {
		t.Fatalf("challenge %+v, want SHA-256, maxnumber 5000, hex hash and signature", c)
	}
	sol, err := pow.Solve(c)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("a solved challenge passes once", func(t *testing.T) {
		if err := p.Check(ctx, sol, ""); err != nil {
			t.Fatalf("got %v, want it to pass", err)
		}
		if got := reason(p.Check(ctx, sol, "")); got != pow.ReasonSpent {
			t.Errorf("again: got %s, want %s", got, pow.ReasonSpent)
		}
	})

	t.Run("the same request with the same scope passes again, another does not", func(t *testing.T) {
		sol, _ := pow.Solve(mustChallenge(t, p))
		if err := p.Check(ctx, sol, "POST /v1/bookings  key-1"); err != nil {
			t.Fatal(err)
		}
		if err := p.Check(ctx, sol, "POST /v1/bookings  key-1"); err != nil {
			t.Errorf("retry with the same scope: got %v, want it to pass", err)
		}
		for _, scope := range []string{"POST /v1/bookings  key-2", ""} {
			if got := reason(p.Check(ctx, sol, scope)); got != pow.ReasonSpent {
				t.Errorf("scope %q: got %s, want %s", scope, got, pow.ReasonSpent)
			}
		}
	})

	fresh := func() string { s, _ := pow.Solve(mustChallenge(t, p)); return s }
	tests := []struct {
		name   string
		header string
		want   apperr.Reason
	}{
		{"no header is missing", "", pow.ReasonMissing},
		{"not base64 is invalid", "%%%", pow.ReasonInvalid},
		{"not JSON is invalid", base64.StdEncoding.EncodeToString([]byte("nope")), pow.ReasonInvalid},
		{"a wrong number is invalid", edit(t, fresh(), func(m map[string]any) { m["number"] = m["number"].(float64) + 1 }), pow.ReasonInvalid},
		{"a number over maxnumber is invalid", edit(t, fresh(), func(m map[string]any) { m["number"] = 5001 }), pow.ReasonInvalid},
		{"a forged signature is invalid", edit(t, fresh(), func(m map[string]any) { m["signature"] = "00" + m["signature"].(string)[2:] }), pow.ReasonInvalid},
		{"another algorithm is invalid", edit(t, fresh(), func(m map[string]any) { m["algorithm"] = "SHA-1" }), pow.ReasonInvalid},
		{"a salt without expiry is invalid", edit(t, fresh(), func(m map[string]any) { m["salt"] = "abc&" }), pow.ReasonInvalid},
		{"a longer expiry spliced into the salt is invalid", edit(t, fresh(), func(m map[string]any) { m["salt"] = m["salt"].(string) + "expires=4102444800&" }), pow.ReasonInvalid},
		{"an over-long header is invalid", string(make([]byte, 2000)), pow.ReasonInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := reason(p.Check(ctx, tt.header, "")); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}

	t.Run("a key other than ours is invalid", func(t *testing.T) {
		other, _ := pow.New([]byte("another key, also thirty-two bytes"), &spent{m: map[string]string{}}, func() time.Time { return now }, pow.Options{MaxNumber: 5000})
		sol, _ := pow.Solve(mustChallenge(t, other))
		if got := reason(p.Check(ctx, sol, "")); got != pow.ReasonInvalid {
			t.Errorf("got %s, want %s", got, pow.ReasonInvalid)
		}
	})

	t.Run("an expired challenge is refused", func(t *testing.T) {
		sol := fresh()
		now = now.Add(pow.DefaultTTL)
		defer func() { now = now.Add(-pow.DefaultTTL) }()
		if got := reason(p.Check(ctx, sol, "")); got != pow.ReasonExpired {
			t.Errorf("got %s, want %s", got, pow.ReasonExpired)
		}
	})
}

func mustChallenge(t testing.TB, p *pow.PoW) pow.Challenge {
	c, err := p.Challenge()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewRefusesAShortKey(t *testing.T) {
	if _, err := pow.New([]byte("short"), &spent{}, time.Now, pow.Options{}); err == nil {
		t.Error("got no error for a 5-byte key")
	}
}

// BenchmarkVerify is the server's cost of checking one solution (without
// the DynamoDB write that spends it).
func BenchmarkVerify(b *testing.B) {
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	p := newPoW(b, &now, pow.DefaultMaxNumber)
	sol, err := pow.Solve(mustChallenge(b, p))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Verify(sol); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSolve is the cost of solving at DefaultMaxNumber in Go, one
// core (the widget in a browser is slower: see docs/benchmarks.md).
func BenchmarkSolve(b *testing.B) {
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	p := newPoW(b, &now, pow.DefaultMaxNumber)
	for b.Loop() {
		if _, err := pow.Solve(mustChallenge(b, p)); err != nil {
			b.Fatal(err)
		}
	}
}
