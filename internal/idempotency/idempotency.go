// Package idempotency makes POST requests safe to retry. A request carrying an
// Idempotency-Key is recorded in the same DynamoDB transaction as the change
// it makes; a retry with the same key and the same body returns the first
// result and changes nothing, the same key with another body is refused.
//
// The record never holds the key itself, only its hash; the one secret a
// replay must return (a new booking's manage token) is sealed with a key
// derived from the client's idempotency key, which the table does not store.
package idempotency

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/seal"
)

// Reasons this package raises.
const (
	// ReasonRace: the record of the key was written concurrently by another
	// request (a store's transaction fails with it).
	ReasonRace apperr.Reason = "idempotency_race"
	// ReasonInProgress: the first request with the key has not finished.
	ReasonInProgress apperr.Reason = "idempotency_in_progress"
	// ReasonKeyReused: the same key came with another request body.
	ReasonKeyReused apperr.Reason = "idempotency_key_reused"
)

// Header is the request header that carries the key.
const Header = "Idempotency-Key"

// TTL is how long a key is remembered; DynamoDB's TTL removes the record.
const TTL = 24 * time.Hour

// Record is what the store keeps for a used key.
type Record struct {
	KeyHash     string
	RequestHash string
	Status      int    // the first response's status code
	ResourceID  string // what the first request created or changed
	Sealed      []byte // the sealed secret (a manage token), if any
	CreatedAt   time.Time
	ExpiresAt   time.Time
}

// Key is a client's idempotency key bound to one route and request body.
type Key struct {
	hash        string
	requestHash string
	box         *seal.Box
}

// KeyPurpose names the key FromHeader fingerprints request bodies with:
// seal.DeriveKey(master, KeyPurpose).
const KeyPurpose = "idempotency"

// FromHeader reads a key. secret is the function's fingerprint key (the
// request body holds personal data, so the record keeps only its keyed
// HMAC, which nobody without the key can test guesses against); scope
// names the route and its path parameters (a key is only ever compared
// within its scope); body is the raw request body. An empty header gives
// (nil, nil): the request is simply not idempotent.
func FromHeader(secret []byte, value, scope string, body []byte) (*Key, error) {
	if value == "" {
		return nil, nil
	}
	if len(value) > 255 || !printable(value) {
		return nil, apperr.InvalidFields(apperr.Field(Header, "idempotency_key"))
	}
	if len(secret) == 0 {
		return nil, apperr.Wrap(apperr.Internal, "internal", errors.New("idempotency: no fingerprint key"))
	}
	keyHash := sha256.Sum256([]byte("brana idempotency\x00" + scope + "\x00" + value))
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(scope + "\x00"))
	mac.Write(body)
	reqHash := mac.Sum(nil)
	box, err := seal.Derive([]byte(scope+"\x00"+value), "idempotency")
	if err != nil {
		return nil, apperr.Wrap(apperr.Internal, "internal", err)
	}
	return &Key{hash: hex.EncodeToString(keyHash[:]), requestHash: hex.EncodeToString(reqHash[:]), box: box}, nil
}

// Hash identifies the record of this key.
func (k *Key) Hash() string { return k.hash }

// Record returns the record to store with the change the request makes.
func (k *Key) Record(status int, resourceID, secret string, now time.Time) Record {
	rec := Record{KeyHash: k.hash, RequestHash: k.requestHash, Status: status, ResourceID: resourceID, CreatedAt: now, ExpiresAt: now.Add(TTL)}
	if secret != "" {
		rec.Sealed = k.box.Seal([]byte(secret), []byte(k.hash))
	}
	return rec
}

// Check compares a stored record with this request: the same key with a
// different body is refused with 422.
func (k *Key) Check(rec Record) error {
	if subtle.ConstantTimeCompare([]byte(rec.RequestHash), []byte(k.requestHash)) != 1 {
		return apperr.New(apperr.Unprocessable, ReasonKeyReused)
	}
	return nil
}

// Open returns the secret sealed in a record.
func (k *Key) Open(rec Record) (string, error) {
	if len(rec.Sealed) == 0 {
		return "", nil
	}
	b, err := k.box.Open(rec.Sealed, []byte(k.hash))
	if err != nil {
		return "", apperr.Wrap(apperr.Internal, "internal", err)
	}
	return string(b), nil
}

// Expired reports whether a record is past its lifetime (DynamoDB's TTL
// deletes lazily, so an expired record may still be read).
func (r Record) Expired(now time.Time) bool { return !r.ExpiresAt.IsZero() && now.After(r.ExpiresAt) }

func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
