// Package api holds Brána's HTTP handlers: request and response shapes
// (documented in docs/openapi.yaml) and one constructor per function, which
// both the Lambda mains and the local gateway use.
package api

import (
	"time"

	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/programme"
)

// Times in responses are RFC 3339 in Europe/Prague, e.g.
// "2026-12-01T09:30:00+01:00": unambiguous, and readable as local time.
func local(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(cz.Prague).Format(time.RFC3339)
}

// ExpertView is an expert as the public sees it: no e-mail, no account.
type ExpertView struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Bio         string            `json:"bio"`
	Topics      []programme.Topic `json:"topics"`
	Regions     []string          `json:"regions"`
	Forms       []programme.Form  `json:"forms"`
	SlotMinutes int               `json:"slotMinutes"`
}

func expertView(e consultations.Expert) ExpertView {
	return ExpertView{
		ID: e.ID, Name: e.Name, Bio: e.Bio, Topics: nonNil(e.Topics), Regions: nonNil(e.Regions),
		Forms: nonNil(e.Forms), SlotMinutes: int(e.Availability.Slot / time.Minute),
	}
}

// StaffExpertView is an expert as staff see it.
type StaffExpertView struct {
	ExpertView
	Email        string                          `json:"email"`
	Subject      string                          `json:"subject"`
	Active       bool                            `json:"active"`
	Availability consultations.AvailabilityInput `json:"availability"`
	Version      int                             `json:"version"`
	CreatedAt    string                          `json:"createdAt"`
	UpdatedAt    string                          `json:"updatedAt"`
}

func staffExpertView(e consultations.Expert) StaffExpertView {
	return StaffExpertView{
		ExpertView: expertView(e), Email: e.Email, Subject: e.Subject, Active: e.Active,
		Availability: e.Availability.Input(), Version: e.Version,
		CreatedAt: local(e.CreatedAt), UpdatedAt: local(e.UpdatedAt),
	}
}

// SlotGroupView is one expert's free slots: the expert, the forms and the
// slot length once, then the start of every slot. A 60-day listing of a
// busy expert repeated the expert id and the forms in each of thousands of
// slots; grouped, a slot costs one timestamp.
type SlotGroupView struct {
	ExpertID string           `json:"expertId"`
	Forms    []programme.Form `json:"forms"`
	Minutes  int              `json:"minutes"`
	Starts   []string         `json:"starts"`
}

// BookingView is a booking as the person who made it sees it.
type BookingView struct {
	ID           string           `json:"id"`
	ExpertID     string           `json:"expertId"`
	ExpertName   string           `json:"expertName,omitempty"`
	Start        string           `json:"start"`
	End          string           `json:"end"`
	Form         string           `json:"form"`
	Topic        string           `json:"topic"`
	TargetGroup  string           `json:"targetGroup"`
	Region       string           `json:"region"`
	Organisation OrganisationView `json:"organisation"`
	Contact      ContactView      `json:"contact"`
	Address      string           `json:"address,omitempty"`
	Note         string           `json:"note,omitempty"`
	Language     string           `json:"language,omitempty"` // none once erased
	Status       string           `json:"status"`
	Sequence     int              `json:"sequence"`
	CreatedAt    string           `json:"createdAt"`
	UpdatedAt    string           `json:"updatedAt"`
	CancelledAt  string           `json:"cancelledAt,omitempty"`
}

// OrganisationView is the organisation of a booking.
type OrganisationView struct {
	Name string `json:"name,omitempty"`
	ICO  string `json:"ico,omitempty"`
}

// ContactView is the contact of a booking (empty once erased).
type ContactView struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

func bookingView(b consultations.Booking, expertName string) BookingView {
	return BookingView{
		ID: b.ID, ExpertID: b.ExpertID, ExpertName: expertName,
		Start: local(b.Start), End: local(b.End),
		Form: string(b.Form), Topic: string(b.Topic), TargetGroup: string(b.TargetGroup), Region: b.Region,
		Organisation: OrganisationView{Name: b.Organisation.Name, ICO: b.Organisation.ICO},
		Contact:      ContactView{Name: b.Contact.Name, Email: b.Contact.Email, Phone: b.Contact.Phone},
		Address:      b.Address, Note: b.Note, Language: string(b.Lang),
		Status: string(b.Status), Sequence: b.Sequence,
		CreatedAt: local(b.CreatedAt), UpdatedAt: local(b.UpdatedAt), CancelledAt: local(b.CancelledAt),
	}
}

// CreatedBookingView is the answer to a new booking: the only time the
// manage token is shown.
type CreatedBookingView struct {
	Booking     BookingView `json:"booking"`
	ManageToken string      `json:"manageToken"`
	ManageURL   string      `json:"manageUrl"`
}

// StaffBookingView is a booking as staff see it.
type StaffBookingView struct {
	BookingView
	ConsentNoticeVersion string `json:"consentNoticeVersion"`
	ConsentAt            string `json:"consentAt"`
	OutcomeAt            string `json:"outcomeAt,omitempty"`
	ErasedAt             string `json:"erasedAt,omitempty"`
	Version              int    `json:"version"`
}

// CancellationsView answers an admin's cancel-all: the bookings cancelled.
type CancellationsView struct {
	Count int                `json:"count"`
	Items []StaffBookingView `json:"items"`
}

func staffBookingView(b consultations.Booking) StaffBookingView {
	return StaffBookingView{
		BookingView: bookingView(b, ""), ConsentNoticeVersion: b.Consent.NoticeVersion,
		ConsentAt: local(b.Consent.At), OutcomeAt: local(b.OutcomeAt), ErasedAt: local(b.ErasedAt), Version: b.Version,
	}
}

// MeView is the calling staff member.
type MeView struct {
	Subject  string   `json:"subject"`
	Groups   []string `json:"groups"`
	ExpertID string   `json:"expertId,omitempty"`
}

// AvailabilityPreviewView is the free slots an availability would give,
// day by day from From to To (Prague dates, every day, slots or none).
type AvailabilityPreviewView struct {
	From    string           `json:"from"`
	To      string           `json:"to"`
	Minutes int              `json:"minutes"`
	Days    []PreviewDayView `json:"days"`
}

// PreviewDayView is one day of a preview: its free slots' starts.
type PreviewDayView struct {
	Date   string   `json:"date"`
	Starts []string `json:"starts"`
}

func availabilityPreviewView(p consultations.Preview) AvailabilityPreviewView {
	out := AvailabilityPreviewView{From: p.From.String(), To: p.To.String(), Minutes: int(p.Slot / time.Minute), Days: []PreviewDayView{}}
	at := map[cz.Date]int{}
	for d := p.From; !d.After(p.To); d = d.AddDays(1) {
		at[d] = len(out.Days)
		out.Days = append(out.Days, PreviewDayView{Date: d.String(), Starts: []string{}})
	}
	for _, s := range p.Slots {
		if i, ok := at[cz.DateOf(s.Start)]; ok {
			out.Days[i].Starts = append(out.Days[i].Starts, local(s.Start))
		}
	}
	return out
}

// List wraps a list response.
type List[T any] struct {
	Items []T `json:"items"`
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
