package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/certcode"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// putCertEvent stores an event in a status, as staff would have left it.
func putCertEvent(t *testing.T, env *apptest.Env, id string, status workshops.EventStatus) workshops.Event {
	t.Helper()
	start := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC) // 9:00 in Prague
	e := workshops.Event{
		ID: id, Kind: workshops.KindSeminar, Status: status,
		Title:    workshops.Text{CS: "Financování komunitních služeb", EN: "Funding community services"},
		Mode:     workshops.ModeInPerson,
		Venue:    workshops.Venue{Name: "MPSV", Address: "Na Poříčním právu 1/376, Praha 2"},
		Sessions: []workshops.Session{{Start: start, End: start.Add(3 * time.Hour)}, {Start: start.Add(4 * time.Hour), End: start.Add(6*time.Hour + 30*time.Minute)}},
		Capacity: workshops.Capacity{InPerson: 30}, Organiser: "Ministerstvo práce a sociálních věcí",
		RegistrationOpens: start.Add(-30 * 24 * time.Hour), RegistrationCloses: start.Add(-24 * time.Hour),
		Owner: "dev-organiser", CreatedAt: start.Add(-40 * 24 * time.Hour), UpdatedAt: start.Add(-40 * 24 * time.Hour),
	}
	store := workshopdb.New(dynamo.New(env.Client, env.Table))
	if err := store.PutEvent(context.Background(), e, 0); err != nil {
		t.Fatal(err)
	}
	return e
}

func verifyEvent(t *testing.T, code, lang string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	ev := apptest.Event(t, "verify-certificate")
	ev.PathParameters = map[string]string{"code": code}
	ev.RawPath = "/v1/certificates/" + code
	ev.RequestContext.HTTP.Path = ev.RawPath
	if lang != "" {
		ev = apptest.WithHeader(ev, "accept-language", lang)
	}
	return ev
}

func TestVerifyCertificate(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	key := certcode.Key(env.Deps.Config.OutboxKey)
	held := putCertEvent(t, env, env.Deps.IDs.NewID(), workshops.EventHeld)
	code := certcode.New(key, held.ID, "reg-1")

	t.Run("a genuine code names the event and its dates, nobody", func(t *testing.T) {
		resp := env.Invoke(routes.FnEvents, verifyEvent(t, code, ""))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		got := apptest.Body[api.CertificateView](t, resp)
		if !got.Valid || got.Event.ID != held.ID || got.Event.Title != held.Title || got.Event.Kind != workshops.KindSeminar ||
			got.Event.Hours != 5.5 || len(got.Event.Dates) != 2 || got.Event.Dates[0].Start != "2026-11-20T09:00:00+01:00" ||
			got.Event.Dates[1].End != "2026-11-20T15:30:00+01:00" || got.Event.Status != workshops.EventHeld {
			t.Errorf("got %+v", got)
		}
		for _, personal := range []string{"reg-1", "Venue", "Poříčním", "dev-organiser"} {
			if strings.Contains(resp.Body, personal) {
				t.Errorf("the answer holds %q: %s", personal, resp.Body)
			}
		}
	})
	t.Run("as typed from paper", func(t *testing.T) {
		typed := strings.ToLower(strings.ReplaceAll(code, "-", ""))
		if resp := env.Invoke(routes.FnEvents, verifyEvent(t, typed, "")); resp.StatusCode != http.StatusOK {
			t.Errorf("got %d %s", resp.StatusCode, resp.Body)
		}
	})

	draft := putCertEvent(t, env, env.Deps.IDs.NewID(), workshops.EventDraft)
	cancelled := putCertEvent(t, env, env.Deps.IDs.NewID(), workshops.EventCancelled)
	tampered := []byte(code)
	tampered[5] = map[bool]byte{true: 'B', false: 'A'}[tampered[5] == 'A']
	for name, c := range map[string]string{
		"tampered":                   string(tampered),
		"truncated":                  code[:len(code)-5],
		"another key's":              certcode.New(certcode.Key([]byte("another secret")), held.ID, "reg-1"),
		"an unknown event's":         certcode.New(key, "01jd8x7s9q3m2k4n6p8r0t2v4w", "reg-1"),
		"a draft event's":            certcode.New(key, draft.ID, "reg-1"),
		"a cancelled event's":        certcode.New(key, cancelled.ID, "reg-1"),
		"garbage":                    "hello",
		"very long":                  strings.Repeat("A", 390),
		"not ASCII":                  "ŘŘŘŘ-" + code,
		"an id DynamoDB cannot hold": certcode.New(key, strings.Repeat("#", 64), "r"),
	} {
		t.Run(name+" code is 404 certificate_not_found", func(t *testing.T) {
			resp := env.Invoke(routes.FnEvents, verifyEvent(t, c, ""))
			if resp.StatusCode != http.StatusNotFound || !strings.Contains(resp.Body, `"code":"certificate_not_found"`) ||
				!strings.Contains(resp.Body, "Potvrzení nenalezeno") {
				t.Errorf("got %d %s", resp.StatusCode, resp.Body)
			}
		})
	}
	t.Run("in English when asked", func(t *testing.T) {
		resp := env.Invoke(routes.FnEvents, verifyEvent(t, string(tampered), "en"))
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(resp.Body, "Certificate not found") {
			t.Errorf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
}

func TestVerifyCertificateSampleEvent(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	// The sample's code is not one this environment's key made.
	resp := env.Invoke(routes.FnEvents, apptest.Event(t, "verify-certificate"))
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("got %d %s", resp.StatusCode, resp.Body)
	}
}

// checkIn marks a registration checked in, as the staff's check-in does
// (workshops.CheckedIn, written under its version).
func checkIn(t *testing.T, env *apptest.Env, regID string) {
	t.Helper()
	store := workshopdb.New(dynamo.New(env.Client, env.Table))
	r, err := store.GetRegistration(context.Background(), regID)
	if err != nil {
		t.Fatal(err)
	}
	next, changed, err := workshops.CheckedIn(r, env.Clock.Now())
	if err != nil || !changed {
		t.Fatalf("check-in: %v %v", changed, err)
	}
	if err := workshopdb.NewStaff(dynamo.New(env.Client, env.Table)).PutRegistration(context.Background(), next, r.Version); err != nil {
		t.Fatal(err)
	}
}

func TestDownloadCertificate(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	e := putEvent(t, env, "ev-cert", 5)
	resp := registerAs(t, env, e.ID, nil)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("register: %d %s", resp.StatusCode, resp.Body)
	}
	created := apptest.Body[api.CreatedRegistrationView](t, resp)
	id, token := created.Registration.ID, created.ManageToken
	download := func(token string) events.APIGatewayV2HTTPResponse {
		return env.Invoke(routes.FnEvents, regEvent(t, "get-registration-certificate", id, token))
	}

	t.Run("not before the person is checked in", func(t *testing.T) {
		resp := download(token)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(resp.Body, `"code":"certificate_not_ready"`) {
			t.Errorf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	checkIn(t, env, id)
	t.Run("a checked-in person gets a PDF", func(t *testing.T) {
		resp := download(token)
		if resp.StatusCode != http.StatusOK || !resp.IsBase64Encoded || resp.Headers["Content-Type"] != "application/pdf" ||
			resp.Headers["Content-Disposition"] != `attachment; filename="potvrzeni-o-ucasti.pdf"` {
			t.Fatalf("got %d %v %v", resp.StatusCode, resp.Headers, resp.IsBase64Encoded)
		}
		pdf, err := base64.StdEncoding.DecodeString(resp.Body)
		if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("/FontFile2")) {
			t.Fatalf("not a PDF with an embedded font: %v %.20q", err, pdf)
		}
		again := download(token)
		if again.Body != resp.Body {
			t.Error("a second download differs: the certificate must be the same document")
		}
	})
	t.Run("its code verifies and names the event", func(t *testing.T) {
		code := certcode.New(certcode.Key(env.Deps.Config.OutboxKey), e.ID, id)
		resp := env.Invoke(routes.FnEvents, verifyEvent(t, code, ""))
		if got := apptest.Body[api.CertificateView](t, resp); resp.StatusCode != http.StatusOK || got.Event.ID != e.ID {
			t.Errorf("got %d %s", resp.StatusCode, resp.Body)
		}
	})
	t.Run("a wrong token is registration_not_found", func(t *testing.T) {
		for _, tok := range []string{"", "wrong", token + "x"} {
			resp := download(tok)
			if resp.StatusCode != http.StatusNotFound || !strings.Contains(resp.Body, `"code":"registration_not_found"`) {
				t.Errorf("token %q: got %d %s", tok, resp.StatusCode, resp.Body)
			}
		}
	})
}
