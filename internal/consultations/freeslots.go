package consultations

import (
	"context"
	"sort"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/slots"
	"golang.org/x/sync/errgroup"
)

// ---- Public: experts and slots ----

// ListExperts returns the active experts matching f, by name.
func (s *Service) ListExperts(ctx context.Context, f ExpertFilter) ([]Expert, error) {
	all, err := s.Store.ListExperts(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Expert, 0, len(all))
	for _, e := range all {
		if f.Matches(e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// PublicExpert returns an active expert; an inactive one is not found.
func (s *Service) PublicExpert(ctx context.Context, id string) (Expert, error) {
	e, err := s.Store.GetExpert(ctx, id)
	if err != nil {
		return Expert{}, err
	}
	if !e.Active {
		return Expert{}, apperr.New(apperr.NotFound, ReasonExpertNotFound)
	}
	return e, nil
}

// SlotQuery asks for free slots.
type SlotQuery struct {
	From, To cz.Date
	ExpertID string
	Form     programme.Form
	Topic    programme.Topic
	Region   string
}

// Slot is one free consultation time.
type Slot struct {
	ExpertID string
	Start    time.Time
	End      time.Time
	Forms    []programme.Form // the forms the expert offers that fit the query
}

// slotQueries bounds the claim Queries one FreeSlots call runs at once.
const slotQueries = 4

// FreeSlots lists free slots in [q.From, q.To] (Prague dates), with one
// DynamoDB Query per expert for the whole range, at most slotQueries at a
// time. The result is ordered by start, then by the experts' order (by
// name), whichever Query answers first.
func (s *Service) FreeSlots(ctx context.Context, q SlotQuery) ([]Slot, error) {
	if q.To.Before(q.From) {
		return nil, apperr.InvalidFields(apperr.Field("to", "range"))
	}
	if cz.DaysBetween(q.From, q.To) >= MaxSlotRangeDays {
		return nil, &apperr.Error{Code: apperr.Invalid, Reason: "range_too_long", Args: []any{MaxSlotRangeDays}}
	}
	var experts []Expert
	if q.ExpertID != "" {
		e, err := s.PublicExpert(ctx, q.ExpertID)
		if err != nil {
			return nil, err
		}
		if (ExpertFilter{Topic: q.Topic, Region: q.Region, Form: q.Form}).Matches(e) {
			experts = append(experts, e)
		}
	} else {
		var err error
		if experts, err = s.ListExperts(ctx, ExpertFilter{Topic: q.Topic, Region: q.Region, Form: q.Form}); err != nil {
			return nil, err
		}
	}
	booked, err := s.bookedAll(ctx, experts, q.From, q.To)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	var out []Slot
	for i, e := range experts {
		forms := e.Forms
		if q.Form != "" {
			forms = []programme.Form{q.Form}
		}
		for _, iv := range slots.Generate(e.Availability.Rules(), q.From, q.To, now, booked[i], s.holiday) {
			out = append(out, Slot{ExpertID: e.ID, Start: iv.Start, End: iv.End, Forms: forms})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out, nil
}

// bookedAll reads the claims of every expert concurrently, at most
// slotQueries at a time; booked[i] belongs to experts[i]. The first error
// cancels the rest.
func (s *Service) bookedAll(ctx context.Context, experts []Expert, from, to cz.Date) ([][]slots.Booked, error) {
	booked := make([][]slots.Booked, len(experts))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(slotQueries)
	for i, e := range experts {
		g.Go(func() error {
			var err error
			booked[i], err = s.booked(ctx, e.ID, from, to, "")
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return booked, nil
}

// booked reads an expert's claims around [from, to] and groups them by
// booking, leaving out the booking `except` (one being rescheduled).
func (s *Service) booked(ctx context.Context, expertID string, from, to cz.Date, except string) ([]slots.Booked, error) {
	// A booking that starts late the day before may claim into `from`; its
	// claims end at most the longest slot plus buffer after it starts.
	const spill = 6 * time.Hour
	claims, err := s.Store.Claims(ctx, expertID, from.Start().Add(-spill), to.AddDays(1).Start().Add(spill))
	if err != nil {
		return nil, err
	}
	byBooking := map[string]*slots.Booked{}
	var order []string
	for _, c := range claims {
		if c.BookingID == except {
			continue
		}
		b, ok := byBooking[c.BookingID]
		if !ok {
			b = &slots.Booked{Start: c.Start, Claim: slots.Interval{Start: c.Granule, End: c.Granule.Add(slots.Granule)}}
			byBooking[c.BookingID] = b
			order = append(order, c.BookingID)
			continue
		}
		if c.Granule.Before(b.Claim.Start) {
			b.Claim.Start = c.Granule
		}
		if end := c.Granule.Add(slots.Granule); end.After(b.Claim.End) {
			b.Claim.End = end
		}
	}
	out := make([]slots.Booked, 0, len(order))
	for _, id := range order {
		out = append(out, *byBooking[id])
	}
	return out, nil
}

// checkSlot explains why start is not bookable: taken, day full or not a slot.
func (s *Service) checkSlot(ctx context.Context, e Expert, start time.Time, except string) error {
	day := cz.DateOf(start)
	booked, err := s.booked(ctx, e.ID, day, day, except)
	if err != nil {
		return err
	}
	rules, now := e.Availability.Rules(), s.Clock.Now()
	if slots.IsFree(rules, start, now, booked, s.holiday) {
		return nil
	}
	if !slots.IsFree(rules, start, now, nil, s.holiday) {
		return apperr.New(apperr.Conflict, ReasonSlotUnavailable)
	}
	if rules.MaxPerDay > 0 && slots.CountOnDay(booked, day) >= rules.MaxPerDay {
		return apperr.New(apperr.Conflict, ReasonDayFull)
	}
	return apperr.New(apperr.Conflict, ReasonSlotTaken)
}
