package api_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

// A character class that free text must not hold, as it is written into
// a JSON body: escaped as encoding/json escapes it, or raw bytes.
type badChar struct {
	name string
	json []byte // what goes into the JSON string
	raw  bool   // json is raw bytes that are not UTF-8: sent base64-encoded, as API Gateway passes binary
	// rule is the field error: "" for the field's own rule (line or
	// text), "utf8" for text lost in decoding
	rule string
	// multiline is true when a multi-line field (note, address) may hold it
	multiline bool
}

func jsonChar(s string) []byte {
	b, _ := json.Marshal(s)
	return b[1 : len(b)-1]
}

var badChars = []badChar{
	{name: "NUL", json: jsonChar("\x00")},
	{name: "BEL", json: jsonChar("\a")},
	{name: "ESC", json: jsonChar("\x1b[2J")},
	{name: "backspace", json: jsonChar("\b")},
	{name: "DEL", json: []byte("\x7f")},
	{name: "C1 NEL", json: []byte("\u0085")},
	{name: "C1 CSI", json: []byte("\u009b")},
	{name: "CR", json: jsonChar("\r")},
	{name: "CR LF", json: jsonChar("\r\n")},
	{name: "LF", json: jsonChar("\n"), multiline: true},
	{name: "TAB", json: jsonChar("\t"), multiline: true},
	{name: "line separator", json: []byte(`\u2028`)},
	{name: "right-to-left override", json: []byte("\u202e")},
	{name: "left-to-right isolate", json: []byte(`\u2066`)},
	{name: "right-to-left mark", json: []byte("\u200f")},
	{name: "byte-order mark", json: []byte("\ufeff")},
	{name: "replacement character", json: []byte("\ufffd")},
	{name: "invalid UTF-8", json: []byte("\xff\xfe"), raw: true, rule: "utf8"},
	{name: "truncated UTF-8", json: []byte("\xc5"), raw: true, rule: "utf8"},
	{name: "lone high surrogate", json: []byte(`\ud800`), rule: "utf8"},
	{name: "lone low surrogate", json: []byte(`\udc00x`), rule: "utf8"},
	{name: "reversed surrogate pair", json: []byte(`\ude00\ud83d`), rule: "utf8"},
}

// marker stands in a body for the character under test.
const marker = "@@MARK@@"

// withChar sets a field of a JSON body (a dotted path) to text holding
// the character c, and returns the event with that body.
func withChar(t *testing.T, ev events.APIGatewayV2HTTPRequest, body map[string]any, path string, c badChar) events.APIGatewayV2HTTPRequest {
	t.Helper()
	m := body
	keys := strings.Split(path, ".")
	for _, k := range keys[:len(keys)-1] {
		m = m[k].(map[string]any)
	}
	old := m[keys[len(keys)-1]]
	m[keys[len(keys)-1]] = "Ná" + marker + "zev"
	b, err := json.Marshal(body)
	m[keys[len(keys)-1]] = old
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte(marker), c.json, 1)
	if c.raw {
		ev.Body, ev.IsBase64Encoded = base64.StdEncoding.EncodeToString(b), true
	} else {
		ev.Body, ev.IsBase64Encoded = string(b), false
	}
	return ev
}

// refusedFor checks that resp is a 400 naming field with the rule.
func refusedFor(t *testing.T, resp events.APIGatewayV2HTTPResponse, field, rule string) {
	t.Helper()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("got %d %s, want 400 with %s/%s", resp.StatusCode, resp.Body, field, rule)
		return
	}
	p := apptest.Body[httpapi.ProblemDoc](t, resp)
	for _, f := range p.Errors {
		if f.Field == field && f.Rule == rule && f.Message != "" {
			return
		}
	}
	t.Errorf("got errors %+v, want %s/%s", p.Errors, field, rule)
}

func TestBookingTextHygiene(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	fields := []struct {
		path      string
		multiline bool
	}{
		{"contact.name", false},
		{"organisation.name", false},
		{"note", true},
		{"address", true},
	}
	for _, f := range fields {
		for _, c := range badChars {
			if f.multiline && c.multiline {
				continue // allowed: tested below
			}
			t.Run(f.path+" with "+c.name, func(t *testing.T) {
				for _, lang := range []string{"cs", "en"} {
					ev := apptest.WithHeader(apptest.Event(t, "create-booking"), "idempotency-key", "")
					ev = apptest.WithHeader(ev, "accept-language", lang)
					body := apptest.Body[map[string]any](t, httpapi.Response{Body: ev.Body})
					body["form"], body["address"] = "onsite", "Strojírenská 6, Žďár nad Sázavou"
					rule := c.rule
					if rule == "" {
						rule = map[bool]string{false: "line", true: "text"}[f.multiline]
					}
					refusedFor(t, env.Invoke(routes.FnBookings, withChar(t, ev, body, f.path, c)), f.path, rule)
				}
			})
		}
	}
	if got := bookingsStored(t, env, apptest.DemoExpertID); len(got) != 0 {
		t.Fatalf("got %d bookings stored after refused requests, want 0", len(got))
	}

	// Line breaks (LF) and tabs stay in a note and an address.
	status, _, p := book(t, env, func(b map[string]any) {
		b["form"], b["address"] = "onsite", "Domov Slunečnice\nStrojírenská 6\n591 01 Žďár nad Sázavou"
		b["note"] = "Dvě otázky:\n\t1. plán\n\t2. financování 👩‍👧"
		b["contact"].(map[string]any)["name"] = "Marie\u00a0Procházková"
	})
	if status != http.StatusCreated {
		t.Fatalf("a note and an address with line breaks: got %d %+v, want 201", status, p)
	}
	got := bookingsStored(t, env, apptest.DemoExpertID)
	if len(got) != 1 || !strings.Contains(got[0].Note, "\n\t1. plán") || !strings.Contains(got[0].Address, "Strojírenská 6\n591") {
		t.Errorf("stored %+v, want the note and the address with their line breaks", got)
	}
}

func TestStaffTextHygiene(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	admin := func(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
		return apptest.WithClaims(ev, "dev-admin", auth.GroupAdmin)
	}
	var update routes.Route
	for _, r := range routes.Table {
		if r.Operation == "staffUpdateExpert" {
			update = r
		}
	}
	before, err := env.Deps.Store.GetExpert(t.Context(), apptest.DemoExpertID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range badChars {
		t.Run(c.name, func(t *testing.T) {
			line, text := c.rule, c.rule
			if c.rule == "" {
				line, text = "line", "text"
			}
			for _, f := range []struct{ path, rule string }{{"name", line}, {"bio", text}, {"subject", line}} {
				if f.rule == "text" && c.multiline {
					continue
				}
				ev := admin(apptest.Event(t, "staff-create-expert"))
				body := apptest.Body[map[string]any](t, httpapi.Response{Body: ev.Body})
				refusedFor(t, env.Invoke(routes.FnStaff, withChar(t, ev, body, f.path, c)), f.path, f.rule)

				ev = admin(staffEvent(update, map[string]string{"expertId": apptest.DemoExpertID}))
				body = apptest.Body[map[string]any](t, httpapi.Response{Body: ev.Body})
				refusedFor(t, env.Invoke(routes.FnStaff, withChar(t, ev, body, f.path, c)), f.path, f.rule)
			}
			ev := admin(apptest.Event(t, "staff-set-availability"))
			body := apptest.Body[map[string]any](t, httpapi.Response{Body: ev.Body})
			body["timeOff"].([]any)[0].(map[string]any)["label"] = "Dovo" + marker + "lená"
			b, _ := json.Marshal(body)
			b = bytes.Replace(b, []byte(marker), c.json, 1)
			if c.raw {
				ev.Body, ev.IsBase64Encoded = base64.StdEncoding.EncodeToString(b), true
			} else {
				ev.Body = string(b)
			}
			refusedFor(t, env.Invoke(routes.FnStaff, ev), "timeOff[0].label", line)
		})
	}
	// Nothing was created or changed.
	if _, err := env.Deps.Store.GetExpert(t.Context(), "tomas-kral"); err == nil {
		t.Errorf("expert tomas-kral was created")
	}
	after, err := env.Deps.Store.GetExpert(t.Context(), apptest.DemoExpertID)
	if err != nil || !reflect.DeepEqual(after, before) {
		t.Errorf("expert %s changed:\n%+v\nwas\n%+v (%v)", apptest.DemoExpertID, after, before, err)
	}
}
