package mail

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Input is what a template renders from.
type Input struct {
	// ID is the message's identifier (the outbox item's).
	ID string
	// Lang is LangCzech or LangEnglish.
	Lang string
	To   Address
	// From is the sender, also the organizer of any calendar event.
	From Address
	// Data is the template's own data, as JSON.
	Data []byte
	// Secret is the message's opened secret, empty when it has none.
	Secret string
	// CreatedAt is when the event behind the e-mail happened.
	CreatedAt time.Time
}

// Content is what a template renders: the subject and the text, and
// optionally an HTML alternative and a calendar object.
type Content struct {
	Subject string
	// Text is the text/plain body, lines separated by "\n".
	Text string
	// HTML is an optional text/html alternative of Text.
	HTML string
	// Calendar is an optional iCalendar object, sent inline (iMIP) and as
	// an attachment.
	Calendar *Calendar
	// Files are optional further parts after the text (and the calendar),
	// for example a QR code to show inline.
	Files []File
}

// File is a part of a message besides its text and calendar.
type File struct {
	// Filename names the part, e.g. "qr-kod.png".
	Filename string
	// ContentType is its media type, e.g. "image/png".
	ContentType string
	// Inline asks mail clients to show it in the message (an image after
	// the text) rather than only as an attachment.
	Inline bool
	Data   []byte
}

// Calendar is an iCalendar object to send with a message.
type Calendar struct {
	// Method is the object's iTIP method (REQUEST, CANCEL, PUBLISH); it is
	// repeated in the inline part's Content-Type.
	Method string
	// Object is the iCalendar text (internal/ics).
	Object []byte
	// Filename names the attachment, e.g. "pozvanka.ics".
	Filename string
}

// Template is one kind of e-mail, identified by its name, for example
// "consultations.confirmation.person": the capability first, then what the
// e-mail is and to whom.
type Template struct {
	Name   string
	Render func(Input) (Content, error)
	// Capped is set when the recipient's address was typed by an anonymous
	// caller (the person who booked, not an expert): the sender then keeps
	// to a daily cap of e-mails per recipient, so that the service cannot
	// be used to flood a third party's mailbox.
	Capped bool
}

// namePattern is a template's name: dot-separated lower-case words.
var namePattern = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)*$`)

// mediaTypePattern is a bare media type ("image/png"), without parameters.
var mediaTypePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$`)

// Registry holds the templates a sender can render.
type Registry struct {
	byName map[string]Template
}

// NewRegistry returns a registry of the given templates, typically the
// concatenation of each capability's Templates(). Like http.ServeMux with a
// pattern registered twice, it panics on a malformed or duplicate name or a
// missing Render function: that is a programming error, and any test that
// builds the registry finds it.
func NewRegistry(templates ...Template) *Registry {
	r := &Registry{byName: make(map[string]Template, len(templates))}
	for _, t := range templates {
		if !namePattern.MatchString(t.Name) || t.Render == nil {
			panic(fmt.Sprintf("mail: invalid template %q", t.Name))
		}
		if _, dup := r.byName[t.Name]; dup {
			panic(fmt.Sprintf("mail: template %q registered twice", t.Name))
		}
		r.byName[t.Name] = t
	}
	return r
}

// Has reports whether a template of that name is registered.
func (r *Registry) Has(name string) bool {
	if r == nil {
		return false
	}
	_, ok := r.byName[name]
	return ok
}

// Capped reports whether the template's e-mails count towards the
// recipient's daily cap (Template.Capped).
func (r *Registry) Capped(name string) bool {
	return r.Has(name) && r.byName[name].Capped
}

// ErrUnknownTemplate is returned for a message whose template is not
// registered.
var ErrUnknownTemplate = errors.New("unknown template")

// Compose renders m and wraps it with its envelope.
func (r *Registry) Compose(m Message, from Address) (Outgoing, error) {
	raw, err := r.Render(m, from)
	if err != nil {
		return Outgoing{}, err
	}
	return Outgoing{ID: m.ID, From: from.Email, To: []string{m.To.Email}, Raw: raw}, nil
}

// Render returns m as a complete RFC 5322 message with MIME parts, written
// by its template and sent by from. The same message renders to the same
// bytes.
func (r *Registry) Render(m Message, from Address) ([]byte, error) {
	if !r.Has(m.Template) {
		return nil, fmt.Errorf("message %s: %w %q", m.ID, ErrUnknownTemplate, m.Template)
	}
	if err := validate(m, from); err != nil {
		return nil, err
	}
	lang := NormLang(m.Lang)
	c, err := r.byName[m.Template].Render(Input{
		ID: m.ID, Lang: lang, To: m.To, From: from, Data: m.Data, Secret: m.Secret, CreatedAt: m.CreatedAt,
	})
	if err != nil {
		return nil, fmt.Errorf("message %s: %s: %w", m.ID, m.Template, err)
	}
	if err := checkContent(c); err != nil {
		return nil, fmt.Errorf("message %s: %s: %w", m.ID, m.Template, err)
	}
	raw, err := build(m, lang, from, c)
	if err != nil {
		return nil, fmt.Errorf("message %s: %w", m.ID, err)
	}
	return raw, nil
}

func checkContent(c Content) error {
	if Line(c.Subject) == "" {
		return errors.New("empty subject")
	}
	if c.Text == "" {
		return errors.New("empty text")
	}
	for _, f := range c.Files {
		if f.Filename == "" || Line(f.Filename) != f.Filename || len(f.Data) == 0 {
			return errors.New("file without a name or data")
		}
		if !mediaTypePattern.MatchString(f.ContentType) {
			return errors.New("file without a media type")
		}
	}
	if cal := c.Calendar; cal != nil {
		if !namePattern.MatchString(strings.ToLower(cal.Method)) || len(cal.Object) == 0 {
			return errors.New("calendar without a method or an object")
		}
		if cal.Filename == "" || Line(cal.Filename) != cal.Filename {
			return errors.New("calendar without a file name")
		}
	}
	return nil
}
