// Package consultations is the consultation-booking capability: experts and
// their availability, free slots, bookings and their management by token,
// staff views, reminders. It holds the rules; storage, e-mail delivery and
// HTTP are adapters behind small interfaces.
package consultations

import (
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
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
	// Limits against hoarding, and the HMAC key of the identities they
	// count (seal.DeriveKey(master, IdentityKeyPurpose)); only the function
	// that creates bookings needs the key.
	Limits      Limits
	IdentityKey []byte
}

func (s *Service) holiday(d cz.Date) bool {
	if s.Holiday != nil {
		return s.Holiday(d)
	}
	return cz.IsHoliday(d)
}
