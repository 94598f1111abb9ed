package api

import (
	"context"
	"net/http"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/certcode"
)

// CertificateEvents reads the event a certificate code names.
type CertificateEvents interface {
	GetEvent(ctx context.Context, id string) (workshops.Event, error)
}

// Certificates answers the public question whether a certificate of
// attendance is genuine (GET /v1/certificates/{code}). It names the event
// and its dates, never the person: the code carries no personal data and
// the route reads nothing but the event.
type Certificates struct {
	Key    []byte // certcode.Key of the stored secret
	Events CertificateEvents
}

// CertificateView is the answer for a genuine code.
type CertificateView struct {
	Valid bool                 `json:"valid"`
	Event CertificateEventView `json:"event"`
}

// CertificateEventView is the event a certificate is for.
type CertificateEventView struct {
	ID        string                `json:"id"`
	Title     workshops.Text        `json:"title"`
	Kind      workshops.Kind        `json:"kind"`
	Dates     []TimeRangeView       `json:"dates"`
	Hours     float64               `json:"hours"`
	Organiser string                `json:"organiser,omitempty"`
	Status    workshops.EventStatus `json:"status"`
}

// TimeRangeView is one session of an event.
type TimeRangeView struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// Verify handles GET /v1/certificates/{code}: 200 with the event for a
// genuine code, 404 certificate_not_found for anything else (malformed,
// altered, another key's, an unknown, draft or cancelled event).
func (c Certificates) Verify(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	notFound := apperr.New(apperr.NotFound, workshops.ReasonCertificateNotFound)
	code, err := certcode.Parse(c.Key, r.PathParam("code"))
	if err != nil {
		return httpapi.Response{}, notFound
	}
	e, err := c.Events.GetEvent(ctx, code.EventID)
	switch {
	case apperr.CodeOf(err) == apperr.NotFound:
		return httpapi.Response{}, notFound
	case err != nil:
		return httpapi.Response{}, err
	case !e.CertifiesAttendance():
		return httpapi.Response{}, notFound
	}
	v := CertificateView{Valid: true, Event: CertificateEventView{
		ID: e.ID, Title: e.Title, Kind: e.Kind, Dates: []TimeRangeView{},
		Hours: e.Hours().Round(time.Minute).Hours(), Organiser: e.Organiser, Status: e.Status,
	}}
	for _, s := range e.Sessions {
		v.Event.Dates = append(v.Event.Dates, TimeRangeView{Start: local(s.Start), End: local(s.End)})
	}
	return httpapi.JSON(http.StatusOK, v), nil
}
