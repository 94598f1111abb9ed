package api

import (
	"log/slog"
	"strings"
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

// dateRange reads optional "from"/"to" query dates; from defaults to today
// (Prague) and to to from plus defaultDays-1.
func dateRange(r *httpapi.Request, today cz.Date, defaultDays int) (cz.Date, cz.Date, error) {
	var fields []apperr.FieldError
	from, to := today, cz.Date{}
	if s := strings.TrimSpace(r.Query("from")); s != "" {
		d, err := cz.ParseDate(s)
		if err != nil {
			fields = append(fields, apperr.Field("from", "date"))
		}
		from = d
	}
	if s := strings.TrimSpace(r.Query("to")); s != "" {
		d, err := cz.ParseDate(s)
		if err != nil {
			fields = append(fields, apperr.Field("to", "date"))
		}
		to = d
	}
	if len(fields) > 0 {
		return cz.Date{}, cz.Date{}, apperr.InvalidFields(fields...)
	}
	if to.IsZero() {
		to = from.AddDays(defaultDays - 1)
	}
	return from, to, nil
}

// checkQuery validates query parameters declared on a struct.
func checkQuery(q any) error { return validation.Struct(q) }
