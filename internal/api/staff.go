package api

import (
	"context"
	"net/http"

	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

type staff struct{ Deps }

// NewStaff returns the staff function: experts, availability, bookings.
// The route table already limits each route to groups; the service checks
// again what each caller may touch (an expert only his own records).
func NewStaff(d Deps) (*httpapi.API, error) {
	h := staff{d}
	return httpapi.New(d.config(routes.FnStaff, map[string]httpapi.Handler{
		"GET /v1/staff/me":                                       h.me,
		"GET /v1/staff/experts":                                  h.listExperts,
		"POST /v1/staff/experts":                                 h.createExpert,
		"GET /v1/staff/experts/{expertId}":                       h.getExpert,
		"PUT /v1/staff/experts/{expertId}":                       h.updateExpert,
		"PUT /v1/staff/experts/{expertId}/availability":          h.setAvailability,
		"POST /v1/staff/experts/{expertId}/availability/preview": h.previewAvailability,
		"GET /v1/staff/bookings":                                 h.listBookings,
		"POST /v1/staff/bookings/{bookingId}/outcome":            h.setOutcome,
		"POST /v1/staff/bookings/{bookingId}/erase":              h.erase,
		"POST /v1/staff/cancellations":                           h.cancelAll,
	}))
}

func (h staff) me(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	me, err := h.Service.Me(ctx, r.Principal)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, MeView{Subject: me.Subject, Groups: nonNil(me.Groups), ExpertID: me.ExpertID}), nil
}

func (h staff) listExperts(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	list, err := h.Service.StaffListExperts(ctx, r.Principal)
	if err != nil {
		return httpapi.Response{}, err
	}
	out := List[StaffExpertView]{Items: make([]StaffExpertView, 0, len(list))}
	for _, e := range list {
		out.Items = append(out.Items, staffExpertView(e))
	}
	return httpapi.JSON(http.StatusOK, out), nil
}

func (h staff) createExpert(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in consultations.ExpertInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	e, err := h.Service.CreateExpert(ctx, r.Principal, in)
	if err != nil {
		return httpapi.Response{}, err
	}
	resp := httpapi.JSON(http.StatusCreated, staffExpertView(e))
	resp.Headers["Location"] = "/v1/staff/experts/" + e.ID
	return resp, nil
}

func (h staff) getExpert(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	e, err := h.Service.StaffExpert(ctx, r.Principal, r.PathParam("expertId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, staffExpertView(e)), nil
}

func (h staff) updateExpert(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in consultations.ExpertInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	e, err := h.Service.UpdateExpert(ctx, r.Principal, r.PathParam("expertId"), in)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, staffExpertView(e)), nil
}

func (h staff) setAvailability(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in consultations.AvailabilityInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	e, err := h.Service.SetAvailability(ctx, r.Principal, r.PathParam("expertId"), in)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, staffExpertView(e)), nil
}

// previewAvailability shows the free slots an availability would give
// over the next days, stored nowhere; the body is the PUT's.
func (h staff) previewAvailability(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in consultations.AvailabilityInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	p, err := h.Service.PreviewAvailability(ctx, r.Principal, r.PathParam("expertId"), in)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, availabilityPreviewView(p)), nil
}

// DefaultListDays is the range of a staff booking list without "to".
const DefaultListDays = 31

type bookingListQuery struct {
	ExpertID string `json:"expertId" validate:"omitempty,max=64"`
	Status   string `json:"status" validate:"omitempty,oneof=confirmed cancelled held no_show"`
}

func (h staff) listBookings(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	q := bookingListQuery{ExpertID: r.Query("expertId"), Status: r.Query("status")}
	if err := checkQuery(q); err != nil {
		return httpapi.Response{}, err
	}
	from, to, err := dateRange(r, cz.DateOf(h.Service.Clock.Now()), DefaultListDays, consultations.MaxListRangeDays)
	if err != nil {
		return httpapi.Response{}, err
	}
	list, err := h.Service.ListBookings(ctx, r.Principal, consultations.BookingQuery{
		From: from, To: to, ExpertID: q.ExpertID, Status: consultations.Status(q.Status),
	})
	if err != nil {
		return httpapi.Response{}, err
	}
	out := List[StaffBookingView]{Items: make([]StaffBookingView, 0, len(list))}
	for _, b := range list {
		out.Items = append(out.Items, staffBookingView(b))
	}
	return httpapi.JSON(http.StatusOK, out), nil
}

func (h staff) setOutcome(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in consultations.OutcomeInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	b, err := h.Service.SetOutcome(ctx, r.Principal, r.PathParam("bookingId"), in)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, staffBookingView(b)), nil
}

func (h staff) erase(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	b, err := h.Service.ErasePersonalData(ctx, r.Principal, r.PathParam("bookingId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, staffBookingView(b)), nil
}

// cancelAll cancels every future booking of one e-mail address or IČO.
func (h staff) cancelAll(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in consultations.CancelAllInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	list, err := h.Service.CancelAll(ctx, r.Principal, in)
	if err != nil {
		return httpapi.Response{}, err
	}
	out := CancellationsView{Count: len(list), Items: make([]StaffBookingView, 0, len(list))}
	for _, b := range list {
		out.Items = append(out.Items, staffBookingView(b))
	}
	return httpapi.JSON(http.StatusOK, out), nil
}
