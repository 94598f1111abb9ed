package reportapi_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/reportapi"
	"github.com/mpsv/brana/internal/routes"
)

var (
	nov = cz.Month{Year: 2026, Month: 11}
	dec = cz.Month{Year: 2026, Month: 12}
)

func problem(t *testing.T, resp events.APIGatewayV2HTTPResponse, status int, code string) httpapi.ProblemDoc {
	t.Helper()
	if resp.StatusCode != status || !strings.HasPrefix(resp.Headers["Content-Type"], "application/problem+json") {
		t.Fatalf("got %d %s %s, want %d problem+json %s", resp.StatusCode, resp.Headers["Content-Type"], resp.Body, status, code)
	}
	p := apptest.Body[httpapi.ProblemDoc](t, resp)
	if p.Code != code {
		t.Fatalf("got code %q (%s), want %q", p.Code, resp.Body, code)
	}
	return p
}

func TestListAndGetReports(t *testing.T) {
	f := newFixture(t)
	list := apptest.Body[reportapi.ReportList](t, f.invoke(apptest.Event(t, "staff-list-reports")))
	if len(list.Items) != 0 {
		t.Fatalf("empty index: %+v", list)
	}
	problem(t, f.invoke(apptest.Event(t, "staff-get-report")), http.StatusNotFound, "report_not_found")

	v1 := f.store(nov, 1, 0)
	v2 := f.store(nov, 2, 1)
	f.store(dec, 1, 0) // (a month not over yet cannot be run; the index may still be given one)
	list = apptest.Body[reportapi.ReportList](t, f.invoke(apptest.Event(t, "staff-list-reports")))
	if len(list.Items) != 2 || list.Items[0].Month != dec || list.Items[1].Month != nov || list.Items[1].Version != 2 {
		t.Fatalf("list: %+v", list.Items)
	}

	// The latest version's report.json, byte for byte.
	resp := f.invoke(apptest.Event(t, "staff-get-report"))
	want, _ := reports.EncodeJSON(v2)
	if resp.StatusCode != http.StatusOK || resp.Body != string(want) || !strings.HasPrefix(resp.Headers["Content-Type"], "application/json") {
		t.Fatalf("latest: %d %v %s", resp.StatusCode, resp.Headers, resp.Body)
	}
	want, _ = reports.EncodeJSON(v1)
	if resp := f.invoke(withQuery(apptest.Event(t, "staff-get-report"), "version", "1")); resp.StatusCode != http.StatusOK || resp.Body != string(want) {
		t.Fatalf("version 1: %d %s", resp.StatusCode, resp.Body)
	}
	problem(t, f.invoke(withQuery(apptest.Event(t, "staff-get-report"), "version", "3")), http.StatusNotFound, "report_not_found")
	for _, bad := range []string{"0", "x", "-1", "+1", "1.5", "99999", ""} {
		p := problem(t, f.invoke(withQuery(apptest.Event(t, "staff-get-report"), "version", bad)), http.StatusBadRequest, "invalid_request")
		if len(p.Errors) != 1 || p.Errors[0].Field != "version" || p.Errors[0].Rule != "report_version" {
			t.Errorf("version %q: %+v", bad, p.Errors)
		}
	}
	for month, rule := range map[string]string{"2026-09": "report_month", "2026-13": "month", "2026-1": "month", "202611": "month", "x": "month"} {
		p := problem(t, f.invoke(at(apptest.Event(t, "staff-get-report"), map[string]string{"month": month})), http.StatusBadRequest, "invalid_request")
		if len(p.Errors) != 1 || p.Errors[0].Field != "month" || p.Errors[0].Rule != rule {
			t.Errorf("month %q: %+v", month, p.Errors)
		}
	}
	// A version indexed whose report.json is gone.
	delete(f.blobs.files, reports.BlobKey(nov, 2, reports.FileJSON))
	problem(t, f.invoke(apptest.Event(t, "staff-get-report")), http.StatusNotFound, "report_file_not_found")
}

func TestDownloadFiles(t *testing.T) {
	f := newFixture(t)
	f.store(nov, 1, 0)
	f.store(nov, 2, 1)
	ev := apptest.Event(t, "staff-get-report-file")

	// Locally: the bytes, as an attachment named for the month and version.
	resp := f.invoke(ev)
	body, _ := base64.StdEncoding.DecodeString(resp.Body)
	if resp.StatusCode != http.StatusOK || !resp.IsBase64Encoded || string(body) != string(f.blobs.files["reports/2026-11/v1/report.xlsx"]) ||
		resp.Headers["Content-Type"] != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
		resp.Headers["Content-Disposition"] != `attachment; filename="brana-report-2026-11-v1.xlsx"` {
		t.Fatalf("xlsx: %d %v %v", resp.StatusCode, resp.Headers, resp.IsBase64Encoded)
	}
	for file, want := range map[string]struct{ ct, name string }{
		"report.csv":    {"text/csv; charset=utf-8", "brana-report-2026-11-v2.csv"},
		"report.html":   {"text/html; charset=utf-8", "brana-report-2026-11-v2.html"},
		"report.json":   {"application/json; charset=utf-8", "brana-report-2026-11-v2.json"},
		"manifest.json": {"application/json; charset=utf-8", "brana-report-2026-11-v2-manifest.json"},
	} {
		resp := f.invoke(at(ev, map[string]string{"version": "2", "file": file}))
		if resp.StatusCode != http.StatusOK || resp.IsBase64Encoded || resp.Body != string(f.blobs.files["reports/2026-11/v2/"+file]) ||
			resp.Headers["Content-Type"] != want.ct || resp.Headers["Content-Disposition"] != `attachment; filename="`+want.name+`"` {
			t.Errorf("%s: %d %v", file, resp.StatusCode, resp.Headers)
		}
	}

	// In the cloud: 303 to a short-lived link naming the download.
	f.blobs.links = true
	resp = f.invoke(ev)
	loc := resp.Headers["Location"]
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "reports/2026-11/v1/report.xlsx") ||
		!strings.Contains(loc, "brana-report-2026-11-v1.xlsx") || !strings.Contains(loc, "X-Amz-Expires=300") || resp.Body != "" {
		t.Fatalf("link: %d %v %s", resp.StatusCode, resp.Headers, resp.Body)
	}

	// Refusals: no such version, a file that is not one of the report's,
	// several bad parameters at once.
	problem(t, f.invoke(at(ev, map[string]string{"version": "3"})), http.StatusNotFound, "report_not_found")
	problem(t, f.invoke(at(ev, map[string]string{"month": "2027-01"})), http.StatusNotFound, "report_not_found")
	p := problem(t, f.invoke(at(ev, map[string]string{"file": "..%2F..%2Fetc%2Fpasswd"})), http.StatusBadRequest, "invalid_request")
	if len(p.Errors) != 1 || p.Errors[0].Field != "file" || p.Errors[0].Rule != "oneof" {
		t.Errorf("file: %+v", p.Errors)
	}
	p = problem(t, f.invoke(at(ev, map[string]string{"month": "2026-00", "version": "v1", "file": "x"})), http.StatusBadRequest, "invalid_request")
	if len(p.Errors) != 3 {
		t.Errorf("three bad parameters: %+v", p.Errors)
	}
	f.blobs.links = false
	delete(f.blobs.files, "reports/2026-11/v1/report.xlsx")
	problem(t, f.invoke(ev), http.StatusNotFound, "report_file_not_found")
}

func TestRunStartsTheCompileJob(t *testing.T) {
	f := newFixture(t)
	ev := apptest.Event(t, "staff-run-report")
	resp := f.invoke(ev)
	got := apptest.Body[reports.RunRequest](t, resp)
	want := reports.RunRequest{Month: "2026-11", Trigger: reports.TriggerRerun, By: "dev-admin"}
	if resp.StatusCode != http.StatusAccepted || got != want || len(f.starter.runs) != 1 || f.starter.runs[0] != want {
		t.Fatalf("run: %d %+v, started %+v", resp.StatusCode, got, f.starter.runs)
	}
	// Only finished months from the programme's start: October, its
	// first month, is; not September (before it), not December
	// (current), not later.
	resp = f.invoke(at(ev, map[string]string{"month": "2026-10"}))
	if got := apptest.Body[reports.RunRequest](t, resp); resp.StatusCode != http.StatusAccepted || got.Month != "2026-10" {
		t.Errorf("October, the first month: %d %+v", resp.StatusCode, got)
	}
	for _, month := range []string{"2026-09", "2026-12", "2027-01", "2025-11"} {
		p := problem(t, f.invoke(at(ev, map[string]string{"month": month})), http.StatusBadRequest, "invalid_request")
		if len(p.Errors) != 1 || p.Errors[0].Rule != "report_month" || !strings.Contains(p.Errors[0].Message, "2026-10") {
			t.Errorf("%s: %+v", month, p.Errors)
		}
	}
	// At midnight in Prague December begins: November is finished.
	f.Clock.Set(cz.Date{Year: 2026, Month: 12, Day: 1}.Start())
	if resp := f.invoke(ev); resp.StatusCode != http.StatusAccepted {
		t.Errorf("at Prague midnight of 1 December: %d %s", resp.StatusCode, resp.Body)
	}
	f.Clock.Set(cz.Date{Year: 2026, Month: 12, Day: 1}.Start().Add(-1))
	problem(t, f.invoke(ev), http.StatusBadRequest, "invalid_request")
	f.Clock.Set(december)

	// The compile function cannot be started: 503 with Retry-After, in
	// the caller's language.
	f.starter.err = errStart
	resp = f.invoke(apptest.WithHeader(ev, "accept-language", "en"))
	p := problem(t, resp, http.StatusServiceUnavailable, "report_run_unavailable")
	if resp.Headers["Retry-After"] == "" || p.Title != "The run cannot be started" {
		t.Errorf("unavailable: %v %+v", resp.Headers, p)
	}
	if n := len(f.starter.runs); n != 3 || f.starter.runs[1].Month != "2026-10" {
		t.Errorf("runs started %+v, want 3 (November, October, November at midnight)", f.starter.runs)
	}
}

func TestCatalogue(t *testing.T) {
	f := newFixture(t)
	resp := f.invoke(apptest.Event(t, "staff-get-indicators"))
	got := apptest.Body[catalogue.Catalogue](t, resp)
	if want := catalogue.MustLoad(); resp.StatusCode != http.StatusOK || !reflect.DeepEqual(got, want) {
		t.Fatalf("catalogue: %d, %d indicators, want %d", resp.StatusCode, len(got.Indicators), len(want.Indicators))
	}
}

func TestRegisterRoutes(t *testing.T) {
	f := newFixture(t)
	list := apptest.Body[reportapi.ServiceList](t, f.invoke(apptest.Event(t, "staff-list-services")))
	if len(list.Items) != 10 || list.Items[0].Name != "Centrum sociálních služeb Týn" {
		t.Fatalf("list: %d, first %q", len(list.Items), list.Items[0].Name)
	}

	// Create: 201 with its address; spaces in numbers are dropped.
	ev := apptest.Event(t, "staff-create-service")
	ev = apptest.WithBody(ev, map[string]string{"name": "Chráněné bydlení Lipová", "ico": "705 47 378", "region": "CZ071", "registryId": "4 817 263", "joined": "2026-11-02"})
	resp := f.invoke(ev)
	created := apptest.Body[reports.Service](t, resp)
	if resp.StatusCode != http.StatusCreated || resp.Headers["Location"] != "/v1/staff/transformation/services/"+created.ID ||
		created.Ico != "70547378" || created.RegistryID != "4817263" || created.Phase != reports.PhaseJoined || created.Version != 1 ||
		len(created.History) != 1 || created.History[0].By != "dev-admin" || !created.History[0].At.Equal(december) {
		t.Fatalf("create: %d %v %+v", resp.StatusCode, resp.Headers, created)
	}
	get := at(apptest.Event(t, "staff-get-service"), map[string]string{"serviceId": created.ID})
	if got := apptest.Body[reports.Service](t, f.invoke(get)); !reflect.DeepEqual(got, created) {
		t.Fatalf("get: %+v, want %+v", got, created)
	}

	// Phase changes: forward, a correction back with a reason.
	phase := at(apptest.Event(t, "staff-change-service-phase"), map[string]string{"serviceId": created.ID})
	step := func(body map[string]any) events.APIGatewayV2HTTPResponse {
		return f.invoke(apptest.WithBody(phase, body))
	}
	resp = step(map[string]any{"phase": "plan_drafted", "date": "2026-11-20", "version": 1})
	s := apptest.Body[reports.Service](t, resp)
	if resp.StatusCode != http.StatusOK || s.Phase != reports.PhasePlanDrafted || s.Version != 2 || len(s.History) != 2 {
		t.Fatalf("forward: %d %+v", resp.StatusCode, s)
	}
	problem(t, step(map[string]any{"phase": "plan_approved", "date": "2026-11-21", "version": 1}), http.StatusConflict, "service_changed")
	p := problem(t, step(map[string]any{"phase": "joined", "date": "2026-11-21", "version": 2}), http.StatusBadRequest, "invalid_request")
	if len(p.Errors) != 1 || p.Errors[0].Rule != "correction_reason" || p.Errors[0].Message != "Při návratu do dřívější fáze uveďte důvod opravy." {
		t.Errorf("correction without a reason (cs): %+v", p.Errors)
	}
	p = problem(t, f.invoke(apptest.WithHeader(apptest.WithBody(phase, map[string]any{"phase": "transformed", "date": "2026-12-03", "version": 2}), "accept-language", "en")), http.StatusBadRequest, "invalid_request")
	if len(p.Errors) != 2 || p.Errors[0].Message != "The phase moves only one step forward at a time, so now to “plan_approved”. Going back to an earlier phase is a correction and needs a reason." ||
		p.Errors[1].Message != "The date must not be in the future." {
		t.Errorf("skipping ahead into the future (en): %+v", p.Errors)
	}
	resp = step(map[string]any{"phase": "joined", "date": "2026-11-21", "reason": "Plán vrácen k přepracování.", "version": 2})
	s = apptest.Body[reports.Service](t, resp)
	if resp.StatusCode != http.StatusOK || s.Phase != reports.PhaseJoined || s.History[2].Reason != "Plán vrácen k přepracování." || s.Version != 3 {
		t.Fatalf("correction: %d %+v", resp.StatusCode, s)
	}

	// Details: corrected with the version read; a stale one is refused.
	upd := at(apptest.Event(t, "staff-update-service"), map[string]string{"serviceId": created.ID})
	resp = f.invoke(apptest.WithBody(upd, map[string]any{"name": "Chráněné bydlení Lipová, z. ú.", "ico": "70547378", "region": "CZ071", "registryId": "4817263", "version": 3}))
	s = apptest.Body[reports.Service](t, resp)
	if resp.StatusCode != http.StatusOK || s.Name != "Chráněné bydlení Lipová, z. ú." || s.Version != 4 || s.Phase != reports.PhaseJoined || len(s.History) != 3 {
		t.Fatalf("update: %d %+v", resp.StatusCode, s)
	}
	problem(t, f.invoke(apptest.WithBody(upd, map[string]any{"name": "x", "ico": "70547378", "region": "CZ071", "registryId": "4817263", "version": 3})), http.StatusConflict, "service_changed")
	p = problem(t, f.invoke(apptest.WithBody(upd, map[string]any{"name": "", "ico": "70547372", "region": "Praha", "registryId": "12", "version": 4})), http.StatusBadRequest, "invalid_request")
	var rules []string
	for _, e := range p.Errors {
		rules = append(rules, e.Field+" "+e.Rule)
	}
	if fmt.Sprint(rules) != "[name required ico ico region region registryId registry_id]" {
		t.Errorf("bad details: %v", rules)
	}
	// Nothing refused was stored.
	if got := apptest.Body[reports.Service](t, f.invoke(get)); !reflect.DeepEqual(got, s) {
		t.Errorf("after the refusals: %+v, want %+v", got, s)
	}

	// Unknown services.
	for _, e := range []events.APIGatewayV2HTTPRequest{get, phase, upd} {
		e = at(e, map[string]string{"serviceId": "nobody"})
		if e.Body == "" {
			problem(t, f.invoke(e), http.StatusNotFound, "service_not_found")
		}
	}
	problem(t, f.invoke(apptest.WithBody(at(phase, map[string]string{"serviceId": "nobody"}), map[string]any{"phase": "plan_drafted", "date": "2026-11-20", "version": 1})), http.StatusNotFound, "service_not_found")
	problem(t, f.invoke(apptest.WithBody(at(upd, map[string]string{"serviceId": "nobody"}), map[string]any{"name": "x", "ico": "70547378", "region": "CZ071", "registryId": "4817263", "version": 1})), http.StatusNotFound, "service_not_found")
}

// TestPhaseRaceOverHTTP: eight admins record the next phase of the same
// service at once, each from the version they read: exactly one change is
// stored, the others are told the service changed.
func TestPhaseRaceOverHTTP(t *testing.T) {
	f := newFixture(t)
	ev := apptest.Event(t, "staff-change-service-phase") // demo-service-05, version 1
	const n = 8
	statuses := make([]int, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			e := as(ev, fmt.Sprintf("admin-%d", i), auth.GroupAdmin)
			statuses[i] = f.invoke(e).StatusCode
		}()
	}
	close(start)
	wg.Wait()
	won := 0
	for _, s := range statuses {
		switch s {
		case http.StatusOK:
			won++
		case http.StatusConflict:
		default:
			t.Errorf("status %d", s)
		}
	}
	got, err := f.services.Get(context.Background(), "demo-service-05")
	if won != 1 || err != nil || got.Version != 2 || len(got.History) != 2 {
		t.Fatalf("%d won (%v); stored %+v %v", won, statuses, got, err)
	}
}

// routeEvents is the sample event of every staff-reports route.
var routeEvents = map[string]string{
	"GET /v1/staff/reports":                                         "staff-list-reports",
	"GET /v1/staff/reports/{month}":                                 "staff-get-report",
	"GET /v1/staff/reports/{month}/versions/{version}/files/{file}": "staff-get-report-file",
	"POST /v1/staff/reports/{month}/runs":                           "staff-run-report",
	"GET /v1/staff/indicators":                                      "staff-get-indicators",
	"GET /v1/staff/transformation/services":                         "staff-list-services",
	"POST /v1/staff/transformation/services":                        "staff-create-service",
	"GET /v1/staff/transformation/services/{serviceId}":             "staff-get-service",
	"PUT /v1/staff/transformation/services/{serviceId}":             "staff-update-service",
	"POST /v1/staff/transformation/services/{serviceId}/phases":     "staff-change-service-phase",
}

// TestAuthorisationMatrix: every route of staff-reports for every kind of
// caller. Management (viewer) and admins read; only admins run and change
// the register; evaluators, experts and organisers are refused 403, a
// request without a token 401, and a refused request changes nothing.
func TestAuthorisationMatrix(t *testing.T) {
	f := newFixture(t)
	f.store(nov, 1, 0)
	before, err := f.services.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	callers := []struct {
		name   string
		groups []string
	}{
		{"viewer", []string{auth.GroupViewer}},
		{"admin", []string{auth.GroupAdmin}},
		{"evaluator", []string{auth.GroupEvaluator}},
		{"expert", []string{auth.GroupExpert}},
		{"organiser", []string{auth.GroupOrganiser}},
		{"no token", nil},
	}
	rs := routes.ForFunction(routes.FnStaffReports)
	if len(rs) != len(routeEvents) {
		t.Fatalf("%d routes, %d sample events", len(rs), len(routeEvents))
	}
	for _, r := range rs {
		name, ok := routeEvents[r.Key()]
		if !ok {
			t.Fatalf("no sample event for %s", r.Key())
		}
		for _, c := range callers {
			for _, lang := range []string{"cs", "en"} {
				t.Run(r.Key()+"/"+c.name+"/"+lang, func(t *testing.T) {
					ev := apptest.WithHeader(apptest.Event(t, name), "accept-language", lang)
					if c.groups == nil {
						ev = as(ev, "")
					} else {
						ev = as(ev, "caller-"+c.name, c.groups...)
					}
					resp := f.invoke(ev)
					admits := false
					for _, g := range c.groups {
						admits = admits || routeAdmits(r, g)
					}
					switch {
					case c.groups == nil:
						p := problem(t, resp, http.StatusUnauthorized, "unauthenticated")
						if lang == "cs" && p.Title == "Unauthorized" {
							t.Errorf("title not in Czech: %q", p.Title)
						}
					case !admits:
						problem(t, resp, http.StatusForbidden, "forbidden")
					default:
						if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden || resp.StatusCode >= 500 {
							t.Errorf("got %d %s, want the route served", resp.StatusCode, resp.Body)
						}
					}
				})
			}
		}
	}
	// Only the admins' requests changed anything: one service created (two
	// languages), demo-service-01 updated, demo-service-05 moved on; the
	// refused runs started nothing.
	after, err := f.services.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)+2 {
		t.Errorf("%d services, want %d", len(after), len(before)+2)
	}
	for _, run := range f.starter.runs {
		if run.By != "caller-admin" {
			t.Errorf("run by %q", run.By)
		}
	}
	if len(f.starter.runs) != 2 {
		t.Errorf("%d runs started, want the admin's 2", len(f.starter.runs))
	}
}

func routeAdmits(r routes.Route, group string) bool {
	for _, g := range r.Groups {
		if g == group {
			return true
		}
	}
	return false
}

// TestJunkNeverFails sends every route malformed and hostile input: the
// answer is a 4xx problem in the caller's language, never a 5xx, and the
// register is unchanged.
func TestJunkNeverFails(t *testing.T) {
	f := newFixture(t)
	f.store(nov, 1, 0)
	before, _ := f.services.List(context.Background())
	bodies := []string{"", "null", "[]", "{", `{"name":1}`, `{"phase":"transformed","date":"2026-11-31","version":"1"}`, `{"version":1e400}`,
		`{"name":"` + strings.Repeat("a", 9000) + `"}`, "\xff\xfe", `{"name":"a\ud800"}`, `{"unknown":true}`, `"text"`, `{"version":-1,"reason":"` + strings.Repeat("ř", 600) + `"}`}
	params := []map[string]string{
		{"month": "", "version": "", "file": "", "serviceId": ""},
		{"month": "9999-99", "version": "0", "file": "report.exe", "serviceId": strings.Repeat("x", 400)},
		{"month": "2026-11\x00", "version": "1e3", "file": "../report.json", "serviceId": "SERVICE#x"},
		{"month": "0000-01", "version": "-0", "file": "REPORT.JSON", "serviceId": "демо"},
	}
	for key, name := range routeEvents {
		for i, p := range params {
			for j, body := range bodies {
				ev := at(apptest.Event(t, name), p)
				for k := range ev.PathParameters {
					if _, ok := p[k]; !ok {
						delete(ev.PathParameters, k)
					}
				}
				ev = as(ev, "junk-admin", auth.GroupAdmin)
				ev.Body = body
				ev = apptest.WithHeader(ev, "content-type", "application/json")
				resp, err := f.handle(context.Background(), apptest.ThroughCloudFront(ev))
				if err != nil || resp.StatusCode >= 500 && resp.StatusCode != http.StatusServiceUnavailable {
					t.Errorf("%s params %d body %d: %d %s %v", key, i, j, resp.StatusCode, resp.Body, err)
				}
				if resp.StatusCode >= 400 && !strings.HasPrefix(resp.Headers["Content-Type"], "application/problem+json") {
					t.Errorf("%s params %d body %d: %d %v", key, i, j, resp.StatusCode, resp.Headers)
				}
			}
		}
	}
	after, _ := f.services.List(context.Background())
	if !reflect.DeepEqual(after, before) {
		t.Errorf("junk changed the register")
	}
}
