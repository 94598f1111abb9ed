package consultations

import (
	"context"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/consultations/consultmail"
	"github.com/mpsv/brana/internal/cz"
)

// ---- Scheduled: reminders ----

// QueueReminders queues a reminder for every confirmed consultation that
// takes place tomorrow (Prague date) and has none yet. It is safe to run
// often and concurrently: the reminder is marked on the booking in the same
// transaction, conditioned on the booking's version, so it is queued once
// and never for a cancelled booking.
func (s *Service) QueueReminders(ctx context.Context) (int, error) {
	now := s.Clock.Now()
	tomorrow := cz.DateOf(now).AddDays(1)
	list, err := s.Store.ListBookingsByTime(ctx, tomorrow.Start(), tomorrow.AddDays(1).Start())
	if err != nil {
		return 0, err
	}
	queued := 0
	experts := map[string]Expert{} // each expert is read once per run
	for _, b := range list {
		if !ReminderDue(b, now) {
			continue
		}
		e, ok := experts[b.ExpertID]
		if !ok {
			if e, err = s.Store.GetExpert(ctx, b.ExpertID); err != nil {
				return queued, err
			}
			experts[b.ExpertID] = e
		}
		nb := b
		nb.ReminderFor = b.Start
		nb.Version++
		nb.UpdatedAt = now
		w := BookingWrite{Booking: nb, PrevVersion: b.Version}
		w.Mail = s.mail(consultmail.KindReminder, &w.Booking, e, "", now)
		if err := s.Store.WriteBooking(ctx, w); err != nil {
			if apperr.Is(err, apperr.Conflict, "booking_changed") {
				continue // cancelled or moved meanwhile: the next run sees the new state
			}
			return queued, err
		}
		queued++
	}
	return queued, nil
}
