package httpapi_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/routes"
)

// failing is a handler that returns err.
func failing(err error) httpapi.Handler {
	return func(context.Context, *httpapi.Request) (httpapi.Response, error) { return httpapi.Response{}, err }
}

func TestProblemResponses(t *testing.T) {
	const route = "POST /v1/bookings"
	tests := []struct {
		name           string
		acceptLanguage string
		err            error
		wantStatus     int
		wantCode       string
		wantLang       string
		wantTitle      string
		wantDetail     string
	}{
		{
			name: "a taken slot is a 409 problem in Czech by default", err: apperr.New(apperr.Conflict, "slot_taken"),
			wantStatus: http.StatusConflict, wantCode: "slot_taken", wantLang: "cs",
			wantTitle:  "Termín byl právě obsazen",
			wantDetail: "Vybraný termín si mezitím zarezervoval někdo jiný. Vyberte prosím jiný volný termín.",
		},
		{
			name: "a taken slot is in English when English is asked for", acceptLanguage: "en-GB,en;q=0.9",
			err:        apperr.New(apperr.Conflict, "slot_taken"),
			wantStatus: http.StatusConflict, wantCode: "slot_taken", wantLang: "en",
			wantTitle:  "The slot has just been taken",
			wantDetail: "Someone else has booked the selected time in the meantime. Please choose another free slot.",
		},
		{
			name: "Czech preferred over English gives Czech", acceptLanguage: "en;q=0.3, cs;q=0.9",
			err:        apperr.New(apperr.NotFound, "booking_not_found"),
			wantStatus: http.StatusNotFound, wantCode: "booking_not_found", wantLang: "cs",
			wantTitle:  "Rezervace nenalezena",
			wantDetail: "Rezervaci se nepodařilo najít. Zkontrolujte odkaz ze svého potvrzovacího e-mailu.",
		},
		{
			name: "an unsupported language falls back to Czech", acceptLanguage: "de-DE",
			err:        apperr.New(apperr.Forbidden, "forbidden"),
			wantStatus: http.StatusForbidden, wantCode: "forbidden", wantLang: "cs",
			wantTitle: "Přístup odepřen", wantDetail: "K této akci nemáte oprávnění.",
		},
		{
			name: "a detail with a parameter is formatted in the caller's language", acceptLanguage: "en",
			err:        &apperr.Error{Code: apperr.Invalid, Reason: "range_too_long", Args: []any{62}},
			wantStatus: http.StatusBadRequest, wantCode: "range_too_long", wantLang: "en",
			wantTitle: "The period is too long", wantDetail: "The selected period is too long. Choose at most 62 days.",
		},
		{
			name: "a reused idempotency key is a 422 problem", err: apperr.New(apperr.Unprocessable, "idempotency_key_reused"),
			wantStatus: http.StatusUnprocessableEntity, wantCode: "idempotency_key_reused", wantLang: "cs",
			wantTitle:  "Klíč již byl použit",
			wantDetail: "Tento klíč Idempotency-Key již byl použit pro jiný požadavek. Pro nový požadavek použijte nový klíč.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, routes.FnBookings, map[string]httpapi.Handler{route: failing(tt.err)})
			ev := event(route, withBody("application/json", `{}`))
			if tt.acceptLanguage != "" {
				ev.Headers["accept-language"] = tt.acceptLanguage
			}
			resp := f.do(t, ev)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status: got %d, want %d (body %s)", resp.StatusCode, tt.wantStatus, resp.Body)
			}
			p := problem(t, resp)
			want := httpapi.ProblemDoc{
				Type: httpapi.ProblemTypeBase + tt.wantCode, Title: tt.wantTitle, Status: tt.wantStatus,
				Detail: tt.wantDetail, Instance: "/v1/bookings", Code: tt.wantCode, RequestID: gatewayRequestID,
			}
			if !equalProblems(p, want) {
				t.Errorf("problem:\n got %+v\nwant %+v", p, want)
			}
			if got := resp.Headers["Content-Language"]; got != tt.wantLang {
				t.Errorf("Content-Language: got %q, want %q", got, tt.wantLang)
			}
			if got := resp.Headers["Cache-Control"]; got != "no-store" {
				t.Errorf("Cache-Control: got %q, want no-store", got)
			}
		})
	}
}

func equalProblems(a, b httpapi.ProblemDoc) bool {
	return a.Type == b.Type && a.Title == b.Title && a.Status == b.Status && a.Detail == b.Detail &&
		a.Instance == b.Instance && a.Code == b.Code && a.RequestID == b.RequestID && slices.Equal(a.Errors, b.Errors)
}

func TestFieldErrorMessages(t *testing.T) {
	const route = "POST /v1/bookings"
	fields := apperr.InvalidFields(
		apperr.Field("organisation.ico", "ico"),
		apperr.Field("contact.phone", "phone"),
		apperr.Field("form", "oneof", "phone online onsite"),
		apperr.Field("note", "max", "2000"),
		apperr.Field("contact.name", "no_such_rule"),
	)
	tests := []struct {
		name, acceptLanguage, wantTitle string
		want                            []httpapi.ProblemField
	}{
		{
			name: "field errors are in Czech by default", wantTitle: "Požadavek obsahuje chyby",
			want: []httpapi.ProblemField{
				{Field: "organisation.ico", Rule: "ico", Message: "IČO musí mít 8 číslic a platnou kontrolní číslici."},
				{Field: "contact.phone", Rule: "phone", Message: "Zadejte platné telefonní číslo, např. 603 123 456 nebo +420 603 123 456."},
				{Field: "form", Rule: "oneof", Message: "Zvolte jednu z povolených hodnot: phone online onsite."},
				{Field: "note", Rule: "max", Message: "Údaj je příliš dlouhý (nejvýše 2000)."},
				{Field: "contact.name", Rule: "no_such_rule", Message: "Hodnota není platná."},
			},
		},
		{
			name: "field errors are in English when English is asked for", acceptLanguage: "en", wantTitle: "The request contains errors",
			want: []httpapi.ProblemField{
				{Field: "organisation.ico", Rule: "ico", Message: "The IČO (company ID) must have 8 digits and a valid check digit."},
				{Field: "contact.phone", Rule: "phone", Message: "Enter a valid phone number, e.g. 603 123 456 or +420 603 123 456."},
				{Field: "form", Rule: "oneof", Message: "Choose one of the allowed values: phone online onsite."},
				{Field: "note", Rule: "max", Message: "The value is too long (at most 2000)."},
				{Field: "contact.name", Rule: "no_such_rule", Message: "The value is not valid."},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, routes.FnBookings, map[string]httpapi.Handler{route: failing(fields)})
			ev := event(route, withBody("application/json", `{}`))
			if tt.acceptLanguage != "" {
				ev.Headers["accept-language"] = tt.acceptLanguage
			}
			resp := f.do(t, ev)
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("status: got %d, want 400", resp.StatusCode)
			}
			p := problem(t, resp)
			if p.Code != "invalid_request" || p.Title != tt.wantTitle {
				t.Errorf("code, title: got %q, %q, want invalid_request, %q", p.Code, p.Title, tt.wantTitle)
			}
			if !slices.Equal(p.Errors, tt.want) {
				t.Errorf("errors:\n got %+v\nwant %+v", p.Errors, tt.want)
			}
		})
	}
}

func TestStatus(t *testing.T) {
	tests := []struct {
		code apperr.Code
		want int
	}{
		{apperr.Invalid, http.StatusBadRequest},
		{apperr.Unauthenticated, http.StatusUnauthorized},
		{apperr.Forbidden, http.StatusForbidden},
		{apperr.NotFound, http.StatusNotFound},
		{apperr.Conflict, http.StatusConflict},
		{apperr.Unprocessable, http.StatusUnprocessableEntity},
		{apperr.TooLarge, http.StatusRequestEntityTooLarge},
		{apperr.Unavailable, http.StatusServiceUnavailable},
		{apperr.Internal, http.StatusInternalServerError},
	}
	for _, tt := range tests {
		t.Run(tt.code.String()+" maps to "+http.StatusText(tt.want), func(t *testing.T) {
			if got := httpapi.Status(tt.code); got != tt.want {
				t.Errorf("Status(%s): got %d, want %d", tt.code, got, tt.want)
			}
		})
	}
}

func TestProblemTexts(t *testing.T) {
	// The reasons the glue and the store produce themselves: each must have
	// its own title and detail in both languages (a missing one would fall
	// back to another reason's texts).
	reasons := []struct {
		code   apperr.Code
		reason string
	}{
		{apperr.NotFound, "route_not_found"},
		{apperr.Unauthenticated, "unauthenticated"},
		{apperr.Forbidden, "forbidden"},
		{apperr.TooLarge, "body_too_large"},
		{apperr.Invalid, "unsupported_media_type"},
		{apperr.Invalid, "malformed_json"},
		{apperr.Invalid, "invalid_request"},
		{apperr.Internal, "internal"},
		{apperr.Unavailable, "busy"},
	}
	for _, r := range reasons {
		for _, lang := range i18n.Langs {
			t.Run(r.reason+" has its own "+string(lang)+" title and detail", func(t *testing.T) {
				p := problem(t, httpapi.Problem(lang, apperr.New(r.code, r.reason), "rid", "/v1/x"))
				if p.Code != r.reason || p.Type != httpapi.ProblemTypeBase+r.reason {
					t.Errorf("code, type: got %q, %q, want %q, %q", p.Code, p.Type, r.reason, httpapi.ProblemTypeBase+r.reason)
				}
				for _, key := range []string{"title", "detail"} {
					k := "problem." + r.reason + "." + key
					if !i18n.Has(lang, k) {
						t.Errorf("catalogue %s: got no %q, want one", lang, k)
					}
				}
				if p.Title == "" || p.Detail == "" {
					t.Errorf("title, detail: got %q, %q, want both", p.Title, p.Detail)
				}
			})
		}
	}
}

func TestRetryAfter(t *testing.T) {
	tests := []struct {
		name  string
		after time.Duration
		want  string
	}{
		{"a busy answer tells the caller to wait the store's delay", 2 * time.Second, "2"},
		{"a busy answer without a delay tells the caller to wait one second", 0, "1"},
	}
	const route = "POST /v1/bookings"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, routes.FnBookings, map[string]httpapi.Handler{
				route: failing(&apperr.Error{Code: apperr.Unavailable, Reason: "busy", RetryAfter: tt.after}),
			})
			resp := f.do(t, event(route, withBody("application/json", `{}`)))
			if resp.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("status: got %d, want 503", resp.StatusCode)
			}
			if got := resp.Headers["Retry-After"]; got != tt.want {
				t.Errorf("Retry-After: got %q, want %q", got, tt.want)
			}
			if p := problem(t, resp); p.Code != "busy" {
				t.Errorf("code: got %q, want busy", p.Code)
			}
		})
	}
}
