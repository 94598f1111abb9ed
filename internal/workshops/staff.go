package workshops

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/validation"
)

func validateStruct(v any) error { return validation.Struct(v) }

// Reasons of the staff side of events (event_not_found, event_changed and
// registration_not_found are the capability's, in store.go).
const (
	ReasonEventStatus     apperr.Reason = "event_status"               // Conflict: not allowed in the event's status
	ReasonEventNotStarted apperr.Reason = "event_not_started"          // Conflict: marked held before it began
	ReasonNotCheckable    apperr.Reason = "registration_not_checkable" // Conflict: cancelled, waitlisted, …
	ReasonNotOnTheDay     apperr.Reason = "walk_in_not_on_the_day"     // Conflict: a walk-in on another day
	ReasonCheckInTooEarly apperr.Reason = "checkin_before_the_day"     // Conflict: a check-in before the event's first day
	// ReasonCapacityBelowTaken: a published event's seats of a kind set
	// below the seats taken (confirmed and held for offers); a condition
	// on the seat counter in the event's transaction (Conflict).
	ReasonCapacityBelowTaken apperr.Reason = "capacity_below_taken"
)

// StaffStore is what the staff side of events needs from storage.
type StaffStore interface {
	// CreateEvent stores a new event; a taken id is a Conflict.
	CreateEvent(ctx context.Context, e Event) error
	// GetEvent returns an event or a NotFound error (ReasonEventNotFound).
	GetEvent(ctx context.Context, id string) (Event, error)
	// ListEvents returns the events of every status starting in
	// [from, to) (staff see drafts and past events too).
	ListEvents(ctx context.Context, from, to time.Time) ([]Event, error)
	// UpdateEvent replaces prev by next if prev is still the stored version
	// (ReasonEventChanged otherwise) and, for a published event, no seat
	// kind has more seats taken than next gives it
	// (ReasonCapacityBelowTaken), and queues mails: in the same
	// transaction while it fits, else after it, idempotently by item id.
	UpdateEvent(ctx context.Context, next, prev Event, mails []outbox.Item) error
	// Registrations lists an event's registrations, in the order they
	// were accepted.
	Registrations(ctx context.Context, eventID string) ([]Registration, error)
	// CancelRegistration cancels one registration because its event was
	// cancelled: it frees its seat (a confirmed or offered one) and queues
	// its e-mail, in one transaction, if the registration is still at prev.
	CancelRegistration(ctx context.Context, e Event, next, prev Registration, mail *outbox.Item) error
	// GetRegistration reads a registration (NotFound
	// registration_not_found).
	GetRegistration(ctx context.Context, id string) (Registration, error)
	// PutRegistration writes r if the stored one is at prevVersion (0: it
	// must not exist yet; Conflict registration_changed otherwise). It
	// touches no seat counter.
	PutRegistration(ctx context.Context, r Registration, prevVersion int) error
	// Seats reads an event's seat counts, per seat kind.
	Seats(ctx context.Context, eventID string) (map[Seat]SeatCount, error)
	// PutAudit records an export of personal data.
	PutAudit(ctx context.Context, a Audit) error
	// QueueMail queues e-mails that go with no other change: in one
	// transaction while they fit, else one by one; an item already queued
	// is skipped.
	QueueMail(ctx context.Context, mails []outbox.Item) error
}

// StaffMail builds the e-mails a change or a cancellation of an event
// sends to a registrant (workshopmail's templates).
type StaffMail interface {
	EventChanged(e Event, r Registration, now time.Time) (outbox.Item, error)
	EventCancelled(e Event, r Registration, now time.Time) (outbox.Item, error)
	// Certificate is the e-mail with an attendee's certificate of
	// attendance, the PDF attached if attach (certmail.go).
	Certificate(e Event, r Registration, attach bool, now time.Time) (outbox.Item, error)
	// CertificateFile renders an attendee's certificate of attendance,
	// the same document the e-mail attaches, and names its file.
	CertificateFile(e Event, r Registration) (pdf []byte, filename string, err error)
}

// CheckinCodes opens the signed check-in code of a confirmation's QR code.
type CheckinCodes interface {
	// Open returns the event and registration a code was made for, or
	// false for a code that is not ours (forged, damaged).
	Open(code string) (eventID, regID string, ok bool)
}

// Staff is the staff side of events: organisers manage the events they
// own, admins every event.
type Staff struct {
	Store StaffStore
	Clock clock.Clock
	IDs   ids.Generator
	Mail  StaffMail
	Codes CheckinCodes
	// Fill offers an event's free seats to the people waiting for them
	// (Service.Fill), after its capacity was raised; nil offers none.
	Fill func(ctx context.Context, eventID string) error
	// GiveSeat gives a waitlisted or offered registration of a published
	// event a seat (Service.Promote); nil refuses every promotion.
	GiveSeat func(ctx context.Context, e Event, regID string) (Registration, error)
}

// AuditRetention is how long the record of an export of personal data is
// kept: the controller must be able to show who took which personal data
// out of Brána (GDPR art. 5(2)) for as long as a data subject may ask, and
// the programme keeps its records five years.
const AuditRetention = 5 * 365 * 24 * time.Hour

// Audit is the record of one export of personal data: who, when, what
// (the event), in which format, how many people.
type Audit struct {
	ID        string
	Subject   string // the staff member
	Action    string // "export"
	EventID   string
	Format    string // csv, xlsx, attendance_sheet
	Count     int    // registrations in it
	At        time.Time
	ExpiresAt time.Time
}

// mayManage reports whether p manages e: an admin every event, an
// organiser those it owns.
func mayManage(p auth.Principal, e Event) bool {
	return p.IsAdmin() || (p.In(auth.GroupOrganiser) && e.Owner == p.Subject)
}

func forbidden() error { return apperr.New(apperr.Forbidden, "forbidden") }

// ownerOf is the owner an event gets from in: the one named, which only an
// admin may name (an organiser may only name itself), or else current.
func ownerOf(p auth.Principal, in EventInput, current string) (string, error) {
	switch {
	case in.Owner == "" || in.Owner == current:
		return current, nil
	case p.IsAdmin() || in.Owner == p.Subject && current == p.Subject:
		return in.Owner, nil
	}
	return "", apperr.InvalidFields(apperr.Field("owner", "owner_admin"))
}

// event reads an event the caller manages.
func (s *Staff) event(ctx context.Context, p auth.Principal, id string) (Event, error) {
	if !p.IsAdmin() && !p.In(auth.GroupOrganiser) {
		return Event{}, forbidden()
	}
	e, err := s.Store.GetEvent(ctx, id)
	if err != nil {
		return Event{}, err
	}
	if !mayManage(p, e) {
		return Event{}, forbidden()
	}
	return e, nil
}

// CreateEvent adds a draft event owned by the caller.
func (s *Staff) CreateEvent(ctx context.Context, p auth.Principal, in EventInput) (Event, error) {
	if !p.IsAdmin() && !p.In(auth.GroupOrganiser) {
		return Event{}, forbidden()
	}
	now := s.Clock.Now()
	if err := in.Normalise(now); err != nil {
		return Event{}, err
	}
	owner, err := ownerOf(p, in, p.Subject)
	if err != nil {
		return Event{}, err
	}
	e := Event{ID: s.IDs.NewID(), Owner: owner, Status: EventDraft, Version: 1, CreatedAt: now, UpdatedAt: now}
	in.Apply(&e)
	if err := s.Store.CreateEvent(ctx, e); err != nil {
		return Event{}, err
	}
	return e, nil
}

// ListEvents lists the events the caller manages that start in
// [from, to), soonest first.
func (s *Staff) ListEvents(ctx context.Context, p auth.Principal, from, to time.Time) ([]Event, error) {
	if !p.IsAdmin() && !p.In(auth.GroupOrganiser) {
		return nil, forbidden()
	}
	all, err := s.Store.ListEvents(ctx, from, to)
	if err != nil {
		return nil, err
	}
	out := slices.DeleteFunc(all, func(e Event) bool { return !mayManage(p, e) })
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start().Before(out[j].Start()) })
	return out, nil
}

// Seats reads the seats taken and the people waiting of an event already
// read for the caller (Event, ListEvents), per seat kind.
func (s *Staff) Seats(ctx context.Context, eventID string) (map[Seat]SeatCount, error) {
	return s.Store.Seats(ctx, eventID)
}

// Event returns one event the caller manages.
func (s *Staff) Event(ctx context.Context, p auth.Principal, id string) (Event, error) {
	return s.event(ctx, p, id)
}

// UpdateEvent replaces a draft or published event's details. A change of
// a published event's time or place raises its SEQUENCE and tells every
// registrant still taking part (confirmed, waitlisted, offered).
func (s *Staff) UpdateEvent(ctx context.Context, p auth.Principal, id string, in EventInput) (Event, error) {
	prev, err := s.event(ctx, p, id)
	if err != nil {
		return Event{}, err
	}
	if prev.Status != EventDraft && prev.Status != EventPublished {
		return Event{}, statusConflict()
	}
	if in.Version != 0 && in.Version != prev.Version {
		return Event{}, apperr.New(apperr.Conflict, ReasonEventChanged)
	}
	now := s.Clock.Now()
	if err := in.Normalise(now); err != nil {
		return Event{}, err
	}
	next := prev
	in.Apply(&next)
	if next.Owner, err = ownerOf(p, in, prev.Owner); err != nil {
		return Event{}, err
	}
	next.Version = prev.Version + 1
	next.UpdatedAt = now
	var mails []outbox.Item
	if prev.Status == EventPublished && TimeOrPlaceChanged(prev, next) {
		next.Sequence = prev.Sequence + 1
		regs, err := s.Store.Registrations(ctx, id)
		if err != nil {
			return Event{}, err
		}
		for _, r := range regs {
			if !Notified(r.Status) || !r.ErasedAt.IsZero() {
				continue // nobody to tell, or no address left
			}
			it, err := s.Mail.EventChanged(next, r, now)
			if err != nil {
				return Event{}, err
			}
			mails = append(mails, it)
		}
	}
	if err := s.Store.UpdateEvent(ctx, next, prev, mails); err != nil {
		return Event{}, err
	}
	if next.Status == EventPublished && s.Fill != nil && CapacityRaised(prev, next) {
		if err := s.Fill(ctx, next.ID); err != nil {
			return Event{}, err
		}
	}
	return next, nil
}

// CapacityRaised reports whether next has more seats of some kind than
// prev: free seats the waiting list may now be offered.
func CapacityRaised(prev, next Event) bool {
	for _, seat := range next.Seats() {
		if SeatCapacity(next, seat) > SeatCapacity(prev, seat) {
			return true
		}
	}
	return false
}

// SeatCapacity is e's seats of a kind: its capacity when its mode has that
// kind, otherwise none.
func SeatCapacity(e Event, seat Seat) int {
	if !slices.Contains(e.Seats(), seat) {
		return 0
	}
	return e.Capacity.Of(seat)
}

// Notified reports whether a registrant in status st is told about a
// change or a cancellation of the event: everyone still taking part or
// waiting for a seat.
func Notified(st RegistrationStatus) bool {
	return st == RegConfirmed || st == RegWaitlisted || st == RegOffered
}

// Transition is a change of an event's status.
type Transition string

const (
	Publish  Transition = "publish"
	Cancel   Transition = "cancel"
	MarkHeld Transition = "held"
)

// NextStatus returns the status a transition leads to from st, or a
// Conflict (ReasonEventStatus): draft → published → cancelled | held.
func NextStatus(st EventStatus, t Transition) (EventStatus, error) {
	switch {
	case t == Publish && st == EventDraft:
		return EventPublished, nil
	case t == Cancel && st == EventPublished:
		return EventCancelled, nil
	case t == MarkHeld && st == EventPublished:
		return EventHeld, nil
	}
	return "", statusConflict()
}

func statusConflict() error {
	return apperr.New(apperr.Conflict, ReasonEventStatus)
}

// Publish makes a draft event public.
func (s *Staff) Publish(ctx context.Context, p auth.Principal, id string) (Event, error) {
	return s.transition(ctx, p, id, Publish)
}

// Cancel cancels a published event: every registration still taking part
// or waiting is cancelled, its seat freed and its holder told. Calling it
// again on a cancelled event finishes what an interrupted call left.
func (s *Staff) Cancel(ctx context.Context, p auth.Principal, id string) (Event, error) {
	e, err := s.event(ctx, p, id)
	if err != nil {
		return Event{}, err
	}
	if e.Status != EventCancelled {
		if e, err = s.transition(ctx, p, id, Cancel); err != nil {
			return Event{}, err
		}
	}
	regs, err := s.Store.Registrations(ctx, id)
	if err != nil {
		return Event{}, err
	}
	now := s.Clock.Now()
	for _, r := range regs {
		if err := s.cancelForEvent(ctx, e, r, now); err != nil {
			return Event{}, err
		}
	}
	return e, nil
}

// cancelForEvent cancels one registration of a cancelled event with its
// e-mail, freeing its seat. A registration changed meanwhile (the person
// cancelled, an offer moved on) is read again once and cancelled from its
// new state if it still takes part.
func (s *Staff) cancelForEvent(ctx context.Context, e Event, r Registration, now time.Time) error {
	for attempt := 0; ; attempt++ {
		if !Notified(r.Status) {
			return nil
		}
		next := r
		next.Status, next.CancelledAt, next.UpdatedAt, next.Version = RegCancelled, now, now, r.Version+1
		next.OfferExpires = time.Time{}
		var mail *outbox.Item
		if r.ErasedAt.IsZero() { // an erased registration has no address left
			it, err := s.Mail.EventCancelled(e, r, now)
			if err != nil {
				return err
			}
			next.Mail = append(slices.Clone(r.Mail), it.ID)
			mail = &it
		}
		err := s.Store.CancelRegistration(ctx, e, next, r, mail)
		if err == nil || !apperr.Is(err, apperr.Conflict, ReasonRegistrationChanged) || attempt > 0 {
			return err
		}
		if r, err = s.Store.GetRegistration(ctx, r.ID); err != nil {
			return err
		}
	}
}

// MarkHeld records that a published event took place (once it has
// begun), marks every confirmed registration not checked in a no-show and
// e-mails every attendee the certificate of attendance.
// Calling it again on a held event finishes what an interrupted call left.
func (s *Staff) MarkHeld(ctx context.Context, p auth.Principal, id string) (Event, error) {
	e, err := s.event(ctx, p, id)
	if err != nil {
		return Event{}, err
	}
	now := s.Clock.Now()
	if e.Status != EventHeld {
		if e.Status == EventPublished && now.Before(e.Start()) {
			return Event{}, apperr.New(apperr.Conflict, ReasonEventNotStarted)
		}
		if e, err = s.transition(ctx, p, id, MarkHeld); err != nil {
			return Event{}, err
		}
	}
	if err := s.MarkNoShows(ctx, e, now); err != nil {
		return Event{}, err
	}
	return e, s.SendCertificates(ctx, e, now)
}

// MarkNoShows moves every confirmed registration of a held event that was
// not checked in to no_show.
func (s *Staff) MarkNoShows(ctx context.Context, e Event, now time.Time) error {
	regs, err := s.Store.Registrations(ctx, e.ID)
	if err != nil {
		return err
	}
	for _, r := range regs {
		if r.Status != RegConfirmed || !r.CheckedInAt.IsZero() {
			continue
		}
		next := r
		next.Status, next.UpdatedAt, next.Version = RegNoShow, now, r.Version+1
		err := s.Store.PutRegistration(ctx, next, r.Version)
		if apperr.Is(err, apperr.Conflict, ReasonRegistrationChanged) {
			continue // checked in or cancelled meanwhile: not a no-show now
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Staff) transition(ctx context.Context, p auth.Principal, id string, t Transition) (Event, error) {
	prev, err := s.event(ctx, p, id)
	if err != nil {
		return Event{}, err
	}
	st, err := NextStatus(prev.Status, t)
	if err != nil {
		return Event{}, err
	}
	now := s.Clock.Now()
	if t == Publish && !prev.Start().After(now) {
		return Event{}, apperr.InvalidFields(apperr.Field("sessions[0].start", "future"))
	}
	next := prev
	next.Status = st
	next.Version = prev.Version + 1
	next.UpdatedAt = now
	if t == Cancel {
		next.Sequence = prev.Sequence + 1 // the calendar's cancellation
	}
	if err := s.Store.UpdateEvent(ctx, next, prev, nil); err != nil {
		return Event{}, err
	}
	return next, nil
}

// Registrations lists an event's registrations for staff.
func (s *Staff) Registrations(ctx context.Context, p auth.Principal, id string) (Event, []Registration, error) {
	e, err := s.event(ctx, p, id)
	if err != nil {
		return Event{}, nil, err
	}
	regs, err := s.Store.Registrations(ctx, id)
	if err != nil {
		return Event{}, nil, err
	}
	for i := range regs {
		regs[i] = ForStaff(regs[i])
	}
	WaitingPositions(regs)
	return e, regs, nil
}

// WaitingPositions numbers the waitlisted registrations of each seat kind
// in their waiting list's order (first in, first out; 1 = next), as read
// with the list: the organiser sees who is next.
func WaitingPositions(regs []Registration) {
	bySeat := map[Seat][]int{}
	for i, r := range regs {
		if r.Status == RegWaitlisted {
			bySeat[r.Seat] = append(bySeat[r.Seat], i)
		}
	}
	for _, idx := range bySeat {
		sort.SliceStable(idx, func(a, b int) bool { return regs[idx[a]].Queue < regs[idx[b]].Queue })
		for n, i := range idx {
			regs[i].Position = n + 1
		}
	}
}

// Promote moves a registration of a published event the caller manages
// from the waiting list to a seat (Service.Promote): only while a seat is
// free; a registration with a seat already is answered as it is.
func (s *Staff) Promote(ctx context.Context, p auth.Principal, eventID, regID string) (Registration, error) {
	e, err := s.event(ctx, p, eventID)
	if err != nil {
		return Registration{}, err
	}
	if e.Status != EventPublished {
		return Registration{}, statusConflict()
	}
	if s.GiveSeat == nil {
		return Registration{}, apperr.Wrap(apperr.Internal, "internal", errNoPromote)
	}
	r, err := s.GiveSeat(ctx, e, regID)
	if err != nil {
		return Registration{}, err
	}
	return ForStaff(r), nil
}

var errNoPromote = errors.New("workshops: staff without a promotion")

// ReasonCertificateNotReady: a certificate asked for a registration not
// checked in, or of an event that certifies no attendance (a draft or
// cancelled one) (Conflict; the public download's reason too).
const ReasonCertificateNotReady apperr.Reason = "certificate_not_ready"

// Certificate returns the certificate of attendance of an attendee of an
// event the caller manages (checked in, walk-ins too, not erased), as the
// e-mail of a held event attaches it: for an attendee who lost the e-mail.
// It holds personal data, so it is recorded as an export is.
func (s *Staff) Certificate(ctx context.Context, p auth.Principal, eventID, regID string) ([]byte, string, error) {
	e, err := s.event(ctx, p, eventID)
	if err != nil {
		return nil, "", err
	}
	r, err := s.Store.GetRegistration(ctx, regID)
	if err != nil {
		return nil, "", err
	}
	if r.EventID != eventID {
		return nil, "", apperr.New(apperr.NotFound, ReasonRegistrationNotFound)
	}
	if !r.Certified() || !e.CertifiesAttendance() {
		return nil, "", apperr.New(apperr.Conflict, ReasonCertificateNotReady)
	}
	now := s.Clock.Now()
	a := Audit{
		ID: s.IDs.NewID(), Subject: p.Subject, Action: "export", EventID: eventID, Format: string(ExportCertificate),
		Count: 1, At: now, ExpiresAt: now.Add(AuditRetention),
	}
	if err := s.Store.PutAudit(ctx, a); err != nil {
		return nil, "", err
	}
	return s.Mail.CertificateFile(e, r)
}

// ForStaff is a registration as staff may see it: without the manage
// token's hash and without the key to the ESF+ participant data, which
// never reaches a staff list or an export.
func ForStaff(r Registration) Registration {
	r.TokenHash = nil
	r.EsfKey = ""
	return r
}

// CheckInInput names whom to check in: a registration id, or the signed
// code of the confirmation's QR code.
type CheckInInput struct {
	RegistrationID string `json:"registrationId" validate:"required_without=Code,excluded_with=Code,max=64"`
	Code           string `json:"code" validate:"required_without=RegistrationID,max=512"`
}

// CheckIn checks a registrant in. Checking in someone already checked in
// changes nothing and answers the registration as it is.
func (s *Staff) CheckIn(ctx context.Context, p auth.Principal, id string, in CheckInInput) (Registration, error) {
	in.RegistrationID, in.Code = strings.TrimSpace(in.RegistrationID), strings.TrimSpace(in.Code)
	if err := validateStruct(&in); err != nil {
		return Registration{}, err
	}
	e, err := s.event(ctx, p, id)
	if err != nil {
		return Registration{}, err
	}
	if e.Status != EventPublished && e.Status != EventHeld {
		return Registration{}, statusConflict()
	}
	// Nobody attends before the event's first day: a check-in earns a
	// certificate of attendance and counts for the ESF+ statistics.
	if cz.DateOf(s.Clock.Now()).Before(cz.DateOf(e.Start())) {
		return Registration{}, apperr.New(apperr.Conflict, ReasonCheckInTooEarly)
	}
	regID := in.RegistrationID
	if in.Code != "" {
		evID, rid, ok := s.Codes.Open(in.Code)
		if !ok {
			return Registration{}, apperr.InvalidFields(apperr.Field("code", "checkin_code"))
		}
		if evID != id {
			return Registration{}, apperr.InvalidFields(apperr.Field("code", "checkin_event"))
		}
		regID = rid
	}
	for attempt := 0; ; attempt++ {
		r, err := s.Store.GetRegistration(ctx, regID)
		if err != nil {
			return Registration{}, err
		}
		if r.EventID != id {
			return Registration{}, apperr.New(apperr.NotFound, ReasonRegistrationNotFound)
		}
		next, changed, err := CheckedIn(r, s.Clock.Now())
		if err != nil || !changed {
			return ForStaff(r), err
		}
		err = s.Store.PutRegistration(ctx, next, r.Version)
		if err == nil {
			return ForStaff(next), nil
		}
		// Checked in (or changed) meanwhile by another scan: read again,
		// once; the condition decided, so nothing happens twice.
		if !apperr.Is(err, apperr.Conflict, ReasonRegistrationChanged) || attempt > 0 {
			return Registration{}, err
		}
	}
}

// CheckedIn returns r checked in at now and whether that changes it: a
// registration checked in already stays as it is; a confirmed, offered
// (the offer taken at the door) or no-show one (a late correction) is
// checked in; any other is a Conflict (registration_not_checkable).
func CheckedIn(r Registration, now time.Time) (Registration, bool, error) {
	switch r.Status {
	case RegAttended:
		return r, false, nil
	case RegConfirmed, RegOffered, RegNoShow:
		next := r
		next.Status, next.CheckedInAt, next.UpdatedAt, next.Version = RegAttended, now, now, r.Version+1
		next.OfferExpires = time.Time{}
		return next, true, nil
	}
	return r, false, apperr.New(apperr.Conflict, ReasonNotCheckable)
}

// WalkInInput is a person added on the day.
type WalkInInput struct {
	Name  string `json:"name" validate:"required,max=120,line"`
	Email string `json:"email" validate:"omitempty,max=254,email"`
	Org   struct {
		Name string `json:"name" validate:"max=200,line"`
		ICO  string `json:"ico" validate:"omitempty,ico"`
	} `json:"organisation"`
	Seat string `json:"seat" validate:"omitempty,oneof=in_person online"`
}

// AddWalkIn adds a person who came without a registration, on the day of
// the event, even when it is full: a walk-in takes no seat, is flagged
// and is checked in at once.
func (s *Staff) AddWalkIn(ctx context.Context, p auth.Principal, id string, in WalkInInput) (Registration, error) {
	in.Name, in.Email = strings.TrimSpace(in.Name), strings.TrimSpace(in.Email)
	in.Org.Name, in.Org.ICO = strings.TrimSpace(in.Org.Name), strings.TrimSpace(in.Org.ICO)
	if err := validateStruct(&in); err != nil {
		return Registration{}, err
	}
	e, err := s.event(ctx, p, id)
	if err != nil {
		return Registration{}, err
	}
	if e.Status != EventPublished && e.Status != EventHeld {
		return Registration{}, statusConflict()
	}
	now := s.Clock.Now()
	if !OnTheDay(e, now) {
		return Registration{}, apperr.New(apperr.Conflict, ReasonNotOnTheDay)
	}
	seat := Seat(in.Seat)
	if seat == "" {
		seat = e.Seats()[0]
	}
	if !slices.Contains(e.Seats(), seat) {
		return Registration{}, apperr.InvalidFields(apperr.Field("seat", "oneof", seatList(e)))
	}
	r := Registration{
		ID: s.IDs.NewID(), EventID: id, Seat: seat, Status: RegAttended,
		Contact: Contact{Name: in.Name, Email: in.Email}, Org: Organisation{Name: in.Org.Name, ICO: in.Org.ICO},
		WalkIn: true, CheckedInAt: now, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	if err := s.Store.PutRegistration(ctx, r, 0); err != nil {
		return Registration{}, err
	}
	return r, nil
}

func seatList(e Event) string {
	var s []string
	for _, x := range e.Seats() {
		s = append(s, string(x))
	}
	return strings.Join(s, " ")
}

// OnTheDay reports whether now falls on a Prague day of one of the
// event's sessions.
func OnTheDay(e Event, now time.Time) bool {
	today := cz.DateOf(now)
	for _, s := range e.Sessions {
		if cz.DateOf(s.Start) == today || cz.DateOf(s.End.Add(-time.Nanosecond)) == today {
			return true
		}
	}
	return false
}

// ExportFormat is a format of a registrations export.
type ExportFormat string

const (
	ExportCSV        ExportFormat = "csv"
	ExportXLSX       ExportFormat = "xlsx"
	ExportAttendance ExportFormat = "attendance_sheet"
	// ExportCertificate is one attendee's certificate of attendance.
	ExportCertificate ExportFormat = "certificate"
)

// Export returns the event and its registrations (ForStaff) for an export
// of personal data, after recording who takes them out, when, of which
// event and in which format. No record, no export.
func (s *Staff) Export(ctx context.Context, p auth.Principal, id string, f ExportFormat) (Event, []Registration, error) {
	e, regs, err := s.Registrations(ctx, p, id)
	if err != nil {
		return Event{}, nil, err
	}
	now := s.Clock.Now()
	a := Audit{
		ID: s.IDs.NewID(), Subject: p.Subject, Action: "export", EventID: id, Format: string(f),
		Count: len(regs), At: now, ExpiresAt: now.Add(AuditRetention),
	}
	if err := s.Store.PutAudit(ctx, a); err != nil {
		return Event{}, nil, err
	}
	return e, regs, nil
}
