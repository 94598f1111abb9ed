package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/render"
)

// A quiet first month: version 1, every figure zero or undefined, no
// labels, a negative NPS in a cell, no burn-up yet. Every file renders,
// the JSON is valid, the HTML says "–" for an undefined figure.
func TestAQuietFirstMonth(t *testing.T) {
	cat := catalogue.MustLoad()
	zero, minus := 0.0, -12.5
	n := 7
	r := reports.Report{
		Schema: reports.Schema, Month: reports.ProgrammeStart, Version: 1, Catalogue: cat.Version,
		Period:         reports.Period{From: reports.ProgrammeStart.Start(), To: reports.ProgrammeStart.End()},
		Transformation: reports.Transformation{Target: reports.TransformationTarget, ByPhase: []reports.PhaseCount{}, BurnUp: []reports.MonthCount{}},
		Labels:         map[catalogue.Breakdown]map[string]catalogue.Text{},
	}
	for _, in := range cat.Indicators {
		v := reports.Value{Code: in.Code, Unit: in.Unit, Total: reports.Cell{Value: &zero}, Target: in.Target}
		if in.Unit == catalogue.UnitScore || in.Unit == catalogue.UnitIndex || in.Unit == catalogue.UnitPercent {
			v.Total = reports.Cell{Value: nil} // a mean of no answers
		}
		if in.Code == "surveys.satisfaction.nps" {
			v.Breakdowns = []reports.Breakdown{{By: catalogue.BreakdownSurvey, Cells: []reports.Cell{{Key: "s1", Value: &minus, N: &n}}}}
		}
		if in.ChangeFromPreviousMonth {
			v.Previous = &reports.Cell{Value: nil}
		}
		r.Indicators = append(r.Indicators, v)
	}
	files, err := render.Files(r, cat, at)
	if err != nil {
		t.Fatal(err)
	}
	if err := validate(compileSchema(t), files[0].Body); err != nil {
		t.Errorf("report.json: %v", err)
	}
	if !bytes.Contains(files[1].Body, []byte("surveys.satisfaction.nps;Skóre doporučení (NPS);score;survey;s1;s1;-12.5;7;0")) {
		t.Error("the negative cell is not in the CSV")
	}
	f, err := excelize.OpenReader(bytes.NewReader(files[2].Body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, "|") != "Souhrn|Indikátory|Dotazník" {
		t.Errorf("sheets %q", got)
	}
	doc := parseHTML(t, files[3].Body)
	page := text(doc)
	for _, want := range []string{"Měsíční zpráva o indikátorech — říjen 2026", "1. 10. 2026 – 31. 10. 2026", "Celkem: – (body)", "−12,5"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	if strings.Contains(page, "Změny oproti verzi") || strings.Contains(page, "vůči cíli") {
		t.Error("a first month shows changes or an empty burn-up")
	}
	for _, s := range all(doc, tag("svg")) {
		for _, r := range all(s, tag("rect")) {
			if strings.HasPrefix(attr(r, "width"), "-") || strings.HasPrefix(attr(r, "x"), "-") {
				t.Errorf("a bar outside the chart: %v", r.Attr)
			}
		}
	}
}
