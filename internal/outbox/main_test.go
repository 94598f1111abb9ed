package outbox_test

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamotest"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

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
