package consultations

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/manage"
	"github.com/mpsv/brana/internal/outbox"
)

// ManageURL is the link a person manages a booking from. The token travels
// in the fragment, which browsers never send to a server.
func ManageURL(base, id, token string) string {
	return manage.URL(base, ManageKind, id, token)
}

// mail makes the outbox items for one event: one to the person, one to the
// expert. Their ids are derived from the booking, its sequence and the kind,
// so the same e-mail can never be queued twice, and are recorded on the
// booking (for erasure).
func (s *Service) mail(kind mail.Kind, b *Booking, e Expert, token string, now time.Time, roles ...mail.Role) []outbox.Item {
	if len(roles) == 0 {
		roles = []mail.Role{mail.RolePerson, mail.RoleExpert}
	}
	snap := snapshot(*b, e)
	msgID := func(role mail.Role) string { return mailID(*b, kind, role) }
	person := mail.Message{
		ID: msgID(mail.RolePerson), Kind: kind, Role: mail.RolePerson, Lang: string(b.Lang),
		To: mail.Address{Name: b.Contact.Name, Email: b.Contact.Email}, Booking: snap, CreatedAt: now,
	}
	if token != "" && kind != mail.KindCancellation {
		person.ManageURL = ManageURL(s.BaseURL, b.ID, token)
	}
	expert := mail.Message{
		ID: msgID(mail.RoleExpert), Kind: kind, Role: mail.RoleExpert, Lang: string(i18n.CS),
		To: mail.Address{Name: e.Name, Email: e.Email}, Booking: snap, CreatedAt: now,
	}
	var items []outbox.Item
	for _, m := range []mail.Message{person, expert} {
		if slices.Contains(roles, m.Role) {
			it := s.Sealer.NewItem(m, b.ID, now)
			items = append(items, it)
			b.Mail = append(b.Mail, it.ID)
		}
	}
	return items
}

// snapshot is what an e-mail or a calendar file says about a booking.
func snapshot(b Booking, e Expert) mail.Booking {
	return mail.Booking{
		ID: b.ID, Sequence: b.Sequence, Status: string(b.Status),
		Start: b.Start, End: b.End,
		Form: string(b.Form), Topic: string(b.Topic), Region: b.Region,
		ExpertName: e.Name, ExpertEmail: e.Email,
		OrganisationName: b.Organisation.Name,
		ContactName:      b.Contact.Name, ContactEmail: b.Contact.Email, ContactPhone: b.Contact.Phone,
		Address: b.Address, Note: b.Note,
	}
}

// CalendarFile returns a booking as an iCalendar file for whoever holds its
// manage token ("add to calendar"), in the booking's language.
func (s *Service) CalendarFile(ctx context.Context, id, token string) ([]byte, Booking, error) {
	b, err := s.BookingByToken(ctx, id, token)
	if err != nil {
		return nil, Booking{}, err
	}
	e, err := s.Store.GetExpert(ctx, b.ExpertID)
	if err != nil {
		return nil, Booking{}, err
	}
	kind := mail.KindConfirmation
	if b.Status == StatusCancelled {
		kind = mail.KindCancellation
	}
	m := mail.Message{
		ID: mailID(b, kind, mail.RolePerson), Kind: kind, Role: mail.RolePerson, Lang: string(b.Lang),
		To: mail.Address{Name: b.Contact.Name, Email: b.Contact.Email}, Booking: snapshot(b, e),
		ManageURL: ManageURL(s.BaseURL, b.ID, token), CreatedAt: b.UpdatedAt,
	}
	file, err := mail.Calendar(m, s.Organizer)
	if err != nil {
		return nil, Booking{}, fmt.Errorf("calendar file of %s: %w", b.ID, err)
	}
	return file, b, nil
}

// mailID is the outbox id of one e-mail about a booking.
func mailID(b Booking, kind mail.Kind, role mail.Role) string {
	return fmt.Sprintf("%s-%d-%s-%s", b.ID, b.Sequence, kind, role)
}

// queuedReminders lists the reminder e-mails queued for the booking's
// current start: a change or cancellation withdraws them in its own
// transaction, so that a reminder still waiting in the outbox is never sent
// for a time that no longer holds.
func queuedReminders(b Booking) []string {
	if b.ReminderFor.IsZero() || !b.ReminderFor.Equal(b.Start) {
		return nil
	}
	return []string{mailID(b, mail.KindReminder, mail.RolePerson), mailID(b, mail.KindReminder, mail.RoleExpert)}
}
