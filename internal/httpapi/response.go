package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/i18n"
)

// JSON returns a JSON response. Responses are never cached: most carry
// personal data or change from one minute to the next.
func JSON(status int, v any) Response {
	body, err := json.Marshal(v)
	if err != nil {
		// Only a programming error (an unmarshalable type) gets here.
		panic("httpapi: marshal response: " + err.Error())
	}
	return Response{
		StatusCode: status,
		Headers: map[string]string{
			"Content-Type":  "application/json; charset=utf-8",
			"Cache-Control": "no-store",
		},
		Body: string(body),
	}
}

// ProblemDoc is an RFC 9457 problem document, with Brána's extensions
// "requestId" and "errors" (one entry per broken field rule).
type ProblemDoc struct {
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail,omitempty"`
	Instance  string         `json:"instance,omitempty"`
	Code      string         `json:"code"`
	RequestID string         `json:"requestId"`
	Errors    []ProblemField `json:"errors,omitempty"`
}

// ProblemField is one field error within a problem.
type ProblemField struct {
	Field   string `json:"field"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

// ProblemTypeBase prefixes problem type URIs; each reason has a page there.
const ProblemTypeBase = "https://brana.mpsv.cz/problems/"

// Problem renders err as application/problem+json in lang.
func Problem(lang i18n.Lang, e *apperr.Error, requestID, instance string) Response {
	status := Status(e.Code)
	reason := e.Reason
	if reason == "" || !i18n.Has(i18n.CS, "problem."+reason+".title") {
		reason = e.Code.String()
		if !i18n.Has(i18n.CS, "problem."+reason+".title") {
			reason = "internal"
		}
	}
	doc := ProblemDoc{
		Type:      ProblemTypeBase + reason,
		Title:     i18n.T(lang, "problem."+reason+".title"),
		Status:    status,
		Detail:    detail(lang, reason, e),
		Instance:  instance,
		Code:      reason,
		RequestID: requestID,
	}
	for _, f := range e.Fields {
		doc.Errors = append(doc.Errors, ProblemField{Field: f.Field, Rule: f.Rule, Message: FieldMessage(lang, f)})
	}
	body, _ := json.Marshal(doc)
	headers := map[string]string{
		"Content-Type":  "application/problem+json; charset=utf-8",
		"Cache-Control": "no-store",
	}
	if e.Code == apperr.Unavailable {
		retry := int(e.RetryAfter.Seconds())
		if retry < 1 {
			retry = 1
		}
		headers["Retry-After"] = strconv.Itoa(retry)
	}
	if status == http.StatusUnauthorized {
		headers["WWW-Authenticate"] = `Bearer realm="brana"`
	}
	return Response{StatusCode: status, Headers: headers, Body: string(body)}
}

func detail(lang i18n.Lang, reason string, e *apperr.Error) string {
	if e.Reason == reason {
		return i18n.T(lang, "problem."+reason+".detail", e.Args...)
	}
	return i18n.T(lang, "problem."+reason+".detail")
}

// FieldMessage is the caller-language text for one field error.
func FieldMessage(lang i18n.Lang, f apperr.FieldError) string {
	key := "field." + f.Rule
	if !i18n.Has(i18n.CS, key) {
		key = "field.invalid"
	}
	return i18n.T(lang, key, f.Param)
}
