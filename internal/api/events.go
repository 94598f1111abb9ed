package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/workshops"
)

// RegistrationTokenHeader carries a registration's manage token (or the
// token of a waiting-list offer), never in a URL.
const RegistrationTokenHeader = "Registration-Token"

// EventsDeps is what the public events function needs.
type EventsDeps struct {
	Workshops *workshops.Service
	Logger    *slog.Logger
	NewID     func() string
	Now       func() time.Time
	PoW       PoW
	// IdempotencyKey fingerprints request bodies in idempotency records.
	IdempotencyKey []byte
	// From is the calendar files' organiser (the programme's sender).
	From mail.Address
	// CertificateKey checks certificate codes (certcode.Key of the
	// outbox key): GET /v1/certificates/{code}.
	CertificateKey []byte
	// CertificatePDF renders the certificate download (certpdf).
	CertificatePDF CertificatePDF
}

type events struct{ EventsDeps }

// NewEvents returns the public events function: the listing, an event,
// registration, and managing a registration by token.
func NewEvents(d EventsDeps) (*httpapi.API, error) {
	h := events{d}
	deps := Deps{Logger: d.Logger, NewID: d.NewID, Now: d.Now, PoW: d.PoW}
	if len(d.CertificateKey) == 0 {
		return nil, fmt.Errorf("events: no certificate key")
	}
	if d.CertificatePDF == nil {
		return nil, fmt.Errorf("events: no certificate renderer")
	}
	certs := Certificates{Key: d.CertificateKey, Events: d.Workshops.Store, Registrations: d.Workshops, BaseURL: d.Workshops.BaseURL, PDF: d.CertificatePDF}
	return httpapi.New(deps.config(routes.FnEvents, map[string]httpapi.Handler{
		"GET /v1/events":                                  h.list,
		"GET /v1/events/{eventId}":                        h.get,
		"POST /v1/events/{eventId}/registrations":         h.register,
		"GET /v1/registrations/{registrationId}":          h.registration,
		"GET /v1/registrations/{registrationId}/calendar": h.calendar,
		"POST /v1/registrations/{registrationId}/cancel":  h.cancel,
		"POST /v1/registrations/{registrationId}/accept":  h.accept,
		"POST /v1/registrations/{registrationId}/decline": h.decline,
		EsfRoute:         h.esf, // esf.go
		EsfWithdrawRoute: h.esfWithdraw,

		// Certificates of attendance (certificates.go).
		"GET /v1/registrations/{registrationId}/certificate": certs.Download,
		"GET /v1/certificates/{code}":                        certs.Verify,
	}))
}

type eventQuery struct {
	Kind   string `json:"kind" validate:"omitempty,oneof=workshop forum seminar study_visit webinar"`
	Region string `json:"region" validate:"omitempty,region"`
	Topic  string `json:"topic" validate:"omitempty,topic"`
	Mode   string `json:"mode" validate:"omitempty,oneof=in_person online hybrid"`
}

var monthPattern = regexp.MustCompile(`^(20[2-9][0-9]|2100)-(0[1-9]|1[0-2])$`)

func (h events) list(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	q := eventQuery{Kind: r.Query("kind"), Region: r.Query("region"), Topic: r.Query("topic"), Mode: r.Query("mode")}
	var fields []apperr.FieldError
	if err := checkQuery(q); err != nil {
		e, ok := apperr.As(err)
		if !ok {
			return httpapi.Response{}, err
		}
		fields = append(fields, e.Fields...)
	}
	f := workshops.Filter{Kind: workshops.Kind(q.Kind), Region: q.Region, Topic: programme.Topic(q.Topic), Mode: workshops.Mode(q.Mode)}
	if m := r.Query("month"); m != "" {
		if !monthPattern.MatchString(m) {
			fields = append(fields, apperr.Field("month", "month"))
		} else {
			y, _ := strconv.Atoi(m[:4])
			mo, _ := strconv.Atoi(m[5:])
			f.Month = cz.Date{Year: y, Month: time.Month(mo), Day: 1}
		}
	}
	if len(fields) > 0 {
		return httpapi.Response{}, apperr.InvalidFields(fields...)
	}
	list, err := h.Workshops.ListEvents(ctx, f)
	if err != nil {
		return httpapi.Response{}, err
	}
	now := h.Workshops.Clock.Now()
	out := List[EventSummaryView]{Items: []EventSummaryView{}}
	for _, l := range list {
		out.Items = append(out.Items, eventSummary(l, now))
	}
	return httpapi.JSON(http.StatusOK, out), nil
}

func (h events) get(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	l, err := h.Workshops.EventWithSeats(ctx, r.PathParam("eventId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, eventDetail(l, h.Workshops.Clock.Now())), nil
}

func (h events) idempotencyKey(r *httpapi.Request) (*idempotency.Key, error) {
	scope := r.Route.Key() + " " + r.PathParam("eventId") + r.PathParam("registrationId")
	return idempotency.FromHeader(h.IdempotencyKey, r.Header(IdempotencyHeader), scope, r.Body)
}

// DecodeRegistration decodes and checks the body of a registration on its
// own, without the event (the fuzz target drives it).
func DecodeRegistration(body []byte) (workshops.RegistrationInput, error) {
	var in workshops.RegistrationInput
	err := httpapi.DecodeJSON(body, &in)
	return in, err
}

func (h events) register(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	key, err := h.idempotencyKey(r)
	if err != nil {
		return httpapi.Response{}, err
	}
	in, err := DecodeRegistration(r.Body)
	if err != nil {
		return httpapi.Response{}, err
	}
	if in.Language == "" {
		in.Language = string(r.Lang)
	}
	reg, err := h.Workshops.Register(ctx, r.PathParam("eventId"), in, key)
	if err != nil {
		return httpapi.Response{}, err
	}
	seats, err := h.Workshops.Store.Seats(ctx, reg.Event.ID)
	if err != nil {
		return httpapi.Response{}, err
	}
	now := h.Workshops.Clock.Now()
	view := CreatedRegistrationView{
		Registration: registrationView(reg.Registration, workshops.Listed{Event: reg.Event, Seats: seats}, now),
		ManageToken:  reg.Token,
		ManageURL:    workshops.ManageURL(h.Workshops.BaseURL, reg.Registration.ID, reg.Token),
	}
	resp := httpapi.JSON(http.StatusCreated, view)
	resp.Headers["Location"] = "/v1/registrations/" + reg.Registration.ID
	return replayed(resp, reg.Replayed), nil
}

// withEvent answers a registration with its event as it is now.
func (h events) withEvent(ctx context.Context, reg workshops.Registration, status int, replay bool) (httpapi.Response, error) {
	l, err := h.Workshops.EventWithSeats(ctx, reg.EventID)
	if err != nil {
		return httpapi.Response{}, err
	}
	return replayed(httpapi.JSON(status, registrationView(reg, l, h.Workshops.Clock.Now())), replay), nil
}

func (h events) registration(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	reg, err := h.Workshops.RegistrationByToken(ctx, r.PathParam("registrationId"), r.Header(RegistrationTokenHeader))
	if err != nil {
		return httpapi.Response{}, err
	}
	return h.withEvent(ctx, reg, http.StatusOK, false)
}

func (h events) change(ctx context.Context, r *httpapi.Request, do func(context.Context, string, string, *idempotency.Key) (workshops.Changed, error)) (httpapi.Response, error) {
	key, err := h.idempotencyKey(r)
	if err != nil {
		return httpapi.Response{}, err
	}
	if len(r.Body) > 0 {
		var in struct{} // no fields; an empty object is accepted
		if err := r.DecodeJSON(&in); err != nil {
			return httpapi.Response{}, err
		}
	}
	c, err := do(ctx, r.PathParam("registrationId"), r.Header(RegistrationTokenHeader), key)
	if err != nil {
		return httpapi.Response{}, err
	}
	return h.withEvent(ctx, c.Registration, http.StatusOK, c.Replayed)
}

func (h events) cancel(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	return h.change(ctx, r, h.Workshops.Cancel)
}

func (h events) accept(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	return h.change(ctx, r, h.Workshops.Accept)
}

func (h events) decline(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	return h.change(ctx, r, h.Workshops.Decline)
}

// calendar answers the registration's event as an .ics file.
func (h events) calendar(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	file, reg, err := h.Workshops.CalendarFile(ctx, r.PathParam("registrationId"), r.Header(RegistrationTokenHeader), h.From)
	if err != nil {
		return httpapi.Response{}, err
	}
	name := "akce.ics"
	if reg.Lang == i18n.EN {
		name = "event.ics"
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

// ---- views (docs/openapi.yaml, "events") ----

// TextView is a text in Czech and, optionally, English.
type TextView struct {
	CS string `json:"cs"`
	EN string `json:"en,omitempty"`
}

func textView(t workshops.Text) TextView { return TextView{CS: t.CS, EN: t.EN} }

// SessionView is one session of an event.
type SessionView struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// SeatsView is one seat kind with the seats left.
type SeatsView struct {
	Seat     workshops.Seat `json:"seat"`
	Capacity int            `json:"capacity"`
	Left     int            `json:"left"`
}

// EventSummaryView is an event in the public listing.
type EventSummaryView struct {
	ID                 string                  `json:"id"`
	Kind               workshops.Kind          `json:"kind"`
	Mode               workshops.Mode          `json:"mode"`
	Status             workshops.EventStatus   `json:"status"`
	Title              TextView                `json:"title"`
	Topics             []programme.Topic       `json:"topics"`
	TargetGroups       []programme.TargetGroup `json:"targetGroups"`
	Region             string                  `json:"region"`
	Start              string                  `json:"start"`
	End                string                  `json:"end"`
	Hours              float64                 `json:"hours"`
	Sessions           []SessionView           `json:"sessions"`
	VenueName          string                  `json:"venueName,omitempty"`
	Organiser          string                  `json:"organiser,omitempty"`
	Seats              []SeatsView             `json:"seats"`
	RegistrationOpens  string                  `json:"registrationOpens"`
	RegistrationCloses string                  `json:"registrationCloses"`
	RegistrationOpen   bool                    `json:"registrationOpen"`
	WaitingListOpen    bool                    `json:"waitingListOpen"`
}

func eventSummary(l workshops.Listed, now time.Time) EventSummaryView {
	e := l.Event
	v := EventSummaryView{
		ID: e.ID, Kind: e.Kind, Mode: e.Mode, Status: e.Status, Title: textView(e.Title),
		Topics: nonNil(e.Topics), TargetGroups: nonNil(e.TargetGroups), Region: e.Region,
		Start: local(e.Start()), End: local(e.End()), Hours: e.Hours().Hours(),
		Sessions: []SessionView{}, Organiser: e.Organiser, Seats: []SeatsView{},
		RegistrationOpens: local(e.RegistrationOpens), RegistrationCloses: local(e.RegistrationCloses),
		RegistrationOpen: e.RegistrationOpen(now), WaitingListOpen: l.WaitingListOpen(now),
	}
	if e.Mode != workshops.ModeOnline {
		v.VenueName = e.Venue.Name
	}
	for _, s := range e.Sessions {
		v.Sessions = append(v.Sessions, SessionView{Start: local(s.Start), End: local(s.End)})
	}
	for _, seat := range e.Seats() {
		v.Seats = append(v.Seats, SeatsView{Seat: seat, Capacity: e.Capacity.Of(seat), Left: workshops.SeatsLeft(e, seat, l.Seats[seat])})
	}
	return v
}

// VenueView is where an event takes place, with its accessibility facts.
type VenueView struct {
	Name          string `json:"name"`
	Address       string `json:"address"`
	StepFree      bool   `json:"stepFree"`
	InductionLoop bool   `json:"inductionLoop"`
	Parking       string `json:"parking,omitempty"`
	NearestStop   string `json:"nearestStop,omitempty"`
}

// QuestionView is a custom question of the registration form.
type QuestionView struct {
	ID       string                 `json:"id"`
	Kind     workshops.QuestionKind `json:"kind"`
	Label    TextView               `json:"label"`
	Options  []TextView             `json:"options,omitempty"`
	Required bool                   `json:"required"`
}

// EventDetailView is an event with everything the public may see: never
// the meeting link.
type EventDetailView struct {
	EventSummaryView
	Description TextView       `json:"description"`
	Venue       *VenueView     `json:"venue,omitempty"`
	OrgLimit    int            `json:"orgLimit,omitempty"`
	Questions   []QuestionView `json:"questions"`
}

func eventDetail(l workshops.Listed, now time.Time) EventDetailView {
	e := l.Event
	v := EventDetailView{EventSummaryView: eventSummary(l, now), Description: textView(e.Description), OrgLimit: e.OrgLimit, Questions: []QuestionView{}}
	if e.Mode != workshops.ModeOnline {
		v.Venue = &VenueView{Name: e.Venue.Name, Address: e.Venue.Address, StepFree: e.Venue.StepFree,
			InductionLoop: e.Venue.InductionLoop, Parking: e.Venue.Parking, NearestStop: e.Venue.NearestStop}
	}
	for _, q := range e.Questions {
		qv := QuestionView{ID: q.ID, Kind: q.Kind, Label: textView(q.Label), Required: q.Required}
		for _, o := range q.Options {
			qv.Options = append(qv.Options, textView(o))
		}
		v.Questions = append(v.Questions, qv)
	}
	return v
}

// NeedsView is what the person needs to take part.
type NeedsView struct {
	Wheelchair    bool   `json:"wheelchair"`
	SignLanguage  bool   `json:"signLanguage"`
	InductionLoop bool   `json:"inductionLoop"`
	EasyRead      bool   `json:"easyRead"`
	Assistant     bool   `json:"assistant"`
	Other         string `json:"other,omitempty"`
}

// RegistrationView is a registration as its person sees it.
type RegistrationView struct {
	ID           string                       `json:"id"`
	EventID      string                       `json:"eventId"`
	Event        EventSummaryView             `json:"event"`
	Seat         workshops.Seat               `json:"seat"`
	Status       workshops.RegistrationStatus `json:"status"`
	Position     int                          `json:"position,omitempty"`
	OfferExpires string                       `json:"offerExpires,omitempty"`
	Contact      ContactView                  `json:"contact"`
	Organisation OrganisationView             `json:"organisation"`
	TargetGroup  programme.TargetGroup        `json:"targetGroup"`
	JobRole      string                       `json:"jobRole,omitempty"`
	Region       string                       `json:"region"`
	Answers      map[string][]string          `json:"answers"`
	Needs        NeedsView                    `json:"needs"`
	Language     i18n.Lang                    `json:"language"`
	CreatedAt    string                       `json:"createdAt"`
	UpdatedAt    string                       `json:"updatedAt"`
	CancelledAt  string                       `json:"cancelledAt,omitempty"`
}

// CreatedRegistrationView answers a new registration: the only time the
// manage token is shown.
type CreatedRegistrationView struct {
	Registration RegistrationView `json:"registration"`
	ManageToken  string           `json:"manageToken"`
	ManageURL    string           `json:"manageUrl"`
}

func registrationView(r workshops.Registration, l workshops.Listed, now time.Time) RegistrationView {
	v := RegistrationView{
		ID: r.ID, EventID: r.EventID, Event: eventSummary(l, now), Seat: r.Seat, Status: r.Status,
		Contact:      ContactView{Name: r.Contact.Name, Email: r.Contact.Email, Phone: r.Contact.Phone},
		Organisation: OrganisationView{Name: r.Org.Name, ICO: r.Org.ICO},
		TargetGroup:  r.TargetGroup, JobRole: r.JobRole, Region: r.Region, Answers: r.Answers,
		Needs: NeedsView{Wheelchair: r.Needs.Wheelchair, SignLanguage: r.Needs.SignLanguage, InductionLoop: r.Needs.InductionLoop,
			EasyRead: r.Needs.EasyRead, Assistant: r.Needs.Assistant, Other: r.Needs.Other},
		Language: r.Lang, CreatedAt: local(r.CreatedAt), UpdatedAt: local(r.UpdatedAt), CancelledAt: local(r.CancelledAt),
	}
	if v.Answers == nil {
		v.Answers = map[string][]string{}
	}
	if v.Language == "" {
		v.Language = i18n.CS
	}
	if r.Status == workshops.RegWaitlisted {
		v.Position = r.Position
	}
	if r.Status == workshops.RegOffered {
		v.OfferExpires = local(r.OfferExpires)
	}
	return v
}
