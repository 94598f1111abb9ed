// Package httpapi is the glue between API Gateway (HTTP API, payload format
// 2.0) and Brána's handlers: routing by route key, the caller's language,
// request ids, body limits, JSON decoding, staff authorisation, RFC 9457
// problem responses and one JSON access-log line per request, free of
// personal data.
package httpapi

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/routes"
)

// Response is what a handler returns.
type Response = events.APIGatewayV2HTTPResponse

// Handler serves one route. It returns an *apperr.Error for every outcome a
// caller should see; any other error becomes a 500 with only a request id.
type Handler func(ctx context.Context, r *Request) (Response, error)

// DefaultMaxBody is the request-body limit: a booking is well under 4 KiB.
const DefaultMaxBody = 16 << 10

// Config configures an API.
type Config struct {
	Function string             // the function's name in the route table
	Handlers map[string]Handler // by route key, "POST /v1/bookings"
	Logger   *slog.Logger
	MaxBody  int              // bytes; DefaultMaxBody if zero
	NewID    func() string    // request ids when API Gateway gave none
	Now      func() time.Time // for the access log's duration
	// PoW checks the proof of work of the routes that need one
	// (routes.Route.PoW) before their handler runs; New refuses a function
	// with such a route and no PoW.
	PoW Check
}

// Check is a check run before a handler: an error is the response.
type Check func(ctx context.Context, r *Request) error

// API routes API Gateway requests of one function to its handlers.
type API struct {
	fn      string
	routes  map[string]entry
	log     *slog.Logger
	maxBody int
	newID   func() string
	now     func() time.Time
	pow     Check
}

type entry struct {
	route   routes.Route
	handler Handler
}

// New checks that cfg has a handler for exactly the function's routes in the
// route table, and returns the API.
func New(cfg Config) (*API, error) {
	a := &API{fn: cfg.Function, routes: map[string]entry{}, log: cfg.Logger, maxBody: cfg.MaxBody, newID: cfg.NewID, now: cfg.Now, pow: cfg.PoW}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.maxBody == 0 {
		a.maxBody = DefaultMaxBody
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.newID == nil {
		return nil, fmt.Errorf("httpapi %s: NewID is required", cfg.Function)
	}
	for _, r := range routes.ForFunction(cfg.Function) {
		h, ok := cfg.Handlers[r.Key()]
		if !ok {
			return nil, fmt.Errorf("httpapi %s: no handler for route %q", cfg.Function, r.Key())
		}
		if r.PoW && a.pow == nil {
			return nil, fmt.Errorf("httpapi %s: route %q needs a proof of work and the config has no PoW check", cfg.Function, r.Key())
		}
		a.routes[r.Key()] = entry{route: r, handler: h}
	}
	for key := range cfg.Handlers {
		if _, ok := a.routes[key]; !ok {
			return nil, fmt.Errorf("httpapi %s: handler for %q, which the route table does not give this function", cfg.Function, key)
		}
	}
	return a, nil
}

// Handle serves one API Gateway request. It returns an error only for what
// Lambda should count as a failed invocation, which is nothing: every
// outcome, internal errors included, is a response.
func (a *API) Handle(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (resp Response, _ error) {
	start := a.now()
	r := &Request{
		Raw:       &ev,
		Lang:      i18n.Negotiate(header(ev.Headers, "accept-language")),
		RequestID: ev.RequestContext.RequestID,
	}
	if r.RequestID == "" {
		r.RequestID = a.newID()
	}
	r.Log = a.log.With("requestId", r.RequestID, "function", a.fn)

	defer func() {
		if p := recover(); p != nil {
			r.Log.ErrorContext(ctx, "handler panicked", "panic", fmt.Sprint(p), "route", ev.RouteKey)
			resp = a.problem(ctx, r, apperr.New(apperr.Internal, "internal"))
		}
		resp.Headers = withHeader(resp.Headers, "X-Request-Id", r.RequestID)
		resp.Headers = withHeader(resp.Headers, "Content-Language", string(r.Lang))
		r.Log.InfoContext(ctx, "request",
			"route", ev.RouteKey, "status", resp.StatusCode,
			"durationMs", a.now().Sub(start).Milliseconds(), "lang", string(r.Lang))
	}()

	e, ok := a.routes[ev.RouteKey]
	if !ok {
		return a.problem(ctx, r, &apperr.Error{Code: apperr.NotFound, Reason: "route_not_found"}), nil
	}
	r.Route = e.route

	if !e.route.Public() {
		p, ok := auth.FromClaims(jwtClaims(ev))
		if !ok {
			return a.problem(ctx, r, apperr.New(apperr.Unauthenticated, "unauthenticated")), nil
		}
		if !p.InAny(e.route.Groups) {
			return a.problem(ctx, r, apperr.New(apperr.Forbidden, "forbidden")), nil
		}
		r.Principal = p
	}

	body, err := a.body(ev)
	if err != nil {
		return a.problem(ctx, r, err), nil
	}
	r.Body = body

	if e.route.PoW {
		if err := a.pow(ctx, r); err != nil {
			return a.problem(ctx, r, err), nil
		}
	}

	resp, err = e.handler(ctx, r)
	if err != nil {
		return a.problem(ctx, r, err), nil
	}
	return resp, nil
}

func (a *API) body(ev events.APIGatewayV2HTTPRequest) ([]byte, error) {
	raw := ev.Body
	if len(raw) > a.maxBody*4/3+4 {
		return nil, apperr.New(apperr.TooLarge, "body_too_large")
	}
	var body []byte
	if ev.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(raw)
		if err != nil {
			return nil, apperr.New(apperr.Invalid, "malformed_json")
		}
		body = b
	} else {
		body = []byte(raw)
	}
	if len(body) > a.maxBody {
		return nil, apperr.New(apperr.TooLarge, "body_too_large")
	}
	if len(body) > 0 {
		ct := header(ev.Headers, "content-type")
		mediaType := strings.TrimSpace(strings.ToLower(strings.SplitN(ct, ";", 2)[0]))
		if mediaType != "application/json" && !strings.HasSuffix(mediaType, "+json") {
			return nil, &apperr.Error{Code: apperr.Invalid, Reason: "unsupported_media_type"}
		}
	}
	return body, nil
}

func (a *API) problem(ctx context.Context, r *Request, err error) Response {
	e, ok := apperr.As(err)
	if !ok || (Status(e.Code) >= 500 && e.Code != apperr.Unavailable) {
		r.Log.ErrorContext(ctx, "internal error", "route", r.Raw.RouteKey, "error", err.Error())
		e = apperr.New(apperr.Internal, "internal")
	} else if e.Err != nil {
		r.Log.WarnContext(ctx, "request refused", "route", r.Raw.RouteKey, "code", e.Code.String(), "reason", e.Reason, "error", e.Err.Error())
	}
	return Problem(r.Lang, e, r.RequestID, r.Raw.RawPath)
}

// Status maps an error code to its HTTP status: the one place that does.
func Status(c apperr.Code) int {
	switch c {
	case apperr.Invalid:
		return http.StatusBadRequest
	case apperr.Unauthenticated:
		return http.StatusUnauthorized
	case apperr.Forbidden:
		return http.StatusForbidden
	case apperr.NotFound:
		return http.StatusNotFound
	case apperr.Conflict:
		return http.StatusConflict
	case apperr.Unprocessable:
		return http.StatusUnprocessableEntity
	case apperr.TooLarge:
		return http.StatusRequestEntityTooLarge
	case apperr.Unavailable:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

func jwtClaims(ev events.APIGatewayV2HTTPRequest) map[string]string {
	if ev.RequestContext.Authorizer == nil || ev.RequestContext.Authorizer.JWT == nil {
		return nil
	}
	return ev.RequestContext.Authorizer.JWT.Claims
}

// header looks a header up case-insensitively (API Gateway lower-cases names).
func header(h map[string]string, name string) string {
	if v, ok := h[name]; ok {
		return v
	}
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

func withHeader(h map[string]string, k, v string) map[string]string {
	if h == nil {
		h = map[string]string{}
	}
	if _, ok := h[k]; !ok {
		h[k] = v
	}
	return h
}
