package workshops

import (
	"context"
	"fmt"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/programme"
)

// Erasure of a registration (on request, by an admin, or by retention):
// what stays is only what the monthly reports count; what goes is the
// contact, the organisation's name (and its IČO for clients and the
// public), the job role, the answers to the custom questions, the needs,
// the language, the manage token, the e-mail uniqueness item, the limit
// hold, and the opaque key of the ESF+ answers (which then stay, joined to
// nobody).

// Fact is something an erased registration still says, for the monthly
// indicator reports. None of it names or reaches a person.
type Fact struct {
	Code string
	// Organisations: kept only for target groups that register on behalf
	// of an organisation (public administrations, providers); for anyone
	// else an IČO would be a sole trader's, which identifies a person.
	Organisations bool
	CS, EN        string // how the privacy notice names it
}

var keptFacts = []Fact{
	{Code: "event", CS: "akce, na kterou jste se registrovali, a zda jste se účastnili osobně nebo online",
		EN: "the event you registered for, and whether in person or online"},
	{Code: "status", CS: "stav registrace (potvrzená, na čekací listině, zrušená, účast nebo neúčast) a kdy se měnil",
		EN: "the status of the registration (confirmed, waiting list, cancelled, attended or not) and when it changed"},
	{Code: "walk_in", CS: "zda jste se přihlásili až na místě", EN: "whether you registered on the day"},
	{Code: "target_group", CS: "cílová skupina", EN: "the target group"},
	{Code: "region", CS: "kraj", EN: "the region"},
	{Code: "certificate", CS: "ověřovací kód vydaného potvrzení o účasti, aby potvrzení šlo dál ověřit",
		EN: "the verification code of an issued certificate of attendance, so that it can still be verified"},
	{Code: "consent", CS: "verze zásad, ke které se souhlas vztahoval, a čas souhlasu",
		EN: "the version of this notice the consent referred to, and its time"},
	{Code: "organisation_ico", Organisations: true,
		CS: "IČO organizace, jen u veřejné správy a poskytovatelů sociálních služeb, abychom mohli spočítat, kolika různým organizacím program pomohl",
		EN: "the organisation’s IČO, only for public administrations and social-service providers, so that we can count how many different organisations the programme supported"},
}

// KeptFacts lists every fact an erasure of a registration may keep, in the
// notice's order.
func KeptFacts() []Fact { return append([]Fact(nil), keptFacts...) }

// ErasureKeeps lists the codes of the facts an erasure keeps of a
// registration of target group g.
func ErasureKeeps(g programme.TargetGroup) []string {
	var out []string
	for _, f := range keptFacts {
		if !f.Organisations || g.NeedsOrganisation() {
			out = append(out, f.Code)
		}
	}
	return out
}

// KeptAfterErasure is r with nothing but the kept facts and the record's
// own bookkeeping. It is built up from what may stay, not by clearing what
// must go, so a field added to Registration later is erased unless it is
// added here (and to the notice).
func KeptAfterErasure(r Registration) Registration {
	k := Registration{
		ID: r.ID, Version: r.Version, UpdatedAt: r.UpdatedAt, Queue: r.Queue, // bookkeeping
		EventID: r.EventID, Seat: r.Seat, // event
		Status: r.Status, CreatedAt: r.CreatedAt, CancelledAt: r.CancelledAt, CheckedInAt: r.CheckedInAt, // status
		WalkIn:      r.WalkIn,
		TargetGroup: r.TargetGroup, Region: r.Region,
		Certificate: r.Certificate,
		ConsentAt:   r.ConsentAt, ConsentVer: r.ConsentVer,
	}
	if r.TargetGroup.NeedsOrganisation() { // organisation_ico
		k.Org.ICO = r.Org.ICO
	}
	return k
}

// ReasonAlreadyErased: the registration was erased before (Conflict).
const ReasonAlreadyErased apperr.Reason = "registration_already_erased"

// ReasonStillActive: the registration still holds a place (confirmed,
// waiting or offered) for an event to come; it is cancelled first
// (Conflict, never reaches a client through Eraser).
const ReasonStillActive apperr.Reason = "registration_active"

// RegistrationErasure is the write of an erasure.
type RegistrationErasure struct {
	// Registration is what stays (KeptAfterErasure), version +1.
	Registration Registration
	// Prev is the registration as read: its version guards the write, and
	// what goes with it is found from it (the e-mail's uniqueness item and
	// limit hold by EmailHash, the outbox items, the idempotency records).
	Prev Registration
}

// holdsPlace reports whether r still holds or waits for a place.
func holdsPlace(r Registration) bool {
	switch r.Status {
	case RegConfirmed, RegWaitlisted, RegOffered:
		return true
	}
	return false
}

// PlanRegistrationErasure decides the erasure of r at now. A registration
// erased before is refused with already_erased; one still active for an
// event to come must be cancelled first (the seat freed, the waiting list
// moved on), which Eraser does through the registration's own cancel.
func PlanRegistrationErasure(r Registration, e Event, now time.Time) (RegistrationErasure, error) {
	if !r.ErasedAt.IsZero() {
		return RegistrationErasure{}, apperr.New(apperr.Conflict, ReasonAlreadyErased)
	}
	if holdsPlace(r) && now.Before(e.End()) {
		return RegistrationErasure{}, apperr.New(apperr.Conflict, ReasonStillActive)
	}
	k := KeptAfterErasure(r)
	k.ErasedAt, k.UpdatedAt = now, now
	k.Version = r.Version + 1
	return RegistrationErasure{Registration: k, Prev: r}, nil
}

// ErasureStore is the storage an erasure needs.
type ErasureStore interface {
	GetRegistration(ctx context.Context, id string) (Registration, error)
	GetEvent(ctx context.Context, id string) (Event, error)
	// EraseRegistration writes w in one transaction: the kept record
	// (guarded by Prev.Version: Conflict ReasonRegistrationChanged), the
	// e-mail's uniqueness item for the event and the limit hold deleted if
	// still this registration's, its outbox items and idempotency records
	// deleted.
	EraseRegistration(ctx context.Context, w RegistrationErasure) error
}

// Eraser erases registrations: the one erase path of the admin's erasure
// and of the retention job.
type Eraser struct {
	Store ErasureStore
	// Cancel cancels an active registration as its person's own cancel
	// does (the seat freed and offered to the waiting list, the person
	// told), returning it as stored afterwards.
	Cancel func(ctx context.Context, r Registration) (Registration, error)
	Now    func() time.Time
}

// Erase erases the registration id on behalf of p (admins only).
func (x Eraser) Erase(ctx context.Context, p auth.Principal, id string) (Registration, error) {
	if !p.IsAdmin() {
		return Registration{}, apperr.New(apperr.Forbidden, "forbidden")
	}
	r, err := x.Store.GetRegistration(ctx, id)
	if err != nil {
		return Registration{}, err
	}
	return x.erase(ctx, r)
}

// eraseAttempts bounds the re-reads of a registration changed meanwhile.
const eraseAttempts = 3

func (x Eraser) erase(ctx context.Context, r Registration) (Registration, error) {
	e, err := x.Store.GetEvent(ctx, r.EventID)
	if err != nil {
		return Registration{}, fmt.Errorf("event of registration: %w", err)
	}
	for attempt := 1; ; attempt++ {
		now := x.Now()
		if holdsPlace(r) && now.Before(e.End()) {
			if x.Cancel == nil {
				return Registration{}, apperr.New(apperr.Conflict, ReasonStillActive)
			}
			if r, err = x.Cancel(ctx, r); err != nil {
				return Registration{}, err
			}
		}
		w, err := PlanRegistrationErasure(r, e, now)
		if err != nil {
			return Registration{}, err
		}
		err = x.Store.EraseRegistration(ctx, w)
		if err == nil {
			return w.Registration, nil
		}
		if !apperr.Is(err, apperr.Conflict, ReasonRegistrationChanged) || attempt >= eraseAttempts {
			return Registration{}, err
		}
		if r, err = x.Store.GetRegistration(ctx, r.ID); err != nil {
			return Registration{}, err
		}
	}
}

// ---- Retention ----

// DefaultRetentionMonths is how long after an event its registrations'
// personal data is kept unless erased sooner (WORKSHOP_RETENTION_MONTHS
// overrides it; the notice states this default): a year covers the
// certificates, the ESF+ audit of the attendance sheet and any complaint.
const DefaultRetentionMonths = 12

// MinRetentionMonths is the shortest retention the job accepts: past the
// certificates sent after the event and the no-show marking.
const MinRetentionMonths = 2

// EnvRetentionMonths names the retention job's setting.
const EnvRetentionMonths = "WORKSHOP_RETENTION_MONTHS"

// RetentionStore is what the retention job reads.
type RetentionStore interface {
	ErasureStore
	// EventsEndedBetween lists the events whose last session ended in
	// [from, to) (drafts included), without a Scan.
	EventsEndedBetween(ctx context.Context, from, to time.Time) ([]Event, error)
	// Registrations lists an event's registrations.
	Registrations(ctx context.Context, eventID string) ([]Registration, error)
}

// RetentionFirstMonth is the first month that can hold events.
var RetentionFirstMonth = cz.Date{Year: 2026, Month: time.November, Day: 1}

// RetentionRun is what one run of the retention job did: counts only.
type RetentionRun struct {
	Cutoff  cz.Date `json:"cutoff"`  // events that ended before this Prague date's start were due
	Events  int     `json:"events"`  // events read
	Checked int     `json:"checked"` // registrations read
	Erased  int     `json:"erased"`  // registrations erased by this run
	Skipped int     `json:"skipped"` // due, but changed meanwhile: the next run erases them
}

// EraseExpired erases the personal data of every registration for an event
// that ended more than months Prague calendar months ago, through the
// erase path, so the counted facts (and the ESF+ answers, joined to
// nobody) stay. It keeps no state: an erased registration is marked, so a
// second run changes nothing and a run stopped half-way is finished by the
// next.
func EraseExpired(ctx context.Context, store RetentionStore, x Eraser, months int) (RetentionRun, error) {
	if months < MinRetentionMonths {
		return RetentionRun{}, fmt.Errorf("retention of %d months: want at least %d", months, MinRetentionMonths)
	}
	now := x.Now()
	cutoff := cz.DateOf(now.In(cz.Prague).AddDate(0, -months, 0))
	run := RetentionRun{Cutoff: cutoff}
	events, err := store.EventsEndedBetween(ctx, RetentionFirstMonth.Start(), cutoff.Start())
	if err != nil {
		return run, err
	}
	for _, e := range events {
		if err := ctx.Err(); err != nil {
			return run, err
		}
		run.Events++
		regs, err := store.Registrations(ctx, e.ID)
		if err != nil {
			return run, err
		}
		run.Checked += len(regs)
		for _, r := range regs {
			if !r.ErasedAt.IsZero() {
				continue
			}
			if _, err := x.erase(ctx, r); err != nil {
				if apperr.Is(err, apperr.Conflict, ReasonRegistrationChanged) || apperr.Is(err, apperr.Conflict, ReasonAlreadyErased) {
					run.Skipped++
					continue
				}
				return run, fmt.Errorf("erase registration %s: %w", r.ID, err)
			}
			run.Erased++
		}
	}
	return run, nil
}

// CancelForErasure cancels an active registration before its erasure, as
// the person's own cancel does (the seat offered to the first person
// waiting, the e-mail item and organisation count given back), without a
// token: the erasure path's Eraser.Cancel.
func (s *Service) CancelForErasure(ctx context.Context, r Registration) (Registration, error) {
	e, err := s.Store.GetEvent(ctx, r.EventID)
	if err != nil {
		return Registration{}, err
	}
	return s.leave(ctx, e, r, RegCancelled, MailCancelled, nil)
}
