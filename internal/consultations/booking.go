package consultations

import (
	"strings"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/slots"
	"github.com/mpsv/brana/internal/validation"
)

// PrivacyNoticeVersion is the version of the privacy notice a person
// consents to when booking; the consent is stored with it and its time.
const PrivacyNoticeVersion = "2026-11"

// Status is where a booking is in its life.
type Status string

const (
	StatusConfirmed Status = "confirmed"
	StatusCancelled Status = "cancelled"
	StatusHeld      Status = "held"    // the consultation took place
	StatusNoShow    Status = "no_show" // the person did not come
)

// Booking is one booked consultation.
type Booking struct {
	ID           string
	ExpertID     string
	Start, End   time.Time // UTC
	ClaimEnd     time.Time // end of the claimed interval: End plus the buffer, on the granule
	Form         programme.Form
	Topic        programme.Topic
	TargetGroup  programme.TargetGroup
	Region       string
	Organisation Organisation
	Contact      Contact
	Address      string // for on-site consultations
	Note         string
	Consent      Consent
	Lang         i18n.Lang
	Status       Status
	Sequence     int // iCalendar SEQUENCE: 0 when booked, +1 on each change
	Version      int // optimistic-concurrency counter
	TokenHash    []byte
	ReminderFor  time.Time // the start a reminder was queued for
	Mail         []string  // ids of the outbox items written for this booking
	// Holds are the limit holds the booking occupies while it is to come
	// (one per e-mail, phone and IČO; see limits.go).
	Holds []Hold
	// Reschedules counts the times the person moved it (Limits.Reschedules).
	Reschedules int
	// IdempotencyKeys are the hashes of the idempotency records that point
	// at the booking, deleted with its personal data.
	IdempotencyKeys []string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	CancelledAt     time.Time
	OutcomeAt       time.Time
	ErasedAt        time.Time
}

// Organisation is who the consultation is for (may be empty for clients,
// families and the public).
type Organisation struct {
	Name string
	ICO  string
}

// Contact is the person who booked. It is personal data: erased on request.
type Contact struct {
	Name  string
	Email string
	Phone string // E.164
}

// Consent records the privacy notice the person agreed to.
type Consent struct {
	NoticeVersion string
	At            time.Time
}

// Claim is one claimed 15-minute granule of an expert's calendar.
type Claim struct {
	ExpertID  string
	Granule   time.Time
	BookingID string
	Start     time.Time // the booking's start, for the per-day cap
}

// Interval is the booking's claimed interval.
func (b Booking) ClaimInterval() slots.Interval {
	return slots.Interval{Start: b.Start, End: b.ClaimEnd}
}

// Erased reports whether the booking's personal data was erased.
func (b Booking) Erased() bool { return !b.ErasedAt.IsZero() }

// BookingInput is the body of POST /v1/bookings.
type BookingInput struct {
	ExpertID     string            `json:"expertId" validate:"required,max=64"`
	Start        string            `json:"start" validate:"required,datetime=2006-01-02T15:04:05Z07:00"`
	Form         string            `json:"form" validate:"required,form"`
	Topic        string            `json:"topic" validate:"required,topic"`
	TargetGroup  string            `json:"targetGroup" validate:"required,target_group"`
	Region       string            `json:"region" validate:"required,region"`
	Organisation OrganisationInput `json:"organisation"`
	Contact      ContactInput      `json:"contact"`
	Address      string            `json:"address" validate:"required_if=Form onsite,max=300,text"`
	Note         string            `json:"note" validate:"max=2000,text"`
	Consent      ConsentInput      `json:"consent"`
	Language     string            `json:"language" validate:"omitempty,lang"`
}

// OrganisationInput is the organisation part of a booking.
type OrganisationInput struct {
	Name string `json:"name" validate:"max=200,line"`
	ICO  string `json:"ico" validate:"omitempty,ico"`
}

// ContactInput is the contact part of a booking.
type ContactInput struct {
	Name  string `json:"name" validate:"required,max=120,line"`
	Email string `json:"email" validate:"required,email,max=254"`
	Phone string `json:"phone" validate:"required,phone"`
}

// ConsentInput is the privacy consent given with a booking.
type ConsentInput struct {
	Accepted      bool   `json:"accepted"`
	NoticeVersion string `json:"noticeVersion" validate:"required,max=32"`
}

// RescheduleInput is the body of POST /v1/bookings/{id}/reschedule.
type RescheduleInput struct {
	Start string `json:"start" validate:"required,datetime=2006-01-02T15:04:05Z07:00"`
}

// OutcomeInput is the body of POST /v1/staff/bookings/{id}/outcome.
type OutcomeInput struct {
	Status string `json:"status" validate:"required,oneof=held no_show"`
}

// CheckFields reports every rule the request breaks (httpapi.FieldChecker),
// so that a body with unknown fields or wrong types lists these too.
func (in *BookingInput) CheckFields() error {
	_, _, err := in.Validate()
	return err
}

// Validate trims what people type, normalises the phone number to E.164
// and validates the whole request, reporting every broken rule at once.
func (in *BookingInput) Validate() (start time.Time, lang i18n.Lang, err error) {
	for _, s := range []*string{&in.ExpertID, &in.Start, &in.Region, &in.Organisation.Name, &in.Organisation.ICO,
		&in.Contact.Name, &in.Contact.Email, &in.Contact.Phone, &in.Address, &in.Note, &in.Language} {
		*s = strings.TrimSpace(*s)
	}
	in.Organisation.ICO = strings.ReplaceAll(in.Organisation.ICO, " ", "")
	in.Region = strings.ToUpper(in.Region)

	var fields []apperr.FieldError
	if err := validation.Struct(in); err != nil {
		e, ok := apperr.As(err)
		if !ok {
			return time.Time{}, "", err
		}
		fields = append(fields, e.Fields...)
	}
	if programme.TargetGroup(in.TargetGroup).NeedsOrganisation() {
		if in.Organisation.Name == "" {
			fields = append(fields, apperr.Field("organisation.name", "required"))
		}
		if in.Organisation.ICO == "" {
			fields = append(fields, apperr.Field("organisation.ico", "required"))
		}
	}
	if !in.Consent.Accepted {
		fields = append(fields, apperr.Field("consent.accepted", "consent"))
	}
	if in.Consent.NoticeVersion != "" && in.Consent.NoticeVersion != PrivacyNoticeVersion {
		fields = append(fields, apperr.Field("consent.noticeVersion", "notice_version", PrivacyNoticeVersion))
	}
	if len(fields) > 0 {
		return time.Time{}, "", apperr.InvalidFields(fields...)
	}
	start, err = time.Parse(time.RFC3339, in.Start)
	if err != nil {
		return time.Time{}, "", apperr.InvalidFields(apperr.Field("start", "datetime"))
	}
	lang = i18n.CS
	if l, ok := i18n.Parse(in.Language); ok {
		lang = l
	}
	if phone, ok := cz.NormalizePhone(in.Contact.Phone); ok {
		in.Contact.Phone = phone
	}
	return start.UTC(), lang, nil
}
