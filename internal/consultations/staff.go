package consultations

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/consultations/consultmail"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/slots"
	"github.com/mpsv/brana/internal/validation"
)

// Me describes the calling staff member.
type Me struct {
	Subject  string
	Groups   []string
	ExpertID string // set when the caller is linked to an expert
}

// Me returns who the caller is and which expert record is theirs.
func (s *Service) Me(ctx context.Context, p auth.Principal) (Me, error) {
	me := Me{Subject: p.Subject, Groups: p.Groups}
	id, err := s.Store.ExpertIDBySubject(ctx, p.Subject)
	if err != nil && apperr.CodeOf(err) != apperr.NotFound {
		return Me{}, err
	}
	me.ExpertID = id
	return me, nil
}

// StaffListExperts lists every expert (admin) or the caller's own record.
func (s *Service) StaffListExperts(ctx context.Context, p auth.Principal) ([]Expert, error) {
	a, err := s.actor(ctx, p)
	if err != nil {
		return nil, err
	}
	if !a.admin {
		e, err := s.Store.GetExpert(ctx, a.expertID)
		if err != nil {
			return nil, err
		}
		return []Expert{e}, nil
	}
	return s.Store.ListExperts(ctx)
}

// StaffExpert returns one expert to an admin or to that expert.
func (s *Service) StaffExpert(ctx context.Context, p auth.Principal, id string) (Expert, error) {
	a, err := s.actor(ctx, p)
	if err != nil {
		return Expert{}, err
	}
	if !a.mayActFor(id) {
		return Expert{}, apperr.New(apperr.Forbidden, "forbidden")
	}
	return s.Store.GetExpert(ctx, id)
}

// CreateExpert adds an expert (admins only). New experts are active with
// the default availability and no working hours yet.
func (s *Service) CreateExpert(ctx context.Context, p auth.Principal, in ExpertInput) (Expert, error) {
	if !p.IsAdmin() {
		return Expert{}, apperr.New(apperr.Forbidden, "forbidden")
	}
	if err := normaliseExpert(&in); err != nil {
		return Expert{}, err
	}
	now := s.Clock.Now()
	e := Expert{ID: in.ID, Availability: DefaultAvailability(), Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	if e.ID == "" {
		e.ID = s.IDs.NewID()
	}
	applyExpert(&e, in)
	if err := s.Store.CreateExpert(ctx, e); err != nil {
		return Expert{}, err
	}
	return e, nil
}

// UpdateExpert changes an expert's profile, account link or active flag
// (admins only). Availability has its own call.
func (s *Service) UpdateExpert(ctx context.Context, p auth.Principal, id string, in ExpertInput) (Expert, error) {
	if !p.IsAdmin() {
		return Expert{}, apperr.New(apperr.Forbidden, "forbidden")
	}
	if err := normaliseExpert(&in); err != nil {
		return Expert{}, err
	}
	if in.ID != "" && in.ID != id {
		return Expert{}, apperr.InvalidFields(apperr.Field("id", "eq", id))
	}
	prev, err := s.Store.GetExpert(ctx, id)
	if err != nil {
		return Expert{}, err
	}
	e := prev
	applyExpert(&e, in)
	e.Version = prev.Version + 1
	e.UpdatedAt = s.Clock.Now()
	if err := s.Store.UpdateExpert(ctx, e, prev); err != nil {
		return Expert{}, err
	}
	return e, nil
}

// SetAvailability replaces an expert's availability (an admin, or the expert).
// Existing bookings stay; only future free slots change.
func (s *Service) SetAvailability(ctx context.Context, p auth.Principal, id string, in AvailabilityInput) (Expert, error) {
	a, err := s.actor(ctx, p)
	if err != nil {
		return Expert{}, err
	}
	if !a.mayActFor(id) {
		return Expert{}, apperr.New(apperr.Forbidden, "forbidden")
	}
	av, err := in.Parse()
	if err != nil {
		return Expert{}, err
	}
	prev, err := s.Store.GetExpert(ctx, id)
	if err != nil {
		return Expert{}, err
	}
	e := prev
	e.Availability = av
	e.Version = prev.Version + 1
	e.UpdatedAt = s.Clock.Now()
	if err := s.Store.UpdateExpert(ctx, e, prev); err != nil {
		return Expert{}, err
	}
	return e, nil
}

// PreviewDays is how many days, from today, PreviewAvailability shows.
const PreviewDays = 14

// Preview is the free slots an availability would give: the days from
// From to To (Prague dates, inclusive) and the slots on them, by start.
type Preview struct {
	From, To cz.Date
	Slot     time.Duration // the slot length
	Slots    []Slot
}

// PreviewAvailability shows the free slots an expert would have over the
// next PreviewDays days with the availability in (an admin, or the
// expert), without storing it. The input is checked exactly as
// SetAvailability checks it, and the slots are generated as FreeSlots
// generates them: existing bookings, public holidays, notice and horizon
// count, whether or not the expert is active.
func (s *Service) PreviewAvailability(ctx context.Context, p auth.Principal, id string, in AvailabilityInput) (Preview, error) {
	a, err := s.actor(ctx, p)
	if err != nil {
		return Preview{}, err
	}
	if !a.mayActFor(id) {
		return Preview{}, apperr.New(apperr.Forbidden, "forbidden")
	}
	av, err := in.Parse()
	if err != nil {
		return Preview{}, err
	}
	e, err := s.Store.GetExpert(ctx, id)
	if err != nil {
		return Preview{}, err
	}
	now := s.Clock.Now()
	from := cz.DateOf(now)
	to := from.AddDays(PreviewDays - 1)
	booked, err := s.booked(ctx, e.ID, from, to, "")
	if err != nil {
		return Preview{}, err
	}
	out := Preview{From: from, To: to, Slot: av.Slot}
	for _, iv := range slots.Generate(av.Rules(), from, to, now, booked, s.holiday) {
		out.Slots = append(out.Slots, Slot{ExpertID: e.ID, Start: iv.Start, End: iv.End, Forms: e.Forms})
	}
	return out, nil
}

func normaliseExpert(in *ExpertInput) error {
	in.ID = strings.TrimSpace(in.ID)
	in.Name = strings.TrimSpace(in.Name)
	in.Email = strings.TrimSpace(in.Email)
	in.Bio = strings.TrimSpace(in.Bio)
	in.Subject = strings.TrimSpace(in.Subject)
	for i := range in.Regions {
		in.Regions[i] = strings.ToUpper(strings.TrimSpace(in.Regions[i]))
	}
	return validation.Struct(in)
}

func applyExpert(e *Expert, in ExpertInput) {
	e.Name, e.Email, e.Bio, e.Subject = in.Name, in.Email, in.Bio, in.Subject
	e.Topics = e.Topics[:0:0]
	for _, t := range in.Topics {
		e.Topics = append(e.Topics, programme.Topic(t))
	}
	e.Forms = e.Forms[:0:0]
	for _, f := range in.Forms {
		e.Forms = append(e.Forms, programme.Form(f))
	}
	e.Regions = slices.Clone(in.Regions)
	slices.Sort(e.Regions)
	if in.Active != nil {
		e.Active = *in.Active
	}
}

// BookingQuery filters the staff booking list.
type BookingQuery struct {
	From, To cz.Date // Prague dates, inclusive
	ExpertID string
	Status   Status
}

// ListBookings lists bookings starting in [q.From, q.To]: all of them for an
// admin, only the caller's own for an expert.
func (s *Service) ListBookings(ctx context.Context, p auth.Principal, q BookingQuery) ([]Booking, error) {
	a, err := s.actor(ctx, p)
	if err != nil {
		return nil, err
	}
	if q.To.Before(q.From) {
		return nil, apperr.InvalidFields(apperr.Field("to", "range"))
	}
	if cz.DaysBetween(q.From, q.To) >= MaxListRangeDays {
		return nil, &apperr.Error{Code: apperr.Invalid, Reason: "range_too_long", Args: []any{MaxListRangeDays}}
	}
	if !a.admin {
		if q.ExpertID != "" && q.ExpertID != a.expertID {
			return nil, apperr.New(apperr.Forbidden, "forbidden")
		}
		q.ExpertID = a.expertID
	}
	from, to := q.From.Start(), q.To.AddDays(1).Start()
	var list []Booking
	if q.ExpertID != "" {
		list, err = s.Store.ListBookingsByExpert(ctx, q.ExpertID, from, to)
	} else {
		list, err = s.Store.ListBookingsByTime(ctx, from, to)
	}
	if err != nil {
		return nil, err
	}
	out := list[:0]
	for _, b := range list {
		if q.Status == "" || b.Status == q.Status {
			out = append(out, b)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out, nil
}

// staffBooking loads a booking the caller may act on. To an expert, another
// expert's booking is forbidden, not hidden: staff may know it exists.
func (s *Service) staffBooking(ctx context.Context, p auth.Principal, id string) (Booking, actor, error) {
	a, err := s.actor(ctx, p)
	if err != nil {
		return Booking{}, actor{}, err
	}
	b, err := s.Store.GetBooking(ctx, id)
	if err != nil {
		return Booking{}, actor{}, err
	}
	if !a.mayActFor(b.ExpertID) {
		return Booking{}, actor{}, apperr.New(apperr.Forbidden, "forbidden")
	}
	return b, a, nil
}

// SetOutcome marks a consultation held or no-show, once it has started.
// A wrong mark can be corrected; a cancelled booking has no outcome.
func (s *Service) SetOutcome(ctx context.Context, p auth.Principal, id string, in OutcomeInput) (Booking, error) {
	if err := validation.Struct(in); err != nil {
		return Booking{}, err
	}
	b, _, err := s.staffBooking(ctx, p, id)
	if err != nil {
		return Booking{}, err
	}
	now := s.Clock.Now()
	if err := CanRecordOutcome(b, now); err != nil {
		return Booking{}, err
	}
	nb := b
	nb.Status = Status(in.Status)
	nb.OutcomeAt = now
	nb.UpdatedAt = now
	nb.Version++
	if err := s.Store.WriteBooking(ctx, BookingWrite{Booking: nb, PrevVersion: b.Version}); err != nil {
		return Booking{}, err
	}
	return nb, nil
}

// ErasePersonalData anonymises a booking (admins only): only the facts the
// privacy notice lists stay (PlanErasure), so reports still count it. A
// consultation still to come is cancelled with it (nobody could manage it
// any more): its slot is freed and the expert told.
func (s *Service) ErasePersonalData(ctx context.Context, p auth.Principal, id string) (Booking, error) {
	if !p.IsAdmin() {
		return Booking{}, apperr.New(apperr.Forbidden, "forbidden")
	}
	b, err := s.Store.GetBooking(ctx, id)
	if err != nil {
		return Booking{}, err
	}
	return s.erase(ctx, b, s.Clock.Now())
}

// erase anonymises b as PlanErasure decides: the one erase path of the
// admin's erasure and of the retention job.
func (s *Service) erase(ctx context.Context, b Booking, now time.Time) (Booking, error) {
	plan, err := PlanErasure(b, now)
	if err != nil {
		return Booking{}, err
	}
	w := plan.Write
	if plan.Cancels {
		e, err := s.Store.GetExpert(ctx, b.ExpertID)
		if err != nil {
			return Booking{}, err
		}
		w.Mail = s.mail(consultmail.KindCancellation, &w.Booking, e, "", now, consultmail.RoleExpert)
	}
	if err := s.Store.WriteBooking(ctx, w); err != nil {
		return Booking{}, err
	}
	return w.Booking, nil
}

// CancelAllInput is the body of POST /v1/staff/cancellations: one e-mail
// address or one IČO.
type CancelAllInput struct {
	Email string `json:"email" validate:"omitempty,email,max=254"`
	ICO   string `json:"ico" validate:"omitempty,ico"`
}

// CancelAllHorizon is how far ahead a cancel-all looks: an expert's
// booking horizon is at most 365 days (AvailabilityInput), plus the notice.
const CancelAllHorizon = 400 * 24 * time.Hour

// CancelAll cancels every future booking made with one e-mail address or
// for one IČO (admins only), each in its own transaction as the person's
// own cancel would, and tells the person and the expert. It reads the
// bookings of the coming months (Query per month on GSI2) and matches the
// normalised e-mail or IČO, so it needs no key and finds bookings made
// before the limits existed too. A booking changed meanwhile is read again
// and cancelled if it is still to come.
func (s *Service) CancelAll(ctx context.Context, p auth.Principal, in CancelAllInput) ([]Booking, error) {
	if !p.IsAdmin() {
		return nil, apperr.New(apperr.Forbidden, "forbidden")
	}
	in.Email, in.ICO = strings.TrimSpace(in.Email), strings.ReplaceAll(strings.TrimSpace(in.ICO), " ", "")
	if err := validation.Struct(in); err != nil {
		return nil, err
	}
	switch {
	case in.Email == "" && in.ICO == "":
		return nil, apperr.InvalidFields(apperr.Field("email", "email_or_ico"), apperr.Field("ico", "email_or_ico"))
	case in.Email != "" && in.ICO != "":
		return nil, apperr.InvalidFields(apperr.Field("ico", "email_or_ico"))
	}
	now := s.Clock.Now()
	list, err := s.Store.ListBookingsByTime(ctx, now, now.Add(CancelAllHorizon))
	if err != nil {
		return nil, err
	}
	email, ico := normaliseIdentity(IdentityEmail, in.Email), normaliseIdentity(IdentityICO, in.ICO)
	matches := func(b Booking) bool {
		if email != "" {
			return normaliseIdentity(IdentityEmail, b.Contact.Email) == email
		}
		return normaliseIdentity(IdentityICO, b.Organisation.ICO) == ico
	}
	experts := map[string]Expert{}
	var out []Booking
	for _, b := range list {
		if !matches(b) || CanChange(b, now) != nil {
			continue
		}
		nb, err := s.cancelByStaff(ctx, b, experts, now)
		if apperr.Is(err, apperr.Conflict, ReasonBookingChanged) {
			// Changed meanwhile (moved or cancelled by the person): again on
			// the booking as it is now.
			if b, err = s.Store.GetBooking(ctx, b.ID); err != nil {
				return out, err
			}
			if !matches(b) || CanChange(b, now) != nil {
				continue
			}
			nb, err = s.cancelByStaff(ctx, b, experts, now)
		}
		if err != nil {
			return out, err
		}
		out = append(out, nb)
	}
	return out, nil
}

func (s *Service) cancelByStaff(ctx context.Context, b Booking, experts map[string]Expert, now time.Time) (Booking, error) {
	e, ok := experts[b.ExpertID]
	if !ok {
		var err error
		if e, err = s.Store.GetExpert(ctx, b.ExpertID); err != nil {
			return Booking{}, err
		}
		experts[b.ExpertID] = e
	}
	w := PlanCancel(b, now)
	w.Mail = s.mail(consultmail.KindCancellation, &w.Booking, e, "", now)
	if err := s.Store.WriteBooking(ctx, w); err != nil {
		return Booking{}, err
	}
	return w.Booking, nil
}
