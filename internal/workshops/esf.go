package workshops

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/validation"
)

// ESF+ participant data (issue #9): voluntary answers a registered person
// may give after registering, with their own explicit consent, for the
// programme's ESF+ indicators. "Prefer not to say" is always allowed.
//
// The answers are stored apart from the registration's personal data, in
// an item ESF#<opaque key> that holds only the event, the answers, the day
// of the consent and what the monthly statistics count (the event's month,
// whether the person attended). The registration holds the opaque key
// (Registration.EsfKey) and nothing else of it; erasing the registration
// removes the key, after which nothing joins the answers to a person, and
// they still count. The answers never appear in staff lists or exports.
// Disability is special-category data (GDPR art. 9): it is only ever
// stored with the explicit consent given with it.

// The answers. An empty answer is "prefer not to say".
const (
	GenderWoman     = "woman"
	GenderMan       = "man"
	GenderNonBinary = "non_binary"

	Age18to29  = "18_29"
	Age30to54  = "30_54"
	Age55AndUp = "55_plus"

	DisabilityYes = "yes"
	DisabilityNo  = "no"

	// PreferNotToSay may be sent for any question; it is stored as "".
	PreferNotToSay = "prefer_not_to_say"
)

// The answers each question allows, in the order the form offers them
// ("" = prefer not to say is always allowed besides).
var (
	EsfGenders      = []string{GenderWoman, GenderMan, GenderNonBinary}
	EsfAgeBands     = []string{Age18to29, Age30to54, Age55AndUp}
	EsfDisabilities = []string{DisabilityYes, DisabilityNo}
)

// EsfInput is the body of POST /v1/registrations/{registrationId}/esf.
// An omitted answer, or "prefer_not_to_say", is no answer.
type EsfInput struct {
	// Consent must be true: the explicit consent to processing the answers
	// (for disability, under GDPR art. 9(2)(a)).
	Consent    bool   `json:"consent"`
	Gender     string `json:"gender,omitempty" validate:"omitempty,oneof=woman man non_binary prefer_not_to_say"`
	AgeBand    string `json:"ageBand,omitempty" validate:"omitempty,oneof=18_29 30_54 55_plus prefer_not_to_say"`
	Disability string `json:"disability,omitempty" validate:"omitempty,oneof=yes no prefer_not_to_say"`
}

// ReasonEsfConsent is the field rule of an ESF+ submission without consent.
const ReasonEsfConsent = "esf_consent"

// Check validates in and returns the answers it gives (prefer not to say
// as ""). Every problem is reported at once.
func (in EsfInput) Check() (Esf, error) {
	var fields []apperr.FieldError
	if err := validation.Struct(in); err != nil {
		e, ok := apperr.As(err)
		if !ok {
			return Esf{}, err
		}
		fields = append(fields, e.Fields...)
	}
	if !in.Consent {
		fields = append([]apperr.FieldError{apperr.Field("consent", ReasonEsfConsent)}, fields...)
	}
	if len(fields) > 0 {
		return Esf{}, apperr.InvalidFields(fields...)
	}
	said := func(v string) string {
		if v == PreferNotToSay {
			return ""
		}
		return v
	}
	return Esf{Gender: said(in.Gender), AgeBand: said(in.AgeBand), Disability: said(in.Disability)}, nil
}

// EsfRecord is the stored ESF+ item: the answers and the facts the monthly
// statistics need, never a name, an e-mail or the registration's id.
type EsfRecord struct {
	Key     string // the opaque key (Registration.EsfKey)
	EventID string
	// Month is the Prague month of the event's start ("2026-12"): the
	// statistics count per event month.
	Month    string
	Answers  Esf // ConsentAt at day precision (see ConsentDay)
	Attended bool
	// NoticeVersion is the privacy notice the consent referred to.
	NoticeVersion string
	Version       int
}

// ConsentDay is the consent time as the ESF+ item keeps it: the Prague day
// only. A precise time could be matched against the registration's kept
// times after erasure and join the answers to a person again.
func ConsentDay(t time.Time) time.Time { return cz.DateOf(t.In(cz.Prague)).Start() }

// EventMonth is the Prague month of t, as "2026-12".
func EventMonth(t time.Time) string { return t.In(cz.Prague).Format("2006-01") }

// NewEsfKey is a new opaque key: 128 random bits, unrelated to the
// registration's id or anything else about the person.
func NewEsfKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand: " + err.Error()) // never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// EsfWrite is one submission of the answers: a new item and the key set on
// the registration (RegistrationVersion guards it), or new answers for the
// item the registration already has.
type EsfWrite struct {
	// Registration is the registration as read: a new submission stores it
	// with the key and its version +1, guarded by the version read.
	Registration Registration
	New          bool
	Record       EsfRecord
}

// EsfStore is the storage the ESF+ submission needs.
type EsfStore interface {
	// WriteEsf applies w in one transaction (Conflict
	// ReasonRegistrationChanged when the registration changed meanwhile).
	WriteEsf(ctx context.Context, w EsfWrite) error
	// GetEsf reads an ESF+ item (NotFound when absent).
	GetEsf(ctx context.Context, key string) (EsfRecord, error)
}

// ReasonEsfClosed: the registration can no longer take ESF+ answers (it is
// cancelled or erased).
const ReasonEsfClosed apperr.Reason = "esf_closed"

// PlanEsf decides a submission of answers a for registration r of event e
// at now. A new submission makes a new opaque key; a repeated one replaces
// the answers under the registration's key (so the same body twice changes
// nothing). A cancelled or erased registration takes none.
func PlanEsf(r Registration, e Event, a Esf, noticeVersion string, now time.Time, newKey func() string) (EsfWrite, error) {
	if !r.ErasedAt.IsZero() || r.Status == RegCancelled {
		return EsfWrite{}, apperr.New(apperr.Conflict, ReasonEsfClosed)
	}
	a.ConsentAt = ConsentDay(now)
	w := EsfWrite{Registration: r, New: r.EsfKey == ""}
	key := r.EsfKey
	if w.New {
		key = newKey()
	}
	w.Record = EsfRecord{
		Key: key, EventID: e.ID, Month: EventMonth(e.Start()), Answers: a,
		Attended: r.Status == RegAttended, NoticeVersion: noticeVersion,
	}
	return w, nil
}

// EsfBreakdown counts people by their answers ("" = not stated).
type EsfBreakdown struct {
	Total      int            `json:"total"`
	Gender     map[string]int `json:"gender"`
	AgeBand    map[string]int `json:"ageBand"`
	Disability map[string]int `json:"disability"`
}

// NotStated is how a count names "prefer not to say".
const NotStated = "not_stated"

func newBreakdown() EsfBreakdown {
	b := EsfBreakdown{Gender: map[string]int{}, AgeBand: map[string]int{}, Disability: map[string]int{}}
	for _, v := range append(EsfGenders, NotStated) {
		b.Gender[v] = 0
	}
	for _, v := range append(EsfAgeBands, NotStated) {
		b.AgeBand[v] = 0
	}
	for _, v := range append(EsfDisabilities, NotStated) {
		b.Disability[v] = 0
	}
	return b
}

func (b *EsfBreakdown) add(a Esf) {
	stated := func(v string) string {
		if v == "" {
			return NotStated
		}
		return v
	}
	b.Total++
	b.Gender[stated(a.Gender)]++
	b.AgeBand[stated(a.AgeBand)]++
	b.Disability[stated(a.Disability)]++
}

// EsfMonth is the ESF+ statistics of one event month: of the people who
// gave ESF+ answers for an event starting that month, all of them
// (registered) and those checked in (attended).
type EsfMonth struct {
	Month      string       `json:"month"`
	Registered EsfBreakdown `json:"registered"`
	Attended   EsfBreakdown `json:"attended"`
}

// CountEsf counts records of one event month (issue #11's monthly report
// reads them with workshopdb's EsfByMonth, one Query).
func CountEsf(month string, records []EsfRecord) EsfMonth {
	m := EsfMonth{Month: month, Registered: newBreakdown(), Attended: newBreakdown()}
	for _, r := range records {
		if r.Month != month {
			continue
		}
		m.Registered.add(r.Answers)
		if r.Attended {
			m.Attended.add(r.Answers)
		}
	}
	return m
}

// EsfReply is the answer to a submission: the answers as recorded
// ("prefer_not_to_say" for none). It carries no key and nothing else.
type EsfReply struct {
	Gender     string `json:"gender"`
	AgeBand    string `json:"ageBand"`
	Disability string `json:"disability"`
}

func replyOf(a Esf) EsfReply {
	or := func(v string) string {
		if v == "" {
			return PreferNotToSay
		}
		return v
	}
	return EsfReply{Gender: or(a.Gender), AgeBand: or(a.AgeBand), Disability: or(a.Disability)}
}

// EsfService records ESF+ answers. The handler opens the registration by
// its manage token first and passes it to Submit.
type EsfService struct {
	Store EsfStore
	// Registration and Event read a registration and its event (NotFound
	// when absent).
	Registration func(ctx context.Context, id string) (Registration, error)
	Event        func(ctx context.Context, id string) (Event, error)
	// NoticeVersion is the privacy notice the consent refers to.
	NoticeVersion string
	Now           func() time.Time
	NewKey        func() string // NewEsfKey unless a test sets it
}

// esfAttempts bounds the re-reads of a registration changed meanwhile (a
// check-in, a cancel, the same submission sent twice at once).
const esfAttempts = 4

// Submit records the answers of in for registration r (opened by its
// token). Sending the same body again changes nothing and gets the same
// reply; other answers replace the earlier ones.
func (s EsfService) Submit(ctx context.Context, r Registration, in EsfInput) (EsfReply, error) {
	a, err := in.Check()
	if err != nil {
		return EsfReply{}, err
	}
	e, err := s.Event(ctx, r.EventID)
	if err != nil {
		return EsfReply{}, err
	}
	newKey := s.NewKey
	if newKey == nil {
		newKey = NewEsfKey
	}
	for attempt := 1; ; attempt++ {
		w, err := PlanEsf(r, e, a, s.NoticeVersion, s.Now(), newKey)
		if err != nil {
			return EsfReply{}, err
		}
		err = s.Store.WriteEsf(ctx, w)
		if err == nil {
			return replyOf(a), nil
		}
		if !apperr.Is(err, apperr.Conflict, ReasonRegistrationChanged) || attempt >= esfAttempts {
			return EsfReply{}, err
		}
		if r, err = s.Registration(ctx, r.ID); err != nil {
			return EsfReply{}, err
		}
	}
}

// EsfStoredFact is something the ESF+ item keeps, as the privacy notice
// names it.
type EsfStoredFact struct{ Code, CS, EN string }

// The ESF+ item's contents, in the notice's order (toEsfItem in workshopdb
// writes exactly these).
var esfStored = []EsfStoredFact{
	{Code: "answers", CS: "vaše odpovědi: pohlaví, věková skupina a zda máte zdravotní postižení (na každou otázku můžete odpovědět „nechci uvést“)",
		EN: "your answers: gender, age band and whether you have a disability (you may answer “prefer not to say” to each)"},
	{Code: "event", CS: "akce a měsíc, kdy se koná", EN: "the event and the month it takes place in"},
	{Code: "attended", CS: "zda jste se akce zúčastnili", EN: "whether you attended"},
	{Code: "consent", CS: "den udělení souhlasu a verze zásad, ke které se vztahoval", EN: "the day of your consent and the version of this notice it referred to"},
}

// EsfStored lists what the ESF+ item keeps, in the notice's order.
func EsfStored() []EsfStoredFact { return append([]EsfStoredFact(nil), esfStored...) }

// SubmitEsf records the ESF+ answers of registration id, opened by its
// manage token as the other registration routes open it (a wrong or
// missing token is the same registration_not_found as an unknown id). The
// body is checked before anything is read. The store must keep ESF+
// answers (workshopdb.Store does).
func (s *Service) SubmitEsf(ctx context.Context, id, token string, in EsfInput) (EsfReply, error) {
	if _, err := in.Check(); err != nil {
		return EsfReply{}, err
	}
	r, err := s.RegistrationByToken(ctx, id, token)
	if err != nil {
		return EsfReply{}, err
	}
	store, ok := s.Store.(EsfStore)
	if !ok {
		return EsfReply{}, apperr.Wrap(apperr.Internal, "internal", errors.New("workshops: the store keeps no ESF+ answers"))
	}
	return EsfService{
		Store: store, Registration: s.Store.GetRegistration, Event: s.Store.GetEvent,
		NoticeVersion: PrivacyNoticeVersion, Now: s.Clock.Now,
	}.Submit(ctx, r, in)
}
