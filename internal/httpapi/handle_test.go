package httpapi_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

func TestNew(t *testing.T) {
	handlers := func(fn string) map[string]httpapi.Handler {
		out := map[string]httpapi.Handler{}
		for _, r := range routes.ForFunction(fn) {
			out[r.Key()] = ok
		}
		return out
	}
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	newID := func() string { return "id" }
	tests := []struct {
		name    string
		cfg     httpapi.Config
		wantErr string
	}{
		{
			name: "accepts handlers for exactly the function's routes",
			cfg:  httpapi.Config{Function: routes.FnBookings, PoW: passPoW, Handlers: handlers(routes.FnBookings), Logger: discard, NewID: newID},
		},
		{
			name:    "refuses a configuration without a request-id generator",
			cfg:     httpapi.Config{Function: routes.FnBookings, PoW: passPoW, Handlers: handlers(routes.FnBookings), Logger: discard},
			wantErr: "NewID is required",
		},
		{
			name: "refuses a function whose route has no handler",
			cfg: httpapi.Config{Function: routes.FnBookings, PoW: passPoW, Logger: discard, NewID: newID, Handlers: func() map[string]httpapi.Handler {
				h := handlers(routes.FnBookings)
				delete(h, "POST /v1/bookings/{bookingId}/cancel")
				return h
			}()},
			wantErr: `no handler for route "POST /v1/bookings/{bookingId}/cancel"`,
		},
		{
			name: "refuses a handler for a route the table gives another function",
			cfg: httpapi.Config{Function: routes.FnBookings, PoW: passPoW, Logger: discard, NewID: newID, Handlers: func() map[string]httpapi.Handler {
				h := handlers(routes.FnBookings)
				h["GET /v1/experts"] = ok
				return h
			}()},
			wantErr: `handler for "GET /v1/experts"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := httpapi.New(tt.cfg)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("got error %v, want none", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("got error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestRouting(t *testing.T) {
	tests := []struct {
		name     string
		routeKey string
	}{
		{"an unknown route key is 404 route_not_found", "GET /v1/nothing-here"},
		{"a route of another function is 404 route_not_found", "GET /v1/experts"},
		{"a known path with another method is 404 route_not_found", "DELETE /v1/bookings/{bookingId}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			called := false
			spy := func(context.Context, *httpapi.Request) (httpapi.Response, error) {
				called = true
				return ok(context.Background(), nil)
			}
			handlers := map[string]httpapi.Handler{}
			for _, r := range routes.ForFunction(routes.FnBookings) {
				handlers[r.Key()] = spy
			}
			f := newFixture(t, routes.FnBookings, handlers)
			resp := f.do(t, event(tt.routeKey, withHeader("accept-language", "en")))
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("status: got %d, want 404", resp.StatusCode)
			}
			p := problem(t, resp)
			if p.Code != "route_not_found" || p.Title != "No such address" {
				t.Errorf("code, title: got %q, %q, want route_not_found, %q", p.Code, p.Title, "No such address")
			}
			if called {
				t.Errorf("handler: got called, want no handler to run")
			}
		})
	}
}

func TestStaffAuthorisation(t *testing.T) {
	tests := []struct {
		name          string
		routeKey      string
		claims        map[string]string
		wantStatus    int
		wantCode      string
		wantPrincipal auth.Principal
	}{
		{
			name: "a staff route without claims is 401 with a Bearer challenge", routeKey: "GET /v1/staff/me",
			wantStatus: http.StatusUnauthorized, wantCode: "unauthenticated",
		},
		{
			name: "claims without a subject are 401", routeKey: "GET /v1/staff/me",
			claims:     map[string]string{auth.GroupsClaim: "[admin]"},
			wantStatus: http.StatusUnauthorized, wantCode: "unauthenticated",
		},
		{
			name: "a group the route does not allow is 403", routeKey: "GET /v1/staff/me",
			claims:     map[string]string{"sub": "dev-evaluator", auth.GroupsClaim: "[evaluator]"},
			wantStatus: http.StatusForbidden, wantCode: "forbidden",
		},
		{
			name: "no group at all is 403", routeKey: "GET /v1/staff/bookings",
			claims:     map[string]string{"sub": "dev-nobody"},
			wantStatus: http.StatusForbidden, wantCode: "forbidden",
		},
		{
			name: "an expert on an admin-only route is 403", routeKey: "POST /v1/staff/experts",
			claims:     map[string]string{"sub": "dev-expert-dvorakova", auth.GroupsClaim: "[expert]"},
			wantStatus: http.StatusForbidden, wantCode: "forbidden",
		},
		{
			name: "an admin reaches an admin-only route with its principal", routeKey: "POST /v1/staff/bookings/{bookingId}/erase",
			claims:        map[string]string{"sub": "dev-admin", auth.GroupsClaim: "[admin]"},
			wantStatus:    http.StatusOK,
			wantPrincipal: auth.Principal{Subject: "dev-admin", Groups: []string{"admin"}},
		},
		{
			name: "an expert reaches a staff route with its principal", routeKey: "GET /v1/staff/me",
			claims:        map[string]string{"sub": "dev-expert-dvorakova", auth.GroupsClaim: "[expert evaluator]"},
			wantStatus:    http.StatusOK,
			wantPrincipal: auth.Principal{Subject: "dev-expert-dvorakova", Groups: []string{"expert", "evaluator"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *auth.Principal
			f := newFixture(t, routes.FnStaff, map[string]httpapi.Handler{
				tt.routeKey: func(_ context.Context, r *httpapi.Request) (httpapi.Response, error) {
					got = &r.Principal
					return httpapi.JSON(http.StatusOK, map[string]string{"subject": r.Principal.Subject}), nil
				},
			})
			ev := event(tt.routeKey)
			if tt.claims != nil {
				withClaims(tt.claims)(&ev)
			}
			resp := f.do(t, ev)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status: got %d, want %d (body %s)", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			if tt.wantCode == "" {
				if got == nil || got.Subject != tt.wantPrincipal.Subject || !slices.Equal(got.Groups, tt.wantPrincipal.Groups) {
					t.Errorf("principal: got %+v, want %+v", got, tt.wantPrincipal)
				}
				return
			}
			if got != nil {
				t.Errorf("handler: got called with %+v, want no handler to run", *got)
			}
			if p := problem(t, resp); p.Code != tt.wantCode {
				t.Errorf("code: got %q, want %q", p.Code, tt.wantCode)
			}
			challenge := resp.Headers["WWW-Authenticate"]
			if tt.wantStatus == http.StatusUnauthorized && challenge != `Bearer realm="brana"` {
				t.Errorf("WWW-Authenticate: got %q, want %q", challenge, `Bearer realm="brana"`)
			}
			if tt.wantStatus != http.StatusUnauthorized && challenge != "" {
				t.Errorf("WWW-Authenticate: got %q, want none on %d", challenge, tt.wantStatus)
			}
		})
	}

	t.Run("a public route needs no claims", func(t *testing.T) {
		f := newFixture(t, routes.FnBookings, nil)
		if resp := f.do(t, event("GET /v1/bookings/{bookingId}")); resp.StatusCode != http.StatusOK {
			t.Errorf("status: got %d, want 200 (body %s)", resp.StatusCode, resp.Body)
		}
	})
}

// echo answers with the body the handler was given.
func echo(_ context.Context, r *httpapi.Request) (httpapi.Response, error) {
	return httpapi.Response{StatusCode: http.StatusOK, Headers: map[string]string{}, Body: string(r.Body)}, nil
}

func TestRequestBody(t *testing.T) {
	const route = "POST /v1/bookings"
	big := func(n int) string { return `{"note":"` + strings.Repeat("a", n-len(`{"note":""}`)) + `"}` }
	b64 := func(s string) func(*events.APIGatewayV2HTTPRequest) {
		return func(ev *events.APIGatewayV2HTTPRequest) {
			ev.Headers["content-type"] = "application/json"
			ev.Body = base64.StdEncoding.EncodeToString([]byte(s))
			ev.IsBase64Encoded = true
		}
	}
	tests := []struct {
		name       string
		opt        func(*events.APIGatewayV2HTTPRequest)
		wantStatus int
		wantCode   string // for problems
		wantBody   string // what the handler got, for 200
	}{
		{
			name: "a body over 16 KiB is 413 body_too_large", opt: withBody("application/json", big(httpapi.DefaultMaxBody+1)),
			wantStatus: http.StatusRequestEntityTooLarge, wantCode: "body_too_large",
		},
		{
			name: "a body of exactly 16 KiB reaches the handler", opt: withBody("application/json", big(httpapi.DefaultMaxBody)),
			wantStatus: http.StatusOK, wantBody: big(httpapi.DefaultMaxBody),
		},
		{
			name: "a base64 body over 16 KiB once decoded is 413 body_too_large", opt: b64(big(httpapi.DefaultMaxBody + 1)),
			wantStatus: http.StatusRequestEntityTooLarge, wantCode: "body_too_large",
		},
		{
			name: "a base64 body is decoded for the handler", opt: b64(`{"form":"online"}`),
			wantStatus: http.StatusOK, wantBody: `{"form":"online"}`,
		},
		{
			name: "a base64 body that does not decode is 400 malformed_json",
			opt: func(ev *events.APIGatewayV2HTTPRequest) {
				withBody("application/json", "%%% not base64 %%%")(ev)
				ev.IsBase64Encoded = true
			},
			wantStatus: http.StatusBadRequest, wantCode: "malformed_json",
		},
		{
			name: "a text/plain body is 400 unsupported_media_type, not 415", opt: withBody("text/plain", `{"form":"online"}`),
			wantStatus: http.StatusBadRequest, wantCode: "unsupported_media_type",
		},
		{
			name: "a form-encoded body is 400 unsupported_media_type", opt: withBody("application/x-www-form-urlencoded", "form=online"),
			wantStatus: http.StatusBadRequest, wantCode: "unsupported_media_type",
		},
		{
			name: "a body without a content type is 400 unsupported_media_type", opt: withBody("", `{"form":"online"}`),
			wantStatus: http.StatusBadRequest, wantCode: "unsupported_media_type",
		},
		{
			name: "JSON with a charset parameter is accepted", opt: withBody("Application/JSON; charset=utf-8", `{"form":"online"}`),
			wantStatus: http.StatusOK, wantBody: `{"form":"online"}`,
		},
		{
			name: "a +json media type is accepted", opt: withBody("application/merge-patch+json", `{"form":"online"}`),
			wantStatus: http.StatusOK, wantBody: `{"form":"online"}`,
		},
		{
			name: "no body needs no content type", opt: withBody("", ""),
			wantStatus: http.StatusOK, wantBody: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, routes.FnBookings, map[string]httpapi.Handler{route: echo})
			resp := f.do(t, event(route, tt.opt))
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status: got %d, want %d (body %.200s)", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			if tt.wantCode != "" {
				if p := problem(t, resp); p.Code != tt.wantCode {
					t.Errorf("code: got %q, want %q", p.Code, tt.wantCode)
				}
				return
			}
			if resp.Body != tt.wantBody {
				t.Errorf("body the handler got: got %.80q (%d bytes), want %.80q (%d bytes)", resp.Body, len(resp.Body), tt.wantBody, len(tt.wantBody))
			}
		})
	}
}

// bookingLike is a small request shape for decoding tests.
type bookingLike struct {
	Start   string `json:"start"`
	Contact struct {
		Phone string `json:"phone"`
	} `json:"contact"`
	Note string `json:"note,omitempty" validate:"max=5"`
}

func decoding(_ context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in bookingLike
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, in), nil
}

func TestDecodeJSON(t *testing.T) {
	const route = "POST /v1/bookings"
	tests := []struct {
		name, body, lang string
		wantCode         string
		wantErrors       []httpapi.ProblemField
	}{
		{name: "malformed JSON is 400 malformed_json", body: `{"start": "2026-12-02T09:00:00+01:00"`, wantCode: "malformed_json"},
		{name: "trailing data after the object is 400 malformed_json", body: `{"start": "x"} {"start": "y"}`, wantCode: "malformed_json"},
		{name: "an empty body is 400 malformed_json", body: "", wantCode: "malformed_json"},
		{name: "a JSON array is 400 malformed_json", body: `[1, 2]`, wantCode: "malformed_json"},
		{
			name: "an unknown field is a field error with rule unknown", body: `{"start": "x", "nickname": "Majka"}`,
			wantCode:   "invalid_request",
			wantErrors: []httpapi.ProblemField{{Field: "nickname", Rule: "unknown", Message: "Tento údaj neznáme."}},
		},
		{
			name: "a wrong type is a field error with rule type", body: `{"start": 20261202}`,
			wantCode:   "invalid_request",
			wantErrors: []httpapi.ProblemField{{Field: "start", Rule: "type", Message: "Hodnota má nesprávný typ (očekáváno: string)."}},
		},
		{
			name: "a wrong type in a nested object names its path", body: `{"contact": {"phone": 603123456}}`, lang: "en",
			wantCode:   "invalid_request",
			wantErrors: []httpapi.ProblemField{{Field: "contact.phone", Rule: "type", Message: "The value has the wrong type (expected: string)."}},
		},
		{
			name: "every unknown field and wrong type is reported at once, by its full path", lang: "en",
			body:     `{"start": 1, "nickname": "Majka", "contact": {"phone": "+420603123456", "age": 42, "pets": [1]}, "colour": "blue"}`,
			wantCode: "invalid_request",
			wantErrors: []httpapi.ProblemField{
				{Field: "colour", Rule: "unknown", Message: "This field is not known."},
				{Field: "contact.age", Rule: "unknown", Message: "This field is not known."},
				{Field: "contact.pets", Rule: "unknown", Message: "This field is not known."},
				{Field: "nickname", Rule: "unknown", Message: "This field is not known."},
				{Field: "start", Rule: "type", Message: "The value has the wrong type (expected: string)."},
			},
		},
		{
			name: "the rules the rest of the body breaks are reported with its unknown fields", lang: "en",
			body:     `{"start": "soon", "contact": {"phone": 603123456}, "extra": true, "note": "far too long"}`,
			wantCode: "invalid_request",
			wantErrors: []httpapi.ProblemField{
				{Field: "contact.phone", Rule: "type", Message: "The value has the wrong type (expected: string)."},
				{Field: "extra", Rule: "unknown", Message: "This field is not known."},
				{Field: "note", Rule: "max", Message: "The value is too long (at most 5)."},
			},
		},
		{
			name: "invalid UTF-8 is refused by the path of its string, not replaced by U+FFFD", lang: "en",
			body:     "{\"start\": \"x\", \"contact\": {\"phone\": \"603\xff123\"}, \"note\": \"\xc3\"}",
			wantCode: "invalid_request",
			wantErrors: []httpapi.ProblemField{
				{Field: "contact.phone", Rule: "utf8", Message: "The text contains invalid characters (it is not valid UTF-8)."},
				{Field: "note", Rule: "utf8", Message: "The text contains invalid characters (it is not valid UTF-8)."},
			},
		},
		{
			name: "a lone surrogate is refused, not replaced by U+FFFD", body: `{"start": "a\ud800b", "contact": {"phone": "\udc00"}, "note": "\ud83d"}`,
			wantCode: "invalid_request",
			wantErrors: []httpapi.ProblemField{
				{Field: "contact.phone", Rule: "utf8", Message: "Text obsahuje neplatné znaky (není v kódování UTF-8)."},
				{Field: "note", Rule: "utf8", Message: "Text obsahuje neplatné znaky (není v kódování UTF-8)."},
				{Field: "start", Rule: "utf8", Message: "Text obsahuje neplatné znaky (není v kódování UTF-8)."},
			},
		},
		{
			name: "a key with invalid UTF-8 is refused too", body: "{\"st\xffart\": \"x\"}",
			wantCode: "invalid_request",
			wantErrors: []httpapi.ProblemField{
				{Field: "st\ufffdart", Rule: "unknown", Message: "Tento údaj neznáme."},
				{Field: "st\ufffdart", Rule: "utf8", Message: "Text obsahuje neplatné znaky (není v kódování UTF-8)."},
			},
		},
		{
			name: "an object where a string belongs is a field error with rule type", body: `{"start": {"date": "2026-12-02"}}`,
			wantCode:   "invalid_request",
			wantErrors: []httpapi.ProblemField{{Field: "start", Rule: "type", Message: "Hodnota má nesprávný typ (očekáváno: string)."}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, routes.FnBookings, map[string]httpapi.Handler{route: decoding})
			ev := event(route, withBody("application/json", tt.body))
			if tt.lang != "" {
				ev.Headers["accept-language"] = tt.lang
			}
			resp := f.do(t, ev)
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("status: got %d, want 400 (body %s)", resp.StatusCode, resp.Body)
			}
			p := problem(t, resp)
			if p.Code != tt.wantCode {
				t.Errorf("code: got %q, want %q", p.Code, tt.wantCode)
			}
			if !slices.Equal(p.Errors, tt.wantErrors) {
				t.Errorf("errors:\n got %+v\nwant %+v", p.Errors, tt.wantErrors)
			}
		})
	}

	t.Run("a body of thousands of unknown fields gets at most MaxFieldErrors errors", func(t *testing.T) {
		f := newFixture(t, routes.FnBookings, map[string]httpapi.Handler{route: decoding})
		var b strings.Builder
		b.WriteString("{")
		for i := range 1500 {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `"f%d":1`, i)
		}
		b.WriteString("}")
		resp := f.do(t, event(route, withBody("application/json", b.String())))
		p := problem(t, resp)
		if resp.StatusCode != http.StatusBadRequest || p.Code != "invalid_request" {
			t.Fatalf("got %d %q, want 400 invalid_request", resp.StatusCode, p.Code)
		}
		if len(p.Errors) != apperr.MaxFieldErrors {
			t.Errorf("errors: got %d, want %d", len(p.Errors), apperr.MaxFieldErrors)
		}
		if len(resp.Body) > 16<<10 {
			t.Errorf("the problem is %d bytes: larger than the body that caused it", len(resp.Body))
		}
	})

	t.Run("surrogate pairs and escaped backslashes decode", func(t *testing.T) {
		f := newFixture(t, routes.FnBookings, map[string]httpapi.Handler{route: decoding})
		resp := f.do(t, event(route, withBody("application/json", `{"start": "\ud83d\ude00 \\ud800 \u0159", "note": "\\\\"}`)))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status: got %d, want 200 (body %s)", resp.StatusCode, resp.Body)
		}
		want := `{"start":"😀 \\ud800 ř","contact":{"phone":""},"note":"\\\\"}`
		if resp.Body != want {
			t.Errorf("decoded: got %s, want %s", resp.Body, want)
		}
	})

	t.Run("a well-formed body decodes", func(t *testing.T) {
		f := newFixture(t, routes.FnBookings, map[string]httpapi.Handler{route: decoding})
		resp := f.do(t, event(route, withBody("application/json", `{"start": "2026-12-02T09:00:00+01:00", "contact": {"phone": "+420603123456"}}`)))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status: got %d, want 200 (body %s)", resp.StatusCode, resp.Body)
		}
		want := `{"start":"2026-12-02T09:00:00+01:00","contact":{"phone":"+420603123456"}}`
		if resp.Body != want {
			t.Errorf("decoded: got %s, want %s", resp.Body, want)
		}
	})
}

// secret is text that must never reach a response body.
const secret = "marie.prochazkova@example.cz dynamodb: ConditionalCheckFailed on BOOKING#01kbw6m3"

func TestInternalErrors(t *testing.T) {
	const route = "POST /v1/bookings/{bookingId}/cancel"
	tests := []struct {
		name    string
		handler httpapi.Handler
		wantLog string
	}{
		{
			name: "a panicking handler is a 500 with only the request id",
			handler: func(context.Context, *httpapi.Request) (httpapi.Response, error) {
				panic(secret)
			},
			wantLog: "handler panicked",
		},
		{
			name:    "a plain error's message never reaches the body",
			handler: failing(fmt.Errorf("write booking: %s", secret)),
			wantLog: "internal error",
		},
		{
			name:    "an internal apperr's cause never reaches the body",
			handler: failing(apperr.Wrap(apperr.Internal, "internal", errors.New(secret))),
			wantLog: "internal error",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, routes.FnBookings, map[string]httpapi.Handler{route: tt.handler})
			resp := f.do(t, event(route, withHeader("accept-language", "en")))
			if resp.StatusCode != http.StatusInternalServerError {
				t.Fatalf("status: got %d, want 500", resp.StatusCode)
			}
			p := problem(t, resp)
			want := httpapi.ProblemDoc{
				Type: httpapi.ProblemTypeBase + "internal", Title: "Internal error", Status: http.StatusInternalServerError,
				Detail:   "Something went wrong on our side. Please try again; if the error persists, contact us and quote the request id.",
				Instance: "/v1/bookings/01kbw6m3ar2z7e4r9x0v5t8qjd/cancel", Code: "internal", RequestID: gatewayRequestID,
			}
			if !equalProblems(p, want) {
				t.Errorf("problem:\n got %+v\nwant %+v", p, want)
			}
			for _, part := range []string{"marie", "dynamodb", "BOOKING#"} {
				if strings.Contains(resp.Body, part) {
					t.Errorf("body: got %s, want nothing of the error (%q)", resp.Body, part)
				}
			}
			line := f.logLine(t, tt.wantLog)
			if line["level"] != "ERROR" || line["requestId"] != gatewayRequestID {
				t.Errorf("log line %q: got level %v, requestId %v, want ERROR, %s", tt.wantLog, line["level"], line["requestId"], gatewayRequestID)
			}
			if access := f.logLine(t, "request"); access["status"] != float64(http.StatusInternalServerError) {
				t.Errorf("access log status: got %v, want 500", access["status"])
			}
		})
	}
}

func TestRequestID(t *testing.T) {
	tests := []struct {
		name    string
		opts    []func(*events.APIGatewayV2HTTPRequest)
		handler httpapi.Handler
		want    string
	}{
		{"a success carries API Gateway's request id", nil, ok, gatewayRequestID},
		{"a problem carries API Gateway's request id", nil, failing(apperr.New(apperr.NotFound, "booking_not_found")), gatewayRequestID},
		{"a success without API Gateway's id carries a generated one", []func(*events.APIGatewayV2HTTPRequest){withoutRequestID}, ok, "generated-0001"},
		{"a problem without API Gateway's id carries a generated one", []func(*events.APIGatewayV2HTTPRequest){withoutRequestID}, failing(apperr.New(apperr.NotFound, "booking_not_found")), "generated-0001"},
	}
	const route = "GET /v1/bookings/{bookingId}"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, routes.FnBookings, map[string]httpapi.Handler{route: tt.handler})
			resp := f.do(t, event(route, tt.opts...))
			if got := resp.Headers["X-Request-Id"]; got != tt.want {
				t.Errorf("X-Request-Id: got %q, want %q", got, tt.want)
			}
			if resp.StatusCode >= 400 {
				if p := problem(t, resp); p.RequestID != tt.want {
					t.Errorf("problem requestId: got %q, want %q", p.RequestID, tt.want)
				}
			}
			if got := f.logLine(t, "request")["requestId"]; got != tt.want {
				t.Errorf("access log requestId: got %v, want %q", got, tt.want)
			}
		})
	}

	t.Run("a handler's own headers are kept beside the request id", func(t *testing.T) {
		f := newFixture(t, routes.FnBookings, map[string]httpapi.Handler{
			"POST /v1/bookings": func(context.Context, *httpapi.Request) (httpapi.Response, error) {
				resp := httpapi.JSON(http.StatusCreated, map[string]string{"id": "01kbw6m3ar2z7e4r9x0v5t8qjd"})
				resp.Headers["Location"] = "/v1/bookings/01kbw6m3ar2z7e4r9x0v5t8qjd"
				return resp, nil
			},
		})
		resp := f.do(t, event("POST /v1/bookings", withBody("application/json", `{}`)))
		want := map[string]string{
			"Location": "/v1/bookings/01kbw6m3ar2z7e4r9x0v5t8qjd", "X-Request-Id": gatewayRequestID,
			"Content-Language": "cs", "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store",
		}
		for k, v := range want {
			if got := resp.Headers[k]; got != v {
				t.Errorf("%s: got %q, want %q", k, got, v)
			}
		}
	})
}

func TestAccessLog(t *testing.T) {
	const route = "POST /v1/bookings/{bookingId}/reschedule"
	personal := []string{"Marie", "Procházková", "marie.prochazkova", "603123456", "SECRET-MANAGE-TOKEN", "idem-key-42", "query-secret"}
	tests := []struct {
		name       string
		body       string
		handler    httpapi.Handler
		wantStatus int
	}{
		{"an accepted request logs one line with requestId, route and status and nothing of the request", `{"start": "2026-12-03T13:00:00+01:00", "contact": {"name": "Marie Procházková", "email": "marie.prochazkova@example.cz", "phone": "+420603123456"}}`, ok, http.StatusOK},
		{"a refused malformed body logs nothing of the body", `{"contact": {"name": "Marie Procházková", "email": "marie.prochazkova@`, decoding, http.StatusBadRequest},
		{"a refused unknown field logs nothing of the body", `{"start": "x", "Marie Procházková": "marie.prochazkova@example.cz"}`, decoding, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, routes.FnBookings, map[string]httpapi.Handler{route: tt.handler})
			ev := event(route,
				withBody("application/json", tt.body),
				withHeader("booking-token", "SECRET-MANAGE-TOKEN"),
				withHeader("idempotency-key", "idem-key-42"),
				withHeader("accept-language", "en"),
				func(ev *events.APIGatewayV2HTTPRequest) {
					ev.RawQueryString = "note=query-secret"
					ev.QueryStringParameters = map[string]string{"note": "query-secret"}
				})
			resp := f.do(t, ev)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status: got %d, want %d (body %s)", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			line := f.logLine(t, "request")
			want := map[string]any{
				"level": "INFO", "requestId": gatewayRequestID, "function": routes.FnBookings,
				"route": route, "status": float64(tt.wantStatus), "lang": "en", "durationMs": float64(25),
			}
			for k, v := range want {
				if line[k] != v {
					t.Errorf("access log %s: got %v, want %v", k, line[k], v)
				}
			}
			for _, p := range personal {
				if strings.Contains(f.logs.String(), p) {
					t.Errorf("logs: got %q in %s, want no body, header or query value", p, f.logs.String())
				}
			}
		})
	}
}
