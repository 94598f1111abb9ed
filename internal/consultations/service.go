// Package consultations is the consultation-booking capability: experts and
// their availability, free slots, bookings and their management by token,
// staff views, reminders. It holds the rules; storage, e-mail delivery and
// HTTP are adapters behind small interfaces.
package consultations

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/slots"
	"github.com/mpsv/brana/internal/validation"
)

// MaxSlotRangeDays bounds one free-slot query.
const MaxSlotRangeDays = 62

// MaxListRangeDays bounds one staff booking list.
const MaxListRangeDays = 93

// Service runs the consultation rules.
type Service struct {
	Store     Store
	Clock     clock.Clock
	IDs       ids.Generator
	Sealer    *outbox.Sealer
	BaseURL   string             // the public front door, for manage links
	Organizer mail.Address       // who sends the e-mails; the calendar events' organizer
	Holiday   func(cz.Date) bool // nil: Czech public holidays
}

func (s *Service) holiday(d cz.Date) bool {
	if s.Holiday != nil {
		return s.Holiday(d)
	}
	return cz.IsHoliday(d)
}

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
		return Expert{}, apperr.New(apperr.NotFound, "expert_not_found")
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

// FreeSlots lists free slots in [q.From, q.To] (Prague dates), with one
// DynamoDB Query per expert for the whole range.
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
	now := s.Clock.Now()
	var out []Slot
	for _, e := range experts {
		booked, err := s.booked(ctx, e.ID, q.From, q.To, "")
		if err != nil {
			return nil, err
		}
		forms := e.Forms
		if q.Form != "" {
			forms = []programme.Form{q.Form}
		}
		for _, iv := range slots.Generate(e.Availability.Rules(), q.From, q.To, now, booked, s.holiday) {
			out = append(out, Slot{ExpertID: e.ID, Start: iv.Start, End: iv.End, Forms: forms})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out, nil
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
		return apperr.New(apperr.Conflict, "slot_unavailable")
	}
	if rules.MaxPerDay > 0 && slots.CountOnDay(booked, day) >= rules.MaxPerDay {
		return apperr.New(apperr.Conflict, "day_full")
	}
	return apperr.New(apperr.Conflict, "slot_taken")
}

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
	if key != nil {
		if c, ok, err := s.replayCreate(ctx, key); ok || err != nil {
			return c, err
		}
	}
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
	items := s.mail(mail.KindConfirmation, &b, e, token, now)
	w := BookingWrite{
		Booking: b, ExpertMustBeActive: true,
		Claim:    slots.Granules(claim),
		CountDay: &DayCount{Date: cz.DateOf(start), Max: e.Availability.MaxPerDay},
		Mail:     items,
	}
	if key != nil {
		rec := key.Record(http.StatusCreated, b.ID, token, now)
		w.Idempotency = &rec
	}
	if err := s.Store.WriteBooking(ctx, w); err != nil {
		if key != nil && apperr.Is(err, apperr.Conflict, "idempotency_race") {
			if c, ok, rerr := s.replayCreate(ctx, key); ok || rerr != nil {
				return c, rerr
			}
			return Created{}, apperr.New(apperr.Conflict, "idempotency_in_progress")
		}
		return Created{}, err
	}
	return Created{Booking: w.Booking, ExpertName: e.Name, Token: token}, nil
}

func (s *Service) replayCreate(ctx context.Context, key *idempotency.Key) (Created, bool, error) {
	rec, ok, err := s.idempotencyRecord(ctx, key)
	if !ok || err != nil {
		return Created{}, false, err
	}
	b, err := s.Store.GetBooking(ctx, rec.ResourceID)
	if err != nil {
		return Created{}, true, err
	}
	token, err := key.Open(rec)
	if err != nil {
		return Created{}, true, err
	}
	return Created{Booking: b, ExpertName: s.ExpertName(ctx, b.ExpertID), Token: token, Replayed: true}, true, nil
}

// idempotencyRecord returns the live record of key, checking it was made by
// the same request (422 otherwise).
func (s *Service) idempotencyRecord(ctx context.Context, key *idempotency.Key) (idempotency.Record, bool, error) {
	rec, err := s.Store.GetIdempotency(ctx, key.Hash())
	if apperr.CodeOf(err) == apperr.NotFound {
		return idempotency.Record{}, false, nil
	}
	if err != nil {
		return idempotency.Record{}, false, err
	}
	if rec.Expired(s.Clock.Now()) {
		return idempotency.Record{}, false, nil
	}
	if err := key.Check(rec); err != nil {
		return idempotency.Record{}, false, err
	}
	return rec, true, nil
}

// BookingByToken returns a booking to whoever holds its manage token. A
// wrong or missing token gets exactly the answer an unknown booking gets.
func (s *Service) BookingByToken(ctx context.Context, id, token string) (Booking, error) {
	notFound := apperr.New(apperr.NotFound, "booking_not_found")
	b, err := s.Store.GetBooking(ctx, id)
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			ids.TokenMatches(token, nil) // spend the same time as a real comparison
			return Booking{}, notFound
		}
		return Booking{}, err
	}
	if token == "" || !ids.TokenMatches(token, b.TokenHash) {
		return Booking{}, notFound
	}
	return b, nil
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
	b, replayed, err := s.loadForChange(ctx, id, token, key)
	if err != nil || replayed {
		return Changed{Booking: b, Replayed: replayed}, err
	}
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
	e, err := s.PublicExpert(ctx, b.ExpertID)
	if err != nil {
		return Changed{}, err
	}
	if err := s.checkSlot(ctx, e, start, b.ID); err != nil {
		return Changed{}, err
	}
	now := s.Clock.Now()
	nb := b
	claim := slots.ClaimInterval(start, e.Availability.Slot, e.Availability.Buffer)
	nb.Start, nb.End, nb.ClaimEnd = start, start.Add(e.Availability.Slot), claim.End
	nb.Sequence++
	nb.Version++
	nb.ReminderFor = time.Time{}
	nb.UpdatedAt = now

	oldG, newG := slots.Granules(b.ClaimInterval()), slots.Granules(claim)
	w := BookingWrite{
		Booking: nb, PrevVersion: b.Version, ExpertMustBeActive: true,
		Claim:      minus(newG, oldG),
		Release:    minus(oldG, newG),
		DeleteMail: queuedReminders(b),
	}
	if oldDay, newDay := cz.DateOf(b.Start), cz.DateOf(start); oldDay != newDay {
		w.CountDay = &DayCount{Date: newDay, Max: e.Availability.MaxPerDay}
		w.UncountDay = &oldDay
	}
	w.Mail = s.mail(mail.KindChange, &w.Booking, e, token, now)
	return s.commitChange(ctx, w, e.Name, token, key, now)
}

// Cancel cancels a booking and frees its slot.
func (s *Service) Cancel(ctx context.Context, id, token string, key *idempotency.Key) (Changed, error) {
	b, replayed, err := s.loadForChange(ctx, id, token, key)
	if err != nil || replayed {
		return Changed{Booking: b, Replayed: replayed}, err
	}
	if err := s.changeable(b); err != nil {
		return Changed{}, err
	}
	e, err := s.Store.GetExpert(ctx, b.ExpertID)
	if err != nil {
		return Changed{}, err
	}
	now := s.Clock.Now()
	nb := b
	nb.Status = StatusCancelled
	nb.CancelledAt = now
	nb.Sequence++
	nb.Version++
	nb.UpdatedAt = now
	day := cz.DateOf(b.Start)
	w := BookingWrite{
		Booking: nb, PrevVersion: b.Version,
		Release:    slots.Granules(b.ClaimInterval()),
		UncountDay: &day,
		DeleteMail: queuedReminders(b),
	}
	w.Mail = s.mail(mail.KindCancellation, &w.Booking, e, token, now)
	return s.commitChange(ctx, w, e.Name, token, key, now)
}

// loadForChange authenticates by token and, for a retried request, returns
// the booking as it is now with replayed set.
func (s *Service) loadForChange(ctx context.Context, id, token string, key *idempotency.Key) (Booking, bool, error) {
	b, err := s.BookingByToken(ctx, id, token)
	if err != nil {
		return Booking{}, false, err
	}
	if key != nil {
		_, ok, err := s.idempotencyRecord(ctx, key)
		if err != nil {
			return Booking{}, false, err
		}
		if ok {
			return b, true, nil
		}
	}
	return b, false, nil
}

// commitChange writes a change made by token, recording its idempotency
// key in the same transaction; a concurrent duplicate of an idempotent
// request becomes a replay of the first.
func (s *Service) commitChange(ctx context.Context, w BookingWrite, expertName, token string, key *idempotency.Key, now time.Time) (Changed, error) {
	id := w.Booking.ID
	if key != nil {
		rec := key.Record(http.StatusOK, id, "", now)
		w.Idempotency = &rec
	}
	err := s.Store.WriteBooking(ctx, w)
	if err == nil {
		return Changed{Booking: w.Booking, ExpertName: expertName}, nil
	}
	if key == nil || !apperr.Is(err, apperr.Conflict, "idempotency_race") {
		return Changed{}, err
	}
	b, replayed, lerr := s.loadForChange(ctx, id, token, key)
	if lerr != nil {
		return Changed{}, lerr
	}
	if !replayed {
		return Changed{}, apperr.New(apperr.Conflict, "idempotency_in_progress")
	}
	return Changed{Booking: b, Replayed: true}, nil
}

// changeable says whether the person may still change a booking.
func (s *Service) changeable(b Booking) error {
	if b.Status != StatusConfirmed {
		return apperr.New(apperr.Conflict, "booking_not_active")
	}
	if !s.Clock.Now().Before(b.Start) {
		return apperr.New(apperr.Conflict, "booking_too_late")
	}
	return nil
}

// ManageURL is the link a person manages a booking from. The token travels
// in the fragment, which browsers never send to a server.
func ManageURL(base, id, token string) string {
	v := url.Values{"booking": {id}, "token": {token}}
	return strings.TrimRight(base, "/") + "/manage#" + v.Encode()
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

// minus returns the times in a that are not in b.
func minus(a, b []time.Time) []time.Time {
	var out []time.Time
	for _, t := range a {
		if !slices.ContainsFunc(b, t.Equal) {
			out = append(out, t)
		}
	}
	return out
}

// actor resolves what a staff member may see: everything (admin) or one
// expert's own records.
type actor struct {
	admin    bool
	expertID string
}

func (s *Service) actor(ctx context.Context, p auth.Principal) (actor, error) {
	if p.IsAdmin() {
		return actor{admin: true}, nil
	}
	if p.In(auth.GroupExpert) {
		id, err := s.Store.ExpertIDBySubject(ctx, p.Subject)
		if apperr.CodeOf(err) == apperr.NotFound {
			return actor{}, apperr.New(apperr.Forbidden, "forbidden")
		}
		if err != nil {
			return actor{}, err
		}
		return actor{expertID: id}, nil
	}
	return actor{}, apperr.New(apperr.Forbidden, "forbidden")
}

func (a actor) mayActFor(expertID string) bool { return a.admin || a.expertID == expertID }

// ExpertName returns an expert's name for display, "" if it cannot be read.
func (s *Service) ExpertName(ctx context.Context, id string) string {
	e, err := s.Store.GetExpert(ctx, id)
	if err != nil {
		return ""
	}
	return e.Name
}
