package consultations

import (
	"context"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/outbox"
)

// Store is what the consultation service needs from storage. The DynamoDB
// adapter implements it; every invariant (a granule claimed once, the per-day
// cap, one change per booking version) is a condition in its writes.
type Store interface {
	CreateExpert(ctx context.Context, e Expert) error
	// UpdateExpert replaces an expert if its stored version is prevVersion
	// (Conflict "expert_changed" otherwise) and moves the subject link.
	UpdateExpert(ctx context.Context, e Expert, prev Expert) error
	GetExpert(ctx context.Context, id string) (Expert, error)
	ListExperts(ctx context.Context) ([]Expert, error)
	ExpertIDBySubject(ctx context.Context, subject string) (string, error)

	// Claims returns an expert's claimed granules in [from, to) with one Query.
	Claims(ctx context.Context, expertID string, from, to time.Time) ([]Claim, error)

	GetBooking(ctx context.Context, id string) (Booking, error)
	// WriteBooking applies one booking change atomically (one transaction).
	WriteBooking(ctx context.Context, w BookingWrite) error
	ListBookingsByExpert(ctx context.Context, expertID string, from, to time.Time) ([]Booking, error)
	ListBookingsByTime(ctx context.Context, from, to time.Time) ([]Booking, error)

	GetIdempotency(ctx context.Context, keyHash string) (idempotency.Record, error)

	// Holds reads an identity's limit holds (a read to choose one; the
	// write's condition decides).
	Holds(ctx context.Context, id Identity) ([]HoldState, error)
}

// BookingWrite is one atomic change to a booking and everything that must
// change with it. The store turns each part into a condition-guarded item of
// one TransactWriteItems call and maps a failed condition to a Conflict:
// "slot_taken" (a claim), "day_full" (the cap), "booking_changed" (the
// version), "expert_not_found" (the expert is inactive),
// "idempotency_race" (the same key used concurrently), "hold_taken" (a
// limit hold is held by another booking still to come).
type BookingWrite struct {
	Booking     Booking // the new state
	PrevVersion int     // 0: the booking must not exist yet

	ExpertMustBeActive bool
	Claim              []time.Time // granules to claim for Booking
	Release            []time.Time // granules of Booking to give back

	CountDay   *DayCount // a day that gains a consultation (cap-checked)
	UncountDay *cz.Date  // a day that loses one

	// Hold: limit holds Booking occupies until its end (claimed when free,
	// its end moved when already its own); Unhold: holds given back, those
	// another booking took over after this one ended left alone. The
	// condition's "now" is Booking.UpdatedAt.
	Hold   []Hold
	Unhold []Hold

	Mail              []outbox.Item
	DeleteMail        []string // outbox items to delete (personal-data erasure)
	DeleteIdempotency []string // idempotency records to delete (erasure)
	Idempotency       *idempotency.Record
}

// DayCount is a per-day consultation counter guarded by the expert's cap.
type DayCount struct {
	Date cz.Date
	Max  int // 0 = no cap (the counter is still kept)
}
