package idempotency

import (
	"context"
	"time"

	"github.com/mpsv/brana/internal/apperr"
)

// Reader reads the record of a key hash (an apperr NotFound when there is
// none). The DynamoDB adapter implements it.
type Reader interface {
	GetIdempotency(ctx context.Context, keyHash string) (Record, error)
}

// Lookup returns the live record of key, if there is one, after checking it
// was made by the same request (422 idempotency_key_reused otherwise). An
// expired record that TTL has not deleted yet counts as none.
func Lookup(ctx context.Context, store Reader, key *Key, now time.Time) (Record, bool, error) {
	rec, err := store.GetIdempotency(ctx, key.Hash())
	if apperr.CodeOf(err) == apperr.NotFound {
		return Record{}, false, nil
	}
	if err != nil {
		return Record{}, false, err
	}
	if rec.Expired(now) {
		return Record{}, false, nil
	}
	if err := key.Check(rec); err != nil {
		return Record{}, false, err
	}
	return rec, true, nil
}

// Run is the one flow of an idempotent request. Without a key it is just
// first(). With one:
//   - a live record of the key means the request was made before: Run
//     returns replay(record) and changes nothing;
//   - otherwise first() does the work, writing key.Record(…) in the same
//     transaction as its change;
//   - when first() fails with any Conflict, the key is looked up again: a
//     concurrent copy of the same request may have committed meanwhile, and
//     the conflict (slot_taken, booking_changed, a limit, …) was with that
//     copy's own change. A live record of the same request is replayed.
//     Without one, ReasonRace (the same key in a transaction still running)
//     is 409 idempotency_in_progress, and any other conflict is returned
//     as it is.
//
// now is read each time a record is looked at.
func Run[T any](ctx context.Context, store Reader, key *Key, now func() time.Time, first func() (T, error), replay func(Record) (T, error)) (T, error) {
	var zero T
	if key == nil {
		return first()
	}
	if rec, ok, err := Lookup(ctx, store, key, now()); err != nil {
		return zero, err
	} else if ok {
		return replay(rec)
	}
	out, err := first()
	if apperr.CodeOf(err) != apperr.Conflict {
		return out, err
	}
	rec, ok, lerr := Lookup(ctx, store, key, now())
	switch {
	case lerr != nil:
		return zero, lerr
	case ok:
		return replay(rec)
	case apperr.Is(err, apperr.Conflict, ReasonRace):
		return zero, apperr.New(apperr.Conflict, ReasonInProgress)
	}
	return out, err
}
