package idempotency

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
)

func TestFromHeader(t *testing.T) {
	t.Run("an absent header makes no key", func(t *testing.T) {
		k, err := FromHeader(testSecret, "", "POST /v1/bookings", []byte("{}"))
		if k != nil || err != nil {
			t.Errorf("got %v %v, want nil nil", k, err)
		}
	})
	for _, bad := range []string{strings.Repeat("a", 256), "key with spaces", "klíč"} {
		t.Run("refuses the key "+bad[:min(len(bad), 12)], func(t *testing.T) {
			_, err := FromHeader(testSecret, bad, "scope", nil)
			if e, ok := apperr.As(err); !ok || e.Code != apperr.Invalid || e.Fields[0].Field != Header {
				t.Errorf("got %v, want an invalid %s field", err, Header)
			}
		})
	}
	t.Run("scopes keys: the same key on two routes is two records", func(t *testing.T) {
		a, _ := FromHeader(testSecret, "k1", "POST /v1/bookings/{bookingId}/cancel b1", nil)
		b, _ := FromHeader(testSecret, "k1", "POST /v1/bookings/{bookingId}/cancel b2", nil)
		if a.Hash() == b.Hash() {
			t.Error("got the same record for two bookings")
		}
		if strings.Contains(a.Hash(), "k1") {
			t.Error("the record id contains the key itself")
		}
	})
}

func TestRecordCheckAndOpen(t *testing.T) {
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	k, _ := FromHeader(testSecret, "3f0e7a52", "POST /v1/bookings ", []byte(`{"a":1}`))
	rec := k.Record(201, "b1", "secret-token", now)

	t.Run("the same request matches and opens the secret", func(t *testing.T) {
		same, _ := FromHeader(testSecret, "3f0e7a52", "POST /v1/bookings ", []byte(`{"a":1}`))
		if err := same.Check(rec); err != nil {
			t.Fatalf("got %v, want a match", err)
		}
		if got, err := same.Open(rec); err != nil || got != "secret-token" {
			t.Errorf("got %q %v, want the secret", got, err)
		}
	})
	t.Run("another body with the same key is 422", func(t *testing.T) {
		other, _ := FromHeader(testSecret, "3f0e7a52", "POST /v1/bookings ", []byte(`{"a":2}`))
		if err := other.Check(rec); !apperr.Is(err, apperr.Unprocessable, "idempotency_key_reused") {
			t.Errorf("got %v, want idempotency_key_reused", err)
		}
	})
	t.Run("the secret is sealed, not stored", func(t *testing.T) {
		if strings.Contains(string(rec.Sealed), "secret-token") {
			t.Error("the record holds the secret in clear")
		}
		thief, _ := FromHeader(testSecret, "another-key", "POST /v1/bookings ", []byte(`{"a":1}`))
		if _, err := thief.Open(rec); err == nil {
			t.Error("another key opened the secret")
		}
	})
	t.Run("the body is fingerprinted with a keyed HMAC, not a plain hash", func(t *testing.T) {
		plain := sha256.Sum256([]byte(`{"a":1}`))
		if rec.RequestHash == hex.EncodeToString(plain[:]) {
			t.Error("the record holds the plain SHA-256 of the body")
		}
		otherKey, _ := FromHeader([]byte("another secret of thirty-two b.."), "3f0e7a52", "POST /v1/bookings ", []byte(`{"a":1}`))
		if otherKey.Record(201, "b1", "", now).RequestHash == rec.RequestHash {
			t.Error("the fingerprint does not depend on the secret")
		}
		if _, err := FromHeader(nil, "3f0e7a52", "POST /v1/bookings ", nil); apperr.CodeOf(err) != apperr.Internal {
			t.Errorf("without a secret: got %v, want an internal error", err)
		}
	})
	t.Run("expires after its lifetime", func(t *testing.T) {
		if rec.Expired(now.Add(TTL-time.Second)) || !rec.Expired(now.Add(TTL+time.Second)) {
			t.Errorf("got expiry at the wrong time: %s", rec.ExpiresAt)
		}
	})
}
