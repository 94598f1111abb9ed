// Package contract checks API exchanges against docs/openapi.yaml with a
// maintained OpenAPI 3.1 validator (pb33f/libopenapi-validator): an
// undocumented route or status, a missing or malformed declared header, a
// content type, body or property the document does not give is reported.
// Test helpers (apptest.Env.Invoke, the httpapi fixture) run every
// exchange through it, so that no handler test can forget it.
package contract

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	valerrors "github.com/pb33f/libopenapi-validator/errors"
)

// Contract is an OpenAPI document as a judge of requests and responses.
type Contract struct {
	mu sync.Mutex // the validator's caches are not documented as safe for concurrent use
	v  validator.Validator
}

var (
	contractOnce sync.Once
	contract     *Contract
	contractErr  error
)

// OpenAPIPath is docs/openapi.yaml.
func OpenAPIPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "docs", "openapi.yaml")
}

// Load returns the contract of docs/openapi.yaml, read once.
func Load() (*Contract, error) {
	contractOnce.Do(func() {
		spec, err := os.ReadFile(OpenAPIPath())
		if err != nil {
			contractErr = fmt.Errorf("read the OpenAPI document: %w", err)
			return
		}
		contract, contractErr = New(spec)
	})
	return contract, contractErr
}

// New builds a contract from an OpenAPI 3.1 document. The document
// itself must be valid against the OpenAPI schema.
func New(spec []byte) (*Contract, error) {
	doc, err := libopenapi.NewDocument(spec)
	if err != nil {
		return nil, fmt.Errorf("parse the OpenAPI document: %w", err)
	}
	v, errs := validator.NewValidator(doc,
		// API Gateway's JWT authorizer checks staff tokens before the
		// function runs; the events carry its claims, not the token.
		config.WithoutSecurityValidation(),
		// Formats (date-time, date, email, uri) are checked, not just noted.
		config.WithFormatAssertions(),
		// Properties a schema does not declare are drift too, even where
		// the schema leaves additionalProperties open.
		config.WithStrictMode(),
	)
	if len(errs) > 0 {
		return nil, fmt.Errorf("build the OpenAPI validator: %v", errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		return nil, fmt.Errorf("the OpenAPI document is not valid OpenAPI:\n%s", describe(verrs))
	}
	return &Contract{v: v}, nil
}

// CheckResponse lists how resp (the answer to req) departs from the
// document: an undocumented route or status, a missing or malformed
// declared header, a content type or body the document does not give.
func (c *Contract) CheckResponse(req *http.Request, resp *http.Response) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok, errs := c.v.ValidateHttpResponse(req, resp); !ok {
		return lines(errs)
	}
	return nil
}

// CheckRequest lists how req departs from the document: an unknown route,
// missing or malformed parameters or headers, a body the schema refuses.
func (c *Contract) CheckRequest(req *http.Request) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok, errs := c.v.ValidateHttpRequestSync(req); !ok {
		return lines(errs)
	}
	return nil
}

// CheckEvent checks one Lambda exchange: always the response, and the
// request too when the outcome says the request was a valid one (a
// success, or a refusal for the state of things rather than for the
// request: 409, 422, 503).
func (c *Contract) CheckEvent(ev events.APIGatewayV2HTTPRequest, resp events.APIGatewayV2HTTPResponse) []string {
	var out []string
	if requestMeantValid(resp.StatusCode) {
		for _, l := range c.CheckRequest(HTTPRequest(ev)) {
			out = append(out, "request: "+l)
		}
	}
	req := HTTPRequest(ev)
	for _, l := range c.CheckResponse(req, HTTPResponse(req, resp)) {
		out = append(out, "response: "+l)
	}
	return out
}

func requestMeantValid(status int) bool {
	switch status {
	case http.StatusConflict, http.StatusUnprocessableEntity, http.StatusServiceUnavailable:
		return true
	}
	return status < 400
}

// Check fails the test when an exchange departs from docs/openapi.yaml
// (see CheckEvent). It only reports (Errorf), so it may be called from any
// goroutine.
func Check(tb testing.TB, ev events.APIGatewayV2HTTPRequest, resp events.APIGatewayV2HTTPResponse) {
	tb.Helper()
	report(tb, ev, resp, (*Contract).CheckEvent)
}

// CheckResponse is Check for the response alone, for requests made up to
// reach a code path rather than to be valid.
func CheckResponse(tb testing.TB, ev events.APIGatewayV2HTTPRequest, resp events.APIGatewayV2HTTPResponse) {
	tb.Helper()
	report(tb, ev, resp, func(c *Contract, ev events.APIGatewayV2HTTPRequest, resp events.APIGatewayV2HTTPResponse) []string {
		req := HTTPRequest(ev)
		return c.CheckResponse(req, HTTPResponse(req, resp))
	})
}

func report(tb testing.TB, ev events.APIGatewayV2HTTPRequest, resp events.APIGatewayV2HTTPResponse,
	check func(*Contract, events.APIGatewayV2HTTPRequest, events.APIGatewayV2HTTPResponse) []string) {
	tb.Helper()
	c, err := Load()
	if err != nil {
		tb.Errorf("contract: %v", err)
		return
	}
	if problems := check(c, ev, resp); len(problems) > 0 {
		tb.Errorf("contract: %s %s?%s answered %d, which docs/openapi.yaml does not allow:\n  %s\nbody: %s",
			ev.RequestContext.HTTP.Method, ev.RawPath, ev.RawQueryString, resp.StatusCode,
			strings.Join(problems, "\n  "), resp.Body)
	}
}

// HTTPRequest is the HTTP request API Gateway turned into ev, addressed to
// the document's first server (the local stack).
func HTTPRequest(ev events.APIGatewayV2HTTPRequest) *http.Request {
	body := []byte(ev.Body)
	if ev.IsBase64Encoded {
		if b, err := base64.StdEncoding.DecodeString(ev.Body); err == nil {
			body = b
		}
	}
	method := ev.RequestContext.HTTP.Method
	if method == "" {
		method, _, _ = strings.Cut(ev.RouteKey, " ")
	}
	target := "http://localhost:8080" + ev.RawPath
	if ev.RawQueryString != "" {
		target += "?" + ev.RawQueryString
	}
	req, err := http.NewRequest(method, target, bytes.NewReader(body))
	if err != nil {
		// The event's path or query is not a URL: let the validator see an
		// empty path, which no route matches.
		req, _ = http.NewRequest(method, "http://localhost:8080/", bytes.NewReader(body))
	}
	for k, v := range ev.Headers {
		req.Header.Set(k, v)
	}
	for _, c := range ev.Cookies {
		req.Header.Add("Cookie", c)
	}
	return req
}

// HTTPResponse is the HTTP response API Gateway makes of resp.
func HTTPResponse(req *http.Request, resp events.APIGatewayV2HTTPResponse) *http.Response {
	body := []byte(resp.Body)
	if resp.IsBase64Encoded {
		if b, err := base64.StdEncoding.DecodeString(resp.Body); err == nil {
			body = b
		}
	}
	h := http.Header{}
	for k, v := range resp.Headers {
		h.Set(k, v)
	}
	for k, vs := range resp.MultiValueHeaders {
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	for _, c := range resp.Cookies {
		h.Add("Set-Cookie", c)
	}
	return &http.Response{
		StatusCode: resp.StatusCode, Status: http.StatusText(resp.StatusCode),
		Header: h, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
		Request: req,
	}
}

func lines(errs []*valerrors.ValidationError) []string {
	var out []string
	for _, e := range errs {
		l := e.Message
		if e.Reason != "" && e.Reason != e.Message {
			l += ": " + e.Reason
		}
		for _, f := range e.SchemaValidationErrors {
			where := f.FieldPath
			if where == "" {
				where = strings.Join(f.InstancePath, "/")
			}
			l += fmt.Sprintf("\n    %s: %s", where, f.Reason)
		}
		out = append(out, l)
	}
	return out
}

func describe(errs []*valerrors.ValidationError) string { return strings.Join(lines(errs), "\n") }
