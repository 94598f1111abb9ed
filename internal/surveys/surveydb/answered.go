package surveydb

import (
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
)

// The soft one-answer-per-browser marker of an awareness survey:
// ANSWERED#<marker> / ANSWERED, where the marker is a keyed HMAC of the
// survey and the random key the browser made (surveyapi derives it; the
// key itself is never stored). It names no person and holds no IP address;
// its expiry is counted from the start of the month, so it tells no time
// finer than the response's month either.

// ReasonAlreadyAnswered is the Conflict of a second response with the same
// browser key.
const ReasonAlreadyAnswered apperr.Reason = "already_answered"

// AnsweredKeep is how long a marker is kept: longer than any wave.
const AnsweredKeep = 400 * 24 * time.Hour

// AnsweredKey is the key of a browser marker.
func AnsweredKey(marker string) dynamo.Key {
	return dynamo.Key{PK: "ANSWERED#" + marker, SK: "ANSWERED"}
}

type answeredItem struct {
	PK, SK    string
	Type      string `dynamodbav:"type"`
	ExpiresAt int64  `dynamodbav:"expiresAt"`
}

// AnsweredPut is the transaction item of a browser marker, for the
// response's own transaction: it holds only if the marker does not exist
// yet (Conflict ReasonAlreadyAnswered). now only sets its expiry (from the
// start of now's Prague month).
func (s *Store) AnsweredPut(marker string, now time.Time) (dynamo.TxItem, error) {
	d := cz.DateOf(now)
	month := cz.Date{Year: d.Year, Month: d.Month, Day: 1}.Start()
	k := AnsweredKey(marker)
	return s.PutIfAbsent(answeredItem{PK: k.PK, SK: k.SK, Type: "answered", ExpiresAt: month.Add(AnsweredKeep).Unix()}, ReasonAlreadyAnswered)
}

// Month is the Prague month of t, "2026-11": the only time a response
// keeps.
func Month(t time.Time) string {
	d := cz.DateOf(t)
	return d.String()[:7]
}
