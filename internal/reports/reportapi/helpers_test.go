package reportapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/contract"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/reportdb"
	"github.com/mpsv/brana/internal/wire/staffreports"
)

// december is Wednesday 2 December 2026, 10:00 in Prague: November is a
// finished month, so it may be run.
var december = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)

// memIndex is an in-memory reports.Index (the real one is part "run"'s).
type memIndex struct {
	mu       sync.Mutex
	versions map[cz.Month][]reports.VersionInfo
}

func (x *memIndex) Latest(context.Context) ([]reports.VersionInfo, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	var out []reports.VersionInfo
	for _, vs := range x.versions {
		out = append(out, vs[len(vs)-1])
	}
	slices.SortFunc(out, func(a, b reports.VersionInfo) int { return b.Month.Compare(a.Month) })
	return out, nil
}

func (x *memIndex) Versions(_ context.Context, m cz.Month) ([]reports.VersionInfo, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return slices.Clone(x.versions[m]), nil
}

// memBlobs is an in-memory reports.Blobs; with links it hands out
// presigned-looking links as S3 does.
type memBlobs struct {
	mu    sync.Mutex
	files map[string][]byte
	links bool
}

func (b *memBlobs) Put(_ context.Context, key, _ string, body []byte) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.files[key] = slices.Clone(body)
	return nil
}

func (b *memBlobs) Get(_ context.Context, key string) ([]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f, ok := b.files[key]
	if !ok {
		return nil, reports.ErrNoBlob
	}
	return slices.Clone(f), nil
}

func (b *memBlobs) Link(_ context.Context, key, filename string, ttl time.Duration) (string, error) {
	if !b.links {
		return "", nil
	}
	return fmt.Sprintf("https://brana-reports.s3.eu-central-1.amazonaws.com/%s?response-content-disposition=attachment%%3B%%20filename%%3D%s&X-Amz-Expires=%d", key, filename, int(ttl.Seconds())), nil
}

// memStarter records the runs asked for.
type memStarter struct {
	mu   sync.Mutex
	runs []reports.RunRequest
	err  error
}

func (s *memStarter) Start(_ context.Context, req reports.RunRequest) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	s.runs = append(s.runs, req)
	return nil
}

// fixture is an apptest Env (DynamoDB Local, a fixed clock) with the
// staff-reports function built by its wiring on in-memory report parts and
// the real register storage, with the demo register seeded.
type fixture struct {
	*apptest.Env
	t        testing.TB
	index    *memIndex
	blobs    *memBlobs
	starter  *memStarter
	services *reportdb.Services
	handle   boot.HTTPHandler
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	e := apptest.New(t, apptest.Options{Now: december})
	f := &fixture{
		Env: e, t: t,
		index:    &memIndex{versions: map[cz.Month][]reports.VersionInfo{}},
		blobs:    &memBlobs{files: map[string][]byte{}},
		starter:  &memStarter{},
		services: reportdb.NewServices(dynamo.New(e.Client, e.Table)),
	}
	h, err := staffreports.Build(context.Background(), e.Deps.EnvFor(registry.StaffReports), staffreports.Parts{Index: f.index, Blobs: f.blobs, Starter: f.starter})
	if err != nil {
		t.Fatal(err)
	}
	f.handle = h
	if _, err := f.services.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	return f
}

// invoke runs the function on ev as API Gateway would pass it through
// CloudFront and checks the exchange against docs/openapi.yaml.
func (f *fixture) invoke(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPResponse {
	f.t.Helper()
	resp, err := f.handle(context.Background(), apptest.ThroughCloudFront(ev))
	if err != nil {
		f.t.Fatalf("invocation error: %v", err)
	}
	contract.Check(f.t, ev, resp)
	return resp
}

// store adds version n of a month's report to the index and its files to
// the blobs, as a run would.
func (f *fixture) store(m cz.Month, n int, changes int) reports.Report {
	f.t.Helper()
	r := sampleReport(m, n)
	body, err := reports.EncodeJSON(r)
	if err != nil {
		f.t.Fatal(err)
	}
	hash, _ := reports.ContentHash(r)
	files := map[string][]byte{
		reports.FileJSON: body, reports.FileCSV: []byte("\ufeffindicator;breakdown;key;value\nconsultations.held;;;12\n"),
		reports.FileXLSX: []byte("PK\x03\x04 not really a workbook \xff\x00"), reports.FileHTML: []byte("<!doctype html><title>Zpráva</title>"),
	}
	manifest, err := json.Marshal(reports.Manifest{Month: m, Version: n, Catalogue: r.Catalogue, GeneratedAt: december,
		Files: []reports.ManifestFile{{Name: reports.FileJSON, Bytes: len(body), SHA256: strings.Repeat("ab", 32)}}})
	if err != nil {
		f.t.Fatal(err)
	}
	files[reports.FileManifest] = manifest
	info := reports.VersionInfo{Month: m, Version: n, Catalogue: r.Catalogue, ContentHash: hash, CreatedAt: december, Trigger: reports.TriggerSchedule, Changes: changes}
	for _, name := range reports.Files {
		if err := f.blobs.Put(context.Background(), reports.BlobKey(m, n, name), "", files[name]); err != nil {
			f.t.Fatal(err)
		}
		if name != reports.FileManifest {
			info.Files = append(info.Files, reports.ManifestFile{Name: name, Bytes: len(files[name]), SHA256: strings.Repeat("ab", 32)})
		}
	}
	f.index.mu.Lock()
	f.index.versions[m] = append(f.index.versions[m], info)
	f.index.mu.Unlock()
	return r
}

func sampleReport(m cz.Month, n int) reports.Report {
	v := func(x float64) *float64 { return &x }
	five := 5
	return reports.Report{
		Schema: reports.Schema, Month: m, Version: n, Catalogue: "2026-11",
		Period: reports.Period{From: m.Start(), To: m.End()},
		Indicators: []reports.Value{
			{Code: "consultations.held", Unit: "count", Total: reports.Cell{Value: v(12)}, Breakdowns: []reports.Breakdown{
				{By: "region", Cells: []reports.Cell{{Key: "CZ064", Value: v(9)}, {Key: "not_stated", Suppressed: true}}},
			}},
			{Code: "surveys.satisfaction.mean", Unit: "score", Total: reports.Cell{Value: v(4.5), N: &five}, Previous: &reports.Cell{Value: v(4.25), N: &five}, Change: v(0.25)},
		},
		Transformation: reports.Transformation{Target: reports.TransformationTarget,
			ByPhase: []reports.PhaseCount{{Phase: reports.PhaseJoined, N: 2}, {Phase: reports.PhaseTransformed, N: 1}},
			BurnUp:  []reports.MonthCount{{Month: m, N: 1}}},
		Labels: map[catalogue.Breakdown]map[string]catalogue.Text{"region": {"CZ064": {CS: "Jihomoravský kraj", EN: "South Moravian Region"}}},
		Changes: func() []reports.Change {
			if n == 1 {
				return nil
			}
			return []reports.Change{{Code: "consultations.held", Before: &reports.Cell{Value: v(11)}, After: &reports.Cell{Value: v(12)}}}
		}(),
	}
}

// as sets the caller: a subject in groups ("" subject: no token).
func as(ev events.APIGatewayV2HTTPRequest, sub string, groups ...string) events.APIGatewayV2HTTPRequest {
	return apptest.WithClaims(ev, sub, groups...)
}

// at points a sample event at other path parameters, rewriting its path.
func at(ev events.APIGatewayV2HTTPRequest, params map[string]string) events.APIGatewayV2HTTPRequest {
	p := map[string]string{}
	for k, v := range ev.PathParameters {
		p[k] = v
	}
	path := ev.RouteKey[strings.IndexByte(ev.RouteKey, ' ')+1:]
	for k, v := range params {
		p[k] = v
	}
	for k, v := range p {
		path = strings.ReplaceAll(path, "{"+k+"}", v)
	}
	ev.PathParameters, ev.RawPath = p, path
	ev.RequestContext.HTTP.Path = path
	return ev
}

// withQuery sets the query string.
func withQuery(ev events.APIGatewayV2HTTPRequest, key, value string) events.APIGatewayV2HTTPRequest {
	ev.QueryStringParameters = map[string]string{key: value}
	ev.RawQueryString = key + "=" + value
	return ev
}

var errStart = errors.New("lambda: throttled")
