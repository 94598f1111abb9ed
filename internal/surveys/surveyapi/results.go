package surveyapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/surveys"
)

// The results of a survey for the evaluation team (function
// survey-results): live aggregates with small-cell suppression, and the
// responses as CSV, XLSX and CSVW metadata. Every route reads a range of
// Prague months; each month is one Query of the survey's response
// partition (RESPONSE#<surveyId>#<yyyy-mm>), streamed into the aggregator
// or the export writer, so memory does not grow with the responses
// (exports: but for the file itself, which MaxExportBytes bounds).

// ResultsStore is what the results read: the survey, a version, and the
// responses of one month, one at a time (surveydb.Store).
type ResultsStore interface {
	Get(ctx context.Context, id string) (surveys.Survey, error)
	Version(ctx context.Context, id string, number int, consistent bool) (surveys.Version, error)
	EachResponse(ctx context.Context, survey, month string, fn func(surveys.Response) error) error
}

// ResponseWriter writes responses to an export file, one at a time.
type ResponseWriter interface {
	Add(surveys.Response) error
	Close() error
}

// ResultsExports writes the export files (internal/surveys/surveyexport).
// The survey-results function links the XLSX writer; this package does
// not, so that the public surveys function stays lean.
type ResultsExports interface {
	CSV(w io.Writer, v surveys.Version) (ResponseWriter, error)
	XLSX(w io.Writer, v surveys.Version) (ResponseWriter, error)
	// CSVW is the CSV's CSVW metadata (marshalled as JSON), the CSV being
	// at url relative to the metadata.
	CSVW(v surveys.Version, url string) any
}

// ResultsDeps is what the survey-results function's handlers need.
type ResultsDeps struct {
	Store   ResultsStore
	Exports ResultsExports
	Logger  *slog.Logger
	NewID   func() string
	Now     func() time.Time
}

// Month ranges of the results.
const (
	// MaxResultMonths bounds a range: at most 36 monthly Queries.
	MaxResultMonths = 36
	// DefaultResultMonths is the range without from: the last 12 months
	// up to to (by default the current Prague month).
	DefaultResultMonths = 12
	// MaxExportBytes bounds an export file: a Lambda response carries at
	// most 6 MB, and an XLSX travels base64-encoded (4/3 of its size).
	MaxExportBytes = 4 << 20
)

// ReasonExportTooLarge: the responses of the range do not fit in one
// export file (413).
const ReasonExportTooLarge apperr.Reason = "survey_export_too_large"

type results struct{ ResultsDeps }

// NewResults returns the survey-results function's API.
func NewResults(d ResultsDeps) (*httpapi.API, error) {
	h := results{d}
	return httpapi.New(httpapi.Config{
		Function: routes.FnSurveyResults, Logger: d.Logger, NewID: d.NewID, Now: d.Now,
		Handlers: map[string]httpapi.Handler{
			"GET /v1/staff/surveys/{surveyId}/results":       h.results,
			"GET /v1/staff/surveys/{surveyId}/export.csv":    h.exportCSV,
			"GET /v1/staff/surveys/{surveyId}/export.xlsx":   h.exportXLSX,
			"GET /v1/staff/surveys/{surveyId}/codebook.json": h.codebook,
		},
	})
}

// resultsQuery is a request's survey, version and month range.
type resultsQuery struct {
	survey   surveys.Survey
	version  surveys.Version
	from, to string   // "2026-01"
	months   []string // from … to
}

// query reads the month range (from, to: yyyy-mm, Prague; to defaults to
// the current month, from to DefaultResultMonths before it; at most
// MaxResultMonths) and the version (version: a published one, by default
// the latest published), then the survey and the version. Bad parameters
// are field errors, all at once.
func (h results) query(ctx context.Context, r *httpapi.Request) (resultsQuery, error) {
	var fields []apperr.FieldError
	month := func(name string) (time.Time, bool) {
		s := r.Query(name)
		if s == "" {
			return time.Time{}, false
		}
		t, err := time.Parse("2006-01", s)
		if err != nil || t.Year() < 2000 || t.Year() > 2100 {
			fields = append(fields, apperr.Field(name, "month"))
			return time.Time{}, false
		}
		return t, true
	}
	from, hasFrom := month("from")
	to, hasTo := month("to")
	number := 0
	if s := r.Query("version"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 9999 {
			fields = append(fields, apperr.Field("version", "survey_version"))
		}
		number = n
	}
	if by := surveys.Breakdown(r.Query("by")); by != surveys.ByNone && !validBreakdown(by) {
		fields = append(fields, apperr.Field("by", "oneof", "targetGroup region form wave"))
	}
	if len(fields) > 0 {
		return resultsQuery{}, apperr.InvalidFields(fields...)
	}
	if !hasTo {
		now := h.Now().In(cz.Prague)
		to = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	if !hasFrom {
		from = to.AddDate(0, -(DefaultResultMonths - 1), 0)
	}
	if to.Before(from) {
		return resultsQuery{}, apperr.InvalidFields(apperr.Field("to", "month_order"))
	}
	span := (to.Year()-from.Year())*12 + int(to.Month()-from.Month()) + 1
	if span > MaxResultMonths {
		return resultsQuery{}, apperr.InvalidFields(apperr.Field("to", "month_span", strconv.Itoa(MaxResultMonths)))
	}
	q := resultsQuery{from: from.Format("2006-01"), to: to.Format("2006-01")}
	for m := from; !m.After(to); m = m.AddDate(0, 1, 0) {
		q.months = append(q.months, m.Format("2006-01"))
	}

	sv, err := h.Store.Get(ctx, r.PathParam("surveyId"))
	if err != nil {
		return q, err
	}
	q.survey = sv
	if number == 0 {
		number = sv.Published
	}
	if number == 0 || number > sv.Published {
		// No published version (yet), or one not published: no responses
		// can be of it.
		return q, apperr.New(apperr.NotFound, surveys.ReasonVersionNotFound)
	}
	v, err := h.Store.Version(ctx, sv.ID, number, false)
	if err != nil {
		return q, err
	}
	if !v.Published() {
		return q, apperr.New(apperr.NotFound, surveys.ReasonVersionNotFound)
	}
	q.version = v
	return q, nil
}

func validBreakdown(by surveys.Breakdown) bool {
	for _, b := range surveys.Breakdowns {
		if b == by {
			return true
		}
	}
	return false
}

// each streams the responses of the query's months to fn.
func (h results) each(ctx context.Context, q resultsQuery, fn func(surveys.Response) error) error {
	for _, m := range q.months {
		if err := h.Store.EachResponse(ctx, q.survey.ID, m, fn); err != nil {
			return fmt.Errorf("responses of survey %s in %s: %w", q.survey.ID, m, err)
		}
	}
	return nil
}

// ResultsView is the results route's body.
type ResultsView struct {
	From string `json:"from"`
	To   string `json:"to"`
	surveys.Results
}

func (h results) results(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	q, err := h.query(ctx, r)
	if err != nil {
		return httpapi.Response{}, err
	}
	agg, err := surveys.NewAggregator(q.version, surveys.Breakdown(r.Query("by")))
	if err != nil {
		return httpapi.Response{}, err
	}
	if err := h.each(ctx, q, func(resp surveys.Response) error { agg.Add(resp); return nil }); err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, ResultsView{From: q.from, To: q.to, Results: agg.Results()}), nil
}

// limitWriter refuses to grow beyond MaxExportBytes.
type limitWriter struct{ bytes.Buffer }

func (w *limitWriter) Write(p []byte) (int, error) {
	if w.Len()+len(p) > MaxExportBytes {
		return 0, apperr.New(apperr.TooLarge, ReasonExportTooLarge)
	}
	return w.Buffer.Write(p)
}

func (h results) export(ctx context.Context, r *httpapi.Request, ext, contentType string, open func(io.Writer, surveys.Version) (ResponseWriter, error)) (httpapi.Response, error) {
	q, err := h.query(ctx, r)
	if err != nil {
		return httpapi.Response{}, err
	}
	var b limitWriter
	w, err := open(&b, q.version)
	if err != nil {
		return httpapi.Response{}, err
	}
	if err := h.each(ctx, q, w.Add); err != nil {
		return httpapi.Response{}, tooLarge(err)
	}
	if err := w.Close(); err != nil {
		return httpapi.Response{}, tooLarge(err)
	}
	resp := httpapi.Response{
		StatusCode: http.StatusOK,
		Headers: map[string]string{
			"Content-Type":        contentType,
			"Cache-Control":       "no-store",
			"Content-Disposition": `attachment; filename="` + exportName(q) + "." + ext + `"`,
		},
	}
	if ext == "xlsx" {
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(b.Bytes()), true
	} else {
		resp.Body = b.String()
	}
	return resp, nil
}

// tooLarge finds the size refusal in a writer's wrapped error.
func tooLarge(err error) error {
	if apperr.Is(err, apperr.TooLarge, ReasonExportTooLarge) {
		return &apperr.Error{Code: apperr.TooLarge, Reason: string(ReasonExportTooLarge), Args: []any{MaxExportBytes >> 20}}
	}
	return err
}

// exportName is the file's name: pruzkum-<id>-v<n>-<from>-<to>.
func exportName(q resultsQuery) string {
	return fmt.Sprintf("pruzkum-%s-v%d-%s-%s", q.survey.ID, q.version.Number, q.from, q.to)
}

func (h results) exportCSV(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	return h.export(ctx, r, "csv", "text/csv; charset=utf-8", h.Exports.CSV)
}

func (h results) exportXLSX(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	return h.export(ctx, r, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", h.Exports.XLSX)
}

// codebook is the CSVW metadata of the CSV export of the same query; its
// url is the export's, relative to the metadata's own address.
func (h results) codebook(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	q, err := h.query(ctx, r)
	if err != nil {
		return httpapi.Response{}, err
	}
	params := url.Values{"from": {q.from}, "to": {q.to}, "version": {strconv.Itoa(q.version.Number)}}
	body, err := json.Marshal(h.Exports.CSVW(q.version, "export.csv?"+params.Encode()))
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.Response{
		StatusCode: http.StatusOK,
		Headers:    map[string]string{"Content-Type": "application/csvm+json", "Cache-Control": "no-store"},
		Body:       string(body),
	}, nil
}
