package httpapi

import (
	"log/slog"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/routes"
)

// Request is one API request as a handler sees it.
type Request struct {
	Raw       *events.APIGatewayV2HTTPRequest
	Route     routes.Route
	Lang      i18n.Lang
	RequestID string
	Principal auth.Principal // set on staff routes
	Body      []byte         // decoded, within the size limit
	Log       *slog.Logger   // carries requestId; never log personal data
}

// PathParam returns a path parameter.
func (r *Request) PathParam(name string) string { return r.Raw.PathParameters[name] }

// Query returns a query-string parameter ("" when absent).
func (r *Request) Query(name string) string { return r.Raw.QueryStringParameters[name] }

// Header returns a request header, case-insensitively.
func (r *Request) Header(name string) string { return header(r.Raw.Headers, name) }

// DecodeJSON decodes the body into v strictly: unknown fields and wrong
// types are field errors the caller can act on, reported all at once with
// the rules the body breaks (see DecodeJSON).
func (r *Request) DecodeJSON(v any) error {
	return DecodeJSON(r.Body, v)
}
