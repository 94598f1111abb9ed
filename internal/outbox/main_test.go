package outbox_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/http"
	"net/mail"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/routes"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

// expertID is the demo expert the sample booking event books.
const expertID = "jana-dvorakova"

// freeSlots returns the expert's free slot starts on a Prague date.
func freeSlots(t *testing.T, env *apptest.Env, d cz.Date) []time.Time {
	t.Helper()
	list, err := env.Deps.Service.FreeSlots(context.Background(), consultations.SlotQuery{From: d, To: d, ExpertID: expertID})
	if err != nil {
		t.Fatalf("free slots on %s: %v", d, err)
	}
	var out []time.Time
	for _, s := range list {
		out = append(out, s.Start)
	}
	if len(out) == 0 {
		t.Fatalf("no free slots on %s", d)
	}
	return out
}

// book books the sample booking at start through the handler.
func book(t *testing.T, env *apptest.Env, start time.Time, mutate ...func(map[string]any)) api.CreatedBookingView {
	t.Helper()
	ev := apptest.WithHeader(apptest.Event(t, "create-booking"), "idempotency-key", "")
	var body map[string]any
	if err := json.Unmarshal([]byte(ev.Body), &body); err != nil {
		t.Fatal(err)
	}
	body["start"] = start.Format(time.RFC3339)
	for _, m := range mutate {
		m(body)
	}
	resp := env.Invoke(routes.FnBookings, apptest.WithBody(ev, body))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("book %s: got %d %s, want 201", start, resp.StatusCode, resp.Body)
	}
	return apptest.Body[api.CreatedBookingView](t, resp)
}

// reschedule moves a booking through the handler.
func reschedule(t *testing.T, env *apptest.Env, id, token string, start time.Time) {
	t.Helper()
	ev := apptest.WithBooking(apptest.Event(t, "reschedule-booking"), id, token)
	resp := env.Invoke(routes.FnBookings, apptest.WithBody(ev, map[string]string{"start": start.Format(time.RFC3339)}))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("reschedule: got %d %s, want 200", resp.StatusCode, resp.Body)
	}
}

// cancel cancels a booking through the handler.
func cancel(t *testing.T, env *apptest.Env, id, token string) {
	t.Helper()
	resp := env.Invoke(routes.FnBookings, apptest.WithBooking(apptest.Event(t, "cancel-booking"), id, token))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("cancel: got %d %s, want 200", resp.StatusCode, resp.Body)
	}
}

// email is a parsed .eml: its headers and every part, decoded.
type email struct {
	Header   mail.Header
	Text     string // the text/plain part
	Calendar []byte // the inline text/calendar part
	ICSFile  []byte // the application/ics attachment
	Decoded  string // every part's decoded content, concatenated
}

func parseEmail(t *testing.T, raw []byte) email {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("read message: %v", err)
	}
	var e email
	e.Header = msg.Header
	walkPart(t, &e, msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	return e
}

func walkPart(t *testing.T, e *email, contentType, encoding string, body io.Reader) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		t.Fatalf("content type %q: %v", contentType, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("next part: %v", err)
			}
			// multipart.Reader decodes quoted-printable itself and drops the header.
			walkPart(t, e, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p)
		}
	}
	switch strings.ToLower(encoding) {
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		t.Fatalf("read %s part: %v", mt, err)
	}
	e.Decoded += string(b) + "\n"
	switch mt {
	case "text/plain":
		e.Text = string(b)
	case "text/calendar":
		e.Calendar = b
	case "application/ics":
		e.ICSFile = b
	}
}

// mailOf returns the parsed e-mail with an id, failing if it was not written.
func mailOf(t *testing.T, env *apptest.Env, id string) email {
	t.Helper()
	raw, ok := env.Mails()[id]
	if !ok {
		t.Fatalf("no e-mail %s; written: %v", id, env.MailIDs())
	}
	return parseEmail(t, raw)
}
