package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apperr"
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

// DecodeJSON decodes the body into v strictly: unknown fields, trailing data
// and wrong types are field errors the caller can act on.
func (r *Request) DecodeJSON(v any) error {
	return DecodeJSON(r.Body, v)
}

// DecodeJSON is Request.DecodeJSON for a bare body (used by the fuzz target).
func DecodeJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return apperr.New(apperr.Invalid, "malformed_json")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typeErr) && typeErr.Field != "":
			return apperr.InvalidFields(apperr.Field(typeErr.Field, "type", jsonKind(typeErr.Type.Kind().String())))
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			// encoding/json has no typed error for this; the message format
			// is stable and documented by its tests.
			name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return apperr.InvalidFields(apperr.Field(name, "unknown"))
		default:
			return apperr.Wrap(apperr.Invalid, "malformed_json", fmt.Errorf("decode body: %w", err))
		}
	}
	if _, err := dec.Token(); err != io.EOF {
		return apperr.New(apperr.Invalid, "malformed_json")
	}
	return nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "slice", "array":
		return "array"
	case "struct", "map":
		return "object"
	default:
		return "number"
	}
}
