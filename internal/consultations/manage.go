package consultations

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/consultations/consultmail"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/manage"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/slots"
	"github.com/mpsv/brana/internal/validation"
)

// ---- Public: booking and managing it ----

// Created is the result of a booking request.
type Created struct {
	Booking    Booking
	ExpertName string
	Token      string // the manage token: shown to the person once
	Replayed   bool   // a retry with the same Idempotency-Key
}

// CreateBooking books a consultation. With an idempotency key, a retry
// returns the first result and books nothing twice.
func (s *Service) CreateBooking(ctx context.Context, in BookingInput, key *idempotency.Key) (Created, error) {
	return idempotency.Run(ctx, s.Store, key, s.Clock.Now,
		func() (Created, error) { return s.createBooking(ctx, in, key) },
		func(rec idempotency.Record) (Created, error) { return s.replayCreate(ctx, key, rec) })
}

func (s *Service) createBooking(ctx context.Context, in BookingInput, key *idempotency.Key) (Created, error) {
	start, lang, err := in.Validate()
	if err != nil {
		return Created{}, err
	}
	e, err := s.PublicExpert(ctx, in.ExpertID)
	if err != nil {
		return Created{}, err
	}
	var fields []apperr.FieldError
	if !e.Offers(programme.Form(in.Form)) {
		fields = append(fields, apperr.Field("form", "form_offered"))
	}
	if !e.Covers(programme.Topic(in.Topic)) {
		fields = append(fields, apperr.Field("topic", "topic_offered"))
	}
	if !e.Serves(in.Region) {
		fields = append(fields, apperr.Field("region", "region_served"))
	}
	if len(fields) > 0 {
		return Created{}, apperr.InvalidFields(fields...)
	}
	if err := s.checkSlot(ctx, e, start, ""); err != nil {
		return Created{}, err
	}

	now := s.Clock.Now()
	token := ids.NewToken()
	claim := slots.ClaimInterval(start, e.Availability.Slot, e.Availability.Buffer)
	b := Booking{
		ID: s.IDs.NewID(), ExpertID: e.ID,
		Start: start, End: start.Add(e.Availability.Slot), ClaimEnd: claim.End,
		Form: programme.Form(in.Form), Topic: programme.Topic(in.Topic),
		TargetGroup: programme.TargetGroup(in.TargetGroup), Region: in.Region,
		Organisation: Organisation{Name: in.Organisation.Name, ICO: in.Organisation.ICO},
		Contact:      Contact{Name: in.Contact.Name, Email: in.Contact.Email, Phone: in.Contact.Phone},
		Address:      in.Address, Note: in.Note,
		Consent:   Consent{NoticeVersion: in.Consent.NoticeVersion, At: now},
		Lang:      lang,
		Status:    StatusConfirmed,
		Version:   1,
		TokenHash: ids.HashToken(token),
		CreatedAt: now, UpdatedAt: now,
	}
	if b.Form != programme.FormOnsite {
		b.Address = ""
	}
	items := s.mail(consultmail.KindConfirmation, &b, e, token, now)
	w := BookingWrite{
		Booking: b, ExpertMustBeActive: true,
		Claim:    slots.Granules(claim),
		CountDay: &DayCount{Date: cz.DateOf(start), Max: e.Availability.MaxPerDay},
		Mail:     items,
	}
	if key != nil {
		rec := key.Record(http.StatusCreated, b.ID, token, now)
		w.Idempotency = &rec
		w.Booking.IdempotencyKeys = []string{key.Hash()}
	}
	if err := s.writeWithHolds(ctx, &w, now); err != nil {
		return Created{}, err
	}
	return Created{Booking: w.Booking, ExpertName: e.Name, Token: token}, nil
}

// writeWithHolds writes a new booking with one limit hold per identity of
// its booker. The holds are picked from a read; the write's condition
// decides, and a hold taken meanwhile by another booking of the same
// person makes it pick again, a few times.
func (s *Service) writeWithHolds(ctx context.Context, w *BookingWrite, now time.Time) error {
	if len(s.IdentityKey) == 0 {
		return apperr.Wrap(apperr.Internal, "internal", errors.New("consultations: no identity key for the booking limits"))
	}
	ids := s.identities(w.Booking)
	for attempt := 1; ; attempt++ {
		holds, err := s.pickHolds(ctx, ids, now)
		if err != nil {
			return err
		}
		w.Hold, w.Booking.Holds = holds, holds
		err = s.Store.WriteBooking(ctx, *w)
		if !apperr.Is(err, apperr.Conflict, ReasonHoldTaken) {
			return err
		}
		if attempt >= s.holdAttempts() {
			return &apperr.Error{Code: apperr.Unavailable, Reason: "busy", RetryAfter: 2 * time.Second, Err: err}
		}
	}
}

// replayCreate answers a retried booking request from its record: the
// booking as it is now, with the manage token sealed in the record.
func (s *Service) replayCreate(ctx context.Context, key *idempotency.Key, rec idempotency.Record) (Created, error) {
	b, err := s.Store.GetBooking(ctx, rec.ResourceID)
	if err != nil {
		return Created{}, err
	}
	token, err := key.Open(rec)
	if err != nil {
		return Created{}, err
	}
	return Created{Booking: b, ExpertName: s.ExpertName(ctx, b.ExpertID), Token: token, Replayed: true}, nil
}

// ManageKind names bookings in manage links (/manage#booking=…&token=…).
const ManageKind manage.Kind = "booking"

// bookings opens bookings by their manage token.
func (s *Service) bookings() manage.Opener[Booking] {
	return manage.Opener[Booking]{
		Get:       s.Store.GetBooking,
		TokenHash: func(b Booking) []byte { return b.TokenHash },
		NotFound:  ReasonBookingNotFound,
		Expires:   ManageTokenExpires,
		Now:       s.Clock.Now,
	}
}

// BookingByToken returns a booking to whoever holds its manage token, until
// ManageTokenExpires. A wrong, missing or expired token gets exactly the
// answer an unknown booking gets.
func (s *Service) BookingByToken(ctx context.Context, id, token string) (Booking, error) {
	return s.bookings().Open(ctx, id, token)
}

// Changed is the result of a change made by token.
type Changed struct {
	Booking    Booking
	ExpertName string
	Replayed   bool
}

// Reschedule moves a booking to a new free slot: the new slot is claimed and
// the old one released in one transaction.
func (s *Service) Reschedule(ctx context.Context, id, token string, in RescheduleInput, key *idempotency.Key) (Changed, error) {
	return s.changeByToken(ctx, id, token, key, func(b Booking) (Changed, error) { return s.reschedule(ctx, b, token, in, key) })
}

func (s *Service) reschedule(ctx context.Context, b Booking, token string, in RescheduleInput, key *idempotency.Key) (Changed, error) {
	if err := validation.Struct(in); err != nil {
		return Changed{}, err
	}
	start, err := time.Parse(time.RFC3339, in.Start)
	if err != nil {
		return Changed{}, apperr.InvalidFields(apperr.Field("start", "datetime"))
	}
	start = start.UTC()
	if err := s.changeable(b); err != nil {
		return Changed{}, err
	}
	if start.Equal(b.Start) {
		return Changed{Booking: b}, nil
	}
	if err := CanReschedule(b, s.Limits); err != nil {
		return Changed{}, err
	}
	e, err := s.PublicExpert(ctx, b.ExpertID)
	if err != nil {
		return Changed{}, err
	}
	if err := s.checkSlot(ctx, e, start, b.ID); err != nil {
		return Changed{}, err
	}
	now := s.Clock.Now()
	w := PlanReschedule(b, e, start, now)
	w.Mail = s.mail(consultmail.KindChange, &w.Booking, e, token, now)
	return s.commitChange(ctx, w, e.Name, key, now)
}

// Cancel cancels a booking and frees its slot.
func (s *Service) Cancel(ctx context.Context, id, token string, key *idempotency.Key) (Changed, error) {
	return s.changeByToken(ctx, id, token, key, func(b Booking) (Changed, error) { return s.cancel(ctx, b, token, key) })
}

func (s *Service) cancel(ctx context.Context, b Booking, token string, key *idempotency.Key) (Changed, error) {
	if err := s.changeable(b); err != nil {
		return Changed{}, err
	}
	e, err := s.Store.GetExpert(ctx, b.ExpertID)
	if err != nil {
		return Changed{}, err
	}
	now := s.Clock.Now()
	w := PlanCancel(b, now)
	w.Mail = s.mail(consultmail.KindCancellation, &w.Booking, e, token, now)
	return s.commitChange(ctx, w, e.Name, key, now)
}

// changeByToken runs a change made by token: it opens the booking (a wrong
// token is not found, before any idempotency record is looked at), then
// runs change once per idempotency key. A retry, or a concurrent duplicate
// that lost the race to a finished first request, gets the booking as it is
// now, marked replayed.
func (s *Service) changeByToken(ctx context.Context, id, token string, key *idempotency.Key, change func(Booking) (Changed, error)) (Changed, error) {
	b, err := s.BookingByToken(ctx, id, token)
	if err != nil {
		return Changed{}, err
	}
	fresh := true // b is as read now: a replay right away needs no second read
	return idempotency.Run(ctx, s.Store, key, s.Clock.Now,
		func() (Changed, error) { fresh = false; return change(b) },
		func(idempotency.Record) (Changed, error) {
			if !fresh {
				var err error
				if b, err = s.BookingByToken(ctx, id, token); err != nil {
					return Changed{}, err
				}
			}
			return Changed{Booking: b, Replayed: true}, nil
		})
}

// commitChange writes a change made by token, recording its idempotency
// key in the same transaction (a concurrent duplicate makes it fail with
// idempotency.ReasonRace, which changeByToken turns into a replay).
func (s *Service) commitChange(ctx context.Context, w BookingWrite, expertName string, key *idempotency.Key, now time.Time) (Changed, error) {
	if key != nil {
		rec := key.Record(http.StatusOK, w.Booking.ID, "", now)
		w.Idempotency = &rec
		w.Booking.IdempotencyKeys = append(slices.Clone(w.Booking.IdempotencyKeys), key.Hash())
	}
	if err := s.Store.WriteBooking(ctx, w); err != nil {
		return Changed{}, err
	}
	return Changed{Booking: w.Booking, ExpertName: expertName}, nil
}

// changeable says whether the person may still change a booking.
func (s *Service) changeable(b Booking) error { return CanChange(b, s.Clock.Now()) }
