package workshops

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/manage"
	"github.com/mpsv/brana/internal/outbox"
)

// ---- Managing a registration by its token ----

// ManageTokenDays is how long after the event's end a registration's
// manage link (and an offer's link) still opens it, as a booking's does
// (consultations.ManageTokenDays): time enough to download the
// certificate and see what took place, never for ever.
const ManageTokenDays = 30

// ManageTokenExpires is when a registration's tokens stop opening it:
// ManageTokenDays Prague calendar days after its event's end (after a
// change of dates, the new end's); zero for an event without sessions.
func ManageTokenExpires(e Event) time.Time {
	end := e.End()
	if end.IsZero() {
		return time.Time{}
	}
	return end.In(cz.Prague).AddDate(0, 0, ManageTokenDays).UTC()
}

// openedRegistration is a registration with when its tokens expire, and
// its event as read to tell that (a change by token uses it rather than
// reading it again).
type openedRegistration struct {
	Registration
	expires  time.Time
	event    Event
	eventErr error // reading the event (NotFound when it is gone)
}

// opener opens registrations by token: the manage token, or the token of
// a waiting-list offer e-mail, until ManageTokenExpires.
func (s *Service) opener(hash func(Registration) []byte) manage.Opener[openedRegistration] {
	return manage.Opener[openedRegistration]{
		Get: func(ctx context.Context, id string) (openedRegistration, error) {
			r, err := s.Store.GetRegistration(ctx, id)
			if err != nil {
				return openedRegistration{}, err
			}
			e, err := s.Store.GetEvent(ctx, r.EventID)
			if err != nil && apperr.CodeOf(err) != apperr.NotFound {
				return openedRegistration{}, err
			}
			return openedRegistration{Registration: r, expires: ManageTokenExpires(e), event: e, eventErr: err}, nil
		},
		TokenHash: func(o openedRegistration) []byte { return hash(o.Registration) },
		NotFound:  ReasonRegistrationNotFound,
		Expires:   func(o openedRegistration) time.Time { return o.expires },
		Now:       s.Clock.Now,
	}
}

// RegistrationByToken returns a registration (with its waiting-list
// position) to whoever holds its manage token or its offer token, until
// ManageTokenExpires. A wrong, missing or expired token gets exactly the
// answer an unknown registration gets.
func (s *Service) RegistrationByToken(ctx context.Context, id, token string) (Registration, error) {
	o, err := s.openByToken(ctx, id, token)
	return o.Registration, err
}

// openByToken is RegistrationByToken with the event read to open it.
func (s *Service) openByToken(ctx context.Context, id, token string) (openedRegistration, error) {
	o, err := s.opener(func(r Registration) []byte { return r.TokenHash }).Open(ctx, id, token)
	if apperr.CodeOf(err) == apperr.NotFound && token != "" {
		o, err = s.opener(func(r Registration) []byte { return r.OfferTokenHash }).Open(ctx, id, token)
	}
	if err != nil {
		return openedRegistration{}, err
	}
	s.position(ctx, &o.Registration)
	return o, nil
}

// Changed is the result of a change made by token.
type Changed struct {
	Registration Registration
	Replayed     bool
}

// changeByToken opens the registration (a wrong token is not found, before
// any idempotency record is looked at), then runs change once per key
// with the registration's event as read to open it (or the error of
// reading it).
func (s *Service) changeByToken(ctx context.Context, id, token string, key *idempotency.Key, change func(Registration, Event, error, *idempotency.Record) (Registration, error)) (Changed, error) {
	o, err := s.openByToken(ctx, id, token)
	if err != nil {
		return Changed{}, err
	}
	r := o.Registration
	return idempotency.Run(ctx, s.Store, key, s.Clock.Now,
		func() (Changed, error) {
			var rec *idempotency.Record
			if key != nil {
				x := key.Record(http.StatusOK, r.ID, "", s.Clock.Now())
				rec = &x
			}
			out, err := change(r, o.event, o.eventErr, rec)
			if err != nil {
				return Changed{}, err
			}
			s.position(ctx, &out)
			return Changed{Registration: out}, nil
		},
		func(idempotency.Record) (Changed, error) {
			cur, err := s.RegistrationByToken(ctx, id, token)
			return Changed{Registration: cur, Replayed: true}, err
		})
}

// Cancel cancels a registration: a seat it held goes to the first person
// waiting (as an offer), or is free again.
func (s *Service) Cancel(ctx context.Context, id, token string, key *idempotency.Key) (Changed, error) {
	return s.changeByToken(ctx, id, token, key, func(r Registration, e Event, eventErr error, rec *idempotency.Record) (Registration, error) {
		if !slices.Contains([]RegistrationStatus{RegConfirmed, RegWaitlisted, RegOffered}, r.Status) {
			return Registration{}, apperr.New(apperr.Conflict, ReasonRegistrationNotActive)
		}
		if eventErr != nil {
			return Registration{}, eventErr
		}
		if !s.Clock.Now().Before(e.Start()) {
			return Registration{}, apperr.New(apperr.Conflict, ReasonRegistrationTooLate)
		}
		return s.leave(ctx, e, r, RegCancelled, MailCancelled, rec)
	})
}

// Accept confirms a registration whose offered seat is still held for it.
func (s *Service) Accept(ctx context.Context, id, token string, key *idempotency.Key) (Changed, error) {
	return s.changeByToken(ctx, id, token, key, func(r Registration, e Event, eventErr error, rec *idempotency.Record) (Registration, error) {
		now := s.Clock.Now()
		switch {
		case r.Status == RegExpired:
			return Registration{}, apperr.New(apperr.Conflict, ReasonOfferExpired)
		case r.Status != RegOffered:
			return Registration{}, apperr.New(apperr.Conflict, ReasonNoOffer)
		case !now.Before(r.OfferExpires):
			return Registration{}, apperr.New(apperr.Conflict, ReasonOfferExpired)
		}
		if eventErr != nil {
			return Registration{}, eventErr
		}
		prev := r.Version
		r.Status, r.OfferExpires, r.OfferTokenHash = RegConfirmed, time.Time{}, nil
		r.Version, r.UpdatedAt = prev+1, now
		r.IdempotencyKeys = withKey(r.IdempotencyKeys, rec)
		w := RegistrationWrite{EventID: e.ID, Changes: []Change{{Reg: r, PrevVersion: prev}}, Idempotency: rec}
		w.Mail = s.mail(MailConfirmed, e, &w.Changes[0].Reg, "", now)
		if err := s.Store.WriteRegistrations(ctx, w); err != nil {
			return Registration{}, err
		}
		return w.Changes[0].Reg, nil
	})
}

// Decline gives up an offered seat: the registration is cancelled and the
// seat offered to the next person waiting.
func (s *Service) Decline(ctx context.Context, id, token string, key *idempotency.Key) (Changed, error) {
	return s.changeByToken(ctx, id, token, key, func(r Registration, e Event, eventErr error, rec *idempotency.Record) (Registration, error) {
		if r.Status == RegExpired {
			return Registration{}, apperr.New(apperr.Conflict, ReasonOfferExpired)
		}
		if r.Status != RegOffered {
			return Registration{}, apperr.New(apperr.Conflict, ReasonNoOffer)
		}
		if eventErr != nil {
			return Registration{}, eventErr
		}
		return s.leave(ctx, e, r, RegCancelled, MailCancelled, rec)
	})
}

func withKey(keys []string, rec *idempotency.Record) []string {
	if rec == nil {
		return keys
	}
	return append(slices.Clone(keys), rec.KeyHash)
}

// leave ends a registration (cancelled or expired) in one transaction with
// what it frees: its e-mail and organisation count, its waiting-list
// entry, and a seat it held, which goes to the first person waiting as an
// offer (or back to the free seats when nobody waits or offers are over).
// A concurrent change of the waiting list makes it look again.
func (s *Service) leave(ctx context.Context, e Event, r Registration, status RegistrationStatus, kind MailKind, rec *idempotency.Record) (Registration, error) {
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		now := s.Clock.Now()
		prev := r.Version
		out := r
		out.Status, out.Version, out.UpdatedAt, out.CancelledAt = status, prev+1, now, now
		out.OfferExpires, out.OfferTokenHash = time.Time{}, nil
		out.IdempotencyKeys = withKey(r.IdempotencyKeys, rec)
		change := Change{Reg: out, PrevVersion: prev, ReleaseEmail: true, Org: -1, LeaveWaitlist: r.Status == RegWaitlisted, ReleaseHold: true}
		w := RegistrationWrite{EventID: e.ID, Seat: r.Seat, Idempotency: rec, DeleteMail: QueuedReminders(r)}
		w.Changes = []Change{change}
		w.Mail = s.mail(kind, e, &w.Changes[0].Reg, "", now, r.Status == RegConfirmed)
		if r.Status == RegConfirmed || r.Status == RegOffered {
			handed, err := s.handOver(ctx, e, r.Seat, &w, now)
			if apperr.Is(err, apperr.Conflict, ReasonWaitlistMove) {
				continue
			}
			if err != nil {
				return Registration{}, err
			}
			if !handed {
				w.SeatDelta, w.NoWaiters = -1, e.Offers(now)
			}
		}
		err := s.Store.WriteRegistrations(ctx, w)
		if err == nil {
			return w.Changes[0].Reg, nil
		}
		if !apperr.Is(err, apperr.Conflict, ReasonWaitlistMove) && !apperr.Is(err, apperr.Conflict, ReasonWaiters) &&
			!apperr.Is(err, apperr.Conflict, ReasonRegistrationChanged) && !apperr.Is(err, apperr.Conflict, ReasonLimitHoldTaken) {
			return Registration{}, err
		}
		// Our own registration changed, or the waiting list did: read
		// both again.
		cur, gerr := s.Store.GetRegistration(ctx, r.ID)
		if gerr != nil {
			return Registration{}, gerr
		}
		if cur.Version != r.Version {
			return Registration{}, apperr.New(apperr.Conflict, ReasonRegistrationChanged)
		}
	}
	return Registration{}, &apperr.Error{Code: apperr.Unavailable, Reason: "busy", RetryAfter: 2 * time.Second}
}

// handOver adds to w the offer of the seat being freed to the first person
// waiting for that seat kind, when offers are still possible: the seat
// stays taken (held for the offer). It reports whether there was somebody.
func (s *Service) handOver(ctx context.Context, e Event, seat Seat, w *RegistrationWrite, now time.Time) (bool, error) {
	if !e.Offers(now) {
		return false, nil
	}
	head, err := s.Store.Waiting(ctx, e.ID, seat, 1)
	if err != nil || len(head) == 0 {
		return false, err
	}
	h, err := s.Store.GetRegistration(ctx, head[0].RegistrationID)
	if err != nil {
		return false, err
	}
	if h.Status != RegWaitlisted || h.Queue != head[0].Queue {
		// The entry and its registration disagree only for a moment of a
		// concurrent change; the transaction's conditions decide.
		return false, apperr.New(apperr.Conflict, ReasonWaitlistMove)
	}
	offer, mail := s.offer(e, h, now)
	w.Changes = append(w.Changes, offer)
	w.Mail = append(w.Mail, mail...)
	return true, nil
}

// offer is the change that offers a held seat to a waitlisted
// registration, with its offer e-mail (a fresh offer token in its link).
func (s *Service) offer(e Event, h Registration, now time.Time) (Change, []outbox.Item) {
	prev := h.Version
	token := ids.NewToken()
	h.Status, h.OfferExpires, h.OfferTokenHash = RegOffered, e.OfferExpiry(now), ids.HashToken(token)
	h.Version, h.UpdatedAt = prev+1, now
	mail := s.mail(MailOffer, e, &h, ManageURL(s.BaseURL, h.ID, token), now)
	return Change{Reg: h, PrevVersion: prev, LeaveWaitlist: true}, mail
}

// Fill offers an event's free seats to the people waiting for them (after
// capacity was raised, or a seat freed while somebody joined the list).
func (s *Service) Fill(ctx context.Context, eventID string) error {
	e, err := s.Store.GetEvent(ctx, eventID)
	if err != nil {
		return err
	}
	for _, seat := range e.Seats() {
		if err := s.fill(ctx, e, seat); err != nil {
			return err
		}
	}
	return nil
}

// fill offers free seats of one kind, one transaction per offer: the seat
// counter (bounded by the capacity) and the first waiting registration.
func (s *Service) fill(ctx context.Context, e Event, seat Seat) error {
	for range 10_000 { // bounded by the capacity; a guard against a loop
		now := s.Clock.Now()
		if !e.Offers(now) {
			return nil
		}
		counts, err := s.Store.Seats(ctx, e.ID)
		if err != nil {
			return err
		}
		c := counts[seat]
		if c.Waiting <= 0 || c.Taken >= e.Capacity.Of(seat) {
			return nil
		}
		head, err := s.Store.Waiting(ctx, e.ID, seat, 1)
		if err != nil || len(head) == 0 {
			return err
		}
		h, err := s.Store.GetRegistration(ctx, head[0].RegistrationID)
		if err != nil {
			return err
		}
		if h.Status != RegWaitlisted || h.Queue != head[0].Queue {
			continue
		}
		change, mail := s.offer(e, h, now)
		w := RegistrationWrite{EventID: e.ID, EventVersion: e.Version, Changes: []Change{change}, Seat: seat,
			SeatDelta: 1, Capacity: e.Capacity.Of(seat), Mail: mail}
		err = s.Store.WriteRegistrations(ctx, w)
		switch {
		case err == nil, apperr.Is(err, apperr.Conflict, ReasonWaitlistMove), apperr.Is(err, apperr.Conflict, ReasonRegistrationChanged):
			continue
		case apperr.Is(err, apperr.Conflict, ReasonSeatsFull):
			return nil
		case apperr.Is(err, apperr.Conflict, ReasonEventChanged):
			if e, err = s.Store.GetEvent(ctx, e.ID); err != nil {
				return err
			}
			continue
		default:
			return err
		}
	}
	return nil
}

// SweepResult counts what one offers sweep did.
type SweepResult struct {
	Expired int `json:"expired"`
	Filled  int `json:"eventsFilled"`
}

// SweepLimit bounds the offers one sweep expires.
const SweepLimit = 200

// SweepOffers expires the offers that ran out (through the offers index;
// each seat goes to the next person waiting) and offers the free seats of
// upcoming events to whoever waits: the `workshop-offers` job.
func (s *Service) SweepOffers(ctx context.Context) (SweepResult, error) {
	var res SweepResult
	now := s.Clock.Now()
	due, err := s.Store.DueOffers(ctx, now, SweepLimit)
	if err != nil {
		return res, err
	}
	for _, id := range due {
		r, err := s.Store.GetRegistration(ctx, id)
		if err != nil {
			return res, err
		}
		if r.Status != RegOffered || now.Before(r.OfferExpires) {
			continue // accepted or declined meanwhile
		}
		e, err := s.Store.GetEvent(ctx, r.EventID)
		if err != nil {
			return res, err
		}
		_, err = s.leave(ctx, e, r, RegExpired, MailOfferExpired, nil)
		switch {
		case err == nil:
			res.Expired++
		case apperr.Is(err, apperr.Conflict, ReasonRegistrationChanged):
			// Accepted or declined at the last moment.
		default:
			return res, err
		}
	}
	events, err := s.Store.ListPublishedEvents(ctx, now, now.AddDate(2, 0, 0))
	if err != nil {
		return res, err
	}
	for _, e := range events {
		if !e.Offers(now) {
			continue
		}
		counts, err := s.Store.Seats(ctx, e.ID)
		if err != nil {
			return res, err
		}
		for _, seat := range e.Seats() {
			if c := counts[seat]; c.Waiting > 0 && c.Taken < e.Capacity.Of(seat) {
				if err := s.fill(ctx, e, seat); err != nil {
					return res, err
				}
				res.Filled++
			}
		}
	}
	return res, nil
}

// Reasons of moving someone from the waiting list (Promote).
const (
	// ReasonEventFull: no seat of the registration's kind is free (Conflict);
	// the organiser raises the capacity (or a seat is freed) first.
	ReasonEventFull apperr.Reason = "event_full"
	// ReasonNotWaiting: the registration is neither waiting nor offered a
	// seat, nor has one: cancelled, expired or a no-show (Conflict).
	ReasonNotWaiting apperr.Reason = "registration_not_waiting"
)

// Promote gives a waitlisted registration a seat, or confirms an offered
// one on the person's behalf, as the event's organiser decides: it need
// not be the first in the list. A waitlisted one takes a free seat of its
// kind, bounded by the capacity in the same transaction as the change
// (Conflict event_full when none is free: two promotions for the last
// seat, one wins); an offered one already holds its seat. The person is
// sent the confirmation e-mail, as when they accept an offer. A
// registration that has a seat already (confirmed, attended) is answered
// as it is. e must be published (the transaction checks it is still at
// e's version, and reads it again if it moved on).
func (s *Service) Promote(ctx context.Context, e Event, regID string) (Registration, error) {
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		r, err := s.Store.GetRegistration(ctx, regID)
		if err != nil {
			return Registration{}, err
		}
		if r.EventID != e.ID {
			return Registration{}, apperr.New(apperr.NotFound, ReasonRegistrationNotFound)
		}
		switch r.Status {
		case RegConfirmed, RegAttended:
			return r, nil
		case RegWaitlisted, RegOffered:
		default:
			return Registration{}, apperr.New(apperr.Conflict, ReasonNotWaiting)
		}
		now := s.Clock.Now()
		prev := r.Version
		next := r
		next.Status, next.OfferExpires, next.OfferTokenHash, next.Position = RegConfirmed, time.Time{}, nil, 0
		next.Version, next.UpdatedAt = prev+1, now
		w := RegistrationWrite{EventID: e.ID, EventVersion: e.Version,
			Changes: []Change{{Reg: next, PrevVersion: prev, LeaveWaitlist: r.Status == RegWaitlisted}}}
		if r.Status == RegWaitlisted {
			w.Seat, w.SeatDelta, w.Capacity = r.Seat, 1, e.Capacity.Of(r.Seat)
		}
		w.Mail = s.mail(MailConfirmed, e, &w.Changes[0].Reg, "", now)
		err = s.Store.WriteRegistrations(ctx, w)
		switch {
		case err == nil:
			return w.Changes[0].Reg, nil
		case apperr.Is(err, apperr.Conflict, ReasonSeatsFull):
			return Registration{}, apperr.New(apperr.Conflict, ReasonEventFull)
		case apperr.Is(err, apperr.Conflict, ReasonRegistrationChanged), apperr.Is(err, apperr.Conflict, ReasonWaitlistMove):
			// Offered, accepted or cancelled meanwhile: look again.
		case apperr.Is(err, apperr.Conflict, ReasonEventChanged):
			if e, err = s.Store.GetEvent(ctx, e.ID); err != nil {
				return Registration{}, err
			}
			if e.Status != EventPublished {
				return Registration{}, statusConflict()
			}
		default:
			return Registration{}, err
		}
	}
	return Registration{}, &apperr.Error{Code: apperr.Unavailable, Reason: "busy", RetryAfter: 2 * time.Second}
}
