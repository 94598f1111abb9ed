package workshops

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/validation"
)

// RegistrationInput is the body of POST /v1/events/{id}/registrations.
type RegistrationInput struct {
	Contact      ContactInput        `json:"contact"`
	Organisation OrganisationInput   `json:"organisation"`
	TargetGroup  string              `json:"targetGroup" validate:"required,target_group"`
	JobRole      string              `json:"jobRole" validate:"max=120,line"`
	Region       string              `json:"region" validate:"required,region"`
	Seat         string              `json:"seat" validate:"omitempty,oneof=in_person online"`
	Answers      map[string][]string `json:"answers" validate:"max=10"`
	Needs        NeedsInput          `json:"needs"`
	Consent      ConsentInput        `json:"consent"`
	Language     string              `json:"language" validate:"omitempty,lang"`
}

// ContactInput is the registering person.
type ContactInput struct {
	Name  string `json:"name" validate:"required,max=120,line"`
	Email string `json:"email" validate:"required,email,max=254"`
	Phone string `json:"phone" validate:"omitempty,phone"`
}

// OrganisationInput is who the person comes for.
type OrganisationInput struct {
	Name string `json:"name" validate:"max=200,line"`
	ICO  string `json:"ico" validate:"omitempty,ico"`
}

// NeedsInput is what the person needs to take part.
type NeedsInput struct {
	Wheelchair    bool   `json:"wheelchair"`
	SignLanguage  bool   `json:"signLanguage"`
	InductionLoop bool   `json:"inductionLoop"`
	EasyRead      bool   `json:"easyRead"`
	Assistant     bool   `json:"assistant"`
	Other         string `json:"other" validate:"max=500,text"`
}

// ConsentInput is the privacy consent.
type ConsentInput struct {
	Accepted      bool   `json:"accepted"`
	NoticeVersion string `json:"noticeVersion" validate:"required,max=32"`
}

// Answer lengths.
const (
	maxShortAnswer = 200
	maxLongAnswer  = 1000
)

// CheckFields reports the rules the body breaks on its own, without the
// event (httpapi.FieldChecker).
func (in *RegistrationInput) CheckFields() error {
	_, err := in.validate(nil)
	return err
}

// Validate normalises the input and validates it against the event: every
// broken rule at once.
func (in *RegistrationInput) Validate(e Event) (i18n.Lang, error) { return in.validate(&e) }

func (in *RegistrationInput) validate(e *Event) (i18n.Lang, error) {
	for _, s := range []*string{&in.Contact.Name, &in.Contact.Email, &in.Contact.Phone, &in.Organisation.Name,
		&in.Organisation.ICO, &in.TargetGroup, &in.JobRole, &in.Region, &in.Seat, &in.Needs.Other, &in.Language} {
		*s = strings.TrimSpace(*s)
	}
	in.Organisation.ICO = strings.ReplaceAll(in.Organisation.ICO, " ", "")
	in.Region = strings.ToUpper(in.Region)

	var fields []apperr.FieldError
	if err := validation.Struct(in); err != nil {
		ae, ok := apperr.As(err)
		if !ok {
			return "", err
		}
		fields = append(fields, ae.Fields...)
	}
	if programme.TargetGroup(in.TargetGroup).NeedsOrganisation() {
		if in.Organisation.Name == "" {
			fields = append(fields, apperr.Field("organisation.name", "required"))
		}
		if in.Organisation.ICO == "" {
			fields = append(fields, apperr.Field("organisation.ico", "required"))
		}
	}
	if !in.Consent.Accepted {
		fields = append(fields, apperr.Field("consent.accepted", "consent"))
	}
	if in.Consent.NoticeVersion != "" && in.Consent.NoticeVersion != PrivacyNoticeVersion {
		fields = append(fields, apperr.Field("consent.noticeVersion", "notice_version", PrivacyNoticeVersion))
	}
	if e != nil {
		fields = append(fields, in.checkSeat(*e)...)
		fields = append(fields, checkAnswers(*e, in.Answers)...)
	}
	if len(fields) > 0 {
		return "", apperr.InvalidFields(fields...)
	}
	lang := i18n.CS
	if l, ok := i18n.Parse(in.Language); ok {
		lang = l
	}
	if phone, ok := cz.NormalizePhone(in.Contact.Phone); ok {
		in.Contact.Phone = phone
	}
	return lang, nil
}

// checkSeat picks the seat: the event's only kind when left out; a
// hybrid event needs it.
func (in *RegistrationInput) checkSeat(e Event) []apperr.FieldError {
	seats := e.Seats()
	if in.Seat == "" {
		if len(seats) > 1 {
			return []apperr.FieldError{apperr.Field("seat", "required")}
		}
		in.Seat = string(seats[0])
	}
	if !slices.Contains(seats, Seat(in.Seat)) || e.Capacity.Of(Seat(in.Seat)) <= 0 {
		return []apperr.FieldError{apperr.Field("seat", "seat_offered")}
	}
	return nil
}

// checkAnswers checks the answers against the event's questions.
func checkAnswers(e Event, answers map[string][]string) []apperr.FieldError {
	var fields []apperr.FieldError
	for _, id := range sortedIDs(answers) {
		if !slices.ContainsFunc(e.Questions, func(q Question) bool { return q.ID == id }) {
			fields = append(fields, apperr.Field("answers."+id, "unknown"))
		}
	}
	for _, q := range e.Questions {
		field := "answers." + q.ID
		vals := answers[q.ID]
		if len(vals) == 1 && strings.TrimSpace(vals[0]) == "" && q.Kind != QuestionMultiple {
			vals = nil
		}
		if len(vals) == 0 {
			if q.Required {
				fields = append(fields, apperr.Field(field, "required"))
			}
			continue
		}
		switch q.Kind {
		case QuestionShortText, QuestionLongText:
			limit, rule := maxShortAnswer, "line"
			if q.Kind == QuestionLongText {
				limit, rule = maxLongAnswer, "text"
			}
			switch {
			case len(vals) != 1:
				fields = append(fields, apperr.Field(field, "invalid"))
			case utf8.RuneCountInString(vals[0]) > limit:
				fields = append(fields, apperr.Field(field, "max", strconv.Itoa(limit)))
			case (rule == "line" && !validation.IsLine(vals[0])) || (rule == "text" && !validation.IsText(vals[0])):
				fields = append(fields, apperr.Field(field, rule))
			}
		case QuestionYesNo:
			if len(vals) != 1 || (vals[0] != "yes" && vals[0] != "no") {
				fields = append(fields, apperr.Field(field, "oneof", "yes no"))
			}
		case QuestionSingle, QuestionMultiple:
			if q.Kind == QuestionSingle && len(vals) != 1 {
				fields = append(fields, apperr.Field(field, "invalid"))
				continue
			}
			seen := map[string]bool{}
			for _, v := range vals {
				n, err := strconv.Atoi(v)
				if err != nil || n < 0 || n >= len(q.Options) || strconv.Itoa(n) != v || seen[v] {
					fields = append(fields, apperr.Field(field, "invalid"))
					break
				}
				seen[v] = true
			}
		}
	}
	return fields
}

func sortedIDs(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Registered is the result of a registration.
type Registered struct {
	Registration Registration
	Event        Event
	Token        string // the manage token: shown once
	Replayed     bool
}

// PublicEvent reads an event the public may see: published, cancelled or
// held (never a draft).
func (s *Service) PublicEvent(ctx context.Context, id string) (Event, error) {
	e, err := s.Store.GetEvent(ctx, id)
	if err != nil {
		return Event{}, err
	}
	if e.Status == EventDraft {
		return Event{}, apperr.New(apperr.NotFound, ReasonEventNotFound)
	}
	return e, nil
}

// Trace is what one registration cost in rounds: how many seat and
// waiting-list transactions it sent and why the failed ones failed.
// Benchmarks read it through Observe; it names no person.
type Trace struct {
	RegistrationID string
	Status         RegistrationStatus
	SeatTx, WaitTx int            // transactions sent
	Retries        int            // contention retries inside them (dynamo.Transact)
	AheadTook      time.Duration  // reading the place in the waiting list
	Conflicts      map[string]int // failed transactions by reason
}

// Observe, when set, is called once for every registration the service
// writes (the rush benchmark, infra/local; nil otherwise). It must be set
// before the service runs and not changed while it does.
var Observe func(Trace)

// maxAttempts bounds the rounds of a registration between the seat and
// the waiting list (each round loses only to a concurrent change).
const maxAttempts = 8

// Register registers a person for an event: confirmed when a seat is free,
// otherwise waitlisted in the server's acceptance order. With an
// idempotency key a retry returns the first result.
func (s *Service) Register(ctx context.Context, eventID string, in RegistrationInput, key *idempotency.Key) (Registered, error) {
	return idempotency.Run(ctx, s.Store, key, s.Clock.Now,
		func() (Registered, error) { return s.register(ctx, eventID, in, key) },
		func(rec idempotency.Record) (Registered, error) { return s.replayRegister(ctx, key, rec) })
}

func (s *Service) register(ctx context.Context, eventID string, in RegistrationInput, key *idempotency.Key) (Registered, error) {
	if _, err := in.validate(nil); err != nil {
		return Registered{}, err
	}
	e, err := s.PublicEvent(ctx, eventID)
	if err != nil {
		return Registered{}, err
	}
	lang, err := in.Validate(e)
	if err != nil {
		return Registered{}, err
	}
	if len(s.EmailKey) == 0 {
		return Registered{}, apperr.Wrap(apperr.Internal, "internal", fmt.Errorf("workshops: no e-mail key"))
	}
	now := s.Clock.Now()
	if !e.RegistrationOpen(now) {
		return Registered{}, apperr.New(apperr.Conflict, ReasonRegistrationClosed)
	}
	token := ids.NewToken()
	base := Registration{
		ID: s.IDs.NewID(), EventID: e.ID, Seat: Seat(in.Seat),
		Contact: Contact{Name: in.Contact.Name, Email: in.Contact.Email, Phone: in.Contact.Phone},
		Org:     Organisation{Name: in.Organisation.Name, ICO: in.Organisation.ICO},
		JobRole: in.JobRole, Region: in.Region, TargetGroup: programme.TargetGroup(in.TargetGroup),
		Answers:   cleanAnswers(in.Answers),
		Needs:     Needs(in.Needs),
		ConsentAt: now, ConsentVer: in.Consent.NoticeVersion, Lang: lang,
		TokenHash: ids.HashToken(token),
		EmailHash: EmailHash(s.EmailKey, in.Contact.Email),
		Version:   1, CreatedAt: now, UpdatedAt: now,
	}
	var idem *idempotency.Record
	if key != nil {
		rec := key.Record(http.StatusCreated, base.ID, token, now)
		idem = &rec
		base.IdempotencyKeys = []string{key.Hash()}
	}
	link := ManageURL(s.BaseURL, base.ID, token)
	// The per-person limit: a hold of the address, picked from a read; the
	// transaction's condition decides, and a hold taken meanwhile by
	// another registration of the same address makes it pick again.
	var hold *Hold
	holdAttempts := 0
	pickHold := func() error {
		if s.Limits.PerPerson <= 0 {
			return nil
		}
		holdAttempts++
		if holdAttempts > s.Limits.HoldAttempts() {
			return &apperr.Error{Code: apperr.Unavailable, Reason: "busy", RetryAfter: 2 * time.Second}
		}
		h, err := PickLimitHold(ctx, s.Store, base.EmailHash, s.Limits, now)
		if err != nil {
			return err
		}
		hold = &h
		return nil
	}
	if err := pickHold(); err != nil {
		return Registered{}, err
	}
	trace := Trace{RegistrationID: base.ID}
	if Observe != nil {
		ctx = dynamo.CountRetries(ctx, &trace.Retries)
	}
	done := func(r Registered) (Registered, error) {
		if Observe != nil {
			trace.Status = r.Registration.Status
			Observe(trace)
		}
		return r, nil
	}
	conflict := func(err error) {
		if Observe == nil {
			return
		}
		if trace.Conflicts == nil {
			trace.Conflicts = map[string]int{}
		}
		reason := "other"
		if ae, ok := apperr.As(err); ok {
			reason = ae.Reason
		}
		trace.Conflicts[reason]++
	}
	for attempt := 1; attempt <= maxAttempts+s.Limits.HoldAttempts(); attempt++ {
		capacity := e.Capacity.Of(base.Seat)
		// A seat, while nobody waits for one. The counters read first only
		// spare a transaction bound to fail when the event is full; the
		// transaction's conditions decide.
		counts, err := s.Store.Seats(ctx, e.ID)
		if err != nil {
			return Registered{}, err
		}
		if c := counts[base.Seat]; c.Taken < capacity && c.Waiting <= 0 {
			r := base
			r.Status = RegConfirmed
			w := RegistrationWrite{
				EventID: e.ID, EventVersion: e.Version,
				Changes: []Change{{Reg: r, ClaimEmail: true, Org: 1, OrgMax: e.OrgLimit, Hold: hold, HoldUntil: e.End()}},
				Seat:    r.Seat, SeatDelta: 1, Capacity: capacity, NoWaiters: true,
				Idempotency: idem,
			}
			w.Mail = s.mail(MailConfirmed, e, &w.Changes[0].Reg, link, now)
			trace.SeatTx++
			err := s.Store.WriteRegistrations(ctx, w)
			if err == nil {
				return done(Registered{Registration: w.Changes[0].Reg, Event: e, Token: token})
			}
			conflict(err)
			switch {
			case apperr.Is(err, apperr.Conflict, ReasonEventChanged):
				if e, err = s.reloadOpen(ctx, e.ID); err != nil {
					return Registered{}, err
				}
				continue
			case apperr.Is(err, apperr.Conflict, ReasonLimitHoldTaken):
				if err := pickHold(); err != nil {
					return Registered{}, err
				}
				continue
			case !apperr.Is(err, apperr.Conflict, ReasonSeatsFull) && !apperr.Is(err, apperr.Conflict, ReasonWaiters):
				return Registered{}, err
			}
		}

		// Full (or people wait): the waiting list, in the order of the
		// tickets the server hands out.
		ticket, err := s.Store.NextTicket(ctx, e.ID, base.Seat)
		if err != nil {
			return Registered{}, err
		}
		r := base
		r.Status, r.Queue = RegWaitlisted, QueueKey(ticket)
		w := RegistrationWrite{
			EventID: e.ID, EventVersion: e.Version,
			Changes: []Change{{Reg: r, ClaimEmail: true, Org: 1, OrgMax: e.OrgLimit, JoinWaitlist: true, Hold: hold, HoldUntil: e.End()}},
			Seat:    r.Seat, FullSeats: true, Capacity: capacity,
			Idempotency: idem,
		}
		// The place in the list, for the answer and the e-mail: those
		// already in it, read from the waiting counter just after the
		// ticket (everyone in it then holds an earlier ticket, but for one
		// that took a later ticket and was written in between, hence the
		// bound; a registration with an earlier ticket still being written
		// will be ahead too; the manage page shows the current place). Two
		// counter items, not a counting Query of the whole list: in the
		// rush that Query was half of DynamoDB Local's time per
		// registration (docs/benchmarks.md, "Workshops").
		t0 := time.Now()
		after, err := s.Store.Seats(ctx, e.ID)
		if err != nil {
			return Registered{}, err
		}
		ahead := min(max(after[r.Seat].Waiting, 0), int(ticket-1))
		trace.AheadTook += time.Since(t0)
		w.Changes[0].Reg.Position = ahead + 1
		w.Mail = s.mail(MailWaitlisted, e, &w.Changes[0].Reg, link, now)
		trace.WaitTx++
		err = s.Store.WriteRegistrations(ctx, w)
		if err == nil {
			return done(Registered{Registration: w.Changes[0].Reg, Event: e, Token: token})
		}
		conflict(err)
		switch {
		case apperr.Is(err, apperr.Conflict, ReasonEventChanged):
			if e, err = s.reloadOpen(ctx, e.ID); err != nil {
				return Registered{}, err
			}
		case apperr.Is(err, apperr.Conflict, ReasonLimitHoldTaken):
			if err := pickHold(); err != nil {
				return Registered{}, err
			}
		case apperr.Is(err, apperr.Conflict, ReasonSeatFree):
			// A seat freed meanwhile: offer free seats to whoever waits,
			// then try again.
			if err := s.fill(ctx, e, base.Seat); err != nil {
				return Registered{}, err
			}
		default:
			return Registered{}, err
		}
	}
	return Registered{}, &apperr.Error{Code: apperr.Unavailable, Reason: "busy", RetryAfter: 2 * time.Second}
}

// QueueKey renders a waiting-list ticket so that keys sort as numbers.
func QueueKey(ticket int64) string { return fmt.Sprintf("%012d", ticket) }

func (s *Service) reloadOpen(ctx context.Context, id string) (Event, error) {
	e, err := s.PublicEvent(ctx, id)
	if err != nil {
		return Event{}, err
	}
	if !e.RegistrationOpen(s.Clock.Now()) {
		return Event{}, apperr.New(apperr.Conflict, ReasonRegistrationClosed)
	}
	return e, nil
}

func cleanAnswers(in map[string][]string) map[string][]string {
	out := map[string][]string{}
	for k, v := range in {
		var vals []string
		for _, x := range v {
			if x = strings.TrimSpace(x); x != "" {
				vals = append(vals, x)
			}
		}
		if len(vals) > 0 {
			out[k] = vals
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// replayRegister answers a retried registration from its record.
func (s *Service) replayRegister(ctx context.Context, key *idempotency.Key, rec idempotency.Record) (Registered, error) {
	r, err := s.Store.GetRegistration(ctx, rec.ResourceID)
	if err != nil {
		return Registered{}, err
	}
	token, err := key.Open(rec)
	if err != nil {
		return Registered{}, err
	}
	e, err := s.Store.GetEvent(ctx, r.EventID)
	if err != nil {
		return Registered{}, err
	}
	s.position(ctx, &r)
	return Registered{Registration: r, Event: e, Token: token, Replayed: true}, nil
}

// position fills in a waitlisted registration's place in the list.
func (s *Service) position(ctx context.Context, r *Registration) {
	if r.Status != RegWaitlisted {
		return
	}
	if n, err := s.Store.WaitingAhead(ctx, r.EventID, r.Seat, r.Queue); err == nil {
		r.Position = n + 1
	}
}
