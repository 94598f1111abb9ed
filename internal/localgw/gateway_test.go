package localgw

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/golang-jwt/jwt/v5"

	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

var (
	testNow    = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	testSecret = []byte("0123456789abcdef0123456789abcdef")
	testOrigin = "origin-0123456789abcdef0123456789abcdef"
)

// fake records the events one function receives and answers with resp/err.
type fake struct {
	mu     sync.Mutex
	events []events.APIGatewayV2HTTPRequest
	ctxOK  bool
	resp   events.APIGatewayV2HTTPResponse
	err    error
	panic  any
}

func (f *fake) handle(ctx context.Context, ev events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events = append(f.events, ev)
	_, f.ctxOK = lambdacontext.FromContext(ctx)
	if f.panic != nil {
		panic(f.panic)
	}
	return f.resp, f.err
}

func (f *fake) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.events)
}

func (f *fake) last(t *testing.T) events.APIGatewayV2HTTPRequest {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.events) == 0 {
		t.Fatal("handler was not called")
	}
	return f.events[len(f.events)-1]
}

type fixture struct {
	gw    *Gateway
	fakes map[string]*fake
	logs  *bytes.Buffer
}

func newFixture(t *testing.T, static http.Handler) *fixture {
	t.Helper()
	fx := &fixture{fakes: map[string]*fake{}, logs: &bytes.Buffer{}}
	fns := map[string]Handler{}
	for _, fn := range routes.Functions() {
		f := &fake{resp: events.APIGatewayV2HTTPResponse{StatusCode: 200, Body: "{}"}}
		fx.fakes[fn] = f
		fns[fn] = f.handle
	}
	gw, err := New(Config{
		Functions:    fns,
		DevSecret:    testSecret,
		OriginSecret: testOrigin,
		Static:       static,
		Logger:       slog.New(slog.NewJSONHandler(fx.logs, nil)),
		Now:          func() time.Time { return testNow },
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	fx.gw = gw
	return fx
}

func (fx *fixture) do(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	fx.gw.ServeHTTP(w, r)
	return w
}

func (fx *fixture) totalCalls() int {
	n := 0
	for _, f := range fx.fakes {
		n += f.calls()
	}
	return n
}

func devToken(t *testing.T, groups ...string) string {
	t.Helper()
	tok, err := IssueDevToken(testSecret, "u-1", groups, time.Hour, testNow.Add(-time.Minute))
	if err != nil {
		t.Fatalf("IssueDevToken: %v", err)
	}
	return tok
}

func signed(t *testing.T, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	tok, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return tok
}

func TestNewRefusesIncompleteConfig(t *testing.T) {
	all := func() map[string]Handler {
		m := map[string]Handler{}
		for _, fn := range routes.Functions() {
			m[fn] = (&fake{}).handle
		}
		return m
	}
	tests := []struct {
		name   string
		fns    map[string]Handler
		secret []byte
		want   string
	}{
		{"a function of the route table without a handler is refused", func() map[string]Handler { m := all(); delete(m, routes.FnStaff); return m }(), testSecret, `no handler for function "staff"`},
		{"a nil handler counts as missing", func() map[string]Handler { m := all(); m[routes.FnCatalog] = nil; return m }(), testSecret, `no handler for function "catalog"`},
		{"a handler for a function the route table does not name is refused", func() map[string]Handler { m := all(); m["reports"] = (&fake{}).handle; return m }(), testSecret, `"reports"`},
		{"a short development secret is refused", all(), []byte("short"), "DevSecret has 5 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Config{Functions: tt.fns, DevSecret: tt.secret, OriginSecret: testOrigin})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New error = %v, want one containing %q", err, tt.want)
			}
		})
	}
	t.Run("a gateway that would not send the origin header is refused", func(t *testing.T) {
		if _, err := New(Config{Functions: all(), DevSecret: testSecret}); err == nil || !strings.Contains(err.Error(), "OriginSecret is required") {
			t.Errorf("New error = %v, want one saying OriginSecret is required", err)
		}
	})
	t.Run("a complete config is accepted", func(t *testing.T) {
		if _, err := New(Config{Functions: all(), DevSecret: testSecret, OriginSecret: testOrigin}); err != nil {
			t.Errorf("New error = %v, want nil", err)
		}
	})
}

func TestPublicRequestsReachTheirFunction(t *testing.T) {
	tests := []struct {
		name     string
		method   string
		target   string
		function string
		routeKey string
		params   map[string]string
		query    map[string]string
	}{
		{"a list reaches catalog without path parameters", "GET", "/v1/experts", routes.FnCatalog, "GET /v1/experts", nil, nil},
		{"an expert id arrives as a path parameter", "GET", "/v1/experts/e-1", routes.FnCatalog, "GET /v1/experts/{expertId}", map[string]string{"expertId": "e-1"}, nil},
		{"an escaped path parameter arrives decoded", "GET", "/v1/experts/e%201", routes.FnCatalog, "GET /v1/experts/{expertId}", map[string]string{"expertId": "e 1"}, nil},
		{"query parameters arrive decoded and repeated ones joined with a comma", "GET", "/v1/slots?expertId=e-1&from=2026-03-02T10%3A00%3A00%2B01%3A00&mode=a&mode=b", routes.FnCatalog, "GET /v1/slots", nil, map[string]string{"expertId": "e-1", "from": "2026-03-02T10:00:00+01:00", "mode": "a,b"}},
		{"a booking action reaches bookings", "POST", "/v1/bookings/b-7/cancel", routes.FnBookings, "POST /v1/bookings/{bookingId}/cancel", map[string]string{"bookingId": "b-7"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, nil)
			w := fx.do(httptest.NewRequest(tt.method, "http://brana.test:8080"+tt.target, nil))
			if w.Code != 200 {
				t.Fatalf("status = %d, want 200; body %s", w.Code, w.Body)
			}
			if got := fx.totalCalls(); got != 1 {
				t.Errorf("handlers called %d times, want 1", got)
			}
			ev := fx.fakes[tt.function].last(t)
			if ev.RouteKey != tt.routeKey || ev.RequestContext.RouteKey != tt.routeKey {
				t.Errorf("route keys = %q, %q, want %q", ev.RouteKey, ev.RequestContext.RouteKey, tt.routeKey)
			}
			if !maps.Equal(ev.PathParameters, tt.params) || (ev.PathParameters == nil) != (tt.params == nil) {
				t.Errorf("path parameters = %v, want %v", ev.PathParameters, tt.params)
			}
			if !maps.Equal(ev.QueryStringParameters, tt.query) || (ev.QueryStringParameters == nil) != (tt.query == nil) {
				t.Errorf("query parameters = %v, want %v", ev.QueryStringParameters, tt.query)
			}
			if ev.RequestContext.Authorizer != nil {
				t.Errorf("authorizer = %+v, want nil on a public route", ev.RequestContext.Authorizer)
			}
		})
	}
}

func TestEventMirrorsAPIGateway(t *testing.T) {
	fx := newFixture(t, nil)
	r := httptest.NewRequest("GET", "http://brana.test:8080/v1/experts/e-1?lang=cs&q=a%20b", nil)
	r.Header.Add("X-Custom", "one")
	r.Header.Add("X-Custom", "two")
	r.Header.Set("Accept-Language", "cs")
	r.Header.Set("User-Agent", "tester/1")
	r.Header.Add("Cookie", "a=1; b=2")
	r.Header.Set("Authorization", "Bearer "+devToken(t, auth.GroupAdmin))
	fx.do(r)
	ev := fx.fakes[routes.FnCatalog].last(t)

	checks := []struct {
		name string
		got  any
		want any
	}{
		{"the version is 2.0", ev.Version, "2.0"},
		{"the raw path is the path", ev.RawPath, "/v1/experts/e-1"},
		{"the raw query string stays encoded", ev.RawQueryString, "lang=cs&q=a%20b"},
		{"repeated headers are joined with a comma under a lower-cased name", ev.Headers["x-custom"], "one,two"},
		{"no header keeps its canonical name", ev.Headers["X-Custom"], ""},
		{"accept-language is forwarded", ev.Headers["accept-language"], "cs"},
		{"the host header is present", ev.Headers["host"], "brana.test:8080"},
		{"x-forwarded-for names the source", ev.Headers["x-forwarded-for"], "192.0.2.1"},
		{"x-forwarded-port names the port", ev.Headers["x-forwarded-port"], "8080"},
		{"the authorization header is forwarded on a public route", strings.HasPrefix(ev.Headers["authorization"], "Bearer "), true},
		{"cookies leave the headers", ev.Headers["cookie"], ""},
		{"cookies arrive one by one", strings.Join(ev.Cookies, "|"), "a=1|b=2"},
		{"the account is local", ev.RequestContext.AccountID, "local"},
		{"the api is local", ev.RequestContext.APIID, "local"},
		{"the stage is $default", ev.RequestContext.Stage, "$default"},
		{"the domain is the host without its port", ev.RequestContext.DomainName, "brana.test"},
		{"the request has an id", ev.RequestContext.RequestID != "", true},
		{"the time is in API Gateway's format", ev.RequestContext.Time, "02/Mar/2026:09:30:00 +0000"},
		{"the epoch is in milliseconds", ev.RequestContext.TimeEpoch, testNow.UnixMilli()},
		{"the method is given", ev.RequestContext.HTTP.Method, "GET"},
		{"the path is given", ev.RequestContext.HTTP.Path, "/v1/experts/e-1"},
		{"the protocol is given", ev.RequestContext.HTTP.Protocol, "HTTP/1.1"},
		{"the source ip comes from the remote address", ev.RequestContext.HTTP.SourceIP, "192.0.2.1"},
		{"the user agent is given", ev.RequestContext.HTTP.UserAgent, "tester/1"},
		{"a public route gets no claims even with a valid token", ev.RequestContext.Authorizer == nil, true},
		{"an empty body is neither text nor base64", ev.Body + "|" + map[bool]string{true: "b64", false: "text"}[ev.IsBase64Encoded], "|text"},
		{"the handler runs with a lambda context", fx.fakes[routes.FnCatalog].ctxOK, true},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %v, want %v", c.got, c.want)
			}
		})
	}
}

func TestEachRequestGetsItsOwnID(t *testing.T) {
	fx := newFixture(t, nil)
	w1 := fx.do(httptest.NewRequest("GET", "/v1/experts", nil))
	w2 := fx.do(httptest.NewRequest("GET", "/v1/experts", nil))
	a, b := fx.fakes[routes.FnCatalog].events[0].RequestContext.RequestID, fx.fakes[routes.FnCatalog].events[1].RequestContext.RequestID
	if a == b {
		t.Errorf("request ids %q and %q, want different ones", a, b)
	}
	if got := w1.Header().Get("Apigw-Requestid"); got != a {
		t.Errorf("apigw-requestid = %q, want %q", got, a)
	}
	if got := w2.Header().Get("Apigw-Requestid"); got != b {
		t.Errorf("apigw-requestid = %q, want %q", got, b)
	}
}

func TestBodies(t *testing.T) {
	binary := []byte{0x89, 'P', 'N', 'G', 0x00, 0xff}
	tests := []struct {
		name        string
		contentType string
		body        []byte
		wantBody    string
		wantBase64  bool
	}{
		{"a JSON body arrives as text", "application/json; charset=utf-8", []byte(`{"name":"Žofie"}`), `{"name":"Žofie"}`, false},
		{"a problem+json body arrives as text", "application/problem+json", []byte(`{}`), `{}`, false},
		{"a text/plain body arrives as text", "text/plain", []byte("ahoj"), "ahoj", false},
		{"a binary body arrives base64-encoded", "application/octet-stream", binary, base64.StdEncoding.EncodeToString(binary), true},
		{"a body without a content type arrives base64-encoded", "", []byte("x=1"), base64.StdEncoding.EncodeToString([]byte("x=1")), true},
		{"a form body arrives base64-encoded", "application/x-www-form-urlencoded", []byte("x=1"), base64.StdEncoding.EncodeToString([]byte("x=1")), true},
		{"a JSON body that is not UTF-8 arrives base64-encoded", "application/json", []byte{'"', 0xff, '"'}, base64.StdEncoding.EncodeToString([]byte{'"', 0xff, '"'}), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, nil)
			r := httptest.NewRequest("POST", "/v1/bookings", bytes.NewReader(tt.body))
			if tt.contentType != "" {
				r.Header.Set("Content-Type", tt.contentType)
			}
			fx.do(r)
			ev := fx.fakes[routes.FnBookings].last(t)
			if ev.Body != tt.wantBody || ev.IsBase64Encoded != tt.wantBase64 {
				t.Errorf("body = %q (base64 %v), want %q (base64 %v)", ev.Body, ev.IsBase64Encoded, tt.wantBody, tt.wantBase64)
			}
		})
	}
}

func TestBodyOverTheLimitIsRefused(t *testing.T) {
	tests := []struct {
		name string
		size int
		want int
	}{
		{"a body of exactly the limit is passed on", MaxBody, 200},
		{"a body one byte over the limit gets 413", MaxBody + 1, 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, nil)
			r := httptest.NewRequest("POST", "/v1/bookings", bytes.NewReader(bytes.Repeat([]byte("a"), tt.size)))
			r.Header.Set("Content-Type", "application/json")
			r.ContentLength = -1 // make the gateway count, not trust the header
			w := fx.do(r)
			if w.Code != tt.want {
				t.Errorf("status = %d, want %d", w.Code, tt.want)
			}
			if wantCalls := map[bool]int{true: 1, false: 0}[tt.want == 200]; fx.totalCalls() != wantCalls {
				t.Errorf("handler calls = %d, want %d", fx.totalCalls(), wantCalls)
			}
			if tt.want != 200 {
				checkOwnAnswer(t, w)
			}
		})
	}
}

func TestStaffRoutesRefuseBadTokens(t *testing.T) {
	otherKey := []byte("ffffffffffffffffffffffffffffffff")
	valid := func() jwt.MapClaims {
		return jwt.MapClaims{
			"iss": DevIssuer, "aud": DevIssuer, "sub": "u-1", auth.GroupsClaim: []string{"admin"},
			"iat": testNow.Add(-time.Minute).Unix(), "exp": testNow.Add(time.Hour).Unix(),
		}
	}
	with := func(k string, v any) jwt.MapClaims {
		c := valid()
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
		return c
	}
	tests := []struct {
		name          string
		authorization string
		challenge     string
	}{
		{"no authorization header gets 401", "", "Bearer"},
		{"a basic authorization gets 401", "Basic dTpw", "Bearer"},
		{"a bare bearer without a token gets 401", "Bearer ", "Bearer"},
		{"a malformed token gets 401", "Bearer not.a.jwt", "the token is invalid"},
		{"a token signed with another key gets 401", "Bearer " + signed(t, jwt.SigningMethodHS256, otherKey, valid()), "the token is invalid"},
		{"an expired token gets 401", "Bearer " + signed(t, jwt.SigningMethodHS256, testSecret, with("exp", testNow.Add(-time.Second).Unix())), "the token has expired"},
		{"a token without exp gets 401", "Bearer " + signed(t, jwt.SigningMethodHS256, testSecret, with("exp", nil)), "the token is invalid"},
		{"a token issued in the future gets 401", "Bearer " + signed(t, jwt.SigningMethodHS256, testSecret, with("iat", testNow.Add(time.Hour).Unix())), "the token is invalid"},
		{"a token from another issuer gets 401", "Bearer " + signed(t, jwt.SigningMethodHS256, testSecret, with("iss", "https://cognito-idp.example")), "valid issuer"},
		{"a token for another audience gets 401", "Bearer " + signed(t, jwt.SigningMethodHS256, testSecret, with("aud", "someone-else")), "valid audience"},
		{"a token with alg none gets 401", "Bearer " + signed(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, valid()), "the token is invalid"},
		{"a token signed with HS512 gets 401", "Bearer " + signed(t, jwt.SigningMethodHS512, testSecret, valid()), "the token is invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, nil)
			r := httptest.NewRequest("GET", "/v1/staff/me", nil)
			if tt.authorization != "" {
				r.Header.Set("Authorization", tt.authorization)
			}
			w := fx.do(r)
			if w.Code != 401 {
				t.Errorf("status = %d, want 401", w.Code)
			}
			if got := strings.TrimSpace(w.Body.String()); got != `{"message":"Unauthorized"}` {
				t.Errorf("body = %s, want {\"message\":\"Unauthorized\"}", got)
			}
			if got := w.Header().Get("Www-Authenticate"); !strings.Contains(got, tt.challenge) {
				t.Errorf("www-authenticate = %q, want it to contain %q", got, tt.challenge)
			}
			checkOwnAnswer(t, w)
			if got := fx.totalCalls(); got != 0 {
				t.Errorf("handlers called %d times, want 0", got)
			}
		})
	}
}

func TestStaffRoutesPassClaimsAsAPIGatewayDoes(t *testing.T) {
	tests := []struct {
		name   string
		groups []string
		want   string
	}{
		{"an admin's groups arrive bracketed", []string{auth.GroupAdmin}, "[admin]"},
		{"several groups arrive space-separated", []string{auth.GroupAdmin, auth.GroupExpert}, "[admin expert]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, nil)
			r := httptest.NewRequest("POST", "/v1/staff/bookings/b-1/outcome", strings.NewReader(`{}`))
			r.Header.Set("Authorization", "Bearer "+devToken(t, tt.groups...))
			r.Header.Set("Content-Type", "application/json")
			if w := fx.do(r); w.Code != 200 {
				t.Fatalf("status = %d, want 200; body %s", w.Code, w.Body)
			}
			ev := fx.fakes[routes.FnStaff].last(t)
			if ev.RequestContext.Authorizer == nil || ev.RequestContext.Authorizer.JWT == nil {
				t.Fatal("authorizer.jwt is nil, want claims")
			}
			jwtd := ev.RequestContext.Authorizer.JWT
			want := map[string]string{
				"sub":            "u-1",
				auth.GroupsClaim: tt.want,
				"iss":            DevIssuer,
				"aud":            DevIssuer,
				"token_use":      "access",
				"iat":            "1772443740",
				"exp":            "1772447340",
			}
			if !maps.Equal(jwtd.Claims, want) {
				t.Errorf("claims = %v, want %v", jwtd.Claims, want)
			}
			if jwtd.Scopes != nil {
				t.Errorf("scopes = %v, want nil", jwtd.Scopes)
			}
			p, ok := auth.FromClaims(jwtd.Claims)
			if !ok || p.Subject != "u-1" || !slices.Equal(p.Groups, tt.groups) {
				t.Errorf("principal = %+v (%v), want u-1 in %v", p, ok, tt.groups)
			}
			if got := ev.PathParameters["bookingId"]; got != "b-1" {
				t.Errorf("bookingId = %q, want b-1", got)
			}
		})
	}
}

func TestNotFound(t *testing.T) {
	tests := []struct {
		name      string
		method    string
		target    string
		lang      string
		wantTitle string
	}{
		{"an unknown API path gets 404", "GET", "/v1/nothing", "", "Adresa neexistuje"},
		{"a known path with another method gets 404 as in HTTP API", "DELETE", "/v1/experts", "", "Adresa neexistuje"},
		{"HEAD on a GET route gets 404 as in HTTP API", "HEAD", "/v1/experts", "", "Adresa neexistuje"},
		{"the bare API prefix gets 404", "GET", "/v1", "", "Adresa neexistuje"},
		{"a path outside the API without a static handler gets 404", "GET", "/index.html", "", "Adresa neexistuje"},
		{"the title follows accept-language", "GET", "/v1/nothing", "en", "No such address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, nil)
			r := httptest.NewRequest(tt.method, tt.target, nil)
			if tt.lang != "" {
				r.Header.Set("Accept-Language", tt.lang)
			}
			w := fx.do(r)
			if w.Code != 404 {
				t.Fatalf("status = %d, want 404", w.Code)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("content-type = %q, want application/problem+json", ct)
			}
			var doc struct {
				Type   string `json:"type"`
				Title  string `json:"title"`
				Status int    `json:"status"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
				t.Fatalf("body %q: %v", w.Body, err)
			}
			if doc.Title != tt.wantTitle || doc.Status != 404 || !strings.HasSuffix(doc.Type, "/route_not_found") {
				t.Errorf("problem = %+v, want title %q, status 404, type …/route_not_found", doc, tt.wantTitle)
			}
			if got := fx.totalCalls(); got != 0 {
				t.Errorf("handlers called %d times, want 0", got)
			}
		})
	}
}

func TestOptions(t *testing.T) {
	tests := []struct {
		name   string
		target string
		status int
		allow  string
	}{
		{"OPTIONS on a route path gets 204 with its methods", "/v1/bookings/b-1", 204, "GET, OPTIONS"},
		{"OPTIONS on a path with two methods lists both", "/v1/staff/experts/e-1", 204, "GET, PUT, OPTIONS"},
		{"OPTIONS on an unknown path gets 404", "/v1/nothing", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, nil)
			w := fx.do(httptest.NewRequest("OPTIONS", tt.target, nil))
			if w.Code != tt.status {
				t.Errorf("status = %d, want %d", w.Code, tt.status)
			}
			if got := w.Header().Get("Allow"); got != tt.allow {
				t.Errorf("allow = %q, want %q", got, tt.allow)
			}
			if got := fx.totalCalls(); got != 0 {
				t.Errorf("handlers called %d times, want 0", got)
			}
		})
	}
}

func TestStaticServesEverythingOutsideTheAPI(t *testing.T) {
	static := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		_, _ = io.WriteString(w, "web:"+r.URL.Path)
	})
	tests := []struct {
		name   string
		target string
		status int
		body   string
	}{
		{"the root goes to the static handler", "/", 418, "web:/"},
		{"an asset goes to the static handler", "/assets/app.js", 418, "web:/assets/app.js"},
		{"a path merely starting with v1 goes to the static handler", "/v1x/page", 418, "web:/v1x/page"},
		{"an API path does not", "/v1/experts", 200, "{}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, static)
			w := fx.do(httptest.NewRequest("GET", tt.target, nil))
			if w.Code != tt.status || w.Body.String() != tt.body {
				t.Errorf("got %d %q, want %d %q", w.Code, w.Body, tt.status, tt.body)
			}
		})
	}
}

func TestResponsesAreWrittenBack(t *testing.T) {
	tests := []struct {
		name    string
		resp    events.APIGatewayV2HTTPResponse
		status  int
		body    string
		headers map[string][]string
		log     string
	}{
		{
			name:   "a zero status code becomes 200",
			resp:   events.APIGatewayV2HTTPResponse{Body: "ok"},
			status: 200, body: "ok",
		},
		{
			name: "status, headers and body are written",
			resp: events.APIGatewayV2HTTPResponse{
				StatusCode: 201,
				Headers:    map[string]string{"Content-Type": "application/json", "Location": "/v1/bookings/b-1"},
				Body:       `{"id":"b-1"}`,
			},
			status: 201, body: `{"id":"b-1"}`,
			headers: map[string][]string{"Content-Type": {"application/json"}, "Location": {"/v1/bookings/b-1"}, "Content-Length": {"12"}},
		},
		{
			name:    "multi-value headers are dropped as API Gateway drops them in format 2.0",
			resp:    events.APIGatewayV2HTTPResponse{StatusCode: 200, Headers: map[string]string{"Vary": "Accept,Accept-Language"}, MultiValueHeaders: map[string][]string{"Vary": {"Origin"}, "X-Extra": {"1"}}},
			status:  200,
			headers: map[string][]string{"Vary": {"Accept,Accept-Language"}, "X-Extra": nil},
			log:     "multiValueHeaders ignored",
		},
		{
			name:    "cookies become Set-Cookie headers",
			resp:    events.APIGatewayV2HTTPResponse{StatusCode: 204, Cookies: []string{"a=1; Path=/", "b=2; HttpOnly"}},
			status:  204,
			headers: map[string][]string{"Set-Cookie": {"a=1; Path=/", "b=2; HttpOnly"}},
		},
		{
			name:   "a base64 body is decoded",
			resp:   events.APIGatewayV2HTTPResponse{StatusCode: 200, Headers: map[string]string{"Content-Type": "text/calendar"}, Body: base64.StdEncoding.EncodeToString([]byte("BEGIN:VCALENDAR\r\n")), IsBase64Encoded: true},
			status: 200, body: "BEGIN:VCALENDAR\r\n",
			headers: map[string][]string{"Content-Type": {"text/calendar"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, nil)
			fx.fakes[routes.FnCatalog].resp = tt.resp
			w := fx.do(httptest.NewRequest("GET", "/v1/experts", nil))
			if w.Code != tt.status {
				t.Errorf("status = %d, want %d", w.Code, tt.status)
			}
			if got := w.Body.String(); got != tt.body {
				t.Errorf("body = %q, want %q", got, tt.body)
			}
			for k, want := range tt.headers {
				if got := w.Header().Values(k); !slices.Equal(got, want) {
					t.Errorf("header %s = %q, want %q", k, got, want)
				}
			}
			if !strings.Contains(fx.logs.String(), tt.log) {
				t.Errorf("logs %q, want them to mention %q", fx.logs, tt.log)
			}
		})
	}
}

func TestHandlerFailuresBecome500(t *testing.T) {
	tests := []struct {
		name string
		set  func(*fake)
		log  string
	}{
		{"a handler error gets 500", func(f *fake) { f.err = errors.New("dynamodb down") }, "dynamodb down"},
		{"a handler panic gets 500", func(f *fake) { f.panic = "boom" }, "boom"},
		{"a broken base64 body gets 500", func(f *fake) {
			f.resp = events.APIGatewayV2HTTPResponse{StatusCode: 200, Body: "***", IsBase64Encoded: true}
		}, "base64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t, nil)
			tt.set(fx.fakes[routes.FnCatalog])
			w := fx.do(httptest.NewRequest("GET", "/v1/experts", nil))
			if w.Code != 500 {
				t.Errorf("status = %d, want 500", w.Code)
			}
			if got := strings.TrimSpace(w.Body.String()); got != `{"message":"Internal Server Error"}` {
				t.Errorf("body = %s, want {\"message\":\"Internal Server Error\"}", got)
			}
			if !strings.Contains(fx.logs.String(), tt.log) {
				t.Errorf("logs %q, want them to mention %q", fx.logs, tt.log)
			}
		})
	}
}

func TestAccessLogHoldsNoPersonalData(t *testing.T) {
	fx := newFixture(t, nil)
	r := httptest.NewRequest("POST", "/v1/bookings?email=jana%40example.cz", strings.NewReader(`{"name":"Jana Nováková"}`))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Phone", "+420601123456")
	fx.do(r)

	lines := strings.Split(strings.TrimSpace(fx.logs.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("log lines = %d, want 1: %q", len(lines), lines)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatalf("log line %q: %v", lines[0], err)
	}
	wantFields := map[string]any{"msg": "request", "method": "POST", "route": "POST /v1/bookings", "status": float64(200)}
	for k, want := range wantFields {
		if rec[k] != want {
			t.Errorf("log %s = %v, want %v", k, rec[k], want)
		}
	}
	for _, k := range []string{"durationMs", "requestId"} {
		if _, ok := rec[k]; !ok {
			t.Errorf("log has no %s", k)
		}
	}
	for _, secret := range []string{"jana", "Nováková", "420601123456", "email"} {
		if strings.Contains(lines[0], secret) {
			t.Errorf("log line %q contains %q", lines[0], secret)
		}
	}
}

func TestOverARealConnection(t *testing.T) {
	fx := newFixture(t, nil)
	fx.fakes[routes.FnStaff].resp = events.APIGatewayV2HTTPResponse{
		StatusCode: 201,
		Headers:    map[string]string{"Content-Type": "application/json"},
		Cookies:    []string{"seen=1"},
		Body:       `{"ok":true}`,
	}
	srv := httptest.NewServer(fx.gw)
	defer srv.Close()

	req, err := http.NewRequest("POST", srv.URL+"/v1/staff/experts?x=1", strings.NewReader(`{"name":"A"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+devToken(t, auth.GroupAdmin))
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)

	ev := fx.fakes[routes.FnStaff].last(t)
	checks := []struct {
		name string
		got  any
		want any
	}{
		{"the status is the handler's", resp.StatusCode, 201},
		{"the body is the handler's", string(body), `{"ok":true}`},
		{"the cookie is set", resp.Header.Get("Set-Cookie"), "seen=1"},
		{"the route key is the staff route's", ev.RouteKey, "POST /v1/staff/experts"},
		{"the body arrives as text", ev.Body, `{"name":"A"}`},
		{"content-length is forwarded", ev.Headers["content-length"], "12"},
		{"the host header is forwarded", ev.Headers["host"], strings.TrimPrefix(srv.URL, "http://")},
		{"the source ip is the loopback", ev.RequestContext.HTTP.SourceIP, "127.0.0.1"},
		{"the protocol is HTTP/1.1", ev.RequestContext.HTTP.Protocol, "HTTP/1.1"},
		{"the groups arrive as API Gateway renders them", ev.RequestContext.Authorizer.JWT.Claims["cognito:groups"], "[admin]"},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %v, want %v", c.got, c.want)
			}
		})
	}
}

// checkOwnAnswer checks what every answer of the gateway's own carries, as
// the handlers' answers do: the request id (also as API Gateway's
// Apigw-Requestid) and no-store.
func checkOwnAnswer(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	id := w.Header().Get("X-Request-Id")
	if id == "" || id != w.Header().Get("Apigw-Requestid") {
		t.Errorf("X-Request-Id = %q, Apigw-Requestid = %q: want the same request id in both", id, w.Header().Get("Apigw-Requestid"))
	}
	if got := w.Header().Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", got)
	}
}

func TestOriginHeaderIsTheGatewaysOwn(t *testing.T) {
	for _, sent := range []string{"", "forged-by-the-client"} {
		t.Run("client sent "+strconv.Quote(sent), func(t *testing.T) {
			fx := newFixture(t, nil)
			r := httptest.NewRequest("GET", "/v1/experts", nil)
			if sent != "" {
				r.Header.Set("X-Origin-Verify", sent)
			}
			if w := fx.do(r); w.Code != 200 {
				t.Fatalf("status = %d, want 200", w.Code)
			}
			ev := fx.fakes[routes.FnCatalog].last(t)
			var got []string
			for k, v := range ev.Headers {
				if strings.EqualFold(k, httpapi.OriginHeader) {
					got = append(got, k+"="+v)
				}
			}
			if want := []string{"x-origin-verify=" + testOrigin}; !slices.Equal(got, want) {
				t.Errorf("origin headers = %v, want %v (CloudFront's custom header replaces a viewer's)", got, want)
			}
		})
	}
}

func TestSlowBodyIsCutOff(t *testing.T) {
	fx := newFixture(t, nil)
	gw, err := New(Config{
		Functions: func() map[string]Handler {
			m := map[string]Handler{}
			for fn, f := range fx.fakes {
				m[fn] = f.handle
			}
			return m
		}(),
		DevSecret: testSecret, OriginSecret: testOrigin, BodyTimeout: 300 * time.Millisecond,
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(gw)
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Headers promising 100 bytes, then 10 of them, then nothing.
	start := time.Now()
	fmt.Fprintf(conn, "POST /v1/bookings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"a\":\"12\"")
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a stalled body within 5 s: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusRequestTimeout {
		t.Errorf("status = %d, want 408", resp.StatusCode)
	}
	if took := time.Since(start); took < 300*time.Millisecond || took > 3*time.Second {
		t.Errorf("answered after %v, want after the 300 ms body timeout", took)
	}
	if resp.Header.Get("X-Request-Id") == "" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("headers %v, want X-Request-Id and Cache-Control: no-store", resp.Header)
	}
	if n := fx.totalCalls(); n != 0 {
		t.Errorf("handlers called %d times, want 0", n)
	}
}
