package workshops

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/mpsv/brana/internal/apperr"
)

// Per-person limits for registrations (as bookings', issue #8): one e-mail
// address may hold at most Limits.PerPerson active registrations for
// events to come. Each is a hold item (workshopdb.HoldPut) the registration
// transaction claims with a condition: item n (1…limit) of the address's
// partition, occupied until the event's end, so a past event stops counting
// without any sweeper and concurrent registrations can never exceed the
// limit. One registration per e-mail per event is the uniqueness item of
// the registration transaction itself.
//
// Service.register, for a new registration:
//
//	h, err := workshops.PickLimitHold(ctx, store, reg.EmailHash, limits, now) // one small Query; registration_limit when none is free
//	change.Hold, change.HoldUntil = &h, event.End()                         // the store adds the hold's put to the transaction
//
// and picks again when the transaction fails with ReasonLimitHoldTaken (a
// concurrent registration of the same address took it). A cancel sets
// Change.ReleaseHold; an erasure releases it too.
// The identity is the registration's EmailHash (the keyed HMAC of the
// address that also keys the uniqueness item): the table never holds the
// address.

// Limits bound what one person may hold.
type Limits struct {
	// PerPerson: active registrations for events to come per e-mail
	// address (WORKSHOP_LIMIT_PER_PERSON, default 10).
	PerPerson int
}

// DefaultLimits are the limits when the environment sets none.
func DefaultLimits() Limits { return Limits{PerPerson: 10} }

// EnvLimitPerPerson sets Limits.PerPerson.
const EnvLimitPerPerson = "WORKSHOP_LIMIT_PER_PERSON"

// MaxHolds bounds the limit: reading an identity's holds stays one small
// Query.
const MaxHolds = 50

// LimitsFromEnv reads the limits (getenv is os.Getenv); an unset variable
// keeps its default, a malformed one is an error (the function does not
// start).
func LimitsFromEnv(getenv func(string) string) (Limits, error) {
	l := DefaultLimits()
	if s := getenv(EnvLimitPerPerson); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxHolds {
			return l, fmt.Errorf("configuration: %s must be a whole number from 1 to %d", EnvLimitPerPerson, MaxHolds)
		}
		l.PerPerson = n
	}
	return l, nil
}

// Hold is one of an identity's places: item N (1…limit).
type Hold struct {
	Identity string // the registration's EmailHash
	N        int
}

// HoldState is a stored hold as read.
type HoldState struct {
	N              int
	RegistrationID string
	Until          time.Time // the event's end
}

// Live reports whether a hold still counts at now.
func (h HoldState) Live(now time.Time) bool { return !h.Until.Before(now) }

// Reasons of the limits.
const (
	// ReasonRegistrationLimit: the address already holds as many active
	// registrations for events to come as allowed (Conflict, with a field
	// error on contact.email).
	ReasonRegistrationLimit apperr.Reason = "registration_limit"
	// ReasonLimitHoldTaken: a hold the write claimed was taken meanwhile;
	// the caller picks another (never reaches a client).
	ReasonLimitHoldTaken apperr.Reason = "registration_hold_taken"
)

// LimitReached is the error of a reached limit.
func LimitReached(l Limits) error {
	return &apperr.Error{Code: apperr.Conflict, Reason: string(ReasonRegistrationLimit), Args: []any{l.PerPerson},
		Fields: []apperr.FieldError{apperr.Field("contact.email", "registration_limit_email", strconv.Itoa(l.PerPerson))}}
}

// PickHold picks a free hold of identity among states (read before; the
// write's condition decides), at random among the free ones so that
// concurrent registrations rarely pick the same. With none free the
// answer is registration_limit.
func PickHold(identity string, states []HoldState, l Limits, now time.Time) (Hold, error) {
	live := map[int]bool{}
	for _, h := range states {
		if h.Live(now) {
			live[h.N] = true
		}
	}
	var free []int
	for n := 1; n <= l.PerPerson; n++ {
		if !live[n] {
			free = append(free, n)
		}
	}
	if len(free) == 0 {
		return Hold{}, LimitReached(l)
	}
	return Hold{Identity: identity, N: free[rand.IntN(len(free))]}, nil
}

// HoldOf finds the hold registration id occupies among states.
func HoldOf(identity string, states []HoldState, id string) (Hold, bool) {
	for _, h := range states {
		if h.RegistrationID == id {
			return Hold{Identity: identity, N: h.N}, true
		}
	}
	return Hold{}, false
}

// HoldAttempts bounds the retries of a registration whose picked hold was
// taken meanwhile: each lost race means another registration of the same
// address took a hold.
func (l Limits) HoldAttempts() int { return l.PerPerson + 2 }

// HoldReader reads an identity's holds (workshopdb.Store.Holds).
type HoldReader interface {
	Holds(ctx context.Context, identity string) ([]HoldState, error)
}

// PickLimitHold reads the holds of the address whose EmailHash is
// identity (one small Query) and picks a free one for a new registration:
// registration_limit when none is free. The registration transaction adds
// the pick's HoldPut; when it fails with ReasonLimitHoldTaken, pick again
// (at most l.HoldAttempts() times).
func PickLimitHold(ctx context.Context, hr HoldReader, identity string, l Limits, now time.Time) (Hold, error) {
	states, err := hr.Holds(ctx, identity)
	if err != nil {
		return Hold{}, err
	}
	return PickHold(identity, states, l, now)
}
