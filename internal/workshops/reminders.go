package workshops

import (
	"context"
	"slices"
	"strings"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/workshops/workshopmail"
)

// ---- Scheduled: reminders ----

// MailReminder is the reminder two days before the event (queued by
// QueueReminders).
const MailReminder MailKind = "reminder"

// ReminderDays is how many days (Prague calendar days) before an event
// starts its participants get the reminder.
const ReminderDays = 2

// ReminderID is the outbox id of the reminder of r for e's current
// version: a change of the event's time or place (a new Sequence) gets a
// reminder of its own, the same version never a second one.
func ReminderID(e Event, r Registration) string {
	return workshopmail.MailID(r.ID, e.Sequence, workshopmail.KindReminder)
}

// QueuedReminders are the outbox ids of the reminders queued for r (for
// any version of its event): a cancellation deletes them in its own
// transaction, so a reminder never goes out after it (as a booking's
// cancellation does).
func QueuedReminders(r Registration) []string {
	var out []string
	for _, id := range r.Mail {
		if strings.HasSuffix(id, "-"+string(workshopmail.KindReminder)) {
			out = append(out, id)
		}
	}
	return out
}

// ReminderDue says whether r should get its reminder of e now: it has a
// confirmed seat (not waitlisted, offered, cancelled or erased), the event
// is published and has not started, and no reminder of this version of
// the event was queued for it.
func ReminderDue(e Event, r Registration, today cz.Date) bool {
	return e.Status == EventPublished && r.Status == RegConfirmed && r.ErasedAt.IsZero() &&
		r.EventID == e.ID && !cz.DateOf(e.Start()).Before(today) &&
		!slices.Contains(r.Mail, ReminderID(e, r))
}

// QueueReminders queues the reminder of every confirmed registration of
// the published events that start in ReminderDays days (Prague date). It
// is safe to run often and concurrently: each reminder is written with its
// registration, conditioned on the registration's version and the event's
// (still published, not changed), and its outbox id names the registration
// and the event's version; so it is queued once, never after a
// cancellation, and a change of the event gets a new one.
func (s *Service) QueueReminders(ctx context.Context) (int, error) {
	if s.Mail == nil {
		return 0, nil
	}
	now := s.Clock.Now()
	today := cz.DateOf(now)
	day := today.AddDays(ReminderDays)
	events, err := s.Store.ListPublishedEvents(ctx, day.Start(), day.AddDays(1).Start())
	if err != nil {
		return 0, err
	}
	queued := 0
events:
	for _, e := range events {
		if e.Status != EventPublished || !now.Before(e.Start()) {
			continue
		}
		regs, err := s.Store.ListRegistrations(ctx, e.ID)
		if err != nil {
			return queued, err
		}
		for _, r := range regs {
			if !ReminderDue(e, r, today) {
				continue
			}
			next := r
			next.Version, next.UpdatedAt = r.Version+1, now
			w := RegistrationWrite{EventID: e.ID, EventVersion: e.Version, Changes: []Change{{Reg: next, PrevVersion: r.Version}}}
			w.Mail = s.mail(MailReminder, e, &w.Changes[0].Reg, "", now)
			if len(w.Mail) == 0 {
				continue // nobody to write to (no address)
			}
			err := s.Store.WriteRegistrations(ctx, w)
			switch {
			case err == nil:
				queued++
			case apperr.Is(err, apperr.Conflict, ReasonRegistrationChanged):
				// Cancelled, changed or reminded meanwhile: the next run
				// sees the new state.
			case apperr.Is(err, apperr.Conflict, ReasonEventChanged):
				// The event changed or was cancelled: the next run reads it
				// again.
				continue events
			default:
				return queued, err
			}
		}
	}
	return queued, nil
}
