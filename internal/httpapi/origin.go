package httpapi

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/i18n"
)

// OriginHeader is the header CloudFront adds to every request it forwards
// to the API (an origin custom header; it replaces one a viewer sent). Its
// value is a Secrets Manager secret, so a request that reaches the API's
// own endpoint without passing CloudFront, and its WAF, lacks it.
const OriginHeader = "X-Origin-Verify"

// Default timings of an OriginGuard.
const (
	// DefaultOriginTTL is how long the values read are trusted before they
	// are read again.
	DefaultOriginTTL = 5 * time.Minute
	// DefaultOriginRetry bounds re-reads: a request with a value that
	// matches none triggers one (the secret may just have been rotated),
	// at most once per this interval, so a flood of direct calls costs
	// one read per interval.
	DefaultOriginRetry = 30 * time.Second
)

// OriginSecrets reads the values the origin header may carry: the current
// one and, while a rotation is under way, the previous one. Empty values
// are ignored.
type OriginSecrets func(ctx context.Context) ([]string, error)

// StaticOrigin is an OriginSecrets of fixed values (the local stack, tests).
func StaticOrigin(values ...string) OriginSecrets {
	return func(context.Context) ([]string, error) { return values, nil }
}

// HandlerFunc is an HTTP function's handler, as the Lambda runtime calls
// it.
type HandlerFunc = func(context.Context, events.APIGatewayV2HTTPRequest) (Response, error)

// OriginConfig configures an OriginGuard.
type OriginConfig struct {
	Function string // for the log
	Secrets  OriginSecrets
	Logger   *slog.Logger
	NewID    func() string    // request ids when API Gateway gave none
	Now      func() time.Time // time.Now if nil
	TTL      time.Duration    // DefaultOriginTTL if zero
	Retry    time.Duration    // DefaultOriginRetry if zero
}

// OriginGuard admits only requests that carry the origin header with a
// value it knows, compared in constant time. It is safe for concurrent use.
type OriginGuard struct {
	cfg OriginConfig

	mu      sync.Mutex
	sums    [][sha256.Size]byte // of the accepted values
	readAt  time.Time           // when sums were read
	triedAt time.Time           // the last read, successful or not
}

// NewOriginGuard returns a guard; the values are read on the first request
// (the Lambda extension that serves them is not ready during a function's
// initialisation).
func NewOriginGuard(cfg OriginConfig) (*OriginGuard, error) {
	if cfg.Secrets == nil {
		return nil, errors.New("httpapi: OriginConfig.Secrets is required")
	}
	if cfg.NewID == nil {
		return nil, errors.New("httpapi: OriginConfig.NewID is required")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.TTL <= 0 {
		cfg.TTL = DefaultOriginTTL
	}
	if cfg.Retry <= 0 {
		cfg.Retry = DefaultOriginRetry
	}
	return &OriginGuard{cfg: cfg}, nil
}

// Wrap returns next behind the guard: a request without a known origin
// header is answered 403, with a problem that says nothing about why,
// before any routing or work; one with it reaches next without the header.
func (g *OriginGuard) Wrap(next HandlerFunc) HandlerFunc {
	return func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (Response, error) {
		got, rest := takeOriginHeader(ev.Headers)
		ok, err := g.Verify(ctx, got)
		if ok {
			ev.Headers = rest
			return next(ctx, ev)
		}
		return g.refuse(ctx, ev, err), nil
	}
}

// Verify reports whether value is one the origin header may carry. It
// reads the values when they are older than the TTL, or when value matches
// none and the last read is older than the retry interval. err is set only
// when no value could ever be read.
func (g *OriginGuard) Verify(ctx context.Context, value string) (bool, error) {
	sum := sha256.Sum256([]byte(value))
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.cfg.Now()
	mayRead := g.triedAt.IsZero() || now.Sub(g.triedAt) >= g.cfg.Retry
	if g.sums == nil || (now.Sub(g.readAt) >= g.cfg.TTL && mayRead) {
		if err := g.read(ctx, now); err != nil && g.sums == nil {
			return false, err
		}
		mayRead = false
	}
	if value != "" && g.known(sum) {
		return true, nil
	}
	if value == "" || !mayRead {
		return false, nil
	}
	// Perhaps rotated since the last read.
	_ = g.read(ctx, now)
	return g.known(sum), nil
}

// known compares sum with every accepted value's, each in constant time
// (hashes of equal length, so the comparison reveals no length either).
func (g *OriginGuard) known(sum [sha256.Size]byte) bool {
	match := 0
	for i := range g.sums {
		match |= subtle.ConstantTimeCompare(g.sums[i][:], sum[:])
	}
	return match == 1
}

// read replaces the accepted values; on failure it keeps the old ones.
func (g *OriginGuard) read(ctx context.Context, now time.Time) error {
	g.triedAt = now
	values, err := g.cfg.Secrets(ctx)
	if err == nil {
		var sums [][sha256.Size]byte
		for _, v := range values {
			if v != "" {
				sums = append(sums, sha256.Sum256([]byte(v)))
			}
		}
		if len(sums) == 0 {
			err = errors.New("the origin secret has no value")
		} else {
			g.sums, g.readAt = sums, now
			return nil
		}
	}
	g.cfg.Logger.ErrorContext(ctx, "cannot read the origin secret", "function", g.cfg.Function, "error", err.Error(), "cached", g.sums != nil)
	return err
}

func (g *OriginGuard) refuse(ctx context.Context, ev events.APIGatewayV2HTTPRequest, err error) Response {
	lang := i18n.Negotiate(header(ev.Headers, "accept-language"))
	requestID := ev.RequestContext.RequestID
	if requestID == "" {
		requestID = g.cfg.NewID()
	}
	e := apperr.New(apperr.Forbidden, "forbidden")
	if err != nil {
		// Nothing to compare with: the caller may be CloudFront itself.
		e = &apperr.Error{Code: apperr.Unavailable, Reason: "busy", RetryAfter: 5 * time.Second}
	}
	resp := Problem(lang, e, requestID, ev.RawPath)
	resp.Headers["X-Request-Id"] = requestID
	resp.Headers["Content-Language"] = string(lang)
	// No header value, no path: one line per refusal, like the access log.
	g.cfg.Logger.InfoContext(ctx, "request", "requestId", requestID, "function", g.cfg.Function,
		"route", ev.RouteKey, "status", resp.StatusCode, "refused", "origin")
	return resp
}

// takeOriginHeader returns the origin header's value and the headers
// without it (API Gateway lower-cases names; a copy, the event's map is
// not changed).
func takeOriginHeader(h map[string]string) (string, map[string]string) {
	var value string
	found := false
	for k, v := range h {
		if strings.EqualFold(k, OriginHeader) {
			value, found = v, true
		}
	}
	if !found {
		return "", h
	}
	rest := make(map[string]string, len(h)-1)
	for k, v := range h {
		if !strings.EqualFold(k, OriginHeader) {
			rest[k] = v
		}
	}
	return value, rest
}
