// Package mailtest takes rendered e-mails apart the way a mail client
// would, for the tests of internal/mail and of every capability's messages.
package mailtest

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"
)

// Parsed is a rendered e-mail taken apart.
type Parsed struct {
	Header      netmail.Header
	Subject     string
	From, To    *netmail.Address
	Text        string
	HTML        string
	Calendar    []byte // inline text/calendar part
	CalMethod   string // its method parameter
	Attachment  []byte // the calendar file (application/ics)
	AttachName  string
	AttachCount int
	// Files are the other parts with a Content-Disposition (inline images,
	// other attachments), in order.
	Files []File
}

// File is a part other than the text, the HTML and the calendar.
type File struct {
	ContentType string // the media type, without parameters
	Disposition string // "inline" or "attachment"
	Filename    string
	Data        []byte
}

// Parse reads raw as a mail client would, failing the test on anything a
// client could not read (a text part not in UTF-8, an unexpected part).
func Parse(t testing.TB, raw []byte) Parsed {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail: got error %v, want a message", err)
	}
	var p Parsed
	p.Header = msg.Header
	dec := new(mime.WordDecoder)
	if p.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("decode subject: %v", err)
	}
	if p.From, err = netmail.ParseAddress(msg.Header.Get("From")); err != nil {
		t.Fatalf("parse From: %v", err)
	}
	if p.To, err = netmail.ParseAddress(msg.Header.Get("To")); err != nil {
		t.Fatalf("parse To: %v", err)
	}
	walk(t, &p, msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), "", msg.Body)
	return p
}

func walk(t testing.TB, p *Parsed, contentType, encoding, disposition string, body io.Reader) {
	t.Helper()
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		t.Fatalf("parse Content-Type %q: %v", contentType, err)
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		for {
			part, err := r.NextRawPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("read %s part: %v", mediaType, err)
			}
			walk(t, p, part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"),
				part.Header.Get("Content-Disposition"), part)
		}
	}
	var data []byte
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		data, err = io.ReadAll(quotedprintable.NewReader(body))
	case "base64":
		var enc []byte
		if enc, err = io.ReadAll(body); err == nil {
			data, err = DecodeBase64(enc)
		}
	default:
		data, err = io.ReadAll(body)
	}
	if err != nil {
		t.Fatalf("decode %s (%s): %v", mediaType, encoding, err)
	}
	dispType, dispParams, _ := mime.ParseMediaType(disposition)
	switch {
	case disposition != "" && mediaType != "application/ics":
		p.Files = append(p.Files, File{ContentType: mediaType, Disposition: dispType, Filename: dispParams["filename"], Data: data})
	case strings.HasPrefix(disposition, "attachment"):
		p.AttachCount++
		p.Attachment = data
		_, dp, _ := mime.ParseMediaType(disposition)
		p.AttachName = dp["filename"]
	case mediaType == "text/plain":
		if params["charset"] != "UTF-8" {
			t.Errorf("got text charset %q, want UTF-8", params["charset"])
		}
		p.Text = string(data)
	case mediaType == "text/html":
		p.HTML = string(data)
	case mediaType == "text/calendar":
		p.Calendar = data
		p.CalMethod = params["method"]
	default:
		t.Errorf("got unexpected part %s", mediaType)
	}
}

// DecodeBase64 decodes a base64 body wrapped in lines.
func DecodeBase64(b []byte) ([]byte, error) {
	return base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(b)))
}
