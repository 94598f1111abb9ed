package api

import (
	"log/slog"
	"strconv"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/validation"
)

// Deps is what the handlers need.
type Deps struct {
	Service *consultations.Service
	Logger  *slog.Logger
	NewID   func() string // request ids when API Gateway gave none
	Now     func() time.Time
	// PoW checks the proof of work of public writes (bookings only).
	PoW PoW
	// IdempotencyKey fingerprints request bodies in idempotency records
	// (seal.DeriveKey(master, idempotency.KeyPurpose)); the bookings
	// function needs it.
	IdempotencyKey []byte
}

func (d Deps) config(fn string, handlers map[string]httpapi.Handler) httpapi.Config {
	return httpapi.Config{Function: fn, Handlers: handlers, Logger: d.Logger, NewID: d.NewID, Now: d.Now, PoW: d.powCheck()}
}

// Headers the API reads.
const (
	// BookingTokenHeader carries the manage token. It is a header, never a
	// path or query parameter, so that it stays out of URLs and access logs.
	BookingTokenHeader = "Booking-Token"
	// IdempotencyHeader makes a POST safe to retry.
	IdempotencyHeader = "Idempotency-Key"
)

// The dates a query route accepts: from the programme's start to the end of
// the century. A date outside them is a field error "date_bounds", never a
// key that DynamoDB or time arithmetic cannot hold (9999-12-31 plus two
// weeks is in year 10000).
var (
	MinQueryDate = cz.Date{Year: 2020, Month: time.January, Day: 1}
	MaxQueryDate = cz.Date{Year: 2100, Month: time.December, Day: 31}
)

// queryDateBounds is the parameter of a "date_bounds" field error.
var queryDateBounds = MinQueryDate.String() + " – " + MaxQueryDate.String()

// dateRange reads optional "from"/"to" query dates; from defaults to today
// (Prague) and to to from plus defaultDays-1 (at most MaxQueryDate). Every
// problem is a field error: a malformed date ("date"), one outside
// [MinQueryDate, MaxQueryDate] ("date_bounds"), to before from ("range"),
// a range of more than maxDays days ("to"/"max_days", in a range_too_long
// problem).
func dateRange(r *httpapi.Request, today cz.Date, defaultDays, maxDays int) (cz.Date, cz.Date, error) {
	var fields []apperr.FieldError
	read := func(name string) cz.Date {
		s := r.Query(name)
		if s == "" {
			return cz.Date{}
		}
		d, err := cz.ParseDate(s)
		switch {
		case err != nil:
			fields = append(fields, apperr.Field(name, "date"))
		case d.Before(MinQueryDate) || d.After(MaxQueryDate):
			fields = append(fields, apperr.Field(name, "date_bounds", queryDateBounds))
		default:
			return d
		}
		return cz.Date{}
	}
	from, to := read("from"), read("to")
	if len(fields) > 0 {
		return cz.Date{}, cz.Date{}, apperr.InvalidFields(fields...)
	}
	if from.IsZero() {
		from = today
	}
	if to.IsZero() {
		to = from.AddDays(defaultDays - 1)
		if to.After(MaxQueryDate) {
			to = MaxQueryDate
		}
	}
	if to.Before(from) {
		return cz.Date{}, cz.Date{}, apperr.InvalidFields(apperr.Field("to", "range"))
	}
	if cz.DaysBetween(from, to) >= maxDays {
		return cz.Date{}, cz.Date{}, &apperr.Error{Code: apperr.Invalid, Reason: "range_too_long",
			Args: []any{maxDays}, Fields: []apperr.FieldError{apperr.Field("to", "max_days", strconv.Itoa(maxDays))}}
	}
	return from, to, nil
}

// checkQuery validates query parameters declared on a struct.
func checkQuery(q any) error { return validation.Struct(q) }
