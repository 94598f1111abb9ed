package workshops

import (
	"context"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/outbox"
)

// Reasons the workshops capability raises. The storage adapter maps a
// failed condition of a registration transaction to the ones marked
// (condition).
const (
	ReasonEventNotFound         apperr.Reason = "event_not_found"
	ReasonEventChanged          apperr.Reason = "event_changed" // (condition) the event's version moved on
	ReasonRegistrationNotFound  apperr.Reason = "registration_not_found"
	ReasonRegistrationChanged   apperr.Reason = "registration_changed" // (condition) its version moved on
	ReasonRegistrationClosed    apperr.Reason = "registration_closed"  // not open now, or the event is not published
	ReasonRegistrationNotActive apperr.Reason = "registration_not_active"
	ReasonRegistrationTooLate   apperr.Reason = "registration_too_late" // the event has started
	ReasonAlreadyRegistered     apperr.Reason = "already_registered"    // (condition) the e-mail's uniqueness item
	ReasonOrganisationLimit     apperr.Reason = "organisation_limit"    // (condition) the IČO counter's bound
	ReasonNoOffer               apperr.Reason = "no_offer"
	ReasonOfferExpired          apperr.Reason = "offer_expired"

	// Internal to the registration flow (never answered to a caller).
	ReasonSeatsFull    apperr.Reason = "seats_full"    // (condition) the seat counter's bound
	ReasonWaiters      apperr.Reason = "waiters"       // (condition) somebody waits for this seat kind
	ReasonSeatFree     apperr.Reason = "seat_free"     // (condition) a seat is free, so no waiting
	ReasonWaitlistMove apperr.Reason = "waitlist_move" // (condition) the waiting-list entry is gone (offered meanwhile)
)

// Store is what the workshops service needs from storage. The DynamoDB
// adapter (workshopdb) implements it; every invariant (never over
// capacity, one registration per e-mail, the organisation limit, one offer
// per freed seat) is a condition in its transactions.
type Store interface {
	// PutEvent writes an event if its stored version is prevVersion (0:
	// it must not exist yet; Conflict event_changed otherwise). The event
	// carries its own new Version.
	PutEvent(ctx context.Context, e Event, prevVersion int) error
	// GetEvent reads an event (NotFound event_not_found).
	GetEvent(ctx context.Context, id string) (Event, error)
	// ListPublishedEvents lists published events starting in [from, to),
	// by start: one Query.
	ListPublishedEvents(ctx context.Context, from, to time.Time) ([]Event, error)
	// ListEvents lists events of every status starting in [from, to), by
	// start: one Query per Prague month.
	ListEvents(ctx context.Context, from, to time.Time) ([]Event, error)
	// Seats reads an event's seat counts, per seat kind.
	Seats(ctx context.Context, eventID string) (map[Seat]SeatCount, error)

	GetRegistration(ctx context.Context, id string) (Registration, error)
	// ListRegistrations lists an event's registrations, oldest first.
	ListRegistrations(ctx context.Context, eventID string) ([]Registration, error)
	// WriteRegistrations applies one atomic change (one transaction).
	WriteRegistrations(ctx context.Context, w RegistrationWrite) error
	// NextTicket hands out the next waiting-list number of an event's
	// seat kind: the server's acceptance order.
	NextTicket(ctx context.Context, eventID string, seat Seat) (int64, error)
	// Waiting lists the first n entries of an event's waiting list for a
	// seat kind, first first (a strongly consistent read).
	Waiting(ctx context.Context, eventID string, seat Seat, n int) ([]WaitEntry, error)
	// WaitingAhead counts the entries before queue (strongly consistent).
	WaitingAhead(ctx context.Context, eventID string, seat Seat, queue string) (int, error)
	// DueOffers lists the registrations whose offer expired by now, by
	// expiry: one Query on the offers index.
	DueOffers(ctx context.Context, now time.Time, limit int) ([]string, error)
	// Holds reads the per-person limit holds of an identity (limits.go).
	Holds(ctx context.Context, identity string) ([]HoldState, error)

	GetIdempotency(ctx context.Context, keyHash string) (idempotency.Record, error)
}

// SeatCount is one seat kind's counters: Taken counts confirmed
// registrations and seats held for offers; Waiting the waiting list.
type SeatCount struct {
	Taken   int
	Waiting int
}

// WaitEntry is one place in a waiting list.
type WaitEntry struct {
	Queue          string
	RegistrationID string
}

// Change is one registration changed in a RegistrationWrite, with the
// items that go with it.
type Change struct {
	Reg         Registration // the new state
	PrevVersion int          // 0: the registration must not exist yet

	ClaimEmail   bool // the one-per-address item (Reg.EmailHash) must be free
	ReleaseEmail bool // give it back
	// Org is +1 (count the registration against Reg.Org.ICO, bounded by
	// OrgMax when > 0) or -1 (give it back); 0 nothing.
	Org    int
	OrgMax int

	JoinWaitlist  bool // put the entry Reg.Queue in Reg.Seat's waiting list
	LeaveWaitlist bool // remove Reg's entry (it must still be there)

	// Hold claims a per-person limit hold for Reg until HoldUntil (the
	// event's end; Conflict registration_hold_taken when taken meanwhile);
	// ReleaseHold gives back the hold Reg occupies, if any.
	Hold        *Hold
	HoldUntil   time.Time
	ReleaseHold bool
}

// RegistrationWrite is one atomic change of an event's registrations and
// counters: the store turns it into one TransactWriteItems call.
type RegistrationWrite struct {
	EventID string
	// EventVersion > 0: the event must still be at this version and
	// published (Conflict event_changed).
	EventVersion int

	Changes []Change

	Seat Seat
	// SeatDelta is added to the seat counter; a positive one is bounded by
	// Capacity (Conflict seats_full).
	SeatDelta int
	Capacity  int
	// NoWaiters: nobody may wait for Seat (Conflict waiters); FullSeats:
	// the seat counter must be at Capacity (Conflict seat_free).
	NoWaiters bool
	FullSeats bool

	Mail []outbox.Item
	// DeleteMail are outbox items deleted in the same transaction: the
	// reminders queued for a registration that is cancelled
	// (QueuedReminders), which must not go out after it.
	DeleteMail  []string
	Idempotency *idempotency.Record
}
