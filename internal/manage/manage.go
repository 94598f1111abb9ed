// Package manage lets a person manage what they booked or registered
// without an account, by a secret token sent to them by e-mail.
//
// Its guarantees: a record opens only for its token, compared in constant
// time with the stored SHA-256 of it, and only until the token expires; a
// wrong, missing or expired token gets exactly the answer an unknown id
// gets, after the same work, so a token gives no oracle of which ids exist
// or whether a token ever was right; the link carries the token in its fragment,
// which browsers never send to a server, and names the kind of record it
// opens (/manage#booking=…&token=…, /manage#registration=…&token=…).
package manage

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/ids"
)

// Kind names what a manage link opens: the fragment's first parameter.
type Kind string

// URL is the link a person manages a record of kind from.
func URL(base string, kind Kind, id, token string) string {
	return strings.TrimRight(base, "/") + "/manage#" + url.QueryEscape(string(kind)) + "=" + url.QueryEscape(id) + "&token=" + url.QueryEscape(token)
}

// Opener opens records of one kind by token.
type Opener[T any] struct {
	// Get reads a record by id; an apperr NotFound when there is none.
	Get func(ctx context.Context, id string) (T, error)
	// TokenHash is the stored hash of the record's token (nil: none, e.g.
	// after erasure, and then nothing opens it).
	TokenHash func(T) []byte
	// NotFound is the reason of the one not-found answer ("booking_not_found").
	NotFound apperr.Reason
	// Expires is when the record's token stops opening it (a booking's: 30
	// days after the consultation); nil or a zero time: never.
	Expires func(T) time.Time
	// Now is the current time, for Expires (time.Now if nil).
	Now func() time.Time
}

// Open returns the record id to whoever holds its token, until it expires.
// An unknown id, a wrong token, a missing token and an expired token all get
// the same apperr NotFound.
func (o Opener[T]) Open(ctx context.Context, id, token string) (T, error) {
	var zero T
	notFound := apperr.New(apperr.NotFound, o.NotFound)
	rec, err := o.Get(ctx, id)
	if err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			ids.TokenMatches(token, nil) // spend the same time as a real comparison
			return zero, notFound
		}
		return zero, err
	}
	if token == "" || !ids.TokenMatches(token, o.TokenHash(rec)) || o.expired(rec) {
		return zero, notFound
	}
	return rec, nil
}

// expired reports whether rec's token no longer opens it.
func (o Opener[T]) expired(rec T) bool {
	if o.Expires == nil {
		return false
	}
	at := o.Expires(rec)
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	return !at.IsZero() && !now().Before(at)
}
