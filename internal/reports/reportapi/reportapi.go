// Package reportapi is the HTTP side of the monthly indicator reports
// (issue #11), the function staff-reports: the list of reports, a
// report's JSON, its files (a short-lived link in the cloud, the bytes
// locally), a re-run, the indicator catalogue and the transformation
// register. Management (viewer) and admins read; only admins start a run
// or change the register (the route table says so, httpapi enforces it).
// It links no booking, workshop or survey code and no renderer: the
// report-compile job makes the files, this package only hands them out.
package reportapi

import (
	"context"
	"encoding/base64"
	"errors"
	"log/slog"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/register"
	"github.com/mpsv/brana/internal/routes"
)

// Reasons of the report routes.
const (
	// ReasonReportNotFound: no report of the month, or not in the version.
	ReasonReportNotFound apperr.Reason = "report_not_found"
	// ReasonFileNotFound: the version is indexed but the file is missing.
	ReasonFileNotFound apperr.Reason = "report_file_not_found"
	// ReasonRunUnavailable: the compile function could not be started.
	ReasonRunUnavailable apperr.Reason = "report_run_unavailable"
)

// LinkTTL is how long a download link (an S3 presigned GET) is valid.
const LinkTTL = 5 * time.Minute

// MaxBody is the staff-reports request-body limit: a service's details.
const MaxBody = 8 << 10

// Register is the transformation register's storage
// (reportdb.Services).
type Register interface {
	Create(ctx context.Context, s reports.Service) error
	Save(ctx context.Context, s reports.Service, prev int) error
	Get(ctx context.Context, id string) (reports.Service, error)
	List(ctx context.Context) ([]reports.Service, error)
}

// Deps is what the staff-reports handlers need.
type Deps struct {
	Index    reports.Index
	Blobs    reports.Blobs
	Starter  reports.Starter
	Register Register
	Logger   *slog.Logger
	NewID    func() string
	Now      func() time.Time
}

type api struct {
	Deps
	cat catalogue.Catalogue
}

// New returns the staff-reports function's API.
func New(d Deps) (*httpapi.API, error) {
	switch {
	case d.Index == nil:
		return nil, errors.New("staff-reports: no report index")
	case d.Blobs == nil:
		return nil, errors.New("staff-reports: no report files store")
	case d.Starter == nil:
		return nil, errors.New("staff-reports: no run starter")
	case d.Register == nil:
		return nil, errors.New("staff-reports: no register")
	case d.Now == nil:
		return nil, errors.New("staff-reports: no clock")
	}
	cat, err := catalogue.Load()
	if err != nil {
		return nil, err
	}
	h := api{Deps: d, cat: cat}
	return httpapi.New(httpapi.Config{
		Function: routes.FnStaffReports, Logger: d.Logger, NewID: d.NewID, Now: d.Now, MaxBody: MaxBody,
		Handlers: map[string]httpapi.Handler{
			"GET /v1/staff/reports":                                         h.list,
			"GET /v1/staff/reports/{month}":                                 h.report,
			"GET /v1/staff/reports/{month}/versions/{version}/files/{file}": h.file,
			"POST /v1/staff/reports/{month}/runs":                           h.run,
			"GET /v1/staff/indicators":                                      h.catalogue,
			"GET /v1/staff/transformation/services":                         h.services,
			"POST /v1/staff/transformation/services":                        h.createService,
			"GET /v1/staff/transformation/services/{serviceId}":             h.service,
			"PUT /v1/staff/transformation/services/{serviceId}":             h.updateService,
			"POST /v1/staff/transformation/services/{serviceId}/phases":     h.changePhase,
		},
	})
}

// ---- Reports ----------------------------------------------------------------

// ReportList is the body of GET /v1/staff/reports: the latest version of
// every month, newest month first.
type ReportList struct {
	Items []reports.VersionInfo `json:"items"`
}

// RunAccepted is the body of a 202 to POST .../runs: the run asked for.
type RunAccepted = reports.RunRequest

func (h api) list(ctx context.Context, _ *httpapi.Request) (httpapi.Response, error) {
	latest, err := h.Index.Latest(ctx)
	if err != nil {
		return httpapi.Response{}, err
	}
	out := ReportList{Items: make([]reports.VersionInfo, 0, len(latest))}
	for _, v := range latest {
		out.Items = append(out.Items, versionView(v))
	}
	return httpapi.JSON(http.StatusOK, out), nil
}

func versionView(v reports.VersionInfo) reports.VersionInfo {
	if v.Files == nil {
		v.Files = []reports.ManifestFile{}
	}
	return v
}

// month reads the month path parameter: YYYY-MM, not before the
// programme's start; for a run also before the current Prague month.
func (h api) month(r *httpapi.Request, forRun bool) (cz.Month, error) {
	m, err := cz.ParseMonth(r.PathParam("month"))
	if err != nil {
		return m, apperr.InvalidFields(apperr.Field("month", "month"))
	}
	if m.Before(reports.ProgrammeStart) || forRun && !m.Before(cz.MonthOf(h.Now())) {
		return m, apperr.InvalidFields(apperr.Field("month", "report_month", reports.ProgrammeStart.String()))
	}
	return m, nil
}

// version parses a version number: 1 to 9999, digits only.
func version(field, s string) (int, error) {
	n := 0
	if s == "" || len(s) > 4 {
		return 0, apperr.InvalidFields(apperr.Field(field, "report_version"))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, apperr.InvalidFields(apperr.Field(field, "report_version"))
		}
		n = n*10 + int(s[i]-'0')
	}
	if n < 1 {
		return 0, apperr.InvalidFields(apperr.Field(field, "report_version"))
	}
	return n, nil
}

// find is the month's version n (0: the latest).
func (h api) find(ctx context.Context, m cz.Month, n int) (reports.VersionInfo, error) {
	versions, err := h.Index.Versions(ctx, m)
	if err != nil {
		return reports.VersionInfo{}, err
	}
	if len(versions) == 0 {
		return reports.VersionInfo{}, apperr.New(apperr.NotFound, ReasonReportNotFound)
	}
	if n == 0 {
		return versions[len(versions)-1], nil
	}
	i := slices.IndexFunc(versions, func(v reports.VersionInfo) bool { return v.Version == n })
	if i < 0 {
		return reports.VersionInfo{}, apperr.New(apperr.NotFound, ReasonReportNotFound)
	}
	return versions[i], nil
}

func (h api) report(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	m, err := h.month(r, false)
	if err != nil {
		return httpapi.Response{}, err
	}
	n := 0
	if q, ok := r.Raw.QueryStringParameters["version"]; ok {
		if n, err = version("version", q); err != nil {
			return httpapi.Response{}, err
		}
	}
	v, err := h.find(ctx, m, n)
	if err != nil {
		return httpapi.Response{}, err
	}
	body, err := h.Blobs.Get(ctx, reports.BlobKey(m, v.Version, reports.FileJSON))
	if errors.Is(err, reports.ErrNoBlob) {
		return httpapi.Response{}, apperr.Wrap(apperr.NotFound, string(ReasonFileNotFound), err)
	}
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.Response{
		StatusCode: http.StatusOK,
		Headers:    map[string]string{"Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store"},
		Body:       string(body),
	}, nil
}

// contentTypes are the files' media types.
var contentTypes = map[string]string{
	reports.FileJSON:     "application/json; charset=utf-8",
	reports.FileCSV:      "text/csv; charset=utf-8",
	reports.FileXLSX:     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	reports.FileHTML:     "text/html; charset=utf-8",
	reports.FileManifest: "application/json; charset=utf-8",
}

// Filename is a file's name for the download:
// brana-report-2026-11-v1.xlsx, brana-report-2026-11-v1-manifest.json.
func Filename(m cz.Month, version int, file string) string {
	base := "brana-report-" + m.String() + "-v" + strconv.Itoa(version)
	if file == reports.FileManifest {
		return base + "-manifest.json"
	}
	return base + path.Ext(file)
}

func (h api) file(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	m, merr := h.month(r, false)
	n, verr := version("version", r.PathParam("version"))
	file := r.PathParam("file")
	var fields []apperr.FieldError
	for _, err := range []error{merr, verr} {
		if e, ok := apperr.As(err); ok {
			fields = append(fields, e.Fields...)
		}
	}
	if !slices.Contains(reports.Files, file) {
		fields = append(fields, apperr.Field("file", "oneof", strings.Join(reports.Files, " ")))
	}
	if len(fields) > 0 {
		return httpapi.Response{}, apperr.InvalidFields(fields...)
	}
	if _, err := h.find(ctx, m, n); err != nil {
		return httpapi.Response{}, err
	}
	key, name := reports.BlobKey(m, n, file), Filename(m, n, file)
	link, err := h.Blobs.Link(ctx, key, name, LinkTTL)
	if err != nil {
		return httpapi.Response{}, err
	}
	if link != "" {
		return httpapi.Response{
			StatusCode: http.StatusSeeOther,
			Headers:    map[string]string{"Location": link, "Cache-Control": "no-store"},
		}, nil
	}
	body, err := h.Blobs.Get(ctx, key)
	if errors.Is(err, reports.ErrNoBlob) {
		return httpapi.Response{}, apperr.Wrap(apperr.NotFound, string(ReasonFileNotFound), err)
	}
	if err != nil {
		return httpapi.Response{}, err
	}
	resp := httpapi.Response{
		StatusCode: http.StatusOK,
		Headers: map[string]string{
			"Content-Type":        contentTypes[file],
			"Cache-Control":       "no-store",
			"Content-Disposition": `attachment; filename="` + name + `"`,
		},
	}
	if file == reports.FileXLSX {
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(body), true
	} else {
		resp.Body = string(body)
	}
	return resp, nil
}

func (h api) run(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	m, err := h.month(r, true)
	if err != nil {
		return httpapi.Response{}, err
	}
	req := reports.RunRequest{Month: m.String(), Trigger: reports.TriggerRerun, By: r.Principal.Subject}
	if err := h.Starter.Start(ctx, req); err != nil {
		return httpapi.Response{}, &apperr.Error{Code: apperr.Unavailable, Reason: string(ReasonRunUnavailable), RetryAfter: 30 * time.Second, Err: err}
	}
	return httpapi.JSON(http.StatusAccepted, req), nil
}

func (h api) catalogue(context.Context, *httpapi.Request) (httpapi.Response, error) {
	return httpapi.JSON(http.StatusOK, h.cat), nil
}

// ---- The transformation register ---------------------------------------------

// ServiceList is the body of GET /v1/staff/transformation/services: every
// service, by name.
type ServiceList struct {
	Items []reports.Service `json:"items"`
}

func (h api) services(ctx context.Context, _ *httpapi.Request) (httpapi.Response, error) {
	list, err := h.Register.List(ctx)
	if err != nil {
		return httpapi.Response{}, err
	}
	if list == nil {
		list = []reports.Service{}
	}
	return httpapi.JSON(http.StatusOK, ServiceList{Items: list}), nil
}

// decode decodes the body strictly into v and checks its rules.
func decode(r *httpapi.Request, v httpapi.FieldChecker) error {
	if err := r.DecodeJSON(v); err != nil {
		return err
	}
	return v.CheckFields()
}

func (h api) createService(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in register.CreateInput
	if err := decode(r, &in); err != nil {
		return httpapi.Response{}, err
	}
	s, err := register.New(h.NewID(), in, r.Principal.Subject, h.Now())
	if err != nil {
		return httpapi.Response{}, err
	}
	if err := h.Register.Create(ctx, s); err != nil {
		return httpapi.Response{}, err
	}
	resp := httpapi.JSON(http.StatusCreated, s)
	resp.Headers["Location"] = "/v1/staff/transformation/services/" + s.ID
	return resp, nil
}

func (h api) service(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	s, err := h.Register.Get(ctx, r.PathParam("serviceId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, s), nil
}

func (h api) updateService(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in register.UpdateInput
	if err := decode(r, &in); err != nil {
		return httpapi.Response{}, err
	}
	cur, err := h.Register.Get(ctx, r.PathParam("serviceId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	s, err := register.Update(cur, in)
	if err != nil {
		return httpapi.Response{}, err
	}
	if err := h.Register.Save(ctx, s, cur.Version); err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, s), nil
}

func (h api) changePhase(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	var in register.PhaseInput
	if err := decode(r, &in); err != nil {
		return httpapi.Response{}, err
	}
	cur, err := h.Register.Get(ctx, r.PathParam("serviceId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	s, err := register.ChangePhase(cur, in, r.Principal.Subject, h.Now())
	if err != nil {
		return httpapi.Response{}, err
	}
	if err := h.Register.Save(ctx, s, cur.Version); err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, s), nil
}
