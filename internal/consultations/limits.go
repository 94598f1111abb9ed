package consultations

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/mpsv/brana/internal/apperr"
)

// Limits bound what one person or organisation may hold, against slot
// hoarding (issue #8). Each is enforced by conditions of the booking's own
// transaction, never by reading first.
type Limits struct {
	// PerPerson: active future consultations per e-mail address and per
	// phone number (BOOKING_LIMIT_PER_PERSON, default 2).
	PerPerson int
	// PerOrganisation: active future consultations per IČO
	// (BOOKING_LIMIT_PER_ORGANISATION, default 6).
	PerOrganisation int
	// Reschedules: how often one booking may be moved
	// (RESCHEDULE_LIMIT, default 3).
	Reschedules int
}

// DefaultLimits are the limits when the environment sets none.
func DefaultLimits() Limits { return Limits{PerPerson: 2, PerOrganisation: 6, Reschedules: 3} }

// The environment variables that set the limits.
const (
	EnvLimitPerPerson       = "BOOKING_LIMIT_PER_PERSON"
	EnvLimitPerOrganisation = "BOOKING_LIMIT_PER_ORGANISATION"
	EnvRescheduleLimit      = "RESCHEDULE_LIMIT"
)

// MaxHolds bounds a per-identity limit: one booking claims its holds in one
// transaction, and reading an identity's holds is one small Query.
const MaxHolds = 50

// LimitsFromEnv reads the limits (getenv is os.Getenv); an unset variable
// keeps its default, a malformed one is an error (the function does not
// start).
func LimitsFromEnv(getenv func(string) string) (Limits, error) {
	l := DefaultLimits()
	var problems []string
	for _, v := range []struct {
		name string
		dst  *int
		min  int
	}{
		{EnvLimitPerPerson, &l.PerPerson, 1},
		{EnvLimitPerOrganisation, &l.PerOrganisation, 1},
		{EnvRescheduleLimit, &l.Reschedules, 0},
	} {
		s := getenv(v.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < v.min || n > MaxHolds {
			problems = append(problems, fmt.Sprintf("%s must be a whole number from %d to %d", v.name, v.min, MaxHolds))
			continue
		}
		*v.dst = n
	}
	if len(problems) > 0 {
		return l, fmt.Errorf("configuration: %s", strings.Join(problems, "; "))
	}
	return l, nil
}

// IdentityKind is what identifies a booker for the limits.
type IdentityKind string

const (
	IdentityEmail IdentityKind = "email"
	IdentityPhone IdentityKind = "phone"
	IdentityICO   IdentityKind = "ico"
)

// max is the limit of active future bookings for kind.
func (l Limits) max(kind IdentityKind) int {
	if kind == IdentityICO {
		return l.PerOrganisation
	}
	return l.PerPerson
}

// Identity is a booker's e-mail, phone or IČO, normalised and hashed with
// a keyed HMAC: the table never holds the value, and without the key the
// hash cannot be tested against guesses.
type Identity struct {
	Kind IdentityKind
	Hash string // hex of HMAC-SHA256(key, kind ":" normalised value)
}

// IdentityKey is the HMAC key of identities, derived from the function's
// stored secret (seal.DeriveKey(master, IdentityKeyPurpose)).
const IdentityKeyPurpose = "limits"

// NewIdentity normalises value for kind (e-mail lower-cased, phone as
// E.164 as validation leaves it, IČO digits only) and hashes it; an empty
// value has no identity.
func NewIdentity(key []byte, kind IdentityKind, value string) (Identity, bool) {
	value = normaliseIdentity(kind, value)
	if value == "" {
		return Identity{}, false
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(string(kind) + ":" + value))
	return Identity{Kind: kind, Hash: hex.EncodeToString(mac.Sum(nil))}, true
}

func normaliseIdentity(kind IdentityKind, v string) string {
	v = strings.TrimSpace(v)
	switch kind {
	case IdentityEmail:
		return strings.ToLower(v)
	case IdentityPhone:
		return strings.ReplaceAll(v, " ", "")
	case IdentityICO:
		var b strings.Builder
		for _, r := range v {
			if r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	return v
}

// identities are the identities a booking counts against.
func (s *Service) identities(b Booking) []Identity {
	var out []Identity
	for _, v := range []struct {
		kind  IdentityKind
		value string
	}{{IdentityEmail, b.Contact.Email}, {IdentityPhone, b.Contact.Phone}, {IdentityICO, b.Organisation.ICO}} {
		if id, ok := NewIdentity(s.IdentityKey, v.kind, v.value); ok {
			out = append(out, id)
		}
	}
	return out
}

// Hold is one of an identity's places for an active future booking: item
// n (1…limit) of the identity. A booking occupies one hold per identity
// until its end; a hold whose booking has ended is free again, so a past
// consultation stops counting without any sweeper.
type Hold struct {
	Identity Identity
	N        int
}

// HoldState is a stored hold as read.
type HoldState struct {
	N         int
	BookingID string
	Until     time.Time
}

// Live reports whether a hold still counts at now.
func (h HoldState) Live(now time.Time) bool { return !h.Until.Before(now) }

// Reasons of the limits.
const (
	// ReasonBookingLimit: the booker already holds as many active future
	// consultations as allowed (Conflict, with a field error naming the
	// e-mail, the phone or the IČO).
	ReasonBookingLimit apperr.Reason = "booking_limit"
	// ReasonRescheduleLimit: the booking was moved as often as allowed.
	ReasonRescheduleLimit apperr.Reason = "reschedule_limit"
	// ReasonHoldTaken: a hold the write claimed was taken meanwhile; the
	// service picks another (never reaches a client).
	ReasonHoldTaken apperr.Reason = "hold_taken"
)

// limitField is the request field and rule a reached limit is reported on.
var limitField = map[IdentityKind][2]string{
	IdentityEmail: {"contact.email", "booking_limit_email"},
	IdentityPhone: {"contact.phone", "booking_limit_phone"},
	IdentityICO:   {"organisation.ico", "booking_limit_ico"},
}

func (s *Service) limitReached(kind IdentityKind) error {
	f := limitField[kind]
	max := s.Limits.max(kind)
	return &apperr.Error{Code: apperr.Conflict, Reason: string(ReasonBookingLimit), Args: []any{max},
		Fields: []apperr.FieldError{apperr.Field(f[0], f[1], strconv.Itoa(max))}}
}

// pickHolds reads the holds of each identity (a read that only chooses:
// the write's conditions decide) and picks a free one for each, at random
// among the free so that concurrent bookings rarely pick the same. When an
// identity has no free hold, the answer is booking_limit.
func (s *Service) pickHolds(ctx context.Context, ids []Identity, now time.Time) ([]Hold, error) {
	// The identities' holds are read at once (one small Query each).
	read := make([][]HoldState, len(ids))
	g, gctx := errgroup.WithContext(ctx)
	for i, id := range ids {
		g.Go(func() (err error) {
			read[i], err = s.Store.Holds(gctx, id)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var out []Hold
	for i, id := range ids {
		max := s.Limits.max(id.Kind)
		live := map[int]bool{}
		for _, h := range read[i] {
			if h.Live(now) {
				live[h.N] = true
			}
		}
		var free []int
		for n := 1; n <= max; n++ {
			if !live[n] {
				free = append(free, n)
			}
		}
		if len(free) == 0 {
			return nil, s.limitReached(id.Kind)
		}
		out = append(out, Hold{Identity: id, N: free[rand.IntN(len(free))]})
	}
	return out, nil
}

// holdAttempts bounds the retries of a booking whose picked hold was taken
// meanwhile: each lost race means another booking of the same person took
// a hold, so after limit+1 of them the holds are all live or the person is
// racing themselves at an unusual rate.
func (s *Service) holdAttempts() int { return max(s.Limits.PerPerson, s.Limits.PerOrganisation) + 2 }
