package workshops

import (
	"context"
	"fmt"
	"slices"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/ics"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/workshops/workshopmail"
)

// Filter narrows the public listing; zero fields do not filter.
type Filter struct {
	Kind   Kind
	Region string
	Topic  programme.Topic
	Mode   Mode
	// Month: only events starting in this Prague month (Day ignored).
	Month cz.Date
}

// Listed is an event with its seat counters.
type Listed struct {
	Event Event
	Seats map[Seat]SeatCount
}

// ListHorizon is how far ahead the public listing looks without a month.
const ListHorizon = 2 * 365 * 24 * time.Hour

// ListEvents lists the upcoming published events matching f, by start,
// with their seats: one Query for the events, one per event for its
// counters.
func (s *Service) ListEvents(ctx context.Context, f Filter) ([]Listed, error) {
	now := s.Clock.Now()
	from, to := now, now.Add(ListHorizon)
	if !f.Month.IsZero() {
		first := cz.Date{Year: f.Month.Year, Month: f.Month.Month, Day: 1}
		next := first.AddDays(40)
		start, end := first.At(0).UTC(), cz.Date{Year: next.Year, Month: next.Month, Day: 1}.At(0).UTC()
		if start.After(from) {
			from = start
		}
		to = end
		if !to.After(from) {
			return nil, nil
		}
	}
	events, err := s.Store.ListPublishedEvents(ctx, from, to)
	if err != nil {
		return nil, err
	}
	var out []Listed
	for _, e := range events {
		if f.matches(e) {
			out = append(out, Listed{Event: e})
		}
	}
	// The seat counters of each listed event, read a few at a time rather
	// than one after another.
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(seatReads)
	for i := range out {
		g.Go(func() error {
			seats, err := s.Store.Seats(gctx, out[i].Event.ID)
			out[i].Seats = seats
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// seatReads bounds the concurrent seat-counter reads of one listing.
const seatReads = 4

func (f Filter) matches(e Event) bool {
	return (f.Kind == "" || e.Kind == f.Kind) && (f.Region == "" || e.Region == f.Region) &&
		(f.Topic == "" || slices.Contains(e.Topics, f.Topic)) && (f.Mode == "" || e.Mode == f.Mode)
}

// EventWithSeats reads a public event with its seat counters.
func (s *Service) EventWithSeats(ctx context.Context, id string) (Listed, error) {
	e, err := s.PublicEvent(ctx, id)
	if err != nil {
		return Listed{}, err
	}
	seats, err := s.Store.Seats(ctx, e.ID)
	if err != nil {
		return Listed{}, err
	}
	return Listed{Event: e, Seats: seats}, nil
}

// WaitingListOpen reports whether a new registration for some seat kind
// of an event would join its waiting list now.
func (l Listed) WaitingListOpen(now time.Time) bool {
	if !l.Event.RegistrationOpen(now) {
		return false
	}
	for _, seat := range l.Event.Seats() {
		c := l.Seats[seat]
		if SeatsLeft(l.Event, seat, c) == 0 || c.Waiting > 0 {
			return true
		}
	}
	return false
}

// CalendarFile returns the registration's event as an iCalendar file for
// whoever holds its token: PUBLISH, or CANCEL once the registration or the
// event is cancelled. It never carries the manage link.
func (s *Service) CalendarFile(ctx context.Context, id, token string, from mail.Address) ([]byte, Registration, error) {
	r, err := s.RegistrationByToken(ctx, id, token)
	if err != nil {
		return nil, Registration{}, err
	}
	e, err := s.Store.GetEvent(ctx, r.EventID)
	if err != nil {
		return nil, Registration{}, err
	}
	method := ics.MethodPublish
	if e.Status == EventCancelled || r.Status == RegCancelled || r.Status == RegExpired {
		method = ics.MethodCancel
	}
	lang := mail.LangCzech
	if r.Lang == i18n.EN {
		lang = mail.LangEnglish
	}
	d := workshopmail.Data{Event: MailEvent(e, workshopmail.Contact{}), Registration: MailRegistration(r, r.Status == RegConfirmed)}
	file, err := workshopmail.Calendar(d, method, lang, mail.Address{Name: r.Contact.Name, Email: r.Contact.Email}, from, r.UpdatedAt)
	if err != nil {
		return nil, Registration{}, fmt.Errorf("calendar of %s: %w", r.ID, err)
	}
	return file, r, nil
}
