// Package pow is the proof of work every public write carries: ALTCHA's
// v1 challenge (SHA-256), the one the npm altcha widget in the front door
// solves, made and checked with altcha-lib-go.
//
// The server issues a signed challenge (GET /v1/challenge): a random salt
// carrying its expiry, the hex SHA-256 of salt+n for a secret n ≤
// MaxNumber, and an HMAC-SHA256 signature of that hash. The client finds n
// by trying numbers and sends {algorithm, challenge, number, salt,
// signature}, JSON in base64, in the Altcha header of the write.
//
// Guarantee: a write is let through only with a solution whose signature is
// ours (compared in constant time), whose hash matches its number, whose
// challenge has not expired, and which was not spent before. Each solution
// is spent by a conditional put of its own item before the write, living
// until the challenge expires, so one solution buys one write. A retry of
// the same request (same route, booking and Idempotency-Key) with the same
// solution passes, so that it meets its idempotent replay.
package pow

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	altcha "github.com/altcha-org/altcha-lib-go"

	"github.com/mpsv/brana/internal/apperr"
)

// Header carries the solution of a write.
const Header = "Altcha"

// Algorithm is the one hash the challenges use.
const Algorithm = "SHA-256"

// Defaults: see docs/benchmarks.md ("Proof of work") for how MaxNumber was
// chosen (a few seconds on a mid-range phone).
const (
	DefaultMaxNumber int64 = 100_000
	DefaultTTL             = 10 * time.Minute
)

// Reasons of the refusals (403 problem+json).
const (
	ReasonMissing apperr.Reason = "proof_of_work_missing" // no Altcha header
	ReasonInvalid apperr.Reason = "proof_of_work_invalid" // malformed, wrong hash or signature
	ReasonExpired apperr.Reason = "proof_of_work_expired" // the challenge is older than its TTL
	ReasonSpent   apperr.Reason = "proof_of_work_spent"   // the solution bought a write before
)

// Challenge is what GET /v1/challenge answers, as the widget reads it.
type Challenge struct {
	Algorithm string `json:"algorithm"`
	Challenge string `json:"challenge"`
	MaxNumber int64  `json:"maxnumber"`
	Salt      string `json:"salt"`
	Signature string `json:"signature"`
}

// Solution is what the client sends back (base64 JSON in the header).
type Solution struct {
	Algorithm string `json:"algorithm"`
	Challenge string `json:"challenge"`
	Number    int64  `json:"number"`
	Salt      string `json:"salt"`
	Signature string `json:"signature"`
}

// Encode renders a solution as the header value.
func (s Solution) Encode() string {
	b, _ := json.Marshal(s) // a struct of strings and a number: cannot fail
	return base64.StdEncoding.EncodeToString(b)
}

// Spender spends a solution: it records id (the challenge) until expires,
// and fails with ErrSpent when id was spent before, unless the earlier
// spend had the same non-empty scope. The DynamoDB adapter is
// internal/pow/powdb.
type Spender interface {
	Spend(ctx context.Context, id, scope string, expires time.Time) error
}

// ErrSpent is a Spender's answer to a solution spent before.
var ErrSpent = errors.New("pow: solution spent")

// Options tune a PoW.
type Options struct {
	MaxNumber int64         // DefaultMaxNumber if zero
	TTL       time.Duration // DefaultTTL if zero
}

// PoW issues and checks challenges with one key.
type PoW struct {
	key   string
	spent Spender
	now   func() time.Time
	max   int64
	ttl   time.Duration
}

// New returns a PoW signing with key (seal.DeriveKey(secret, "pow")).
func New(key []byte, spent Spender, now func() time.Time, opt Options) (*PoW, error) {
	if len(key) < 32 {
		return nil, fmt.Errorf("pow: key of %d bytes, want at least 32", len(key))
	}
	if spent == nil || now == nil {
		return nil, errors.New("pow: a Spender and a clock are required")
	}
	p := &PoW{key: string(key), spent: spent, now: now, max: opt.MaxNumber, ttl: opt.TTL}
	if p.max <= 0 {
		p.max = DefaultMaxNumber
	}
	if p.ttl <= 0 {
		p.ttl = DefaultTTL
	}
	return p, nil
}

// TTL is how long a challenge can be solved and spent.
func (p *PoW) TTL() time.Duration { return p.ttl }

// Challenge issues a new challenge.
func (p *PoW) Challenge() (Challenge, error) {
	expires := p.now().Add(p.ttl)
	c, err := altcha.CreateChallenge(altcha.ChallengeOptions{
		Algorithm: altcha.SHA256, MaxNumber: p.max, HMACKey: p.key, Expires: &expires,
	})
	if err != nil {
		return Challenge{}, fmt.Errorf("create challenge: %w", err)
	}
	return Challenge{Algorithm: c.Algorithm, Challenge: c.Challenge, MaxNumber: c.MaxNumber, Salt: c.Salt, Signature: c.Signature}, nil
}

// maxHeader bounds the header: a solution is about 300 bytes.
const maxHeader = 1024

// Check verifies the solution in header and spends it. scope names the
// request (route, booking, Idempotency-Key; "" when it has no
// Idempotency-Key), so that a retry of the same request passes. Every
// refusal is a 403 *apperr.Error with one of the Reason constants; nothing
// is written unless the solution is valid.
func (p *PoW) Check(ctx context.Context, header, scope string) error {
	if header == "" {
		return apperr.New(apperr.Forbidden, ReasonMissing)
	}
	s, expires, err := p.verify(header)
	if err != nil {
		return err
	}
	if scope != "" {
		scope = p.mac("scope " + scope)
	}
	if err := p.spent.Spend(ctx, s.Challenge, scope, expires); err != nil {
		if errors.Is(err, ErrSpent) {
			return apperr.New(apperr.Forbidden, ReasonSpent)
		}
		return fmt.Errorf("spend proof of work: %w", err)
	}
	return nil
}

// Verify checks a solution without spending it and returns when its
// challenge expires.
func (p *PoW) Verify(header string) (time.Time, error) {
	_, exp, err := p.verify(header)
	return exp, err
}

func (p *PoW) verify(header string) (Solution, time.Time, error) {
	invalid := apperr.New(apperr.Forbidden, ReasonInvalid)
	if len(header) > maxHeader {
		return Solution{}, time.Time{}, invalid
	}
	raw, err := base64.StdEncoding.DecodeString(header)
	if err != nil {
		return Solution{}, time.Time{}, invalid
	}
	var s Solution
	if err := json.Unmarshal(raw, &s); err != nil || s.Algorithm != Algorithm || s.Number < 0 || s.Number > p.max {
		return Solution{}, time.Time{}, invalid
	}
	expires, ok := expiry(s)
	if !ok {
		return Solution{}, time.Time{}, invalid
	}
	// The hash and the constant-time signature check are the library's; the
	// expiry is checked here, on our clock.
	valid, err := altcha.VerifySolutionSafe(altcha.Payload{
		Algorithm: s.Algorithm, Challenge: s.Challenge, Number: s.Number, Salt: s.Salt, Signature: s.Signature,
	}, p.key, false)
	if err != nil || !valid {
		return Solution{}, time.Time{}, invalid
	}
	if !p.now().Before(expires) {
		return Solution{}, time.Time{}, apperr.New(apperr.Forbidden, ReasonExpired)
	}
	return s, expires, nil
}

// expiry reads the expires parameter of the salt; a challenge without one
// is not ours.
func expiry(s Solution) (time.Time, bool) {
	v := altcha.ExtractParams(altcha.Payload{Salt: s.Salt}).Get("expires")
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil || sec <= 0 {
		return time.Time{}, false
	}
	return time.Unix(sec, 0), true
}

func (p *PoW) mac(s string) string {
	h := hmac.New(sha256.New, []byte(p.key))
	h.Write([]byte(s))
	return hex.EncodeToString(h.Sum(nil))
}

// Solve finds the number of a challenge, as the widget does, and returns
// the solution's header value. Go clients and tests use it.
func Solve(c Challenge) (string, error) {
	sol, err := altcha.SolveChallenge(c.Challenge, c.Salt, altcha.Algorithm(c.Algorithm), int(c.MaxNumber), 0, nil)
	if err != nil {
		return "", fmt.Errorf("solve challenge: %w", err)
	}
	if sol == nil {
		return "", errors.New("solve challenge: no number up to maxnumber")
	}
	return Solution{Algorithm: c.Algorithm, Challenge: c.Challenge, Number: int64(sol.Number), Salt: c.Salt, Signature: c.Signature}.Encode(), nil
}

// Mint makes a solved challenge without the work, for tests that exercise
// the writes themselves: only a holder of the key can, as only the server
// can issue challenges.
func (p *PoW) Mint() (string, error) {
	n := int64(1)
	expires := p.now().Add(p.ttl)
	c, err := altcha.CreateChallenge(altcha.ChallengeOptions{
		Algorithm: altcha.SHA256, MaxNumber: p.max, HMACKey: p.key, Expires: &expires, Number: &n,
	})
	if err != nil {
		return "", fmt.Errorf("mint challenge: %w", err)
	}
	return Solution{Algorithm: c.Algorithm, Challenge: c.Challenge, Number: n, Salt: c.Salt, Signature: c.Signature}.Encode(), nil
}
