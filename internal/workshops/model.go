// Package workshops is the programme's events: workshops, discussion
// forums, seminars, study visits and webinars, and registration for them
// with a capacity that is never exceeded, a first-in-first-out waiting list
// with timed offers, attendance, certificates and ESF+ attendance sheets.
//
// It is a capability of its own (issue #9): its own storage adapter
// (internal/workshops/workshopdb), e-mails, jobs and routes, built on the
// shared mechanisms (internal/dynamo, internal/outbox and internal/mail,
// internal/idempotency, internal/manage, internal/pow, the registry). It
// does not use or change the consultations package.
//
// This file is the shared vocabulary of the capability: the types the
// storage, the API handlers, the documents and the web front door agree on.
package workshops

import (
	"time"

	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/programme"
)

// Kind is what sort of event it is.
type Kind string

const (
	KindWorkshop   Kind = "workshop"
	KindForum      Kind = "forum"       // diskuzní fórum
	KindSeminar    Kind = "seminar"     // seminář
	KindStudyVisit Kind = "study_visit" // stáž; may span two days
	KindWebinar    Kind = "webinar"
)

// Kinds lists every kind, in the order the front door offers them.
var Kinds = []Kind{KindWorkshop, KindForum, KindSeminar, KindStudyVisit, KindWebinar}

// Mode is where people take part.
type Mode string

const (
	ModeInPerson Mode = "in_person"
	ModeOnline   Mode = "online"
	ModeHybrid   Mode = "hybrid" // both, with two separate seat counts
)

// Seat is which of an event's seat counts a registration takes: in person
// or online (a hybrid event has both; the others one).
type Seat string

const (
	SeatInPerson Seat = "in_person"
	SeatOnline   Seat = "online"
)

// EventStatus is where an event is in its life: draft → published →
// cancelled or held.
type EventStatus string

const (
	EventDraft     EventStatus = "draft"
	EventPublished EventStatus = "published"
	EventCancelled EventStatus = "cancelled"
	EventHeld      EventStatus = "held"
)

// Text is a text in Czech, optionally also in English.
type Text struct {
	CS string `json:"cs"`
	EN string `json:"en,omitempty"`
}

// In returns the text in lang, falling back to Czech.
func (t Text) In(lang i18n.Lang) string {
	if lang == i18n.EN && t.EN != "" {
		return t.EN
	}
	return t.CS
}

// Session is one continuous part of an event, in UTC (computed in
// Europe/Prague). An event's hours are the sum of its sessions.
type Session struct {
	Start, End time.Time
}

// Venue is where an in-person event takes place, with the facts people
// with disabilities need to decide whether they can come.
type Venue struct {
	Name          string
	Address       string
	StepFree      bool   // step-free access
	InductionLoop bool   // an induction loop for hearing aids
	Parking       string // e.g. "2 vyhrazená místa pro osoby se ZTP u vchodu"; empty when none
	NearestStop   string // nearest public-transport stop
}

// Capacity is an event's seats per seat kind: InPerson for in-person and
// hybrid events, Online for online and hybrid ones.
type Capacity struct {
	InPerson int
	Online   int
}

// Of returns the seats of one kind.
func (c Capacity) Of(s Seat) int {
	if s == SeatOnline {
		return c.Online
	}
	return c.InPerson
}

// QuestionKind is the form of a custom question.
type QuestionKind string

const (
	QuestionShortText QuestionKind = "short_text"
	QuestionLongText  QuestionKind = "long_text"
	QuestionSingle    QuestionKind = "single_choice"
	QuestionMultiple  QuestionKind = "multiple_choice"
	QuestionYesNo     QuestionKind = "yes_no"
)

// MaxQuestions is how many custom questions an event may ask.
const MaxQuestions = 10

// Question is one custom question of an event.
type Question struct {
	ID       string // stable within the event, e.g. "q1"
	Kind     QuestionKind
	Label    Text
	Options  []Text // for the choice kinds
	Required bool
}

// Event is one workshop, forum, seminar, study visit or webinar.
type Event struct {
	ID           string
	Kind         Kind
	Title        Text
	Description  Text
	Topics       []programme.Topic
	TargetGroups []programme.TargetGroup
	Region       string // CZ-NUTS 3
	Sessions     []Session
	Mode         Mode
	Venue        Venue  // in person and hybrid
	OnlineLink   string // online and hybrid: shown only to confirmed participants
	Capacity     Capacity
	// Registration is open in [RegistrationOpens, RegistrationCloses);
	// by default it closes 24 h before the first session.
	RegistrationOpens  time.Time
	RegistrationCloses time.Time
	OrgLimit           int // registrations per organisation (IČO); 0 = no limit
	Questions          []Question
	Organiser          string // the organiser's display name (certificates, e-mails)
	Owner              string // staff subject of the organiser who manages it
	Status             EventStatus
	Sequence           int // iCalendar SEQUENCE: +1 on each change of time or place
	Version            int // optimistic-concurrency counter
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Start is the start of the first session.
func (e Event) Start() time.Time {
	if len(e.Sessions) == 0 {
		return time.Time{}
	}
	return e.Sessions[0].Start
}

// End is the end of the last session.
func (e Event) End() time.Time {
	if len(e.Sessions) == 0 {
		return time.Time{}
	}
	return e.Sessions[len(e.Sessions)-1].End
}

// Hours is the sum of the sessions' lengths.
func (e Event) Hours() time.Duration {
	var d time.Duration
	for _, s := range e.Sessions {
		d += s.End.Sub(s.Start)
	}
	return d
}

// Seats lists the seat kinds the event's mode has.
func (e Event) Seats() []Seat {
	switch e.Mode {
	case ModeOnline:
		return []Seat{SeatOnline}
	case ModeHybrid:
		return []Seat{SeatInPerson, SeatOnline}
	default:
		return []Seat{SeatInPerson}
	}
}

// RegistrationStatus is where a registration is in its life.
type RegistrationStatus string

const (
	RegConfirmed  RegistrationStatus = "confirmed"  // has a seat
	RegWaitlisted RegistrationStatus = "waitlisted" // in the waiting list
	RegOffered    RegistrationStatus = "offered"    // a freed seat is held for them until OfferExpires
	RegCancelled  RegistrationStatus = "cancelled"  // by the person, or the event was cancelled
	RegExpired    RegistrationStatus = "expired"    // an offer ran out; the seat went to the next person
	RegAttended   RegistrationStatus = "attended"   // checked in
	RegNoShow     RegistrationStatus = "no_show"    // confirmed, not checked in by the event's end
)

// Needs is what a participant needs to take part.
type Needs struct {
	Wheelchair    bool
	SignLanguage  bool // a sign-language interpreter
	InductionLoop bool
	EasyRead      bool // easy-read materials
	Assistant     bool // comes with an assistant
	Other         string
}

// Registration is one person's registration for an event. The contact,
// organisation, job role, answers and needs are personal data: erased on
// request or by retention; the counted facts stay.
type Registration struct {
	ID          string
	EventID     string
	Seat        Seat
	Status      RegistrationStatus
	Contact     Contact
	Org         Organisation
	JobRole     string
	Region      string
	TargetGroup programme.TargetGroup
	Answers     map[string][]string // question id → the answer (one value, or the chosen option indexes)
	Needs       Needs
	ConsentAt   time.Time
	ConsentVer  string // the privacy notice version consented to
	Lang        i18n.Lang
	TokenHash   []byte
	// OfferTokenHash is the hash of the token sent with a waiting-list
	// offer: it opens the registration as the manage token does (the
	// manage token itself is stored only hashed, so an offer e-mail made
	// later cannot carry it).
	OfferTokenHash []byte
	// EmailHash is the keyed HMAC of the e-mail address (EmailHash in
	// workshops.go): the key of the one-registration-per-address item,
	// kept after erasure so that the item can still be given back.
	EmailHash string
	// Queue orders the waiting list: the server's acceptance order
	// (first in, first out).
	Queue        string
	OfferExpires time.Time // while offered
	WalkIn       bool      // added on the day by staff, possibly over capacity
	CheckedInAt  time.Time
	// EsfKey joins the registration to its ESF+ participant data, kept
	// apart; erasure removes it, so the data can no longer be joined.
	EsfKey      string
	Certificate string // the certificate's verification code, once attended
	// Position is a waitlisted registration's place in the waiting list
	// (1 = next), computed when read; never stored.
	Position int
	// Mail lists the ids of the outbox items written for it (erasure
	// deletes them); IdempotencyKeys the idempotency records pointing at it.
	Mail            []string
	IdempotencyKeys []string
	Version         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
	CancelledAt     time.Time
	ErasedAt        time.Time
}

// Contact is the registering person.
type Contact struct {
	Name  string
	Email string
	Phone string // E.164; optional
}

// Organisation is who the person comes for (required for providers and
// public administration, as for bookings).
type Organisation struct {
	Name string
	ICO  string
}

// Esf is the voluntary ESF+ participant data, stored apart from the
// registration and joined only by Registration.EsfKey. Empty means
// "prefer not to say". Disability is special-category data (GDPR art. 9).
type Esf struct {
	Gender     string // woman, man, non_binary, or "" (prefer not to say)
	AgeBand    string // 18_29, 30_54, 55_plus, or ""
	Disability string // yes, no, or ""
	ConsentAt  time.Time
}
