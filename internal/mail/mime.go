package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
)

// build assembles the MIME message. The layout is the one Gmail and Outlook
// send for invitations, which mail clients handle best:
//
//	multipart/mixed
//	├─ multipart/alternative
//	│  ├─ text/plain; charset=UTF-8             (Content.Text)
//	│  ├─ text/html; charset=UTF-8              (Content.HTML, if any)
//	│  └─ text/calendar; method=REQUEST|CANCEL  (iMIP, RFC 6047: Outlook,
//	│                                            Gmail, Apple Mail and
//	│                                            Thunderbird show accept or
//	│                                            update buttons from this)
//	└─ application/ics; name="pozvanka.ics"     (the same object as a file,
//	                                             for webmail such as
//	                                             Seznam.cz that ignores the
//	                                             inline part)
//
// Files (Content.Files, e.g. a QR code) follow as further parts of the
// multipart/mixed, "inline" or "attachment"; a message with files but no
// calendar is multipart/mixed of the text (or the alternative of the text
// and the HTML) and the files.
//
// The attachment is application/ics rather than text/calendar so that
// clients do not process the invitation twice. Without a calendar the
// message is the text/plain part alone, or multipart/alternative of the text
// and the HTML. Boundaries derive from the message id, so the output is
// deterministic.
func build(m Message, lang string, from Address, c Content) ([]byte, error) {
	var buf bytes.Buffer
	header := func(name, value string) { writeHeader(&buf, name, value) }
	header("Date", m.CreatedAt.In(prague).Format(time.RFC1123Z))
	header("From", address(from))
	header("To", address(m.To))
	header("Subject", mime.QEncoding.Encode("UTF-8", Line(c.Subject)))
	header("Message-ID", "<"+m.ID+"@"+Domain+">")
	header("Content-Language", lang)
	// RFC 3834: tells out-of-office responders not to answer.
	header("Auto-Submitted", "auto-generated")
	header("MIME-Version", "1.0")

	switch {
	case c.Calendar == nil && len(c.Files) == 0 && c.HTML == "":
		header("Content-Type", plainType)
		header("Content-Transfer-Encoding", "quoted-printable")
		buf.WriteString("\r\n")
		if err := writeQP(&buf, c.Text); err != nil {
			return nil, err
		}
	case c.Calendar == nil && len(c.Files) == 0:
		alt := boundary(m.ID, "alt")
		header("Content-Type", mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": alt}))
		buf.WriteString("\r\n")
		if err := writeAlternative(&buf, c, alt); err != nil {
			return nil, err
		}
	default:
		mixed, alt := boundary(m.ID, "mixed"), boundary(m.ID, "alt")
		header("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mixed}))
		buf.WriteString("\r\n")
		if err := writeMixed(&buf, c, mixed, alt); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

const (
	plainType = "text/plain; charset=UTF-8"
	htmlType  = "text/html; charset=UTF-8"
)

// writeAlternative writes the text, the HTML if any and the inline calendar
// if any as one multipart/alternative body.
func writeAlternative(w io.Writer, c Content, alt string) error {
	aw := multipart.NewWriter(w)
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
	if err := writeQP(plain, c.Text); err != nil {
		return err
	}
	if c.HTML != "" {
		html, err := aw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {htmlType},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return err
		}
		if err := writeQP(html, c.HTML); err != nil {
			return err
		}
	}
	if c.Calendar != nil {
		inline, err := aw.CreatePart(textproto.MIMEHeader{
			"Content-Type": {mime.FormatMediaType("text/calendar",
				map[string]string{"charset": "UTF-8", "method": c.Calendar.Method})},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return err
		}
		if err := writeBase64(inline, c.Calendar.Object); err != nil {
			return err
		}
	}
	return aw.Close()
}

func writeMixed(w io.Writer, c Content, mixed, alt string) error {
	mw := multipart.NewWriter(w)
	if err := mw.SetBoundary(mixed); err != nil {
		return err
	}
	if c.Calendar == nil && c.HTML == "" {
		plain, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {plainType},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return err
		}
		if err := writeQP(plain, c.Text); err != nil {
			return err
		}
	} else {
		altPart, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type": {mime.FormatMediaType("multipart/alternative", map[string]string{"boundary": alt})},
		})
		if err != nil {
			return err
		}
		if err := writeAlternative(altPart, c, alt); err != nil {
			return err
		}
	}
	if c.Calendar != nil {
		name := c.Calendar.Filename
		file, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {mime.FormatMediaType("application/ics", map[string]string{"name": name})},
			"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": name})},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return err
		}
		if err := writeBase64(file, c.Calendar.Object); err != nil {
			return err
		}
	}
	for _, f := range c.Files {
		disposition := "attachment"
		if f.Inline {
			disposition = "inline"
		}
		part, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {mime.FormatMediaType(f.ContentType, map[string]string{"name": f.Filename})},
			"Content-Disposition":       {mime.FormatMediaType(disposition, map[string]string{"filename": f.Filename})},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return err
		}
		if err := writeBase64(part, f.Data); err != nil {
			return err
		}
	}
	return mw.Close()
}

// address formats a mailbox for a header; a display name with non-ASCII
// characters is RFC 2047-encoded. The recipient's name may have been typed
// by anyone, so links in it are neutralised (Typed).
func address(a Address) string {
	return (&mail.Address{Name: Typed(a.Name), Address: a.Email}).String()
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
	for i, word := range strings.Fields(value) {
		// Fold before a word that would pass the limit; before the first
		// word only if it then fits on its own line (a long encoded word).
		if n+1+len(word) > limit && (i > 0 || 1+len(word) <= limit) {
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
