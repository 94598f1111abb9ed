// Package consultdb is the consultation capability's storage on the shared
// DynamoDB table: experts, their claimed granules and per-day counters,
// bookings. It builds every write from the dynamo toolkit, so each
// invariant (a granule claimed once, the per-day cap, one change per
// booking version) is a condition of one transaction, and a failed
// condition comes back as the consultation reason it means.
package consultdb

import (
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/dynamo"
)

var _ consultations.Store = (*Store)(nil)

// Store implements consultations.Store. It embeds the table's toolkit, so
// the same value also serves the shared mechanisms stored there (the
// outbox, idempotency records).
type Store struct {
	*dynamo.Store
}

// New returns the consultation storage on a table.
func New(db *dynamo.Store) *Store { return &Store{Store: db} }
