package run_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"sync"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/surveys"
)

// memFacts is a small in-memory facts.Facts: consultations by month,
// counting the months read.
type memFacts struct {
	mu    sync.Mutex
	by    map[cz.Month][]facts.Consultation
	reads map[cz.Month]int
}

func newFacts() *memFacts {
	return &memFacts{by: map[cz.Month][]facts.Consultation{}, reads: map[cz.Month]int{}}
}

func (f *memFacts) add(m cz.Month, status, ico string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	start := m.Start().Add(time.Duration(len(f.by[m])+1) * 26 * time.Hour)
	f.by[m] = append(f.by[m], facts.Consultation{Start: start, End: start.Add(time.Hour), Status: status, Form: "phone", Topic: "community_services", TargetGroup: "provider", Region: "CZ064", Ico: ico})
}

func (f *memFacts) read(m cz.Month) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reads[m]
}

func (f *memFacts) Consultations(_ context.Context, m cz.Month, fn func(facts.Consultation) error) error {
	f.mu.Lock()
	f.reads[m]++
	list := append([]facts.Consultation(nil), f.by[m]...)
	f.mu.Unlock()
	for _, c := range list {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

func (f *memFacts) Events(context.Context, cz.Month, func(facts.Event, []facts.Registration) error) error {
	return nil
}
func (f *memFacts) Esf(context.Context, cz.Month, func(facts.EsfAnswer) error) error { return nil }
func (f *memFacts) Surveys(context.Context) ([]facts.SurveyFacts, error)             { return nil, nil }
func (f *memFacts) Responses(context.Context, string, cz.Month, func(surveys.Response) error) error {
	return nil
}
func (f *memFacts) Services(context.Context, func(reports.Service) error) error { return nil }

var _ facts.Facts = (*memFacts)(nil)

func ptr(v float64) *float64 { return &v }

// fakeCompile is a deterministic compile: consultations held in the month
// (with the month before's for the change) and organisations supported
// since the start, from the snapshot and the month's facts only.
func fakeCompile(ctx context.Context, cat catalogue.Catalogue, m cz.Month, f facts.Facts, prev reports.Snapshot, prevReport *reports.Report) (reports.Report, reports.Snapshot, error) {
	held := 0.0
	orgs := maps.Clone(prev.Organisations)
	if orgs == nil {
		orgs = map[string]reports.OrgSeen{}
	}
	err := f.Consultations(ctx, m, func(c facts.Consultation) error {
		if c.Status == "held" {
			held++
		}
		if _, ok := orgs[c.Ico]; c.Ico != "" && !ok {
			orgs[c.Ico] = reports.OrgSeen{Kind: c.TargetGroup, Region: c.Region, First: m}
		}
		return nil
	})
	if err != nil {
		return reports.Report{}, reports.Snapshot{}, err
	}
	v := reports.Value{Code: "consultations.held", Unit: catalogue.UnitCount, Total: reports.Cell{Value: ptr(held)}}
	if prevReport != nil {
		p := prevReport.Indicators[0].Total
		v.Previous, v.Change = &p, ptr(held-*p.Value)
	}
	rep := reports.Report{
		Schema: reports.Schema, Month: m, Catalogue: cat.Version, Period: reports.Period{From: m.Start(), To: m.End()},
		Indicators:     []reports.Value{v, {Code: "organisations.supported.cumulative", Unit: catalogue.UnitCount, Total: reports.Cell{Value: ptr(float64(len(orgs)))}}},
		Transformation: reports.Transformation{Target: reports.TransformationTarget, ByPhase: []reports.PhaseCount{{Phase: reports.PhaseTransformed, N: 0}}},
	}
	return rep, reports.Snapshot{Month: m, Catalogue: cat.Version, Organisations: orgs}, nil
}

// fakeRender renders deterministic files and the manifest.
func fakeRender(r reports.Report, cat catalogue.Catalogue, at time.Time) ([]reports.File, error) {
	j, err := reports.EncodeJSON(r)
	if err != nil {
		return nil, err
	}
	var csv strings.Builder
	csv.WriteString("\ufeffcode;value\n")
	for _, v := range r.Indicators {
		fmt.Fprintf(&csv, "%s;%g\n", v.Code, *v.Total.Value)
	}
	files := []reports.File{
		{Name: reports.FileJSON, ContentType: "application/json", Body: j},
		{Name: reports.FileCSV, ContentType: "text/csv; charset=utf-8", Body: []byte(csv.String())},
		{Name: reports.FileXLSX, ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Body: []byte("xlsx " + csv.String())},
		{Name: reports.FileHTML, ContentType: "text/html; charset=utf-8", Body: []byte("<h1>" + r.Month.String() + "</h1>\n" + csv.String())},
	}
	man := reports.Manifest{Month: r.Month, Version: r.Version, Catalogue: cat.Version, GeneratedAt: at}
	for _, f := range files {
		sum := sha256.Sum256(f.Body)
		man.Files = append(man.Files, reports.ManifestFile{Name: f.Name, Bytes: len(f.Body), SHA256: hex.EncodeToString(sum[:])})
	}
	mb, err := json.MarshalIndent(man, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(files, reports.File{Name: reports.FileManifest, ContentType: "application/json", Body: mb}), nil
}

// fakeDiff lists the totals that differ.
func fakeDiff(before, after reports.Report) []reports.Change {
	old := map[string]reports.Cell{}
	for _, v := range before.Indicators {
		old[v.Code] = v.Total
	}
	var out []reports.Change
	for _, v := range after.Indicators {
		b, ok := old[v.Code]
		if !ok || *b.Value != *v.Total.Value {
			a := v.Total
			out = append(out, reports.Change{Code: v.Code, Before: &b, After: &a})
		}
	}
	return out
}
