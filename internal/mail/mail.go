// Package mail composes the e-mails Brána sends about consultations: the
// confirmation, a change of date, the cancellation and the reminder the day
// before, each to the person who booked and to the expert, in Czech or
// English, with an iCalendar invitation where the calendar should change.
//
// The package only renders messages; transports live under internal/mailer.
package mail

import (
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Prague must resolve on Lambda images without zoneinfo.
)

// Kind is what an e-mail tells its recipient.
type Kind string

const (
	// KindConfirmation confirms a new booking.
	KindConfirmation Kind = "confirmation"
	// KindChange announces new details, typically a new date.
	KindChange Kind = "change"
	// KindCancellation announces that the consultation will not take place.
	KindCancellation Kind = "cancellation"
	// KindReminder reminds of the consultation the day before.
	KindReminder Kind = "reminder"
)

// Role is whom an e-mail is written to.
type Role string

const (
	// RolePerson is the person who booked the consultation.
	RolePerson Role = "person"
	// RoleExpert is the expert who holds it.
	RoleExpert Role = "expert"
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

// Booking is the snapshot of a consultation booking that an e-mail needs. It
// is stored with the outbox item, so the e-mail says what was true when the
// event happened, not what is true when it is sent.
type Booking struct {
	ID       string `json:"id"`
	Sequence int    `json:"sequence"`
	Status   string `json:"status,omitempty"`
	// Start and End are instants; they are shown in Europe/Prague time.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// Form is phone, online or onsite.
	Form string `json:"form"`
	// Topic is transformation_plan, community_services, financing,
	// human_resources, case_management or other.
	Topic string `json:"topic"`
	// Region is a CZ-NUTS 3 code such as CZ064.
	Region           string `json:"region,omitempty"`
	ExpertName       string `json:"expertName"`
	ExpertEmail      string `json:"expertEmail"`
	OrganisationName string `json:"organisationName,omitempty"`
	ContactName      string `json:"contactName"`
	ContactEmail     string `json:"contactEmail"`
	ContactPhone     string `json:"contactPhone,omitempty"`
	// Address is where an onsite consultation takes place.
	Address string `json:"address,omitempty"`
	Note    string `json:"note,omitempty"`
}

// Message is one e-mail to one recipient, as the outbox holds it.
type Message struct {
	// ID is the outbox item's identifier. It makes the Message-ID, so a
	// message sent twice is recognisably the same message.
	ID      string  `json:"id"`
	Kind    Kind    `json:"kind"`
	Role    Role    `json:"role"`
	Lang    string  `json:"lang"`
	To      Address `json:"to"`
	Booking Booking `json:"booking"`
	// ManageURL is the link where the person can change or cancel the
	// booking. It is shown to RolePerson only; when empty, the e-mail points
	// to the link in the confirmation e-mail.
	ManageURL string `json:"manageUrl,omitempty"`
	// CreatedAt is when the event behind the e-mail happened; it is the
	// e-mail's Date and the calendar's DTSTAMP.
	CreatedAt time.Time `json:"createdAt"`
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

// Compose renders m and wraps it with its envelope.
func Compose(m Message, from Address) (Outgoing, error) {
	raw, err := Render(m, from)
	if err != nil {
		return Outgoing{}, err
	}
	return Outgoing{ID: m.ID, From: from.Email, To: []string{m.To.Email}, Raw: raw}, nil
}

var (
	prague = mustLoad("Europe/Prague")
	// idPattern keeps identifiers safe inside a Message-ID, a calendar UID
	// and a file name.
	idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$`)
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(fmt.Sprintf("mail: load %s: %v (time/tzdata is embedded, so this cannot happen)", name, err))
	}
	return loc
}

var errBadEmail = errors.New("invalid e-mail address")

// checkEmail accepts a bare address. Errors never repeat the address: they
// are logged, and addresses are personal data.
func checkEmail(s string) error {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return errBadEmail
	}
	return nil
}

func validID(s string) bool { return len(s) <= 128 && idPattern.MatchString(s) }

func validate(m Message, from Address) error {
	if !validID(m.ID) {
		return fmt.Errorf("invalid message id %q", m.ID)
	}
	switch m.Kind {
	case KindConfirmation, KindChange, KindCancellation, KindReminder:
	default:
		return fmt.Errorf("message %s: unknown kind %q", m.ID, m.Kind)
	}
	switch m.Role {
	case RolePerson, RoleExpert:
	default:
		return fmt.Errorf("message %s: unknown role %q", m.ID, m.Role)
	}
	if err := checkEmail(m.To.Email); err != nil {
		return fmt.Errorf("message %s: recipient: %w", m.ID, err)
	}
	if err := checkEmail(from.Email); err != nil {
		return fmt.Errorf("message %s: sender: %w", m.ID, err)
	}
	if m.CreatedAt.IsZero() {
		return fmt.Errorf("message %s: missing creation time", m.ID)
	}
	b := m.Booking
	if !validID(b.ID) {
		return fmt.Errorf("message %s: invalid booking id %q", m.ID, b.ID)
	}
	if b.Start.IsZero() || !b.End.After(b.Start) {
		return fmt.Errorf("message %s: booking %s: end %s is not after start %s", m.ID, b.ID, b.End, b.Start)
	}
	switch b.Form {
	case FormPhone, FormOnline, FormOnsite:
	default:
		return fmt.Errorf("message %s: booking %s: unknown form %q", m.ID, b.ID, b.Form)
	}
	return nil
}

// Consultation forms, as stored in Booking.Form.
const (
	FormPhone  = "phone"
	FormOnline = "online"
	FormOnsite = "onsite"
)

// normLang returns LangEnglish for English tags ("en", "en-GB") and
// LangCzech for everything else, so that a stored message never fails to
// render because of its language.
func normLang(lang string) string {
	if len(lang) >= 2 && strings.EqualFold(lang[:2], "en") &&
		(len(lang) == 2 || lang[2] == '-' || lang[2] == '_') {
		return LangEnglish
	}
	return LangCzech
}
