package api_test

import (
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/validation"
)

func TestBookingValidationProblems(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	tests := []struct {
		name      string
		mutate    func(map[string]any)
		lang      string
		wantField string
		wantRule  string
		wantText  string // in the message, in the caller's language
	}{
		{"rejects IČO with wrong check digit, in Czech", func(b map[string]any) { b["organisation"].(map[string]any)["ico"] = "00551024" },
			"cs", "organisation.ico", "ico", "kontrolní číslici"},
		{"rejects IČO with wrong check digit, in English", func(b map[string]any) { b["organisation"].(map[string]any)["ico"] = "00551024" },
			"en", "organisation.ico", "ico", "check digit"},
		{"rejects an unknown region", func(b map[string]any) { b["region"] = "CZ099" }, "cs", "region", "region", "CZ-NUTS 3"},
		{"rejects a phone number that is not one", func(b map[string]any) { b["contact"].(map[string]any)["phone"] = "12345" }, "en", "contact.phone", "phone", "valid phone"},
		{"requires consent", func(b map[string]any) { b["consent"].(map[string]any)["accepted"] = false }, "cs", "consent.accepted", "consent", "souhlasu"},
		{"requires the address on site", func(b map[string]any) { b["form"] = "onsite" }, "cs", "address", "required_if", "povinný"},
		{"requires an IČO from a provider", func(b map[string]any) { delete(b["organisation"].(map[string]any), "ico") }, "en", "organisation.ico", "required", "required"},
		{"reports an unknown field", func(b map[string]any) { b["colour"] = "blue" }, "en", "colour", "unknown", "not known"},
		{"reports a wrong type", func(b map[string]any) { b["note"] = 42 }, "cs", "note", "type", "typ"},
		{"refuses a form the expert does not offer", func(b map[string]any) {
			b["expertId"], b["topic"], b["form"], b["address"] = "petr-svoboda", "financing", "onsite", "Strojírenská 6, Žďár nad Sázavou"
		}, "en", "form", "form_offered", "does not offer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := apptest.WithHeader(apptest.Event(t, "create-booking"), "idempotency-key", "")
			ev = apptest.WithHeader(ev, "accept-language", tt.lang)
			body := apptest.Body[map[string]any](t, httpapi.Response{Body: ev.Body})
			tt.mutate(body)
			resp := env.Invoke(routes.FnBookings, apptest.WithBody(ev, body))
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("got %d %s, want 400", resp.StatusCode, resp.Body)
			}
			if ct := resp.Headers["Content-Type"]; !strings.HasPrefix(ct, "application/problem+json") {
				t.Errorf("got content type %q, want application/problem+json", ct)
			}
			if resp.Headers["Content-Language"] != tt.lang {
				t.Errorf("got Content-Language %q, want %q", resp.Headers["Content-Language"], tt.lang)
			}
			p := apptest.Body[httpapi.ProblemDoc](t, resp)
			if p.Status != 400 || p.RequestID == "" || p.Type == "" || p.Title == "" {
				t.Errorf("got problem %+v, want status, type, title and request id", p)
			}
			var found bool
			for _, f := range p.Errors {
				if f.Field == tt.wantField && f.Rule == tt.wantRule {
					found = true
					if !strings.Contains(f.Message, tt.wantText) {
						t.Errorf("got message %q, want it to contain %q", f.Message, tt.wantText)
					}
				}
			}
			if !found {
				t.Errorf("got errors %+v, want %s/%s", p.Errors, tt.wantField, tt.wantRule)
			}
		})
	}
	if got := len(bookingsStored(t, env, apptest.DemoExpertID)) + len(bookingsStored(t, env, "petr-svoboda")); got != 0 {
		t.Errorf("got %d bookings stored after bad requests, want 0", got)
	}
}

// FuzzDecodeBooking decodes and validates arbitrary POST /v1/bookings
// bodies: it must never panic, and every refusal must be a clear domain
// error (problem+json), never an internal one.
func FuzzDecodeBooking(f *testing.F) {
	entries, err := os.ReadDir(filepath.Join(apptest.RepoRoot(), "events"))
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		ev := apptest.Event(f, strings.TrimSuffix(e.Name(), ".json"))
		if ev.Body != "" {
			f.Add([]byte(ev.Body))
		}
	}
	f.Add([]byte(`{"expertId":1}`))
	f.Add([]byte(`{"organisation":{"ico":"0055102３"}}`))
	f.Add([]byte(`{"contact":{"name":"Marie\u202eProcházková"},"note":"a\ud800b"}`))
	f.Add([]byte("{\"note\":\"\xff\"}"))
	f.Fuzz(func(t *testing.T, body []byte) {
		in, err := api.DecodeBooking(body)
		if err == nil {
			err = api.ValidateBooking(&in)
		}
		if err != nil && apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("got %v (code %s), want nil or an invalid-request error", err, apperr.CodeOf(err))
		}
		if err == nil {
			// Whatever passed must be what the rules promise.
			if len(in.Organisation.ICO) != 0 && len(in.Organisation.ICO) != 8 {
				t.Errorf("accepted IČO %q", in.Organisation.ICO)
			}
			if !strings.HasPrefix(in.Contact.Phone, "+") {
				t.Errorf("accepted phone %q not normalised to E.164", in.Contact.Phone)
			}
			for _, line := range []string{in.Contact.Name, in.Organisation.Name} {
				if !validation.IsLine(line) {
					t.Errorf("accepted one-line text %q", line)
				}
			}
			for _, text := range []string{in.Note, in.Address} {
				if !validation.IsText(text) {
					t.Errorf("accepted free text %q", text)
				}
			}
		}
	})
}

func TestBookingReportsEveryFieldErrorAtOnce(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	for _, tc := range []struct{ lang, unknown, ico string }{
		{"cs", "Tento údaj neznáme.", "IČO musí mít 8 číslic"},
		{"en", "This field is not known.", "check digit"},
	} {
		t.Run("in "+tc.lang, func(t *testing.T) {
			ev := apptest.WithHeader(apptest.Event(t, "create-booking"), "idempotency-key", "")
			ev = apptest.WithHeader(ev, "accept-language", tc.lang)
			body := apptest.Body[map[string]any](t, httpapi.Response{Body: ev.Body})
			body["colour"] = "blue"
			body["contact"].(map[string]any)["age"] = 42
			body["organisation"].(map[string]any)["ico"] = "00551024"
			body["consent"].(map[string]any)["accepted"] = false
			body["note"] = 7
			resp := env.Invoke(routes.FnBookings, apptest.WithBody(ev, body))
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("got %d %s, want 400", resp.StatusCode, resp.Body)
			}
			p := apptest.Body[httpapi.ProblemDoc](t, resp)
			got := map[string]httpapi.ProblemField{}
			for _, f := range p.Errors {
				got[f.Field+"/"+f.Rule] = f
			}
			want := map[string]string{
				"colour/unknown": tc.unknown, "contact.age/unknown": tc.unknown, "note/type": "",
				"organisation.ico/ico": tc.ico, "consent.accepted/consent": "",
			}
			for k, text := range want {
				f, ok := got[k]
				if !ok {
					t.Errorf("got errors %+v, want %s among them", p.Errors, k)
					continue
				}
				if !strings.Contains(f.Message, text) {
					t.Errorf("%s: got message %q, want it to contain %q", k, f.Message, text)
				}
			}
			if len(p.Errors) != len(want) {
				t.Errorf("got %d errors %+v, want %d", len(p.Errors), p.Errors, len(want))
			}
		})
	}
}

// Item 9 of issue 8: three unknown fields (one nested) and two broken
// rules are five errors in one answer, each by its full path.
func TestBookingReportsUnknownFieldsWithRuleErrors(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ev := apptest.WithHeader(apptest.Event(t, "create-booking"), "idempotency-key", "")
	body := apptest.Body[map[string]any](t, httpapi.Response{Body: ev.Body})
	body["colour"] = "blue"
	body["contact"].(map[string]any)["age"] = 42
	body["organisation"].(map[string]any)["size"] = "large"
	body["region"] = "CZ099"
	body["contact"].(map[string]any)["name"] = "Marie\x1b[2JProcházková"
	resp := env.Invoke(routes.FnBookings, apptest.WithBody(ev, body))
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("got %d %s, want 400", resp.StatusCode, resp.Body)
	}
	p := apptest.Body[httpapi.ProblemDoc](t, resp)
	var got []string
	for _, f := range p.Errors {
		got = append(got, f.Field+"/"+f.Rule)
	}
	slices.Sort(got)
	want := []string{"colour/unknown", "contact.age/unknown", "contact.name/line", "organisation.size/unknown", "region/region"}
	if !slices.Equal(got, want) {
		t.Errorf("got errors %v, want %v", got, want)
	}
	if n := len(bookingsStored(t, env, apptest.DemoExpertID)); n != 0 {
		t.Errorf("got %d bookings stored, want 0", n)
	}
}
