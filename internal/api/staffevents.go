package api

import (
	"context"
	"encoding/base64"
	"errors"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/workshops"
)

// EventDocuments writes the files staff download about an event's
// registrations (internal/workshops/docs). The staff-events function links
// the XLSX and PDF writers; the api package itself does not, so that every
// other function stays lean.
type EventDocuments interface {
	RegistrationsCSV(e workshops.Event, regs []workshops.Registration, lang i18n.Lang) ([]byte, error)
	RegistrationsXLSX(e workshops.Event, regs []workshops.Registration, lang i18n.Lang) ([]byte, error)
	AttendanceSheet(e workshops.Event, regs []workshops.Registration, lang i18n.Lang) ([]byte, error)
}

// StaffEventsDeps is what the staff-events function's handlers need.
type StaffEventsDeps struct {
	Staff  *workshops.Staff
	Docs   EventDocuments
	Logger *slog.Logger
	NewID  func() string
	Now    func() time.Time
	// Eraser erases a registration's personal data (eraseregistration.go).
	Eraser RegistrationEraser
}

// StaffEventsMaxBody is the staff-events request-body limit: an event with
// ten questions of twenty options each in two languages is well under it.
const StaffEventsMaxBody = 64 << 10

// Range of the staff event list: by default from a month back to a year
// ahead; a range asked for lasts at most a year (13 monthly Queries).
const (
	StaffEventsDaysBack  = 31
	StaffEventsDaysAhead = 364
	// MaxStaffEventsRangeDays bounds a range asked for.
	MaxStaffEventsRangeDays = 365
)

type staffEvents struct{ StaffEventsDeps }

// NewStaffEvents returns the staff-events function: events of the
// programme's workshops, forums, seminars, study visits and webinars, as
// organisers (their own) and admins (all) manage them.
func NewStaffEvents(d StaffEventsDeps) (*httpapi.API, error) {
	h := staffEvents{d}
	return httpapi.New(httpapi.Config{
		Function: routes.FnStaffEvents, Logger: d.Logger, NewID: d.NewID, Now: d.Now, MaxBody: StaffEventsMaxBody,
		Handlers: map[string]httpapi.Handler{
			"POST /v1/staff/events":                                                         h.create,
			"GET /v1/staff/events":                                                          h.list,
			"GET /v1/staff/events/{eventId}":                                                h.get,
			"PUT /v1/staff/events/{eventId}":                                                h.update,
			"POST /v1/staff/events/{eventId}/publish":                                       h.publish,
			"POST /v1/staff/events/{eventId}/cancel":                                        h.cancel,
			"POST /v1/staff/events/{eventId}/held":                                          h.held,
			"GET /v1/staff/events/{eventId}/registrations":                                  h.registrations,
			"POST /v1/staff/events/{eventId}/checkins":                                      h.checkIn,
			"POST /v1/staff/events/{eventId}/registrations/{registrationId}/promote":        h.promote,
			"GET /v1/staff/events/{eventId}/registrations/{registrationId}/certificate.pdf": h.certificate,
			"POST /v1/staff/events/{eventId}/walkins":                                       h.walkIn,
			"GET /v1/staff/events/{eventId}/export.csv":                                     h.exportCSV,
			"GET /v1/staff/events/{eventId}/export.xlsx":                                    h.exportXLSX,
			"GET /v1/staff/events/{eventId}/attendance-sheet.pdf":                           h.attendanceSheet,
			"POST /v1/staff/registrations/{registrationId}/erase":                           h.eraseRegistration,
		},
	})
}

func (h staffEvents) create(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in workshops.EventInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	e, err := h.Staff.CreateEvent(ctx, r.Principal, in)
	if err != nil {
		return httpapi.Response{}, err
	}
	resp := httpapi.JSON(http.StatusCreated, staffEventView(e, nil))
	resp.Headers["Location"] = "/v1/staff/events/" + e.ID
	return resp, nil
}

func (h staffEvents) list(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	today := cz.DateOf(h.Staff.Clock.Now())
	from, to := today.AddDays(-StaffEventsDaysBack), today.AddDays(StaffEventsDaysAhead)
	if r.Query("from") != "" || r.Query("to") != "" {
		var err error
		start := today
		if r.Query("from") == "" {
			start = from
		}
		if from, to, err = dateRange(r, start, StaffEventsDaysAhead, MaxStaffEventsRangeDays); err != nil {
			return httpapi.Response{}, err
		}
	}
	list, err := h.Staff.ListEvents(ctx, r.Principal, from.Start(), to.AddDays(1).Start())
	if err != nil {
		return httpapi.Response{}, err
	}
	seats, err := h.seatsOf(ctx, list)
	if err != nil {
		return httpapi.Response{}, err
	}
	out := List[StaffEventView]{Items: make([]StaffEventView, 0, len(list))}
	for i, e := range list {
		out.Items = append(out.Items, staffEventView(e, seats[i]))
	}
	return httpapi.JSON(http.StatusOK, out), nil
}

// seatsOf reads the seat counters of each event, a few at a time (one
// Query each).
func (h staffEvents) seatsOf(ctx context.Context, list []workshops.Event) ([]map[workshops.Seat]workshops.SeatCount, error) {
	out := make([]map[workshops.Seat]workshops.SeatCount, len(list))
	errs := make([]error, len(list))
	sem := make(chan struct{}, staffEventsSeatReads)
	var wg sync.WaitGroup
	for i, e := range list {
		if e.Status == workshops.EventDraft {
			continue // nobody registers for a draft
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i], errs[i] = h.Staff.Seats(ctx, e.ID)
		}()
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// staffEventsSeatReads bounds the seat counters of a list read at once.
const staffEventsSeatReads = 8

func (h staffEvents) get(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	e, err := h.Staff.Event(ctx, r.Principal, r.PathParam("eventId"))
	return h.eventResponse(ctx, e, err)
}

func (h staffEvents) update(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in workshops.EventInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	e, err := h.Staff.UpdateEvent(ctx, r.Principal, r.PathParam("eventId"), in)
	return h.eventResponse(ctx, e, err)
}

func (h staffEvents) publish(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	e, err := h.Staff.Publish(ctx, r.Principal, r.PathParam("eventId"))
	return h.eventResponse(ctx, e, err)
}

func (h staffEvents) cancel(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	e, err := h.Staff.Cancel(ctx, r.Principal, r.PathParam("eventId"))
	return h.eventResponse(ctx, e, err)
}

func (h staffEvents) held(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	e, err := h.Staff.MarkHeld(ctx, r.Principal, r.PathParam("eventId"))
	return h.eventResponse(ctx, e, err)
}

// eventResponse answers an event as it is now, with its seat counters.
func (h staffEvents) eventResponse(ctx context.Context, e workshops.Event, err error) (httpapi.Response, error) {
	if err != nil {
		return httpapi.Response{}, err
	}
	seats, err := h.Staff.Seats(ctx, e.ID)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, staffEventView(e, seats)), nil
}

func (h staffEvents) registrations(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	_, regs, err := h.Staff.Registrations(ctx, r.Principal, r.PathParam("eventId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	out := List[StaffRegistrationView]{Items: make([]StaffRegistrationView, 0, len(regs))}
	for _, reg := range regs {
		out.Items = append(out.Items, staffRegistrationView(reg))
	}
	return httpapi.JSON(http.StatusOK, out), nil
}

func (h staffEvents) checkIn(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in workshops.CheckInInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	reg, err := h.Staff.CheckIn(ctx, r.Principal, r.PathParam("eventId"), in)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, staffRegistrationView(reg)), nil
}

func (h staffEvents) promote(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	reg, err := h.Staff.Promote(ctx, r.Principal, r.PathParam("eventId"), r.PathParam("registrationId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, staffRegistrationView(reg)), nil
}

// certificate answers an attendee's certificate of attendance as a PDF.
func (h staffEvents) certificate(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	pdf, name, err := h.Staff.Certificate(ctx, r.Principal, r.PathParam("eventId"), r.PathParam("registrationId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.Response{
		StatusCode: http.StatusOK,
		Headers: map[string]string{
			"Content-Type":        "application/pdf",
			"Content-Disposition": `attachment; filename="` + name + `"`,
			"Cache-Control":       "no-store",
		},
		Body:            base64.StdEncoding.EncodeToString(pdf),
		IsBase64Encoded: true,
	}, nil
}

func (h staffEvents) walkIn(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in workshops.WalkInInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	id := r.PathParam("eventId")
	reg, err := h.Staff.AddWalkIn(ctx, r.Principal, id, in)
	if err != nil {
		return httpapi.Response{}, err
	}
	resp := httpapi.JSON(http.StatusCreated, staffRegistrationView(reg))
	resp.Headers["Location"] = "/v1/staff/events/" + id + "/registrations"
	return resp, nil
}

func (h staffEvents) exportCSV(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	return h.export(ctx, r, workshops.ExportCSV, "text/csv; charset=utf-8", "csv", h.Docs.RegistrationsCSV)
}

func (h staffEvents) exportXLSX(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	return h.export(ctx, r, workshops.ExportXLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", h.Docs.RegistrationsXLSX)
}

func (h staffEvents) attendanceSheet(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	return h.export(ctx, r, workshops.ExportAttendance, "application/pdf", "pdf", h.Docs.AttendanceSheet)
}

// export answers a file of an event's registrations, after the service
// recorded the export (who, when, which event, which format).
func (h staffEvents) export(ctx context.Context, r *httpapi.Request, f workshops.ExportFormat, contentType, ext string,
	write func(workshops.Event, []workshops.Registration, i18n.Lang) ([]byte, error)) (httpapi.Response, error) {
	e, regs, err := h.Staff.Export(ctx, r.Principal, r.PathParam("eventId"), f)
	if err != nil {
		return httpapi.Response{}, err
	}
	b, err := write(e, regs, r.Lang)
	if err != nil {
		return httpapi.Response{}, err
	}
	name := "registrace-" + e.ID
	if f == workshops.ExportAttendance {
		name = "prezencni-listina-" + e.ID
	}
	return httpapi.Response{
		StatusCode: http.StatusOK,
		Headers: map[string]string{
			"Content-Type":        contentType,
			"Content-Disposition": `attachment; filename="` + name + "." + ext + `"`,
			"Cache-Control":       "no-store",
		},
		Body:            base64.StdEncoding.EncodeToString(b),
		IsBase64Encoded: true,
	}, nil
}

// StaffEventView is an event as its organisers see it.
type StaffEventView struct {
	ID                 string                  `json:"id"`
	Kind               workshops.Kind          `json:"kind"`
	Title              workshops.Text          `json:"title"`
	Description        workshops.Text          `json:"description"`
	Topics             []programme.Topic       `json:"topics"`
	TargetGroups       []programme.TargetGroup `json:"targetGroups"`
	Region             string                  `json:"region"`
	Sessions           []seSession             `json:"sessions"`
	Hours              float64                 `json:"hours"`
	Mode               workshops.Mode          `json:"mode"`
	Venue              *seVenue                `json:"venue,omitempty"`
	OnlineLink         string                  `json:"onlineLink,omitempty"`
	Capacity           seCapacity              `json:"capacity"`
	RegistrationOpens  string                  `json:"registrationOpens,omitempty"`
	RegistrationCloses string                  `json:"registrationCloses"`
	OrgLimit           int                     `json:"orgLimit"`
	Questions          []seQuestion            `json:"questions"`
	Organiser          string                  `json:"organiser"`
	Owner              string                  `json:"owner"`
	Seats              seSeats                 `json:"seats"`
	Status             workshops.EventStatus   `json:"status"`
	Sequence           int                     `json:"sequence"`
	Version            int                     `json:"version"`
	CreatedAt          string                  `json:"createdAt"`
	UpdatedAt          string                  `json:"updatedAt"`
}

// seSession is one session, in Prague time.
type seSession struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// seVenue is an event's venue with its accessibility facts.
type seVenue struct {
	Name          string `json:"name"`
	Address       string `json:"address"`
	StepFree      bool   `json:"stepFree"`
	InductionLoop bool   `json:"inductionLoop"`
	Parking       string `json:"parking,omitempty"`
	NearestStop   string `json:"nearestStop,omitempty"`
}

// seSeats is the seats taken (confirmed, and held for offers) and the
// people waiting, per seat kind.
type seSeats struct {
	InPerson seSeatCount `json:"inPerson"`
	Online   seSeatCount `json:"online"`
}

type seSeatCount struct {
	Taken   int `json:"taken"`
	Waiting int `json:"waiting"`
}

// seCapacity is the seats per seat kind.
type seCapacity struct {
	InPerson int `json:"inPerson"`
	Online   int `json:"online"`
}

// seQuestion is one custom question.
type seQuestion struct {
	ID       string                 `json:"id"`
	Kind     workshops.QuestionKind `json:"kind"`
	Label    workshops.Text         `json:"label"`
	Options  []workshops.Text       `json:"options,omitempty"`
	Required bool                   `json:"required"`
}

func staffEventView(e workshops.Event, seats map[workshops.Seat]workshops.SeatCount) StaffEventView {
	v := StaffEventView{
		ID: e.ID, Kind: e.Kind, Title: e.Title, Description: e.Description,
		Topics: nonNil(e.Topics), TargetGroups: nonNil(e.TargetGroups), Region: e.Region,
		Sessions: make([]seSession, 0, len(e.Sessions)), Hours: e.Hours().Hours(), Mode: e.Mode,
		OnlineLink: e.OnlineLink, Capacity: seCapacity{InPerson: e.Capacity.InPerson, Online: e.Capacity.Online},
		RegistrationOpens: local(e.RegistrationOpens), RegistrationCloses: local(e.RegistrationCloses),
		OrgLimit: e.OrgLimit, Questions: make([]seQuestion, 0, len(e.Questions)),
		Organiser: e.Organiser, Owner: e.Owner, Status: e.Status, Sequence: e.Sequence, Version: e.Version,
		CreatedAt: local(e.CreatedAt), UpdatedAt: local(e.UpdatedAt),
		Seats: seSeats{
			InPerson: seSeatCount{Taken: max(seats[workshops.SeatInPerson].Taken, 0), Waiting: max(seats[workshops.SeatInPerson].Waiting, 0)},
			Online:   seSeatCount{Taken: max(seats[workshops.SeatOnline].Taken, 0), Waiting: max(seats[workshops.SeatOnline].Waiting, 0)},
		},
	}
	for _, s := range e.Sessions {
		v.Sessions = append(v.Sessions, seSession{Start: local(s.Start), End: local(s.End)})
	}
	if e.Mode != workshops.ModeOnline {
		x := e.Venue
		v.Venue = &seVenue{Name: x.Name, Address: x.Address, StepFree: x.StepFree, InductionLoop: x.InductionLoop, Parking: x.Parking, NearestStop: x.NearestStop}
	}
	for _, q := range e.Questions {
		v.Questions = append(v.Questions, seQuestion{ID: q.ID, Kind: q.Kind, Label: q.Label, Options: q.Options, Required: q.Required})
	}
	return v
}

// StaffRegistrationView is a registration as the event's organisers see
// it: who, for which seat, in which status, the answers and needs. Never
// the ESF+ participant data, nor anything that joins to it.
type StaffRegistrationView struct {
	ID           string                       `json:"id"`
	Seat         workshops.Seat               `json:"seat"`
	Status       workshops.RegistrationStatus `json:"status"`
	Contact      seContact                    `json:"contact"`
	Organisation *seOrganisation              `json:"organisation,omitempty"`
	JobRole      string                       `json:"jobRole,omitempty"`
	Region       string                       `json:"region,omitempty"`
	TargetGroup  programme.TargetGroup        `json:"targetGroup,omitempty"`
	Answers      []seAnswer                   `json:"answers"`
	Needs        seNeeds                      `json:"needs"`
	Language     i18n.Lang                    `json:"language,omitempty"`
	Position     int                          `json:"position,omitempty"`
	OfferExpires string                       `json:"offerExpires,omitempty"`
	WalkIn       bool                         `json:"walkIn"`
	CheckedInAt  string                       `json:"checkedInAt,omitempty"`
	CreatedAt    string                       `json:"createdAt"`
	CancelledAt  string                       `json:"cancelledAt,omitempty"`
	Erased       bool                         `json:"erased"`
}

// seAnswer is the answer to one custom question: one value, or the chosen
// options' indexes.
type seAnswer struct {
	Question string   `json:"question"`
	Values   []string `json:"values"`
}

// seContact is the registrant's contact.
type seContact struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// seOrganisation is who the person comes for.
type seOrganisation struct {
	Name string `json:"name"`
	ICO  string `json:"ico,omitempty"`
}

// seNeeds is what the person needs to take part.
type seNeeds struct {
	Wheelchair    bool   `json:"wheelchair"`
	SignLanguage  bool   `json:"signLanguage"`
	InductionLoop bool   `json:"inductionLoop"`
	EasyRead      bool   `json:"easyRead"`
	Assistant     bool   `json:"assistant"`
	Other         string `json:"other,omitempty"`
}

func staffRegistrationView(r workshops.Registration) StaffRegistrationView {
	r = workshops.ForStaff(r)
	v := StaffRegistrationView{
		ID: r.ID, Seat: r.Seat, Status: r.Status,
		Contact: seContact{Name: r.Contact.Name, Email: r.Contact.Email, Phone: r.Contact.Phone},
		JobRole: r.JobRole, Region: r.Region, TargetGroup: r.TargetGroup, Answers: []seAnswer{},
		Needs: seNeeds{
			Wheelchair: r.Needs.Wheelchair, SignLanguage: r.Needs.SignLanguage, InductionLoop: r.Needs.InductionLoop,
			EasyRead: r.Needs.EasyRead, Assistant: r.Needs.Assistant, Other: r.Needs.Other,
		},
		Language: r.Lang, Position: r.Position, OfferExpires: local(r.OfferExpires), WalkIn: r.WalkIn,
		CheckedInAt: local(r.CheckedInAt), CreatedAt: local(r.CreatedAt), CancelledAt: local(r.CancelledAt),
		Erased: !r.ErasedAt.IsZero(),
	}
	if strings.TrimSpace(r.Org.Name) != "" || r.Org.ICO != "" {
		v.Organisation = &seOrganisation{Name: r.Org.Name, ICO: r.Org.ICO}
	}
	for _, q := range slices.Sorted(maps.Keys(r.Answers)) {
		v.Answers = append(v.Answers, seAnswer{Question: q, Values: nonNil(r.Answers[q])})
	}
	return v
}
