package consultations

import (
	"context"
	"fmt"
	"time"

	"github.com/mpsv/brana/internal/consultations/consultmail"
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
// booking (for erasure). The person's manage link travels sealed.
func (s *Service) mail(kind consultmail.Kind, b *Booking, e Expert, token string, now time.Time, roles ...consultmail.Role) []outbox.Item {
	if len(roles) == 0 {
		roles = consultmail.Roles
	}
	snap := snapshot(*b, e)
	manage := ""
	if token != "" && kind != consultmail.KindCancellation {
		manage = ManageURL(s.BaseURL, b.ID, token)
	}
	var items []outbox.Item
	for _, role := range roles {
		lang, to, data := string(b.Lang), mail.Address{Name: b.Contact.Name, Email: b.Contact.Email}, personal(snap)
		if role == consultmail.RoleExpert {
			lang, to, data = string(i18n.CS), mail.Address{Name: e.Name, Email: e.Email}, snap
		}
		m := consultmail.NewMessage(mailID(*b, kind, role), kind, role, lang, to, data, manage, now)
		it := s.Sealer.NewItem(m, b.ID, now)
		items = append(items, it)
		b.Mail = append(b.Mail, it.ID)
	}
	return items
}

// snapshot is what an e-mail or a calendar file says about a booking.
func snapshot(b Booking, e Expert) consultmail.Booking {
	return consultmail.Booking{
		ID: b.ID, Sequence: b.Sequence, Status: string(b.Status),
		Start: b.Start, End: b.End,
		Form: b.Form, Topic: string(b.Topic), Region: b.Region,
		ExpertName: e.Name, ExpertEmail: e.Email,
		OrganisationName: b.Organisation.Name,
		ContactName:      b.Contact.Name, ContactEmail: b.Contact.Email, ContactPhone: b.Contact.Phone,
		Address: b.Address, Note: b.Note,
	}
}

// personal is the snapshot for the person's e-mails and calendar file:
// without the expert's own address, which never reaches the person (the
// e-mails come from, and the calendar events are organised by, the
// programme's sender address).
func personal(b consultmail.Booking) consultmail.Booking {
	b.ExpertEmail = ""
	return b
}

// CalendarFile returns a booking as an iCalendar file for whoever holds its
// manage token ("add to calendar"), in the booking's language. It carries
// no manage link: a calendar is often shared.
func (s *Service) CalendarFile(ctx context.Context, id, token string) ([]byte, Booking, error) {
	b, err := s.BookingByToken(ctx, id, token)
	if err != nil {
		return nil, Booking{}, err
	}
	e, err := s.Store.GetExpert(ctx, b.ExpertID)
	if err != nil {
		return nil, Booking{}, err
	}
	file, err := consultmail.Calendar(personal(snapshot(b, e)), b.Status == StatusCancelled, string(b.Lang), s.Organizer, b.UpdatedAt)
	if err != nil {
		return nil, Booking{}, fmt.Errorf("calendar file of %s: %w", b.ID, err)
	}
	return file, b, nil
}

// mailID is the outbox id of one e-mail about a booking.
func mailID(b Booking, kind consultmail.Kind, role consultmail.Role) string {
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
	return []string{mailID(b, consultmail.KindReminder, consultmail.RolePerson), mailID(b, consultmail.KindReminder, consultmail.RoleExpert)}
}
