package workshops

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/manage"
	"github.com/mpsv/brana/internal/outbox"
)

// EmailKeyPurpose derives the HMAC key of the one-registration-per-address
// items: seal.DeriveKey(master, EmailKeyPurpose).
const EmailKeyPurpose = "workshops"

// PrivacyNoticeVersion is the privacy notice a person consents to when
// registering.
const PrivacyNoticeVersion = "2026-11"

// ManageKind names registrations in manage links
// (/manage#registration=…&token=…).
const ManageKind manage.Kind = "registration"

// OfferTime is how long a waiting-list offer lasts at most.
const OfferTime = 24 * time.Hour

// Service runs the workshops rules for the public and the jobs.
type Service struct {
	Store   Store
	Clock   clock.Clock
	IDs     ids.Generator
	BaseURL string // the public front door, for manage links
	// EmailKey keys the HMAC of e-mail addresses in the uniqueness items
	// (seal.DeriveKey(master, EmailKeyPurpose)); only writers need it.
	EmailKey []byte
	// Mail makes the outbox items of a registration's e-mails (the
	// workshopmail templates); nil queues none.
	Mail Mailer
	// Limits bound what one address may hold (limits.go); zero: the
	// defaults.
	Limits Limits
}

// MailKind names one of a registration's e-mails.
type MailKind string

// The e-mails the service queues (internal/workshops/workshopmail renders
// them).
const (
	MailConfirmed    MailKind = "confirmed"     // a seat: confirmation with the check-in code (and the online link)
	MailWaitlisted   MailKind = "waitlisted"    // in the waiting list, with the position
	MailOffer        MailKind = "offer"         // a seat is held: accept or decline by OfferExpires
	MailOfferExpired MailKind = "offer_expired" // the offer ran out
	MailCancelled    MailKind = "cancelled"     // cancelled by the person
)

// Mail is one e-mail about a registration to queue.
type Mail struct {
	Kind  MailKind
	Event Event
	Reg   Registration // as it is after the change the e-mail announces
	// Link is the manage link (with a token) when the e-mail carries one,
	// "" when not.
	Link string
	// HadSeat: the person was confirmed before this change (their calendar
	// has the event).
	HadSeat bool
	Now     time.Time
}

// Mailer makes the outbox items of one e-mail about a registration. The
// items' ids must be derived from what they announce, so the same e-mail
// is never queued twice.
type Mailer interface {
	Items(m Mail) []outbox.Item
}

// ManageURL is the link a person manages a registration from.
func ManageURL(base, id, token string) string { return manage.URL(base, ManageKind, id, token) }

// EmailHash is the keyed HMAC of a normalised e-mail address (hex).
func EmailHash(key []byte, email string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(strings.ToLower(strings.TrimSpace(email))))
	return hex.EncodeToString(m.Sum(nil))
}

func (s *Service) mail(kind MailKind, e Event, r *Registration, link string, now time.Time, hadSeat ...bool) []outbox.Item {
	if s.Mail == nil {
		return nil
	}
	items := s.Mail.Items(Mail{Kind: kind, Event: e, Reg: *r, Link: link, HadSeat: len(hadSeat) > 0 && hadSeat[0], Now: now})
	for _, it := range items {
		r.Mail = append(r.Mail, it.ID)
	}
	return items
}

// RegistrationOpen reports whether people may register for e at now.
func (e Event) RegistrationOpen(now time.Time) bool {
	return e.Status == EventPublished && !now.Before(e.RegistrationOpens) && now.Before(e.RegistrationCloses)
}

// Offers reports whether a freed seat of e can still be offered at now:
// only before registration closes.
func (e Event) Offers(now time.Time) bool {
	return e.Status == EventPublished && now.Before(e.RegistrationCloses) && now.Before(e.Start())
}

// OfferExpiry is when an offer made at now runs out: after OfferTime, or
// half the time left before the event when that is shorter, and never
// after registration closes.
func (e Event) OfferExpiry(now time.Time) time.Time {
	exp := now.Add(OfferTime)
	if half := now.Add(e.Start().Sub(now) / 2); half.Before(exp) {
		exp = half
	}
	if e.RegistrationCloses.Before(exp) {
		exp = e.RegistrationCloses
	}
	return exp.Truncate(time.Second)
}

// SeatsLeft is the seats of kind seat neither confirmed nor held for an offer.
func SeatsLeft(e Event, seat Seat, c SeatCount) int {
	return max(e.Capacity.Of(seat)-c.Taken, 0)
}
