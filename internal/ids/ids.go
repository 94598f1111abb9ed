// Package ids makes identifiers and secrets. Identifiers are injected so tests
// can be deterministic; secrets (manage tokens) always come from crypto/rand.
package ids

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Generator makes new identifiers.
type Generator interface{ NewID() string }

var b32 = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// Random makes time-ordered identifiers: 48 bits of milliseconds then 80
// random bits, in lower-case Crockford base32 (26 characters), so that ids
// sort by creation time and never collide in practice.
type Random struct{ Now func() time.Time }

// NewID returns a new identifier.
func (r Random) NewID() string {
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(now().UnixMilli())<<16)
	if _, err := rand.Read(b[6:]); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err)) // never happens on Linux
	}
	return b32.EncodeToString(b[:])
}

// Sequence makes predictable identifiers for tests: prefix-000001, … It is
// safe for concurrent use.
type Sequence struct {
	Prefix string
	mu     sync.Mutex
	n      int
}

// NewID returns the next identifier.
func (s *Sequence) NewID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	return fmt.Sprintf("%s%06d", s.Prefix, s.n)
}

// TokenBytes is the size of a manage token's secret: 256 bits.
const TokenBytes = 32

// NewToken returns a random secret token, URL-safe base64 without padding.
func NewToken() string {
	var b [TokenBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err))
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// HashToken returns the SHA-256 of a token, the only form in which it is
// stored. Tokens carry 256 bits of entropy, so a plain hash is enough: there
// is nothing to brute-force that a salt would protect.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(strings.TrimSpace(token)))
	return h[:]
}

// TokenMatches compares a presented token with a stored hash in constant time.
func TokenMatches(token string, hash []byte) bool {
	if len(hash) != sha256.Size {
		// Compare anyway so that a missing hash costs the same time.
		hash = make([]byte, sha256.Size)
		subtle.ConstantTimeCompare(HashToken(token), hash)
		return false
	}
	return subtle.ConstantTimeCompare(HashToken(token), hash) == 1
}
