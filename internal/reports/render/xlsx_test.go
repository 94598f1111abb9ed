package render_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/render"
	"github.com/mpsv/brana/internal/reports/render/rendertest"
)

// xlsxPackage is the workbook's zip parts by name.
type xlsxPackage map[string][]byte

func readPackage(t *testing.T, b []byte) xlsxPackage {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	p := xlsxPackage{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		p[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return p
}

type rels struct {
	Rel []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
		Type   string `xml:"Type,attr"`
	} `xml:"Relationship"`
}

// targets are the parts part refers to (resolved paths), by relationship
// id (rId1, rId2, … in the order the parts were added).
func (p xlsxPackage) targets(t *testing.T, part string) map[string]string {
	t.Helper()
	dir, file := path.Split(part)
	raw, ok := p[dir+"_rels/"+file+".rels"]
	if !ok {
		return nil
	}
	var r rels
	if err := xml.Unmarshal(raw, &r); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, rel := range r.Rel {
		out[rel.ID] = path.Clean(path.Join(dir, rel.Target))
	}
	return out
}

// chartPart is what the tests read of a chart part.
type chartPart struct {
	Title []string `xml:"chart>title>tx>rich>p>r>t"`
	Line  *plot    `xml:"chart>plotArea>lineChart"`
	Bar   *plot    `xml:"chart>plotArea>barChart"`
}

type plot struct {
	Ser []struct {
		Name string `xml:"tx>strRef>f"`
		Cat  string `xml:"cat>strRef>f"`
		Val  string `xml:"val>numRef>f"`
	} `xml:"ser"`
}

// charts lists each sheet's charts, by sheet name.
func (p xlsxPackage) charts(t *testing.T) map[string][]chartPart {
	t.Helper()
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(p["xl/workbook.xml"], &wb); err != nil {
		t.Fatal(err)
	}
	wbRels := p.targets(t, "xl/workbook.xml")
	out := map[string][]chartPart{}
	for _, s := range wb.Sheets {
		sheet := wbRels[s.RID]
		for _, drawing := range inOrder(p.targets(t, sheet)) {
			for _, chart := range inOrder(p.targets(t, drawing)) {
				if !strings.HasPrefix(chart, "xl/charts/chart") {
					continue
				}
				var c chartPart
				if err := xml.Unmarshal(p[chart], &c); err != nil {
					t.Fatal(err)
				}
				out[s.Name] = append(out[s.Name], c)
			}
		}
	}
	return out
}

// inOrder lists the targets by their relationship id's number.
func inOrder(targets map[string]string) []string {
	out := make([]string, len(targets)+1)
	for id, target := range targets {
		n, err := strconv.Atoi(strings.TrimPrefix(id, "rId"))
		if err != nil || n < 1 || n > len(targets) {
			panic("relationship id " + id)
		}
		out[n] = target
	}
	return out[1:]
}

var rangeRE = regexp.MustCompile(`^'(.+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$`)

// cells reads a one-column range of the workbook.
func cells(t *testing.T, f *excelize.File, ref string) []string {
	t.Helper()
	m := rangeRE.FindStringSubmatch(ref)
	if m == nil || m[2] != m[4] {
		t.Fatalf("range %q", ref)
	}
	from, _ := strconv.Atoi(m[3])
	to, _ := strconv.Atoi(m[5])
	var out []string
	for r := from; r <= to; r++ {
		v, err := f.GetCellValue(m[1], fmt.Sprintf("%s%d", m[2], r))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func TestXLSXSheetsChartsAndValues(t *testing.T) {
	body := renderFixture(t, at)[reports.FileXLSX].Body
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := rendertest.Report()
	cat := catalogue.MustLoad()

	// The sheets: the summary, the indicators, one per breakdown that
	// appears (in the catalogue's order), the changes.
	want := []string{render.SheetSummary, render.SheetIndicators}
	for _, b := range catalogue.Breakdowns {
		want = append(want, render.DimensionName(b)) // the fixture has every breakdown
	}
	want = append(want, render.SheetChanges)
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %q, want %q", got, want)
	}

	charts := readPackage(t, body).charts(t)

	// The summary's burn-up: a line chart of the months' counts and the target.
	sum := charts[render.SheetSummary]
	if len(sum) != 1 || sum[0].Line == nil || len(sum[0].Line.Ser) != 2 {
		t.Fatalf("summary charts %+v, want one line chart with two series", sum)
	}
	burn := sum[0].Line
	var months, counts, targets []string
	for _, m := range r.Transformation.BurnUp {
		months = append(months, render.MonthName(m.Month))
		counts = append(counts, strconv.Itoa(m.N))
		targets = append(targets, "40")
	}
	if got := cells(t, f, burn.Ser[0].Cat); strings.Join(got, "|") != strings.Join(months, "|") {
		t.Errorf("burn-up months %q, want %q", got, months)
	}
	if got := cells(t, f, burn.Ser[0].Val); strings.Join(got, "|") != strings.Join(counts, "|") {
		t.Errorf("burn-up counts %q, want %q", got, counts)
	}
	if got := cells(t, f, burn.Ser[1].Val); strings.Join(got, "|") != strings.Join(targets, "|") {
		t.Errorf("burn-up target %q, want %q", got, targets)
	}
	if got := cells(t, f, burn.Ser[1].Name); got[0] != "Cíl" {
		t.Errorf("the target series is named %q", got)
	}

	// Every breakdown sheet has a bar chart per indicator broken down by
	// it, over that indicator's cells: labels, figures, "<5".
	for _, b := range catalogue.Breakdowns {
		sheet := render.DimensionName(b)
		var wantCharts []reports.Value
		for _, v := range r.Indicators {
			for _, bd := range v.Breakdowns {
				if bd.By == b {
					wantCharts = append(wantCharts, v)
				}
			}
		}
		got := charts[sheet]
		if len(got) != len(wantCharts) || len(got) == 0 {
			t.Errorf("sheet %s: %d charts, want %d", sheet, len(got), len(wantCharts))
			continue
		}
		for i, v := range wantCharts {
			c := got[i]
			in, _ := cat.Indicator(v.Code)
			if c.Bar == nil || len(c.Bar.Ser) != 1 {
				t.Errorf("sheet %s chart %d: not a bar chart with one series", sheet, i)
				continue
			}
			if strings.Join(c.Title, "") != in.Name.CS {
				t.Errorf("sheet %s chart %d: title %q, want %q", sheet, i, c.Title, in.Name.CS)
			}
			var bd reports.Breakdown
			for _, x := range v.Breakdowns {
				if x.By == b {
					bd = x
				}
			}
			labels := cells(t, f, c.Bar.Ser[0].Cat)
			values := cells(t, f, c.Bar.Ser[0].Val)
			if len(labels) != len(bd.Cells) {
				t.Errorf("sheet %s %s: %d categories, want %d", sheet, v.Code, len(labels), len(bd.Cells))
				continue
			}
			// The cells in reading order: by key, "neuvedeno" last,
			// phases in their order.
			got := map[string]string{}
			for j := range labels {
				got[labels[j]] = values[j]
			}
			for _, cell := range bd.Cells {
				wantLabel := r.Labels[b][cell.Key].CS
				wantValue := "<5"
				if !cell.Suppressed {
					wantValue = num(*cell.Value)
				}
				if got[wantLabel] != wantValue {
					t.Errorf("sheet %s %s %s: %q = %q, want %q", sheet, v.Code, cell.Key, wantLabel, got[wantLabel], wantValue)
				}
			}
			if slices.Contains(labels, "neuvedeno") && labels[len(labels)-1] != "neuvedeno" {
				t.Errorf("sheet %s %s: %q, not stated is not last", sheet, v.Code, labels)
			}
			if b == catalogue.BreakdownPhase {
				var phases []string
				for _, p := range reports.Phases {
					phases = append(phases, r.Labels[b][string(p)].CS)
				}
				if !slices.Equal(labels, phases) {
					t.Errorf("phases in the order %q, want %q", labels, phases)
				}
			}
		}
	}
}

func TestXLSXSummaryAndProperties(t *testing.T) {
	body := renderFixture(t, at)[reports.FileXLSX].Body
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := rendertest.Report()
	rows, err := f.GetRows(render.SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Měsíční zpráva o indikátorech — únor 2027" {
		t.Errorf("title %q", rows[0][0])
	}
	byCode := map[string][]string{}
	for _, row := range rows {
		if len(row) >= 5 {
			byCode[row[4]] = row
		}
	}
	for _, h := range render.Headlines {
		row, ok := byCode[h.Code]
		if !ok {
			t.Errorf("the summary has no %s", h.Code)
			continue
		}
		var v reports.Value
		for _, x := range r.Indicators {
			if x.Code == h.Code {
				v = x
			}
		}
		if row[0] != h.Label || row[1] != num(*v.Total.Value) {
			t.Errorf("summary %s: %q", h.Code, row)
		}
		if v.Change != nil && row[3] != num(*v.Change) {
			t.Errorf("summary %s: change %q, want %v", h.Code, row[3], *v.Change)
		}
	}
	if row := byCode["organisations.public_administrations.cumulative"]; len(row) < 6 || row[5] != "EECO18" {
		t.Errorf("EECO18 row %q", row)
	}
	if row := byCode["organisations.providers.cumulative"]; len(row) < 6 || row[5] != "EECO19" {
		t.Errorf("EECO19 row %q", row)
	}
	if row := byCode["transformation.services_transformed"]; row[1] != "4" || row[2] != "z cíle 40" {
		t.Errorf("transformed row %q", row)
	}

	// Every indicator is on the indicators sheet.
	ind, err := f.GetRows(render.SheetIndicators)
	if err != nil {
		t.Fatal(err)
	}
	if len(ind) != len(r.Indicators)+1 {
		t.Errorf("the indicators sheet has %d rows, want %d", len(ind), len(r.Indicators)+1)
	}
	for i, v := range r.Indicators {
		if ind[i+1][0] != v.Code || ind[i+1][3] != num(*v.Total.Value) {
			t.Errorf("indicators row %d: %q", i+1, ind[i+1][:4])
		}
	}

	// Fixed document properties: the end of the report's month, not the
	// time of rendering.
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2027-02-28T23:00:00Z" || props.Modified != props.Created || props.Title != render.Title(r) || props.Language != "cs-CZ" {
		t.Errorf("document properties %+v", props)
	}
}
