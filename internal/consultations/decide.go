package consultations

import (
	"slices"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/slots"
)

// The decisions of the booking life cycle, as plain functions of a booking,
// an expert and the time: no storage, no clock, no e-mail. The service
// reads, asks these, adds the e-mails and writes; decide_test.go tests them
// on their own.

// CanChange says whether the person may still reschedule or cancel a
// booking: only a confirmed one, and only before it starts.
func CanChange(b Booking, now time.Time) error {
	if b.Status != StatusConfirmed {
		return apperr.New(apperr.Conflict, ReasonBookingNotActive)
	}
	if !now.Before(b.Start) {
		return apperr.New(apperr.Conflict, ReasonBookingTooLate)
	}
	return nil
}

// CanRecordOutcome says whether staff may mark a booking held or no-show:
// once it has started, unless it was cancelled. A wrong mark can be
// corrected.
func CanRecordOutcome(b Booking, now time.Time) error {
	if b.Status == StatusCancelled {
		return apperr.New(apperr.Conflict, ReasonBookingNotActive)
	}
	if now.Before(b.Start) {
		return apperr.New(apperr.Conflict, ReasonOutcomeTooEarly)
	}
	return nil
}

// ReminderDue says whether a booking should get its reminder now: it is
// confirmed, not erased, still to come, and no reminder was queued for its
// current start (a moved booking gets a new one).
func ReminderDue(b Booking, now time.Time) bool {
	return b.Status == StatusConfirmed && !b.ReminderFor.Equal(b.Start) && !b.Erased() && now.Before(b.Start)
}

// CanReschedule says whether a booking may be moved once more: at most
// l.Reschedules times. The count is in the booking item, so the version
// condition of the write enforces it against concurrent moves.
func CanReschedule(b Booking, l Limits) error {
	if b.Reschedules >= l.Reschedules {
		return &apperr.Error{Code: apperr.Conflict, Reason: string(ReasonRescheduleLimit), Args: []any{l.Reschedules}}
	}
	return nil
}

// PlanReschedule is the write that moves b to start with e's slot length
// and buffer: the granules of the new claim not already held are claimed,
// those no longer needed released, the day counters moved when the day
// changes (the new day under e's cap), queued reminders withdrawn. The
// caller adds the e-mails.
func PlanReschedule(b Booking, e Expert, start, now time.Time) BookingWrite {
	nb := b
	claim := slots.ClaimInterval(start, e.Availability.Slot, e.Availability.Buffer)
	nb.Start, nb.End, nb.ClaimEnd = start, start.Add(e.Availability.Slot), claim.End
	nb.Sequence++
	nb.Version++
	nb.Reschedules++
	nb.ReminderFor = time.Time{}
	nb.UpdatedAt = now

	oldG, newG := slots.Granules(b.ClaimInterval()), slots.Granules(claim)
	w := BookingWrite{
		Booking: nb, PrevVersion: b.Version, ExpertMustBeActive: true,
		Claim:      minus(newG, oldG),
		Release:    minus(oldG, newG),
		DeleteMail: queuedReminders(b),
		Hold:       b.Holds, // the holds last until the new end
	}
	if oldDay, newDay := cz.DateOf(b.Start), cz.DateOf(start); oldDay != newDay {
		w.CountDay = &DayCount{Date: newDay, Max: e.Availability.MaxPerDay}
		w.UncountDay = &oldDay
	}
	return w
}

// PlanCancel is the write that cancels b: its claim released, its day
// uncounted, queued reminders withdrawn. The caller adds the e-mails.
func PlanCancel(b Booking, now time.Time) BookingWrite {
	nb := b
	nb.Status = StatusCancelled
	nb.CancelledAt = now
	nb.Sequence++
	nb.Version++
	nb.UpdatedAt = now
	nb.Holds = nil
	day := cz.DateOf(b.Start)
	return BookingWrite{
		Booking: nb, PrevVersion: b.Version,
		Release:    slots.Granules(b.ClaimInterval()),
		UncountDay: &day,
		DeleteMail: queuedReminders(b),
		Unhold:     b.Holds,
	}
}

// ErasurePlan is what erasing a booking's personal data does.
type ErasurePlan struct {
	// Write is the change: the anonymised booking and the e-mails kept for
	// it, deleted; for a cancelled consultation also its claim and day.
	Write BookingWrite
	// Cancels is true when the consultation was still to come: it is
	// cancelled with the erasure (nobody could manage it any more), and the
	// expert must be told.
	Cancels bool
}

// PlanErasure decides an erasure. Kept, so that reports still count it,
// are only the facts the privacy notice lists (ErasureKeeps, privacy.go);
// everything else goes: the contact (name, e-mail, phone), the
// organisation's name, the IČO for clients and the public, the note, the
// address, the language, the manage token, every e-mail kept for the
// booking. A booking erased before is refused with already_erased.
func PlanErasure(b Booking, now time.Time) (ErasurePlan, error) {
	if b.Erased() {
		return ErasurePlan{}, apperr.New(apperr.Conflict, ReasonAlreadyErased)
	}
	nb := keptAfterErasure(b)
	nb.ErasedAt = now
	nb.UpdatedAt = now
	nb.Version++
	nb.Mail = nil
	nb.Holds, nb.IdempotencyKeys = nil, nil
	// The holds go with it (the store leaves those another booking took
	// over after this one ended), and so do the idempotency records.
	p := ErasurePlan{Write: BookingWrite{PrevVersion: b.Version, DeleteMail: b.Mail, Unhold: b.Holds, DeleteIdempotency: b.IdempotencyKeys}}
	if b.Status == StatusConfirmed && now.Before(b.Start) {
		day := cz.DateOf(b.Start)
		nb.Status, nb.CancelledAt = StatusCancelled, now
		nb.Sequence++
		p.Write.Release, p.Write.UncountDay = slots.Granules(b.ClaimInterval()), &day
		p.Cancels = true
	}
	p.Write.Booking = nb
	return p, nil
}

// minus returns the times in a that are not in b.
func minus(a, b []time.Time) []time.Time {
	var out []time.Time
	for _, t := range a {
		if !slices.ContainsFunc(b, t.Equal) {
			out = append(out, t)
		}
	}
	return out
}
