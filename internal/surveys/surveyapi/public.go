// Package surveyapi is the HTTP side of the surveys capability (issue
// #10), on internal/httpapi and apart from internal/api, so that the
// bookings and events functions do not link surveys and the surveys
// functions link neither consultations nor workshops. public.go is the
// public `surveys` function: an awareness survey by its public link, an
// evaluation survey by its invitation.
package surveyapi

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/pow"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

// Headers the public routes read.
const (
	// InvitationTokenHeader carries an invitation's token (from the URL
	// fragment of the e-mail's link), never in a URL.
	InvitationTokenHeader = "Invitation-Token"
	// IdempotencyHeader makes a POST safe to retry.
	IdempotencyHeader = idempotency.Header
)

// NotStated is the answer "I do not say" to the self-declared target group
// and region; it is stored as an empty context field.
const NotStated = "not_stated"

// Reasons the public routes raise.
const (
	// ReasonSurveyNotFound: no such survey, a draft, or (on the public
	// link) an evaluation survey.
	ReasonSurveyNotFound                     = surveys.ReasonSurveyNotFound
	ReasonSurveyNotRunning     apperr.Reason = "survey_not_running"
	ReasonSurveyVersionChanged apperr.Reason = "survey_version_changed"
	// reasonSurveyShut is the failed check of the survey's status in the
	// response's transaction (closed meanwhile): shown as not running.
	reasonSurveyShut apperr.Reason = "survey_shut"
)

// AnsweredKeyPurpose names the HMAC key of the browser markers:
// seal.DeriveKey(master, AnsweredKeyPurpose).
const AnsweredKeyPurpose = "survey-answered"

// PoW issues and checks proofs of work (*pow.PoW).
type PoW interface {
	Check(ctx context.Context, header, scope string) error
}

// Surveys reads a survey and its current published version
// (surveydb.Store.Current: NotFound survey_not_found without one).
type Surveys interface {
	Current(ctx context.Context, id string) (surveys.Survey, surveys.Version, error)
}

// PublicDeps is what the public surveys function needs.
type PublicDeps struct {
	Surveys     Surveys
	Store       *surveydb.Store       // responses, browser markers, idempotency records, transactions
	Invitations *surveydb.Invitations // read, used and declined by token hash
	Logger      *slog.Logger
	NewID       func() string
	Now         func() time.Time
	PoW         PoW
	// IdempotencyKey fingerprints request bodies in idempotency records
	// (seal.DeriveKey(master, idempotency.KeyPurpose)).
	IdempotencyKey []byte
	// AnsweredKey keys the HMAC of the browser markers
	// (seal.DeriveKey(master, AnsweredKeyPurpose)).
	AnsweredKey []byte
}

type public struct{ PublicDeps }

// NewPublic returns the public surveys function's API.
func NewPublic(d PublicDeps) (*httpapi.API, error) {
	switch {
	case d.Surveys == nil || d.Store == nil || d.Invitations == nil:
		return nil, errors.New("surveys: no storage")
	case len(d.IdempotencyKey) == 0 || len(d.AnsweredKey) == 0:
		return nil, errors.New("surveys: no idempotency or browser-marker key")
	case d.Now == nil:
		return nil, errors.New("surveys: no clock")
	}
	h := public{d}
	cfg := httpapi.Config{
		Function: routes.FnSurveys, Logger: d.Logger, NewID: d.NewID, Now: d.Now,
		Handlers: map[string]httpapi.Handler{
			"GET /v1/surveys/{surveyId}":            h.getSurvey,
			"POST /v1/surveys/{surveyId}/responses": h.submit,
			"GET /v1/survey-invitation":             h.invitation,
			"POST /v1/survey-invitation/response":   h.submitInvited,
			"POST /v1/survey-invitation/opt-out":    h.optOut,
		},
	}
	if d.PoW != nil {
		cfg.PoW = h.powCheck
	}
	return httpapi.New(cfg)
}

// powCheck is the proof of work of the routes marked PoW, spent for this
// request: its route, survey or invitation and Idempotency-Key, so that a
// retry meets its replay.
func (h public) powCheck(ctx context.Context, r *httpapi.Request) error {
	scope := ""
	if k := strings.TrimSpace(r.Header(IdempotencyHeader)); k != "" {
		scope = r.Route.Key() + " " + h.subject(r) + " " + k
	}
	return h.PoW.Check(ctx, strings.TrimSpace(r.Header(pow.Header)), scope)
}

// subject is what a request is about, for the scopes of its proof of work
// and idempotency key: the survey of the public link, the hash of the
// invitation's token.
func (h public) subject(r *httpapi.Request) string {
	if id := r.PathParam("surveyId"); id != "" {
		return id
	}
	return surveys.InvitationTokenHash(r.Header(InvitationTokenHeader))
}

// surveyID is a plausible survey id: anything else is not looked up.
var surveyID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

func notFound() error { return apperr.New(apperr.NotFound, ReasonSurveyNotFound) }

// awareness reads an awareness survey with its current version; every
// other survey (unknown, draft, evaluation) is survey_not_found.
func (h public) awareness(ctx context.Context, id string) (surveys.Survey, surveys.Version, error) {
	if !surveyID.MatchString(id) {
		return surveys.Survey{}, surveys.Version{}, notFound()
	}
	sv, v, err := h.Surveys.Current(ctx, id)
	if apperr.CodeOf(err) == apperr.NotFound {
		return sv, v, notFound()
	}
	if err != nil {
		return sv, v, err
	}
	if sv.Kind != surveys.KindAwareness || v.Definition.Kind != surveys.KindAwareness || sv.Status == surveys.StatusDraft {
		return sv, v, notFound()
	}
	return sv, v, nil
}

// WaveOn is the wave whose dates hold day, if any.
func WaveOn(d surveys.Definition, day cz.Date) (surveys.Wave, bool) {
	for _, w := range d.Waves {
		from, err1 := cz.ParseDate(w.From)
		to, err2 := cz.ParseDate(w.To)
		if err1 == nil && err2 == nil && !day.Before(from) && !day.After(to) {
			return w, true
		}
	}
	return surveys.Wave{}, false
}

// PublicSurvey is a survey's current published version, to answer
// (schema PublicSurvey).
type PublicSurvey struct {
	ID         string             `json:"id"`
	Kind       surveys.Kind       `json:"kind"`
	Version    int                `json:"version"`
	Status     surveys.Status     `json:"status"`
	Running    bool               `json:"running"`
	Wave       *surveys.Wave      `json:"wave,omitempty"`
	Definition surveys.Definition `json:"definition"`
}

func (h public) view(sv surveys.Survey, v surveys.Version) PublicSurvey {
	out := PublicSurvey{ID: sv.ID, Kind: sv.Kind, Version: v.Number, Status: surveys.StatusOpen, Definition: v.Definition}
	if sv.Status == surveys.StatusClosed {
		out.Status = surveys.StatusClosed
	}
	out.Running = out.Status == surveys.StatusOpen
	if sv.Kind == surveys.KindAwareness {
		w, ok := WaveOn(v.Definition, cz.DateOf(h.Now()))
		if ok {
			out.Wave = &w
		}
		out.Running = out.Running && ok
	}
	if out.Definition.Questions == nil {
		out.Definition.Questions = []surveys.Question{}
	}
	return out
}

func (h public) getSurvey(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	sv, v, err := h.awareness(ctx, r.PathParam("surveyId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, h.view(sv, v)), nil
}

// Recorded answers a recorded response (schema SurveyResponseRecorded): it
// names nothing that finds the response again.
type Recorded struct {
	Survey   string `json:"survey"`
	Version  int    `json:"version"`
	Recorded bool   `json:"recorded"`
}

// recorded is the answer of a recorded response, or of its replay (the
// idempotency record's ResourceID is "<survey>#<version>": never the
// response's id).
func recorded(resource string, replay bool) (httpapi.Response, error) {
	i := strings.LastIndexByte(resource, '#')
	n, err := strconv.Atoi(resource[i+1:])
	if i < 0 || err != nil {
		return httpapi.Response{}, fmt.Errorf("surveys: idempotency record %q", resource)
	}
	resp := httpapi.JSON(http.StatusOK, Recorded{Survey: resource[:i], Version: n, Recorded: true})
	if replay {
		resp.Headers["Idempotent-Replayed"] = "true"
	}
	return resp, nil
}

// ResponseInput is the body of a public response (schema
// SurveyResponseInput).
type ResponseInput struct {
	Version    int             `json:"version"`
	Context    *RespondentFact `json:"context"`
	Answers    surveys.Answers `json:"answers"`
	EasyRead   bool            `json:"easyRead"`
	BrowserKey string          `json:"browserKey"`
}

// RespondentFact is the respondent's self-declared target group and region.
type RespondentFact struct {
	TargetGroup string `json:"targetGroup"`
	Region      string `json:"region"`
}

// InvitedInput is the body of a response through an invitation (schema
// InvitedResponseInput).
type InvitedInput struct {
	Version  int             `json:"version"`
	Answers  surveys.Answers `json:"answers"`
	EasyRead bool            `json:"easyRead"`
}

var browserKeyPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{16,128}$`)

// checkPublic checks the fields of a public response that do not depend
// on the survey.
func checkPublic(in ResponseInput) []apperr.FieldError {
	var errs []apperr.FieldError
	if in.Version < 1 {
		errs = append(errs, apperr.Field("version", "survey_version"))
	}
	if in.Context == nil {
		errs = append(errs, apperr.Field("context", "required"))
	} else {
		if g := in.Context.TargetGroup; g != NotStated && !programme.IsTargetGroup(g) {
			errs = append(errs, apperr.Field("context.targetGroup", "survey_context"))
		}
		if g := in.Context.Region; g != NotStated && !cz.IsRegion(g) {
			errs = append(errs, apperr.Field("context.region", "survey_context"))
		}
	}
	if in.BrowserKey != "" && !browserKeyPattern.MatchString(in.BrowserKey) {
		errs = append(errs, apperr.Field("browserKey", "browser_key"))
	}
	if in.Answers == nil {
		errs = append(errs, apperr.Field("answers", "required"))
	}
	return errs
}

func stated(s string) string {
	if s == NotStated {
		return ""
	}
	return s
}

// validate checks answers against the version: the values to store, or
// the field errors (with those found before).
func validate(v surveys.Version, a surveys.Answers, easyRead bool, errs []apperr.FieldError) (map[string]surveys.Value, error) {
	values, ferrs := surveys.Validate(v, a, easyRead)
	errs = append(errs, ferrs...)
	if len(errs) > 0 {
		return nil, apperr.InvalidFields(errs...)
	}
	return values, nil
}

func (h public) idempotencyKey(r *httpapi.Request) (*idempotency.Key, error) {
	return idempotency.FromHeader(h.IdempotencyKey, r.Header(IdempotencyHeader), r.Route.Key()+" "+h.subject(r), r.Body)
}

// marker is the browser marker of a survey and a browser key.
func (h public) marker(survey, browserKey string) string {
	m := hmac.New(sha256.New, h.AnsweredKey)
	m.Write([]byte(survey + "#" + browserKey))
	return hex.EncodeToString(m.Sum(nil))
}

// surveyIsOpen is the condition on a survey's item that it takes answers.
var surveyIsOpen = dynamo.Equals("status", dynamo.S(string(surveys.StatusOpen)))

// surveyOpen is the check of the survey's status in the response's
// transaction: a survey closed after it was read takes no more answers.
func (h public) surveyOpen(id string) dynamo.TxItem {
	return h.Store.Check(surveydb.SurveyKey(id), surveyIsOpen, reasonSurveyShut)
}

func (h public) submit(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	key, err := h.idempotencyKey(r)
	if err != nil {
		return httpapi.Response{}, err
	}
	var in ResponseInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	sv, v, err := h.awareness(ctx, r.PathParam("surveyId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	return idempotency.Run(ctx, h.Store, key, h.Now, func() (httpapi.Response, error) {
		now := h.Now()
		fields := checkPublic(in)
		if len(fields) > 0 && (in.Version < 1 || in.Context == nil) {
			return httpapi.Response{}, apperr.InvalidFields(fields...)
		}
		wave, running := WaveOn(v.Definition, cz.DateOf(now))
		switch {
		case sv.Status != surveys.StatusOpen || !running:
			return httpapi.Response{}, apperr.New(apperr.Conflict, ReasonSurveyNotRunning)
		case in.Version != v.Number:
			return httpapi.Response{}, apperr.New(apperr.Conflict, ReasonSurveyVersionChanged)
		}
		values, err := validate(v, in.Answers, in.EasyRead, fields)
		if err != nil {
			return httpapi.Response{}, err
		}
		resp := surveys.Response{
			ID: surveydb.NewResponseID(), Survey: sv.ID, Version: v.Number, Month: surveydb.Month(now),
			Context: surveys.Context{
				Source: surveys.SourcePublic, TargetGroup: stated(in.Context.TargetGroup),
				Region: stated(in.Context.Region), Wave: wave.Code,
			},
			EasyRead: in.EasyRead, Values: values,
		}
		put, err := h.Store.ResponsePut(resp)
		if err != nil {
			return httpapi.Response{}, err
		}
		items := []dynamo.TxItem{put, h.surveyOpen(sv.ID)}
		if in.BrowserKey != "" {
			m, err := h.Store.AnsweredPut(h.marker(sv.ID, in.BrowserKey), now)
			if err != nil {
				return httpapi.Response{}, err
			}
			items = append(items, m)
		}
		resource := sv.ID + "#" + strconv.Itoa(v.Number)
		if key != nil {
			rec, err := h.Store.IdempotencyPut(key.Record(http.StatusOK, resource, "", now))
			if err != nil {
				return httpapi.Response{}, err
			}
			items = append(items, rec)
		}
		err = h.Store.Transact(ctx, "survey response", items, surveydb.ReasonAlreadyAnswered)
		if apperr.Is(err, apperr.Conflict, reasonSurveyShut) {
			return httpapi.Response{}, apperr.New(apperr.Conflict, ReasonSurveyNotRunning)
		}
		if err != nil {
			return httpapi.Response{}, err
		}
		return recorded(resource, false)
	}, func(rec idempotency.Record) (httpapi.Response, error) {
		return recorded(rec.ResourceID, true)
	})
}

// token reads the invitation token of the request: its hash, or
// invitation_not_found for anything that cannot be a token.
func token(r *httpapi.Request) (string, error) {
	t := strings.TrimSpace(r.Header(InvitationTokenHeader))
	if !surveys.ValidInvitationToken(t) {
		return "", apperr.New(apperr.NotFound, surveys.ReasonInvitationNotFound)
	}
	return surveys.InvitationTokenHash(t), nil
}

// InvitationView is an invitation's state for the respondent (schema
// SurveyInvitation).
type InvitationView struct {
	State     string        `json:"state"`
	Title     surveys.Text  `json:"title"`
	Message   string        `json:"message"`
	ExpiresAt string        `json:"expiresAt,omitempty"`
	Survey    *PublicSurvey `json:"survey,omitempty"`
}

// The states of an invitation as the respondent sees them.
const (
	StateOpen     = "open"
	StateAnswered = "answered"
	StateOptedOut = "opted_out"
	StateExpired  = "expired"
)

// evaluation reads the survey of an invitation; a survey gone or never
// published (which no invitation should meet) makes the invitation
// unknown.
func (h public) evaluation(ctx context.Context, id string) (surveys.Survey, surveys.Version, error) {
	sv, v, err := h.Surveys.Current(ctx, id)
	if apperr.CodeOf(err) == apperr.NotFound {
		return sv, v, apperr.New(apperr.NotFound, surveys.ReasonInvitationNotFound)
	}
	return sv, v, err
}

func (h public) invitationView(lang i18n.Lang, inv surveys.Invitation, sv surveys.Survey, v surveys.Version) InvitationView {
	state := StateOpen
	switch {
	case inv.State == surveys.InvitationAnswered:
		state = StateAnswered
	case inv.State == surveys.InvitationOptedOut:
		state = StateOptedOut
	case inv.State != surveys.InvitationOpen || !h.Now().Before(inv.ExpiresAt) || sv.Status != surveys.StatusOpen:
		state = StateExpired
	}
	out := InvitationView{State: state, Title: v.Definition.Title, Message: i18n.T(lang, "survey.invitation."+state)}
	if out.Title.Cs == "" {
		out.Title = sv.Title
	}
	if state == StateOpen {
		out.ExpiresAt = inv.ExpiresAt.In(cz.Prague).Format(time.RFC3339)
		view := h.view(sv, v)
		out.Survey = &view
	}
	return out
}

func (h public) invitation(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	hash, err := token(r)
	if err != nil {
		return httpapi.Response{}, err
	}
	inv, err := h.Invitations.GetInvitation(ctx, hash)
	if err != nil {
		return httpapi.Response{}, err
	}
	sv, v, err := h.evaluation(ctx, inv.Survey)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, h.invitationView(r.Lang, inv, sv, v)), nil
}

func (h public) submitInvited(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	hash, err := token(r)
	if err != nil {
		return httpapi.Response{}, err
	}
	key, err := h.idempotencyKey(r)
	if err != nil {
		return httpapi.Response{}, err
	}
	var in InvitedInput
	if err := r.DecodeJSON(&in); err != nil {
		return httpapi.Response{}, err
	}
	return idempotency.Run(ctx, h.Store, key, h.Now, func() (httpapi.Response, error) {
		now := h.Now()
		inv, err := h.Invitations.GetInvitation(ctx, hash)
		if err != nil {
			return httpapi.Response{}, err
		}
		if err := surveydb.Usable(inv, "", now); err != nil {
			return httpapi.Response{}, err
		}
		sv, v, err := h.evaluation(ctx, inv.Survey)
		if err != nil {
			return httpapi.Response{}, err
		}
		var fields []apperr.FieldError
		switch {
		case sv.Status != surveys.StatusOpen:
			return httpapi.Response{}, apperr.New(apperr.Conflict, surveys.ReasonInvitationExpired)
		case in.Version < 1:
			fields = append(fields, apperr.Field("version", "survey_version"))
		case in.Version != v.Number:
			return httpapi.Response{}, apperr.New(apperr.Conflict, ReasonSurveyVersionChanged)
		}
		if in.Answers == nil {
			fields = append(fields, apperr.Field("answers", "required"))
		}
		if len(fields) > 0 {
			return httpapi.Response{}, apperr.InvalidFields(fields...)
		}
		values, err := validate(v, in.Answers, in.EasyRead, nil)
		if err != nil {
			return httpapi.Response{}, err
		}
		// The response keeps the invitation's context facts and the month:
		// not the token or its hash, the source, the person or the time.
		c := inv.Context
		if c.Source == "" {
			c.Source = sourceOf(sv.Audience)
		}
		resp := surveys.Response{
			ID: surveydb.NewResponseID(), Survey: sv.ID, Version: v.Number, Month: surveydb.Month(now),
			Context:  surveys.Context{Source: c.Source, Form: c.Form, Topic: c.Topic, Region: c.Region, TargetGroup: c.TargetGroup},
			EasyRead: in.EasyRead, Values: values,
		}
		put, err := h.Store.ResponsePut(resp)
		if err != nil {
			return httpapi.Response{}, err
		}
		use, err := h.Invitations.UseInvitationTx(hash, sv.ID, now)
		if err != nil {
			return httpapi.Response{}, err
		}
		// The answered counter is added on the condition that the survey is
		// still open: a survey closed meanwhile takes no answer.
		items := []dynamo.TxItem{put, use, h.Invitations.AnsweredCounterIfTx(sv.ID, surveyIsOpen, reasonSurveyShut)}
		resource := sv.ID + "#" + strconv.Itoa(v.Number)
		if key != nil {
			rec, err := h.Store.IdempotencyPut(key.Record(http.StatusOK, resource, "", now))
			if err != nil {
				return httpapi.Response{}, err
			}
			items = append(items, rec)
		}
		if err := h.Store.Transact(ctx, "invited survey response", items, surveydb.ReasonInvitationUnusable); err != nil {
			if apperr.Is(err, apperr.Conflict, reasonSurveyShut) {
				// Closed between the read and the write: as a survey
				// closed before (the link no longer takes answers).
				return httpapi.Response{}, apperr.New(apperr.Conflict, surveys.ReasonInvitationExpired)
			}
			return httpapi.Response{}, h.Invitations.Explain(ctx, err, hash, sv.ID, now)
		}
		return recorded(resource, false)
	}, func(rec idempotency.Record) (httpapi.Response, error) {
		return recorded(rec.ResourceID, true)
	})
}

// sourceOf is the source of an evaluation survey's responses.
func sourceOf(a surveys.Audience) surveys.Source {
	if a == surveys.AudienceEvent {
		return surveys.SourceEvent
	}
	return surveys.SourceConsultation
}

func (h public) optOut(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	hash, err := token(r)
	if err != nil {
		return httpapi.Response{}, err
	}
	if len(r.Body) > 0 {
		var in struct{} // no fields; an empty object is accepted
		if err := r.DecodeJSON(&in); err != nil {
			return httpapi.Response{}, err
		}
	}
	inv, err := h.Invitations.OptOut(ctx, hash, h.Now())
	switch {
	case apperr.Is(err, apperr.Conflict, surveys.ReasonInvitationOptedOut):
		// Declined before: the same answer as the first time.
		if inv, err = h.Invitations.GetInvitation(ctx, hash); err != nil {
			return httpapi.Response{}, err
		}
	case err != nil:
		return httpapi.Response{}, err
	}
	inv.State = surveys.InvitationOptedOut
	sv, v, err := h.evaluation(ctx, inv.Survey)
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, h.invitationView(r.Lang, inv, sv, v)), nil
}
