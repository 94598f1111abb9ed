// Package attendance reads, for the survey invitations, who took part in
// a consultation or an event: the consultations marked held and the people
// checked in at events, with the facts a response keeps and the address
// the e-mail goes to. It reads the consultations' and workshops' storage
// through their existing read methods and changes neither.
package attendance

import (
	"context"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/invite"
	"github.com/mpsv/brana/internal/workshops"
)

// Bookings is what it reads of consultations (consultdb.Store).
type Bookings interface {
	ListBookingsByTime(ctx context.Context, from, to time.Time) ([]consultations.Booking, error)
	GetBooking(ctx context.Context, id string) (consultations.Booking, error)
}

// Events is what it reads of workshops (workshopdb.Store).
type Events interface {
	EventsEndedBetween(ctx context.Context, from, to time.Time) ([]workshops.Event, error)
	Registrations(ctx context.Context, eventID string) ([]workshops.Registration, error)
	GetRegistration(ctx context.Context, id string) (workshops.Registration, error)
	GetEvent(ctx context.Context, id string) (workshops.Event, error)
}

// OutcomeLag bounds how long after its start a consultation is marked
// held: bookings are read by start (the staff's month index), so the
// outcome window [from, to) reads the bookings that started in
// [from-OutcomeLag, to). A consultation marked later than that is not
// invited.
const OutcomeLag = 60 * 24 * time.Hour

// Reader is surveys.Attendance on the consultations' and workshops'
// storage.
type Reader struct {
	Bookings Bookings
	Events   Events
}

var _ invite.Attendance = Reader{}

// Held lists the consultations marked held at a time in [from, to), not
// erased: one Query per Prague month of their start.
func (r Reader) Held(ctx context.Context, from, to time.Time) ([]invite.Attendee, error) {
	list, err := r.Bookings.ListBookingsByTime(ctx, from.Add(-OutcomeLag), to)
	if err != nil {
		return nil, err
	}
	var out []invite.Attendee
	for _, b := range list {
		if b.Status != consultations.StatusHeld || b.Erased() || b.OutcomeAt.Before(from) || !b.OutcomeAt.Before(to) {
			continue
		}
		out = append(out, fromBooking(b))
	}
	return out, nil
}

func fromBooking(b consultations.Booking) invite.Attendee {
	return invite.Attendee{
		Audience: surveys.AudienceConsultation, SourceID: b.ID,
		Context: surveys.Context{
			Source: surveys.SourceConsultation, Form: string(b.Form), Topic: string(b.Topic),
			Region: b.Region, TargetGroup: string(b.TargetGroup),
		},
		Day: b.Start, To: mail.Address{Name: b.Contact.Name, Email: b.Contact.Email}, Lang: lang(string(b.Lang)),
	}
}

// Attended lists the people checked in at events that ended in [from, to)
// and were not cancelled: the event's registrations with a check-in, not
// cancelled or erased.
func (r Reader) Attended(ctx context.Context, from, to time.Time) ([]invite.Attendee, error) {
	events, err := r.Events.EventsEndedBetween(ctx, from, to)
	if err != nil {
		return nil, err
	}
	var out []invite.Attendee
	for _, e := range events {
		if e.Status == workshops.EventCancelled || e.Status == workshops.EventDraft {
			continue
		}
		regs, err := r.Events.Registrations(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		for _, reg := range regs {
			if attended(reg) {
				out = append(out, fromRegistration(e, reg))
			}
		}
	}
	return out, nil
}

func attended(reg workshops.Registration) bool {
	return !reg.CheckedInAt.IsZero() && reg.ErasedAt.IsZero() && reg.Status != workshops.RegCancelled
}

func fromRegistration(e workshops.Event, reg workshops.Registration) invite.Attendee {
	c := surveys.Context{Source: surveys.SourceEvent, Form: string(e.Kind), Region: e.Region, TargetGroup: string(reg.TargetGroup)}
	if len(e.Topics) > 0 {
		c.Topic = string(e.Topics[0]) // the event's main topic
	}
	if c.Region == "" {
		c.Region = reg.Region // an online event: the participant's region
	}
	return invite.Attendee{
		Audience: surveys.AudienceEvent, SourceID: reg.ID, Context: c,
		Day: e.Start(), EventTitle: surveys.Text{Cs: e.Title.CS, En: e.Title.EN},
		To: mail.Address{Name: reg.Contact.Name, Email: reg.Contact.Email}, Lang: lang(string(reg.Lang)),
	}
}

// Again reads the person again for a reminder: nobody when the booking or
// registration is gone or erased, or no longer held or attended.
func (r Reader) Again(ctx context.Context, source surveys.Source, ref string) (invite.Attendee, bool, error) {
	switch source {
	case surveys.SourceConsultation:
		b, err := r.Bookings.GetBooking(ctx, ref)
		if apperr.CodeOf(err) == apperr.NotFound {
			return invite.Attendee{}, false, nil
		}
		if err != nil {
			return invite.Attendee{}, false, err
		}
		if b.Status != consultations.StatusHeld || b.Erased() {
			return invite.Attendee{}, false, nil
		}
		return fromBooking(b), true, nil
	case surveys.SourceEvent:
		reg, err := r.Events.GetRegistration(ctx, ref)
		if apperr.CodeOf(err) == apperr.NotFound {
			return invite.Attendee{}, false, nil
		}
		if err != nil {
			return invite.Attendee{}, false, err
		}
		if !attended(reg) {
			return invite.Attendee{}, false, nil
		}
		e, err := r.Events.GetEvent(ctx, reg.EventID)
		if apperr.CodeOf(err) == apperr.NotFound {
			return invite.Attendee{}, false, nil
		}
		if err != nil {
			return invite.Attendee{}, false, err
		}
		return fromRegistration(e, reg), true, nil
	}
	return invite.Attendee{}, false, nil
}

func lang(l string) string {
	if l == mail.LangEnglish {
		return mail.LangEnglish
	}
	return mail.LangCzech
}
