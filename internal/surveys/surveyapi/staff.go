// Package surveyapi is the HTTP side of the surveys capability (issue
// #10), on internal/httpapi: the staff routes of definitions and versions
// (staff.go, function staff-surveys) and the public answering routes. It is
// its own package, apart from internal/api, so that the booking and events
// functions do not link surveys and the survey functions link no booking
// or workshop code.
package surveyapi

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/validation"
)

// StaffMaxBody is the staff-surveys request-body limit: a definition of
// 100 questions with easy-read texts in two languages is well under it,
// and far under DynamoDB's 400 KB item.
const StaffMaxBody = 256 << 10

// StaffStore is the storage the staff routes use (surveydb.Store).
type StaffStore interface {
	List(ctx context.Context) ([]surveys.Survey, error)
	Get(ctx context.Context, id string) (surveys.Survey, error)
	Version(ctx context.Context, id string, number int, consistent bool) (surveys.Version, error)
	Versions(ctx context.Context, id string) ([]surveys.Version, error)
	Create(ctx context.Context, s surveys.Survey, d surveys.Definition) (surveys.Survey, surveys.Version, error)
	SaveDraft(ctx context.Context, id string, rev int64, d surveys.Definition, by string, now time.Time) (surveys.Survey, surveys.Version, error)
	Publish(ctx context.Context, id string, rev int64, number int, now time.Time) (surveys.Survey, error)
	Close(ctx context.Context, id string, rev int64, now time.Time) (surveys.Survey, error)
}

var _ StaffStore = (*surveydb.Store)(nil)

// StaffDeps is what the staff-surveys function's handlers need.
type StaffDeps struct {
	Store  StaffStore
	Logger *slog.Logger
	NewID  func() string
	Now    func() time.Time
	// Schema checks a posted definition against the published JSON Schema
	// (surveyschema.Check). It is given by the staff-surveys function's
	// wiring, so that this package, which the public and results functions
	// share, does not link the JSON Schema validator.
	Schema func(raw []byte) ([]apperr.FieldError, error)
}

type staff struct{ StaffDeps }

// NewStaff returns the staff-surveys function: the evaluation team's
// survey definitions, versions, publishing and closing.
func NewStaff(d StaffDeps) (*httpapi.API, error) {
	if d.Schema == nil {
		return nil, errors.New("staff-surveys: no definition schema check")
	}
	h := staff{d}
	return httpapi.New(httpapi.Config{
		Function: routes.FnStaffSurveys, Logger: d.Logger, NewID: d.NewID, Now: d.Now, MaxBody: StaffMaxBody,
		Handlers: map[string]httpapi.Handler{
			"GET /v1/staff/surveys":                               h.list,
			"POST /v1/staff/surveys":                              h.create,
			"GET /v1/staff/surveys/{surveyId}":                    h.get,
			"PUT /v1/staff/surveys/{surveyId}/draft":              h.saveDraft,
			"POST /v1/staff/surveys/{surveyId}/publish":           h.publish,
			"POST /v1/staff/surveys/{surveyId}/close":             h.close,
			"GET /v1/staff/surveys/{surveyId}/versions/{version}": h.version,
		},
	})
}

// CreateInput is the body of POST /v1/staff/surveys.
type CreateInput struct {
	// ID is the survey's id in its public link (/surveys/<id>): chosen
	// (a slug) or, left out, generated.
	ID         string             `json:"id,omitempty" validate:"omitempty,slug,max=64"`
	Definition surveys.Definition `json:"definition"`
}

// DraftInput is the body of PUT /v1/staff/surveys/{surveyId}/draft.
type DraftInput struct {
	Rev        int64              `json:"rev" validate:"gte=1"`
	Definition surveys.Definition `json:"definition"`
}

// PublishInput is the body of POST /v1/staff/surveys/{surveyId}/publish.
type PublishInput struct {
	Rev     int64 `json:"rev" validate:"gte=1"`
	Version int   `json:"version" validate:"gte=1"`
}

// CloseInput is the body of POST /v1/staff/surveys/{surveyId}/close.
type CloseInput struct {
	Rev int64 `json:"rev" validate:"gte=1"`
}

// decodeDefinition decodes a body holding a definition under
// "definition": the definition is checked against the published JSON
// Schema first, then the body decoded strictly into v, then the
// definition checked by surveys.Check. Field errors name the body's paths
// ("definition.questions[3].options[1].code").
func (h staff) decodeDefinition(r *httpapi.Request, v any, def *surveys.Definition) error {
	var envelope map[string]json.RawMessage
	if err := json.Unmarshal(r.Body, &envelope); err != nil {
		return apperr.New(apperr.Invalid, "malformed_json")
	}
	if raw, ok := envelope["definition"]; ok {
		errs, err := h.Schema(raw)
		if err != nil {
			return err
		}
		if len(errs) > 0 {
			return apperr.InvalidFields(prefixed(errs)...)
		}
	}
	if err := decode(r, v); err != nil {
		return err
	}
	if _, ok := envelope["definition"]; !ok {
		return apperr.InvalidFields(apperr.Field("definition", "required"))
	}
	if errs := surveys.Check(*def); len(errs) > 0 {
		return apperr.InvalidFields(prefixed(errs)...)
	}
	return nil
}

// decode decodes the body strictly into v and checks its validate tags.
func decode(r *httpapi.Request, v any) error {
	if err := r.DecodeJSON(v); err != nil {
		return err
	}
	return validation.Struct(v)
}

func prefixed(errs []apperr.FieldError) []apperr.FieldError {
	out := make([]apperr.FieldError, len(errs))
	for i, e := range errs {
		e.Field = "definition." + e.Field
		if e.Field == "definition." {
			e.Field = "definition"
		}
		out[i] = e
	}
	return out
}

func (h staff) list(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	list, err := h.Store.List(ctx)
	if err != nil {
		return httpapi.Response{}, err
	}
	out := SurveyList{Items: make([]SurveyView, 0, len(list))}
	for _, s := range list {
		out.Items = append(out.Items, surveyView(s))
	}
	return httpapi.JSON(http.StatusOK, out), nil
}

func (h staff) create(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in CreateInput
	if err := h.decodeDefinition(r, &in, &in.Definition); err != nil {
		return httpapi.Response{}, err
	}
	id := in.ID
	if id == "" {
		id = h.NewID()
	}
	d := in.Definition
	s, v, err := h.Store.Create(ctx, surveys.Survey{
		ID: id, Kind: d.Kind, Audience: d.Audience, Title: d.Title, CreatedAt: h.Now(), CreatedBy: r.Principal.Subject,
	}, d)
	if apperr.Is(err, apperr.Conflict, surveys.ReasonSurveyChanged) {
		return httpapi.Response{}, apperr.InvalidFields(apperr.Field("id", "unique"))
	}
	if err != nil {
		return httpapi.Response{}, err
	}
	resp := httpapi.JSON(http.StatusCreated, detailView(s, []surveys.Version{v}))
	resp.Headers["Location"] = "/v1/staff/surveys/" + s.ID
	return resp, nil
}

func (h staff) get(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	id := r.PathParam("surveyId")
	s, err := h.Store.Get(ctx, id)
	if err != nil {
		return httpapi.Response{}, err
	}
	versions, err := h.Store.Versions(ctx, id)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, detailView(s, versions)), nil
}

func (h staff) saveDraft(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	id := r.PathParam("surveyId")
	var in DraftInput
	if err := h.decodeDefinition(r, &in, &in.Definition); err != nil {
		return httpapi.Response{}, err
	}
	s, _, err := h.Store.SaveDraft(ctx, id, in.Rev, in.Definition, r.Principal.Subject, h.Now())
	if err != nil {
		return httpapi.Response{}, err
	}
	versions, err := h.Store.Versions(ctx, id)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, detailView(s, versions)), nil
}

func (h staff) publish(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in PublishInput
	if err := decode(r, &in); err != nil {
		return httpapi.Response{}, err
	}
	s, err := h.Store.Publish(ctx, r.PathParam("surveyId"), in.Rev, in.Version, h.Now())
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, surveyView(s)), nil
}

func (h staff) close(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in CloseInput
	if err := decode(r, &in); err != nil {
		return httpapi.Response{}, err
	}
	s, err := h.Store.Close(ctx, r.PathParam("surveyId"), in.Rev, h.Now())
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, surveyView(s)), nil
}

func (h staff) version(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	id := r.PathParam("surveyId")
	n, err := strconv.Atoi(r.PathParam("version"))
	if err != nil || n < 1 || !dynamo.StorableID(id) {
		return httpapi.Response{}, apperr.New(apperr.NotFound, surveys.ReasonVersionNotFound)
	}
	v, err := h.Store.Version(ctx, id, n, true)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, versionView(v)), nil
}
