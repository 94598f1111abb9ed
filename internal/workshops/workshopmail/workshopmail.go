// Package workshopmail holds the e-mails about workshop registrations
// (issue #9): the confirmation (with the check-in QR code and, for online
// seats, the meeting link), the waiting list, an offer of a freed seat and
// its expiry, a cancellation by the person, a change or cancellation of the
// event, the reminder two days before and the certificate of attendance,
// each in Czech or English, with an iCalendar object where the calendar
// should change.
//
// It registers them as internal/mail templates named "workshops.<kind>".
// An outbox item carries the Data of one registration as JSON and, as its
// sealed secret, the person's manage link (manage.URL(base, "registration",
// id, token)), which the e-mail shows and the calendar object never does.
// The package imports no storage, no HTTP and not internal/workshops (whose
// service imports it), so the outbox sender links it alone.
//
// Calendar: one VEVENT per session of the event, so a two-day study visit
// is two entries in the calendar with the hours of each day, not one block
// over the night. Their UIDs are "ws-<registrationID>-<n>@brana.mpsv.cz"
// (n = 1, 2, … in session order) and their SEQUENCE is Event.Sequence,
// which the event's owner raises on every change of time or place; so a
// change updates the same entries and a cancellation (METHOD:CANCEL)
// removes them. The UID names the registration, not the event, so that a
// person who cancels and registers again gets entries a calendar does not
// take for the cancelled ones.
package workshopmail

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/mpsv/brana/internal/mail"
)

// Kind is what an e-mail tells the registered person.
type Kind string

const (
	// KindConfirmation confirms a seat: on registration, and when the
	// person accepts an offer from the waiting list. It carries the
	// calendar (REQUEST), the check-in QR code for an in-person seat and
	// the meeting link for an online seat.
	KindConfirmation Kind = "confirmation"
	// KindWaitlisted says the person is on the waiting list, at which
	// position.
	KindWaitlisted Kind = "waitlisted"
	// KindOffer offers a freed seat until Registration.OfferExpires; the
	// secret is the link that accepts or declines it.
	KindOffer Kind = "offer"
	// KindOfferExpired says an offer ran out and the seat went to the next
	// person.
	KindOfferExpired Kind = "offer_expired"
	// KindCancelled confirms the person's own cancellation (METHOD:CANCEL
	// when they had a seat).
	KindCancelled Kind = "cancelled"
	// KindEventChanged announces a new time or place (REQUEST with the new
	// SEQUENCE, to people with a seat; the waiting list gets the text only).
	KindEventChanged Kind = "event_changed"
	// KindEventCancelled announces that the event will not take place
	// (METHOD:CANCEL to people with a seat).
	KindEventCancelled Kind = "event_cancelled"
	// KindReminder reminds a confirmed participant two days before: how to
	// get there or join, and whom to ask about accessibility.
	KindReminder Kind = "reminder"
	// KindCertificate tells an attendee that the certificate of attendance
	// is ready, with its verification code.
	KindCertificate Kind = "certificate"
)

// Kinds lists every kind of workshop e-mail.
var Kinds = []Kind{
	KindConfirmation, KindWaitlisted, KindOffer, KindOfferExpired, KindCancelled,
	KindEventChanged, KindEventCancelled, KindReminder, KindCertificate,
}

// TemplateName is the name of the template of one kind: "workshops.<kind>".
func TemplateName(k Kind) string { return "workshops." + string(k) }

// Text is a text in Czech, optionally also in English (as workshops.Text).
type Text struct {
	CS string `json:"cs"`
	EN string `json:"en,omitempty"`
}

// In returns the text in lang (mail.LangCzech or mail.LangEnglish),
// falling back to Czech.
func (t Text) In(lang string) string {
	if lang == mail.LangEnglish && t.EN != "" {
		return t.EN
	}
	return t.CS
}

// Session is one continuous part of an event; instants, shown in
// Europe/Prague time.
type Session struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Venue is where an in-person event takes place, with its accessibility
// facts (as workshops.Venue).
type Venue struct {
	Name          string `json:"name,omitempty"`
	Address       string `json:"address,omitempty"`
	StepFree      bool   `json:"stepFree,omitempty"`
	InductionLoop bool   `json:"inductionLoop,omitempty"`
	Parking       string `json:"parking,omitempty"`
	NearestStop   string `json:"nearestStop,omitempty"`
}

// Contact is whom to ask about the event, its accessibility in particular.
// When it is empty the e-mails name the programme's sender address.
type Contact struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// Event is the snapshot of an event that an e-mail needs. It is stored with
// the outbox item, so the e-mail says what was true when it was queued.
type Event struct {
	ID string `json:"id"`
	// Sequence is the event's iCalendar SEQUENCE (workshops.Event.Sequence).
	Sequence int `json:"sequence"`
	// Kind is a workshops.Kind: workshop, forum, seminar, study_visit,
	// webinar.
	Kind  string `json:"kind"`
	Title Text   `json:"title"`
	// Mode is a workshops.Mode: in_person, online, hybrid.
	Mode     string    `json:"mode"`
	Sessions []Session `json:"sessions"`
	Venue    Venue     `json:"venue,omitempty"`
	// OnlineLink is the meeting link. NewMessage keeps it only in the
	// e-mails of a confirmed person with an online seat (confirmation,
	// event_changed, reminder); every other e-mail is queued without it,
	// and the templates print it only there too.
	OnlineLink string `json:"onlineLink,omitempty"`
	// Organiser is the organiser's display name.
	Organiser string `json:"organiser,omitempty"`
	// Contact is whom to ask about accessibility.
	Contact Contact `json:"contact,omitempty"`
}

// Needs is what the person said they need to take part (workshops.Needs);
// the confirmation repeats it so that they can correct it.
type Needs struct {
	Wheelchair    bool   `json:"wheelchair,omitempty"`
	SignLanguage  bool   `json:"signLanguage,omitempty"`
	InductionLoop bool   `json:"inductionLoop,omitempty"`
	EasyRead      bool   `json:"easyRead,omitempty"`
	Assistant     bool   `json:"assistant,omitempty"`
	Other         string `json:"other,omitempty"` // typed by the person: neutralised when shown
}

// Registration is the snapshot of the person's registration.
type Registration struct {
	ID string `json:"id"`
	// Status is a workshops.RegistrationStatus after the e-mail's event:
	// confirmed, waitlisted, offered, cancelled, attended, no_show.
	Status string `json:"status"`
	// Seat is a workshops.Seat: in_person or online.
	Seat string `json:"seat"`
	// Name is the person's name as typed (neutralised when shown).
	Name string `json:"name,omitempty"`
	// Position is the place in the waiting list (1 = next), for waitlisted.
	Position int `json:"position,omitempty"`
	// OfferExpires is when an offer runs out (offer).
	OfferExpires time.Time `json:"offerExpires,omitempty"`
	// HadSeat says the person held a seat before the e-mail's event, so
	// their calendar has the event: a cancellation (cancelled,
	// event_cancelled) then carries METHOD:CANCEL.
	HadSeat bool `json:"hadSeat,omitempty"`
	// CheckIn is the signed check-in code (internal/workshops/checkin) of
	// an in-person seat; the confirmation and the reminder show it as a QR
	// code.
	CheckIn string `json:"checkIn,omitempty"`
	Needs   Needs  `json:"needs,omitempty"`
}

// Certificate is what the certificate e-mail names.
type Certificate struct {
	// Code is the certificate's verification code.
	Code string `json:"code"`
	// VerifyURL is the front door's page that checks the code
	// (certcode.VerifyURL: <base>/certificates/<code>).
	VerifyURL string `json:"verifyUrl,omitempty"`
	// PDF is the certificate itself (internal/workshops/docs/certpdf),
	// attached to the e-mail; empty, the e-mail points to the manage
	// page's download instead. A certificate is some 20-40 kB, well
	// within an outbox item (DynamoDB's 400 kB) even as base64.
	PDF []byte `json:"pdf,omitempty"`
	// Filename names the attachment (certpdf.Filename).
	Filename string `json:"filename,omitempty"`
}

// Data is what an outbox item of these templates carries.
type Data struct {
	Event        Event        `json:"event"`
	Registration Registration `json:"registration"`
	// Previous is the event before a change (event_changed): the e-mail
	// says what changed.
	Previous *Event `json:"previous,omitempty"`
	// Note is the organiser's message with a change or a cancellation of
	// the event (optional).
	Note string `json:"note,omitempty"`
	// Certificate is set for the certificate e-mail.
	Certificate *Certificate `json:"certificate,omitempty"`
}

// MailID is the outbox id of one e-mail about a registration, derived from
// what it announces, so that the same e-mail is never queued twice:
// "ws-<registrationID>-<sequence>-<kind>". An offer is announced once per
// offer: pass its expiry's Unix seconds as extra ("…-offer-1767225600");
// other kinds pass nothing.
func MailID(registrationID string, sequence int, kind Kind, extra ...string) string {
	id := fmt.Sprintf("ws-%s-%d-%s", registrationID, sequence, kind)
	for _, x := range extra {
		id += "-" + x
	}
	return id
}

// NewMessage makes the message of one e-mail about a registration to the
// person (to). manageURL is the person's manage link (empty for none; an
// offer's is the link that accepts it); it becomes the message's secret,
// which the outbox seals. The meeting link is dropped unless the e-mail may
// carry it (see Event.OnlineLink).
func NewMessage(id string, kind Kind, lang string, to mail.Address, d Data, manageURL string, now time.Time) mail.Message {
	if !mayCarryLink(kind, d.Registration) {
		d.Event.OnlineLink = ""
	}
	if d.Previous != nil {
		p := *d.Previous
		p.OnlineLink = ""
		d.Previous = &p
	}
	data, err := json.Marshal(d)
	if err != nil {
		// Strings, numbers, booleans and times always marshal.
		panic(fmt.Sprintf("workshopmail: marshal registration %s: %v", d.Registration.ID, err))
	}
	return mail.Message{ID: id, Template: TemplateName(kind), Lang: lang, To: to, Data: data, Secret: manageURL, CreatedAt: now}
}

// mayCarryLink says whether an e-mail of kind about r may show the meeting
// link: only a confirmed person with an online seat, in the e-mails that
// tell them how to join.
func mayCarryLink(kind Kind, r Registration) bool {
	switch kind {
	case KindConfirmation, KindEventChanged, KindReminder:
		return r.Status == "confirmed" && r.Seat == "online"
	}
	return false
}
