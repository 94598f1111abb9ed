package api

import (
	"context"
	"net/http"

	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/routes"
)

type bookings struct{ Deps }

// NewBookings returns the public booking function: book, and view,
// reschedule or cancel with the manage token.
func NewBookings(d Deps) (*httpapi.API, error) {
	h := bookings{d}
	return httpapi.New(d.config(routes.FnBookings, map[string]httpapi.Handler{
		"GET /v1/challenge":                        h.challenge,
		"POST /v1/bookings":                        h.create,
		"GET /v1/bookings/{bookingId}":             h.get,
		"GET /v1/bookings/{bookingId}/calendar":    h.calendar,
		"POST /v1/bookings/{bookingId}/reschedule": h.reschedule,
		"POST /v1/bookings/{bookingId}/cancel":     h.cancel,
	}))
}

// DecodeBooking decodes and validates the body of POST /v1/bookings without
// storing anything (the fuzz target drives it).
func DecodeBooking(body []byte) (consultations.BookingInput, error) {
	var in consultations.BookingInput
	if err := httpapi.DecodeJSON(body, &in); err != nil {
		return in, err
	}
	return in, nil
}

// ValidateBooking normalises and validates a decoded booking request, as
// the service does before it reads anything.
func ValidateBooking(in *consultations.BookingInput) error {
	_, _, err := in.Validate()
	return err
}

func (h bookings) idempotencyKey(r *httpapi.Request) (*idempotency.Key, error) {
	scope := r.Route.Key() + " " + r.PathParam("bookingId")
	return idempotency.FromHeader(h.IdempotencyKey, r.Header(IdempotencyHeader), scope, r.Body)
}

func replayed(resp httpapi.Response, yes bool) httpapi.Response {
	if yes {
		resp.Headers["Idempotent-Replayed"] = "true"
	}
	return resp
}

func (h bookings) create(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	key, err := h.idempotencyKey(r)
	if err != nil {
		return httpapi.Response{}, err
	}
	in, err := DecodeBooking(r.Body)
	if err != nil {
		return httpapi.Response{}, err
	}
	if in.Language == "" {
		in.Language = string(r.Lang) // e-mails in the language the person uses the service in
	}
	c, err := h.Service.CreateBooking(ctx, in, key)
	if err != nil {
		return httpapi.Response{}, err
	}
	view := CreatedBookingView{
		Booking:     bookingView(c.Booking, c.ExpertName),
		ManageToken: c.Token,
		ManageURL:   consultations.ManageURL(h.Service.BaseURL, c.Booking.ID, c.Token),
	}
	resp := httpapi.JSON(http.StatusCreated, view)
	resp.Headers["Location"] = "/v1/bookings/" + c.Booking.ID
	return replayed(resp, c.Replayed), nil
}

func (h bookings) get(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	b, err := h.Service.BookingByToken(ctx, r.PathParam("bookingId"), r.Header(BookingTokenHeader))
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, bookingView(b, h.Service.ExpertName(ctx, b.ExpertID))), nil
}

func (h bookings) reschedule(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	key, err := h.idempotencyKey(r)
	if err != nil {
		return httpapi.Response{}, err
	}
	var in consultations.RescheduleInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	c, err := h.Service.Reschedule(ctx, r.PathParam("bookingId"), r.Header(BookingTokenHeader), in, key)
	if err != nil {
		return httpapi.Response{}, err
	}
	return replayed(httpapi.JSON(http.StatusOK, bookingView(c.Booking, h.expertName(ctx, c))), c.Replayed), nil
}

func (h bookings) cancel(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	key, err := h.idempotencyKey(r)
	if err != nil {
		return httpapi.Response{}, err
	}
	if len(r.Body) > 0 {
		// No fields yet; an empty object is accepted for clients that always send one.
		var in struct{}
		if err := r.DecodeJSON(&in); err != nil {
			return httpapi.Response{}, err
		}
	}
	c, err := h.Service.Cancel(ctx, r.PathParam("bookingId"), r.Header(BookingTokenHeader), key)
	if err != nil {
		return httpapi.Response{}, err
	}
	return replayed(httpapi.JSON(http.StatusOK, bookingView(c.Booking, h.expertName(ctx, c))), c.Replayed), nil
}

// calendar answers the booking as an .ics file ("add to calendar").
func (h bookings) calendar(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	file, b, err := h.Service.CalendarFile(ctx, r.PathParam("bookingId"), r.Header(BookingTokenHeader))
	if err != nil {
		return httpapi.Response{}, err
	}
	name := "konzultace.ics"
	if b.Lang == i18n.EN {
		name = "consultation.ics"
	}
	return httpapi.Response{
		StatusCode: http.StatusOK,
		Headers: map[string]string{
			"Content-Type":        "text/calendar; charset=utf-8",
			"Content-Disposition": `attachment; filename="` + name + `"`,
			"Cache-Control":       "no-store",
		},
		Body: string(file),
	}, nil
}

// expertName is the name the change already read, or, for a replay, a
// fresh lookup.
func (h bookings) expertName(ctx context.Context, c consultations.Changed) string {
	if c.ExpertName != "" {
		return c.ExpertName
	}
	return h.Service.ExpertName(ctx, c.Booking.ExpertID)
}
