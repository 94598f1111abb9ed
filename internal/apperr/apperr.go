// Package apperr is Brána's one domain error type. Every layer returns
// *Error for outcomes a caller should see (invalid input, not found, conflict,
// …); the HTTP glue maps Code to a status in one place and renders the Reason
// as an RFC 9457 problem in the caller's language. Anything else is an internal
// error and reaches the caller only as "internal error" with a request id.
package apperr

import (
	"errors"
	"fmt"
	"time"
)

// Code classifies an error for the caller.
type Code int

const (
	Internal        Code = iota // a fault of ours; details are logged, never shown
	Invalid                     // the request is malformed or breaks a rule
	Unauthenticated             // no valid credentials
	Forbidden                   // credentials valid, permission missing
	NotFound                    // the resource does not exist (or may not be revealed)
	Conflict                    // the state changed under the request (slot taken, version)
	Unprocessable               // well-formed, but cannot be applied (idempotency key reuse)
	TooLarge                    // the request body is over the limit
	Unavailable                 // try again later (contention, throttling)
)

var codeNames = map[Code]string{
	Internal: "internal", Invalid: "invalid", Unauthenticated: "unauthenticated",
	Forbidden: "forbidden", NotFound: "not_found", Conflict: "conflict",
	Unprocessable: "unprocessable", TooLarge: "too_large", Unavailable: "unavailable",
}

func (c Code) String() string {
	if s, ok := codeNames[c]; ok {
		return s
	}
	return fmt.Sprintf("code(%d)", int(c))
}

// FieldError is one rule a field of the request broke. Field is the JSON path
// ("organisation.ico"), Rule the broken rule ("required", "ico", "oneof"),
// Param the rule's parameter if any ("phone oneof online" → "phone online").
type FieldError struct {
	Field string
	Rule  string
	Param string
}

// Reason is the stable machine name of an outcome ("slot_taken",
// "invalid_request"): the problem type a client sees and the key of its
// message. Each domain declares the reasons it raises as typed constants
// (consultations.ReasonSlotTaken, idempotency.ReasonRace); shared mechanisms
// such as the DynamoDB toolkit carry them without knowing what they mean.
type Reason string

// Error is the domain error. Reason is a stable machine name ("slot_taken",
// "invalid_request") used as the problem type and as the message key.
type Error struct {
	Code       Code
	Reason     string
	Fields     []FieldError
	Args       []any // parameters of the reason's detail message
	RetryAfter time.Duration
	Err        error // the cause, for logs only
}

func (e *Error) Error() string {
	msg := e.Code.String() + ": " + e.Reason
	if len(e.Fields) > 0 {
		msg += fmt.Sprintf(" (%d field errors)", len(e.Fields))
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error with a code and a reason (a Reason constant or a
// plain string).
func New[R ~string](code Code, reason R) *Error { return &Error{Code: code, Reason: string(reason)} }

// Wrap returns an error with a code and reason that keeps cause for the logs.
func Wrap(code Code, reason string, cause error) *Error {
	return &Error{Code: code, Reason: reason, Err: cause}
}

// InvalidFields is the error for a request whose fields break rules.
// At most MaxFieldErrors are kept: a 16 KiB body of unknown fields or
// wrongly typed array elements must not become a problem document many
// times its size.
func InvalidFields(fields ...FieldError) *Error {
	if len(fields) > MaxFieldErrors {
		fields = fields[:MaxFieldErrors]
	}
	return &Error{Code: Invalid, Reason: "invalid_request", Fields: fields}
}

// MaxFieldErrors bounds the field errors of one problem.
const MaxFieldErrors = 50

// Field builds a FieldError.
func Field(field, rule string, param ...string) FieldError {
	fe := FieldError{Field: field, Rule: rule}
	if len(param) > 0 {
		fe.Param = param[0]
	}
	return fe
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// CodeOf returns the code of err: Internal for anything that is not an *Error.
func CodeOf(err error) Code {
	if e, ok := As(err); ok {
		return e.Code
	}
	return Internal
}

// Is reports whether err is an *Error with the given code and reason.
func Is[R ~string](err error, code Code, reason R) bool {
	e, ok := As(err)
	return ok && e.Code == code && e.Reason == string(reason)
}

// ReasonOf returns the reason of err, "" for anything that is not an *Error.
func ReasonOf(err error) Reason {
	if e, ok := As(err); ok {
		return Reason(e.Reason)
	}
	return ""
}
