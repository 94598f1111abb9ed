package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/ics"
)

// Render returns m as a complete RFC 5322 message with MIME parts, sent by
// from, who is also the organizer of the calendar event.
//
// Confirmations and changes carry an iCalendar REQUEST, cancellations a
// CANCEL, both with UID "<Booking.ID>@brana.mpsv.cz" and SEQUENCE
// Booking.Sequence, so that the recipient's calendar updates one event. A
// reminder carries no calendar part: the event is already in the calendar
// from the confirmation or the last change, and resending the same REQUEST
// would ask some clients (Outlook) to accept the meeting again.
//
// The layout is the one Gmail and Outlook send for invitations, which mail
// clients handle best:
//
//	multipart/mixed
//	├─ multipart/alternative
//	│  ├─ text/plain; charset=UTF-8             (the e-mail text)
//	│  └─ text/calendar; method=REQUEST|CANCEL  (iMIP, RFC 6047: Outlook,
//	│                                            Gmail, Apple Mail and
//	│                                            Thunderbird show accept or
//	│                                            update buttons from this)
//	└─ application/ics; name="pozvanka.ics"     (the same object as a file,
//	                                             for webmail such as
//	                                             Seznam.cz that ignores the
//	                                             inline part)
//
// The attachment is application/ics rather than text/calendar so that
// clients do not process the invitation twice. Render is deterministic: the
// same message renders to the same bytes.
func Render(m Message, from Address) ([]byte, error) {
	if err := validate(m, from); err != nil {
		return nil, err
	}
	c := catalogues[normLang(m.Lang)]

	var method ics.Method
	switch m.Kind {
	case KindConfirmation, KindChange:
		method = ics.MethodRequest
	case KindCancellation:
		method = ics.MethodCancel
	}
	if m.Role != RolePerson {
		m.ManageURL = ""
	}
	t := compose(m, c, method != "")

	var calendar []byte
	if method != "" {
		var err error
		calendar, err = ics.Event(event(m, from, method, t))
		if err != nil {
			return nil, fmt.Errorf("message %s: %w", m.ID, err)
		}
	}

	var buf bytes.Buffer
	header := func(name, value string) { writeHeader(&buf, name, value) }
	header("Date", m.CreatedAt.In(prague).Format(time.RFC1123Z))
	header("From", address(from))
	header("To", address(m.To))
	header("Subject", mime.QEncoding.Encode("UTF-8", t.subject))
	header("Message-ID", "<"+m.ID+"@"+Domain+">")
	header("Content-Language", c.lang)
	// RFC 3834: tells out-of-office responders not to answer.
	header("Auto-Submitted", "auto-generated")
	header("MIME-Version", "1.0")

	if calendar == nil {
		header("Content-Type", plainType)
		header("Content-Transfer-Encoding", "quoted-printable")
		buf.WriteString("\r\n")
		if err := writeQP(&buf, t.body); err != nil {
			return nil, fmt.Errorf("message %s: %w", m.ID, err)
		}
		return buf.Bytes(), nil
	}

	mixed, alt := boundary(m.ID, "mixed"), boundary(m.ID, "alt")
	header("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mixed}))
	buf.WriteString("\r\n")
	if err := writeMultipart(&buf, m, c, t, method, calendar, mixed, alt); err != nil {
		return nil, fmt.Errorf("message %s: %w", m.ID, err)
	}
	return buf.Bytes(), nil
}

const plainType = "text/plain; charset=UTF-8"

// Calendar renders a booking as a calendar file to download ("add to
// calendar"): METHOD:PUBLISH, or CANCEL once cancelled (Kind
// cancellation), with the UID and SEQUENCE the e-mails carry, so that a
// calendar which imported it follows the later e-mails' updates.
func Calendar(m Message, from Address) ([]byte, error) {
	if err := validate(m, from); err != nil {
		return nil, err
	}
	c := catalogues[normLang(m.Lang)]
	method := ics.MethodPublish
	if m.Kind == KindCancellation {
		method = ics.MethodCancel
	}
	if m.Role != RolePerson {
		m.ManageURL = ""
	}
	return ics.Event(event(m, from, method, compose(m, c, true)))
}

func event(m Message, from Address, method ics.Method, t text) ics.EventInput {
	b := m.Booking
	var attendees []ics.Participant
	if b.ContactEmail != "" {
		attendees = append(attendees, ics.Participant{Name: line(b.ContactName), Email: b.ContactEmail})
	}
	if b.ExpertEmail != "" {
		attendees = append(attendees, ics.Participant{Name: line(b.ExpertName), Email: b.ExpertEmail})
	}
	return ics.EventInput{
		Method:      method,
		UID:         b.ID + "@" + Domain,
		Sequence:    b.Sequence,
		Stamp:       m.CreatedAt,
		Start:       b.Start,
		End:         b.End,
		Summary:     t.summary,
		Description: t.details,
		Location:    t.location,
		Organizer:   ics.Participant{Name: line(from.Name), Email: from.Email},
		Attendees:   attendees,
		URL:         m.ManageURL,
	}
}

func writeMultipart(w io.Writer, m Message, c *catalogue, t text, method ics.Method, calendar []byte, mixed, alt string) error {
	mw := multipart.NewWriter(w)
	if err := mw.SetBoundary(mixed); err != nil {
		return err
	}
	altPart, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type": {mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": alt})},
	})
	if err != nil {
		return err
	}
	aw := multipart.NewWriter(altPart)
	if err := aw.SetBoundary(alt); err != nil {
		return err
	}
	plain, err := aw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {plainType},
		"Content-Transfer-Encoding": {"quoted-printable"},
	})
	if err != nil {
		return err
	}
	if err := writeQP(plain, t.body); err != nil {
		return err
	}
	inline, err := aw.CreatePart(textproto.MIMEHeader{
		"Content-Type": {mime.FormatMediaType("text/calendar",
			map[string]string{"charset": "UTF-8", "method": string(method)})},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return err
	}
	if err := writeBase64(inline, calendar); err != nil {
		return err
	}
	if err := aw.Close(); err != nil {
		return err
	}

	name := c.attachmentRequest
	if method == ics.MethodCancel {
		name = c.attachmentCancel
	}
	file, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {mime.FormatMediaType("application/ics", map[string]string{"name": name})},
		"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": name})},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return err
	}
	if err := writeBase64(file, calendar); err != nil {
		return err
	}
	return mw.Close()
}

// address formats a mailbox for a header; a display name with non-ASCII
// characters is RFC 2047-encoded.
func address(a Address) string {
	return (&mail.Address{Name: line(a.Name), Address: a.Email}).String()
}

// boundary is derived from the message id so that rendering is
// deterministic. "=_" cannot occur in quoted-printable or base64 text, so
// the boundary cannot collide with the content.
func boundary(id, kind string) string {
	sum := sha256.Sum256([]byte(kind + "\x00" + id))
	return "=_brana_" + kind + "_" + hex.EncodeToString(sum[:12])
}

// writeHeader writes "Name: value" folded at spaces so that lines stay within
// 76 characters where possible (RFC 5322, section 2.2.3). Encoded words and
// addresses are separated by spaces, so folding there keeps them intact.
func writeHeader(w *bytes.Buffer, name, value string) {
	const limit = 76
	n := len(name) + 1
	w.WriteString(name + ":")
	for _, word := range strings.Fields(value) {
		if n > len(name)+1 && n+1+len(word) > limit {
			w.WriteString("\r\n")
			n = 0
		}
		w.WriteString(" " + word)
		n += 1 + len(word)
	}
	w.WriteString("\r\n")
}

func writeQP(w io.Writer, s string) error {
	qp := quotedprintable.NewWriter(w)
	if _, err := io.WriteString(qp, s); err != nil {
		return err
	}
	return qp.Close()
}

// writeBase64 writes b in base64 lines of 76 characters (RFC 2045).
func writeBase64(w io.Writer, b []byte) error {
	enc := base64.StdEncoding.EncodeToString(b)
	for len(enc) > 76 {
		if _, err := io.WriteString(w, enc[:76]+"\r\n"); err != nil {
			return err
		}
		enc = enc[76:]
	}
	_, err := io.WriteString(w, enc+"\r\n")
	return err
}
