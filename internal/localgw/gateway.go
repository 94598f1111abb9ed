// Package localgw is Brána's local HTTP gateway: it serves every route of the
// route table with the same handler functions the Lambdas run, and builds
// their events the way API Gateway HTTP API (payload format 2.0) does, so that
// a handler cannot tell whether it runs locally or in the cloud.
//
// On staff routes the gateway stands in for API Gateway's JWT authorizer: it
// verifies a development token (HS256, issued by IssueDevToken) and passes the
// claims on exactly as API Gateway renders them. Public routes get no claims.
package localgw

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/routes"
)

// Handler is a function's API Gateway handler, exactly what lambda.Start gets.
type Handler func(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// MaxBody is the largest request body the gateway reads. API Gateway allows
// 10 MB; handlers enforce their own, much smaller limits.
const MaxBody = 1 << 20

// APIPrefix is where the API lives; everything else is the web front door.
const APIPrefix = "/v1/"

// DefaultBodyTimeout is how long a client may take to send a request body:
// a slow sender is cut off instead of holding a connection (and a handler)
// open.
const DefaultBodyTimeout = 10 * time.Second

// Config configures a Gateway.
type Config struct {
	Functions map[string]Handler // by function name in the route table
	DevSecret []byte             // HS256 key for development staff tokens
	Static    http.Handler       // optional: serves everything that is not /v1/... (the web front door, later)
	Logger    *slog.Logger
	Now       func() time.Time
	// OriginSecret is the value of the origin header (httpapi.OriginHeader)
	// the gateway adds to every API request, replacing one a client sent,
	// as CloudFront does in the cloud: the functions refuse requests
	// without it. Required.
	OriginSecret string
	// BodyTimeout bounds reading one request body; DefaultBodyTimeout if
	// zero.
	BodyTimeout time.Duration
	// DevSubjects turns on the development sign-in (DevSignInPath, local
	// only): the groups one may choose there, each with its token's
	// subject. None: the path is not served.
	DevSubjects map[string]string
}

// Gateway serves the route table over HTTP. It is safe for concurrent use.
type Gateway struct {
	fns    map[string]Handler
	secret []byte
	static http.Handler
	log    *slog.Logger
	now    func() time.Time
	ids    ids.Random
	origin string
	bodyTO time.Duration
	// devSubjects: see Config.DevSubjects.
	devSubjects map[string]string
}

// New checks that cfg has a handler for every function the route table names
// (and for no other) and a development secret of at least MinSecretBytes, and
// returns the gateway.
func New(cfg Config) (*Gateway, error) {
	g := &Gateway{
		fns:    map[string]Handler{},
		secret: slices.Clone(cfg.DevSecret),
		static: cfg.Static,
		log:    cfg.Logger,
		now:    cfg.Now,
		origin: cfg.OriginSecret,
		bodyTO: cfg.BodyTimeout,

		devSubjects: maps.Clone(cfg.DevSubjects),
	}
	if g.origin == "" {
		return nil, errors.New("localgw: OriginSecret is required: the functions answer only requests that carry the origin header")
	}
	if g.bodyTO <= 0 {
		g.bodyTO = DefaultBodyTimeout
	}
	if g.log == nil {
		g.log = slog.Default()
	}
	if g.now == nil {
		g.now = time.Now
	}
	g.ids = ids.Random{Now: g.now}
	if len(g.secret) < MinSecretBytes {
		return nil, fmt.Errorf("localgw: DevSecret has %d bytes, want at least %d", len(g.secret), MinSecretBytes)
	}
	want := routes.Functions()
	for _, fn := range want {
		h := cfg.Functions[fn]
		if h == nil {
			return nil, fmt.Errorf("localgw: no handler for function %q", fn)
		}
		g.fns[fn] = h
	}
	for fn := range cfg.Functions {
		if !slices.Contains(want, fn) {
			return nil, fmt.Errorf("localgw: handler for function %q, which the route table does not name", fn)
		}
	}
	return g, nil
}

// ServeHTTP serves one request: API routes through their function's handler,
// everything else through the static handler.
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := g.now()
	rec := &recorder{ResponseWriter: w}
	requestID := g.ids.NewID()
	routeKey := "-"
	defer func() {
		// No path, query, headers or body: they may hold personal data.
		g.log.InfoContext(r.Context(), "request",
			"requestId", requestID, "method", r.Method, "route", routeKey,
			"status", rec.status(), "durationMs", g.now().Sub(start).Milliseconds())
	}()

	if r.URL.Path != strings.TrimSuffix(APIPrefix, "/") && !strings.HasPrefix(r.URL.Path, APIPrefix) {
		if g.serveDevSignIn(rec, r, requestID) {
			routeKey = DevSignInPath
			return
		}
		if g.static != nil {
			g.static.ServeHTTP(rec, r)
			return
		}
		g.notFound(rec, r, requestID)
		return
	}

	rec.Header().Set("Apigw-Requestid", requestID)
	escaped := r.URL.EscapedPath()
	route, params, ok := routes.Match(r.Method, escaped)
	if !ok {
		if allow := allowed(escaped); r.Method == http.MethodOptions && len(allow) > 0 {
			rec.Header().Set("Allow", strings.Join(append(allow, http.MethodOptions), ", "))
			rec.WriteHeader(http.StatusNoContent)
			return
		}
		// HTTP API answers 404 for a path without a route for the method.
		g.notFound(rec, r, requestID)
		return
	}
	routeKey = route.Key()
	if params, ok = unescapeAll(params); !ok {
		g.notFound(rec, r, requestID)
		return
	}

	var claims map[string]string
	if !route.Public() {
		c, challenge, err := g.verify(r.Header.Get("Authorization"))
		if err != nil {
			g.log.InfoContext(r.Context(), "token refused", "requestId", requestID, "route", routeKey, "error", err.Error())
			rec.Header().Set("Www-Authenticate", challenge)
			writeMessage(rec, requestID, http.StatusUnauthorized, "Unauthorized")
			return
		}
		claims = c
	}

	body, err := g.readBody(rec, r)
	if err != nil {
		switch {
		case errors.Is(err, errTooLarge):
			writeMessage(rec, requestID, http.StatusRequestEntityTooLarge, "Request Entity Too Large")
		case errors.Is(err, os.ErrDeadlineExceeded):
			g.log.InfoContext(r.Context(), "request body too slow", "requestId", requestID, "route", routeKey, "timeout", g.bodyTO.String())
			rec.Header().Set("Connection", "close")
			writeMessage(rec, requestID, http.StatusRequestTimeout, "Request Timeout")
		default:
			g.log.WarnContext(r.Context(), "reading request body failed", "requestId", requestID, "route", routeKey, "error", err.Error())
			writeMessage(rec, requestID, http.StatusBadRequest, "Bad Request")
		}
		return
	}

	ev := g.event(r, route, params, claims, body, requestID, start)
	resp, err := g.invoke(r.Context(), g.fns[route.Function], ev)
	if err != nil {
		g.log.ErrorContext(r.Context(), "handler failed", "requestId", requestID, "route", routeKey, "function", route.Function, "error", err.Error())
		writeMessage(rec, requestID, http.StatusInternalServerError, "Internal Server Error")
		return
	}
	if len(resp.MultiValueHeaders) > 0 {
		// Payload format 2.0 has no multiValueHeaders: API Gateway drops
		// them, so the gateway does too, and says so.
		g.log.WarnContext(r.Context(), "multiValueHeaders ignored: payload format 2.0 has none; join the values with commas in headers",
			"requestId", requestID, "route", routeKey, "function", route.Function)
	}
	if err := writeResponse(rec, resp); err != nil {
		g.log.ErrorContext(r.Context(), "handler response unusable", "requestId", requestID, "route", routeKey, "function", route.Function, "error", err.Error())
		writeMessage(rec, requestID, http.StatusInternalServerError, "Internal Server Error")
	}
}

// invoke runs a handler the way the Lambda runtime does: the context carries
// the invocation's id and is not cancelled when the client goes away (a Lambda
// runs to completion), and a panic becomes an error.
func (g *Gateway) invoke(ctx context.Context, h Handler, ev events.APIGatewayV2HTTPRequest) (resp events.APIGatewayV2HTTPResponse, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("handler panicked: %v", p)
		}
	}()
	ctx = lambdacontext.NewContext(context.WithoutCancel(ctx), &lambdacontext.LambdaContext{AwsRequestID: g.ids.NewID()})
	return h(ctx, ev)
}

// event builds the payload-format-2.0 event API Gateway would send.
func (g *Gateway) event(r *http.Request, route routes.Route, params, claims map[string]string, body []byte, requestID string, now time.Time) events.APIGatewayV2HTTPRequest {
	sourceIP := r.RemoteAddr
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		sourceIP = host
	}
	headers, cookies := eventHeaders(r, sourceIP)
	// CloudFront's origin custom header, which replaces a viewer's.
	for k := range headers {
		if strings.EqualFold(k, httpapi.OriginHeader) {
			delete(headers, k)
		}
	}
	headers[strings.ToLower(httpapi.OriginHeader)] = g.origin
	ev := events.APIGatewayV2HTTPRequest{
		Version:               "2.0",
		RouteKey:              route.Key(),
		RawPath:               r.URL.EscapedPath(),
		RawQueryString:        r.URL.RawQuery,
		Cookies:               cookies,
		Headers:               headers,
		QueryStringParameters: queryParameters(r.URL.RawQuery),
		PathParameters:        params,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			RouteKey:   route.Key(),
			AccountID:  "local",
			Stage:      "$default",
			RequestID:  requestID,
			APIID:      "local",
			DomainName: hostOnly(r.Host),
			Time:       now.UTC().Format("02/Jan/2006:15:04:05 -0700"),
			TimeEpoch:  now.UnixMilli(),
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{
				Method:    r.Method,
				Path:      r.URL.Path,
				Protocol:  r.Proto,
				SourceIP:  sourceIP,
				UserAgent: r.UserAgent(),
			},
		},
	}
	if prefix, _, ok := strings.Cut(ev.RequestContext.DomainName, "."); ok {
		ev.RequestContext.DomainPrefix = prefix
	} else {
		ev.RequestContext.DomainPrefix = ev.RequestContext.DomainName
	}
	if claims != nil {
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims},
		}
	}
	if len(body) > 0 {
		if isText(r.Header.Get("Content-Type")) && utf8.Valid(body) {
			ev.Body = string(body)
		} else {
			ev.Body = base64.StdEncoding.EncodeToString(body)
			ev.IsBase64Encoded = true
		}
	}
	return ev
}

// eventHeaders lower-cases header names and joins repeated values with ",",
// moves cookies out into their own list and adds the forwarding headers API
// Gateway adds.
func eventHeaders(r *http.Request, sourceIP string) (map[string]string, []string) {
	headers := make(map[string]string, len(r.Header)+4)
	var cookies []string
	for name, values := range r.Header {
		name = strings.ToLower(name)
		if name == "cookie" {
			for _, v := range values {
				for c := range strings.SplitSeq(v, ";") {
					if c = strings.TrimSpace(c); c != "" {
						cookies = append(cookies, c)
					}
				}
			}
			continue
		}
		headers[name] = strings.Join(values, ",")
	}
	headers["host"] = r.Host
	if prior := headers["x-forwarded-for"]; prior != "" {
		headers["x-forwarded-for"] = prior + ", " + sourceIP
	} else {
		headers["x-forwarded-for"] = sourceIP
	}
	proto, port := "http", "80"
	if r.TLS != nil {
		proto, port = "https", "443"
	}
	if _, p, err := net.SplitHostPort(r.Host); err == nil {
		port = p
	}
	headers["x-forwarded-proto"] = proto
	headers["x-forwarded-port"] = port
	return headers, cookies
}

// queryParameters decodes a query string, joining repeated values with ","
// as API Gateway does. It is nil when there are none.
func queryParameters(raw string) map[string]string {
	if raw == "" {
		return nil
	}
	values, _ := url.ParseQuery(raw) // keep what parsed, like API Gateway
	if len(values) == 0 {
		return nil
	}
	out := make(map[string]string, len(values))
	for k, vs := range values {
		out[k] = strings.Join(vs, ",")
	}
	return out
}

// unescapeAll decodes path parameters, matched on the escaped path so that
// an encoded "/" stays within its segment. It returns nil for no parameters,
// as API Gateway omits them.
func unescapeAll(params map[string]string) (map[string]string, bool) {
	if len(params) == 0 {
		return nil, true
	}
	out := make(map[string]string, len(params))
	for k, v := range params {
		u, err := url.PathUnescape(v)
		if err != nil {
			return nil, false
		}
		out[k] = u
	}
	return out, true
}

// allowed lists the methods that have a route for path.
func allowed(path string) []string {
	var out []string
	for _, r := range routes.Table {
		if slices.Contains(out, r.Method) {
			continue
		}
		if _, _, ok := routes.Match(r.Method, path); ok {
			out = append(out, r.Method)
		}
	}
	slices.Sort(out)
	return out
}

// isText reports whether API Gateway passes a body of this content type as
// text; it base64-encodes every other body.
func isText(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
	}
	switch {
	case mt == "":
		return false
	case strings.HasPrefix(mt, "text/"):
		return true
	case mt == "application/json", strings.HasSuffix(mt, "+json"):
		return true
	case mt == "application/xml", strings.HasSuffix(mt, "+xml"):
		return true
	case mt == "application/javascript":
		return true
	}
	return false
}

var errTooLarge = errors.New("request body too large")

// readBody reads at most MaxBody bytes of the request body, within the
// gateway's body timeout (a read deadline on the connection).
func (g *Gateway) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > MaxBody {
		return nil, errTooLarge
	}
	rc := http.NewResponseController(w)
	// The connection's clock, not g.now (tests fix that one).
	if err := rc.SetReadDeadline(time.Now().Add(g.bodyTO)); err == nil {
		defer func() { _ = rc.SetReadDeadline(time.Time{}) }()
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		return nil, err
	}
	if len(body) > MaxBody {
		return nil, errTooLarge
	}
	return body, nil
}

// writeResponse writes a handler's response as API Gateway does with format
// 2.0: status (0 means 200), headers, cookies as Set-Cookie, the body decoded
// from base64 when flagged. MultiValueHeaders, which 2.0 does not have, are
// not written.
func writeResponse(w http.ResponseWriter, resp events.APIGatewayV2HTTPResponse) error {
	body := []byte(resp.Body)
	if resp.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(resp.Body)
		if err != nil {
			return fmt.Errorf("decode base64 body: %w", err)
		}
		body = b
	}
	status := resp.StatusCode
	if status == 0 {
		status = http.StatusOK
	}
	if status < 100 || status > 999 {
		return fmt.Errorf("status code %d", status)
	}
	h := w.Header()
	for k, v := range resp.Headers {
		h.Set(k, v)
	}
	for _, c := range resp.Cookies {
		h.Add("Set-Cookie", c)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body) // the client went away; nothing to do
	return nil
}

// writeMessage writes API Gateway's own error shape, {"message":"..."},
// with the request id and no-store like every other answer.
func writeMessage(w http.ResponseWriter, requestID string, status int, message string) {
	body, _ := json.Marshal(map[string]string{"message": message})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Request-Id", requestID)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// notFound answers a path (or method) without a route with the same problem
// document the handlers give for an unknown route.
func (g *Gateway) notFound(w http.ResponseWriter, r *http.Request, requestID string) {
	lang := i18n.Negotiate(r.Header.Get("Accept-Language"))
	resp := httpapi.Problem(lang, &apperr.Error{Code: apperr.NotFound, Reason: "route_not_found"}, requestID, "")
	resp.Headers["Content-Language"] = string(lang)
	resp.Headers["X-Request-Id"] = requestID
	if err := writeResponse(w, resp); err != nil {
		g.log.ErrorContext(r.Context(), "not-found response unusable", "requestId", requestID, "error", err.Error())
	}
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

// recorder remembers the status a response was written with.
type recorder struct {
	http.ResponseWriter
	code int
}

func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (r *recorder) status() int {
	if r.code == 0 {
		return http.StatusOK
	}
	return r.code
}
