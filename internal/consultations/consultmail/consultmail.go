// Package consultmail holds the e-mails about consultation bookings: the
// confirmation, a change of date, the cancellation and the reminder the day
// before, each to the person who booked and to the expert, in Czech or
// English, with an iCalendar invitation where the calendar should change.
//
// It registers them as internal/mail templates named
// "consultations.<kind>.<role>"; an outbox item carries the Data of one
// booking as JSON and, for the person, the manage link as its sealed
// secret. The package imports no storage and no HTTP, so the outbox sender
// links it alone.
package consultmail

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/mpsv/brana/internal/ics"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/programme"
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

// Kinds lists every kind of booking e-mail.
var Kinds = []Kind{KindConfirmation, KindChange, KindCancellation, KindReminder}

// Role is whom an e-mail is written to.
type Role string

const (
	// RolePerson is the person who booked the consultation.
	RolePerson Role = "person"
	// RoleExpert is the expert who holds it.
	RoleExpert Role = "expert"
)

// Roles lists every recipient of booking e-mails.
var Roles = []Role{RolePerson, RoleExpert}

// Booking is the snapshot of a consultation booking that an e-mail needs. It
// is stored with the outbox item, so the e-mail says what was true when the
// event happened, not what is true when it is sent.
type Booking struct {
	ID       string `json:"id"`
	Sequence int    `json:"sequence"`
	Status   string `json:"status,omitempty"`
	// Start and End are instants; they are shown in Europe/Prague time.
	Start time.Time      `json:"start"`
	End   time.Time      `json:"end"`
	Form  programme.Form `json:"form"`
	// Topic is a programme.Topic code.
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

// Data is what an outbox item of these templates carries.
type Data struct {
	Booking Booking `json:"booking"`
}

// TemplateName is the name of the template of one kind of e-mail to one
// role: "consultations.<kind>.<role>".
func TemplateName(kind Kind, role Role) string {
	return "consultations." + string(kind) + "." + string(role)
}

// Templates returns the booking e-mails, one template per kind and role,
// for mail.NewRegistry.
func Templates() []mail.Template {
	var out []mail.Template
	for _, k := range Kinds {
		for _, r := range Roles {
			// The person's address was typed by whoever booked: capped.
			out = append(out, mail.Template{Name: TemplateName(k, r), Render: renderer(k, r), Capped: r == RolePerson})
		}
	}
	return out
}

// NewMessage makes the message of one e-mail about b. manageURL is the
// person's manage link (empty for none); it becomes the message's secret,
// which the outbox seals, and is never given to the expert's e-mail.
func NewMessage(id string, kind Kind, role Role, lang string, to mail.Address, b Booking, manageURL string, now time.Time) mail.Message {
	data, err := json.Marshal(Data{Booking: b})
	if err != nil {
		// Strings, numbers and times always marshal.
		panic(fmt.Sprintf("consultmail: marshal booking %s: %v", b.ID, err))
	}
	m := mail.Message{ID: id, Template: TemplateName(kind, role), Lang: lang, To: to, Data: data, CreatedAt: now}
	if role == RolePerson {
		m.Secret = manageURL
	}
	return m
}

func renderer(kind Kind, role Role) func(mail.Input) (mail.Content, error) {
	return func(in mail.Input) (mail.Content, error) {
		var d Data
		if err := json.Unmarshal(in.Data, &d); err != nil {
			return mail.Content{}, fmt.Errorf("decode booking data: %w", err)
		}
		b := d.Booking
		if err := validate(b); err != nil {
			return mail.Content{}, err
		}
		manageURL := in.Secret
		if role != RolePerson {
			manageURL = ""
		}
		// Confirmations and changes carry an iCalendar REQUEST,
		// cancellations a CANCEL. A reminder carries no calendar part: the
		// event is already in the calendar from the confirmation or the last
		// change, and resending the same REQUEST would ask some clients
		// (Outlook) to accept the meeting again.
		var method ics.Method
		switch kind {
		case KindConfirmation, KindChange:
			method = ics.MethodRequest
		case KindCancellation:
			method = ics.MethodCancel
		}
		c := catalogues[in.Lang]
		t := compose(message{kind: kind, role: role, to: in.To, booking: b, manageURL: manageURL, createdAt: in.CreatedAt}, c, method != "")
		out := mail.Content{Subject: t.subject, Text: t.body}
		if method == "" {
			return out, nil
		}
		obj, err := ics.Event(event(b, role, in.From, in.CreatedAt, method, t))
		if err != nil {
			return mail.Content{}, err
		}
		name := c.attachmentRequest
		if method == ics.MethodCancel {
			name = c.attachmentCancel
		}
		out.Calendar = &mail.Calendar{Method: string(method), Object: obj, Filename: name}
		return out, nil
	}
}

// Calendar renders a booking as a calendar file to download ("add to
// calendar") for the person who booked: METHOD:PUBLISH, or CANCEL once
// cancelled, with UID "<Booking.ID>@brana.mpsv.cz" and SEQUENCE
// Booking.Sequence as the e-mails carry them, so that a calendar which
// imported it follows the later e-mails' updates. stamp is the DTSTAMP. Like
// the e-mails' calendars it carries no manage link and no expert's address.
func Calendar(b Booking, cancelled bool, lang string, from mail.Address, stamp time.Time) ([]byte, error) {
	if err := validate(b); err != nil {
		return nil, err
	}
	if err := mail.CheckEmail(from.Email); err != nil {
		return nil, fmt.Errorf("booking %s: sender: %w", b.ID, err)
	}
	kind, method := KindConfirmation, ics.MethodPublish
	if cancelled {
		kind, method = KindCancellation, ics.MethodCancel
	}
	lang = mail.NormLang(lang)
	t := compose(message{kind: kind, role: RolePerson, booking: b, createdAt: stamp}, catalogues[lang], true)
	return ics.Event(event(b, RolePerson, from, stamp, method, t))
}

func validate(b Booking) error {
	if !mail.ValidID(b.ID) {
		return fmt.Errorf("invalid booking id %q", b.ID)
	}
	if b.Start.IsZero() || !b.End.After(b.Start) {
		return fmt.Errorf("booking %s: end %s is not after start %s", b.ID, b.End, b.Start)
	}
	switch b.Form {
	case programme.FormPhone, programme.FormOnline, programme.FormOnsite:
	default:
		return fmt.Errorf("booking %s: unknown form %q", b.ID, b.Form)
	}
	return nil
}

// event is the calendar object of an e-mail or a download. It carries no
// manage link (a calendar is often shared, and whoever holds the link can
// cancel) and, for the person, not the expert's own address: the organizer
// is the programme's sender address, and the attendees are the person and,
// only in the expert's own copy, the expert.
func event(b Booking, role Role, from mail.Address, stamp time.Time, method ics.Method, t text) ics.EventInput {
	var attendees []ics.Participant
	if b.ContactEmail != "" {
		attendees = append(attendees, ics.Participant{Name: mail.Typed(b.ContactName), Email: b.ContactEmail})
	}
	if role == RoleExpert && b.ExpertEmail != "" {
		attendees = append(attendees, ics.Participant{Name: mail.Line(b.ExpertName), Email: b.ExpertEmail})
	}
	return ics.EventInput{
		Method:      method,
		UID:         b.ID + "@" + mail.Domain,
		Sequence:    b.Sequence,
		Stamp:       stamp,
		Start:       b.Start,
		End:         b.End,
		Summary:     t.summary,
		Description: t.calendar,
		Location:    t.location,
		Organizer:   ics.Participant{Name: mail.Line(from.Name), Email: from.Email},
		Attendees:   attendees,
	}
}
