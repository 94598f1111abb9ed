package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
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

// CertificateRegistrations opens a registration by its manage token.
type CertificateRegistrations interface {
	RegistrationByToken(ctx context.Context, id, token string) (workshops.Registration, error)
}

// Certificates serves certificates of attendance: the public question
// whether one is genuine (GET /v1/certificates/{code}), which names the
// event and its dates, never the person (the code carries no personal
// data and the route reads nothing but the event); and the participant's
// own certificate as a PDF, by the manage token
// (GET /v1/registrations/{registrationId}/certificate).
type Certificates struct {
	Key           []byte // certcode.Key of the stored secret
	Events        CertificateEvents
	Registrations CertificateRegistrations
	BaseURL       string // the public front door: the certificate's verification address
	// PDF renders a certificate (certpdf, wired by the events function),
	// so that internal/api, which every API function links, does not link
	// the PDF library.
	PDF CertificatePDF
}

// CertificatePDF writes a participant's certificate of attendance and
// names its file in the participant's language.
type CertificatePDF interface {
	Write(w io.Writer, e workshops.Event, reg workshops.Registration, code, verifyURL string, issued time.Time) error
	Filename(reg workshops.Registration) string
}

// ReasonCertificateNotReady answers a download before the person was
// checked in at an event that took place.
// (the workshops capability's reason, which its staff download shares).
const ReasonCertificateNotReady = workshops.ReasonCertificateNotReady

// Download handles GET /v1/registrations/{registrationId}/certificate: the
// certificate of a checked-in participant as a one-page PDF in the
// registration's language, with its verification code and where to check
// it. A wrong token is 404 registration_not_found; anybody not checked in
// (or an event cancelled) is 409 certificate_not_ready.
func (c Certificates) Download(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	reg, err := c.Registrations.RegistrationByToken(ctx, r.PathParam("registrationId"), r.Header(RegistrationTokenHeader))
	if err != nil {
		return httpapi.Response{}, err
	}
	if !reg.Certified() {
		return httpapi.Response{}, apperr.New(apperr.Conflict, ReasonCertificateNotReady)
	}
	e, err := c.Events.GetEvent(ctx, reg.EventID)
	if err != nil {
		return httpapi.Response{}, err
	}
	if !e.CertifiesAttendance() {
		return httpapi.Response{}, apperr.New(apperr.Conflict, ReasonCertificateNotReady)
	}
	code := reg.Certificate
	if code == "" {
		code = certcode.New(c.Key, e.ID, reg.ID)
	}
	var b bytes.Buffer
	// Issued on the event's last day: every download is the same document.
	if err := c.PDF.Write(&b, e, reg, code, certcode.VerifyURL(c.BaseURL, code), e.End()); err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.Response{
		StatusCode: http.StatusOK,
		Headers: map[string]string{
			"Content-Type":        "application/pdf",
			"Content-Disposition": `attachment; filename="` + c.PDF.Filename(reg) + `"`,
			"Cache-Control":       "no-store",
		},
		Body:            base64.StdEncoding.EncodeToString(b.Bytes()),
		IsBase64Encoded: true,
	}, nil
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
