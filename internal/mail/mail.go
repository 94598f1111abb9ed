// Package mail is how Brána writes e-mail, apart from what any e-mail says:
// addresses and their checks, a registry of named templates, the MIME
// message (text, optional HTML, optional iCalendar invitation with the same
// object as an .ics attachment) and helpers for rendering text the Czech way.
//
// What a message says belongs to the capability that sends it: each one
// registers its templates (for example "consultations.confirmation.person")
// and its outbox items carry a template name, a language, a recipient, the
// template's data as JSON and optionally a secret. A template renders in
// Czech or English; it is never told anything else about the sender.
//
// Transports live under internal/mailer.
package mail

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Prague must resolve on Lambda images without zoneinfo.
)

// Languages of the e-mails. Anything other than English is written in Czech,
// the language of the service.
const (
	LangCzech   = "cs"
	LangEnglish = "en"
)

// Domain is used in Message-IDs and calendar UIDs.
const Domain = "brana.mpsv.cz"

// Address is a mailbox: a display name and an e-mail address.
type Address struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email"`
}

// Message is one e-mail to one recipient, before rendering: what an outbox
// item holds, with its secret opened.
type Message struct {
	// ID is the outbox item's identifier. It makes the Message-ID, so a
	// message sent twice is recognisably the same message.
	ID string
	// Template names the registered template that renders the message.
	Template string
	// Lang is the language to write in; see NormLang.
	Lang string
	To   Address
	// Data is the template's own data, as JSON.
	Data []byte
	// Secret is given to the template only (for example a manage link
	// with its token); the outbox keeps it sealed until sending.
	Secret string
	// CreatedAt is when the event behind the e-mail happened; it is the
	// e-mail's Date.
	CreatedAt time.Time
}

// Outgoing is a rendered e-mail ready for a transport: the envelope and the
// raw RFC 5322 message.
type Outgoing struct {
	// ID is the outbox item's identifier; transports use it to make
	// sending idempotent.
	ID string
	// From is the envelope sender's address.
	From string
	// To are the envelope recipients' addresses.
	To  []string
	Raw []byte
}

// idPattern keeps identifiers safe inside a Message-ID, a calendar UID and a
// file name.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$`)

// ValidID reports whether s can be used in a Message-ID, a calendar UID and
// a file name: letters, digits, '-', '_' and inner dots, at most 128 bytes.
func ValidID(s string) bool { return len(s) <= 128 && idPattern.MatchString(s) }

// ErrBadEmail is returned for an address that is not a bare e-mail address.
var ErrBadEmail = errors.New("invalid e-mail address")

// CheckEmail accepts a bare address ("jana@example.cz", no display name) by
// the one rule of ValidAddress. Its error never repeats the address: errors
// are logged, and addresses are personal data.
func CheckEmail(s string) error {
	if !ValidAddress(s) {
		return ErrBadEmail
	}
	return nil
}

func validate(m Message, from Address) error {
	if !ValidID(m.ID) {
		return fmt.Errorf("invalid message id %q", m.ID)
	}
	if err := CheckEmail(m.To.Email); err != nil {
		return fmt.Errorf("message %s: recipient: %w", m.ID, err)
	}
	if err := CheckEmail(from.Email); err != nil {
		return fmt.Errorf("message %s: sender: %w", m.ID, err)
	}
	if m.CreatedAt.IsZero() {
		return fmt.Errorf("message %s: missing creation time", m.ID)
	}
	return nil
}

// NormLang returns LangEnglish for English tags ("en", "en-GB") and
// LangCzech for everything else, so that a stored message never fails to
// render because of its language.
func NormLang(lang string) string {
	if len(lang) >= 2 && strings.EqualFold(lang[:2], "en") &&
		(len(lang) == 2 || lang[2] == '-' || lang[2] == '_') {
		return LangEnglish
	}
	return LangCzech
}
