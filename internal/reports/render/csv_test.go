package render_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/render"
	"github.com/mpsv/brana/internal/reports/render/rendertest"
)

func TestCSVGolden(t *testing.T) {
	golden(t, "fixture.csv", renderFixture(t, at)[reports.FileCSV].Body)
}

// The CSV is a long table of every figure of the report: UTF-8 with a
// BOM, ";", CRLF, one row per indicator total and breakdown cell, "<5"
// for a suppressed cell.
func TestCSVHasEveryFigure(t *testing.T) {
	body := renderFixture(t, at)[reports.FileCSV].Body
	if !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
		t.Fatal("no UTF-8 BOM")
	}
	if bytes.Count(body, []byte("\r\n")) != bytes.Count(body, []byte("\n")) {
		t.Error("a line does not end in CRLF")
	}
	rd := csv.NewReader(bytes.NewReader(body[3:]))
	rd.Comma = ';'
	rows, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[0]; len(got) != len(render.CSVHeader) || got[0] != "indicator" || got[8] != "suppressed" {
		t.Fatalf("header %v", got)
	}
	cat := catalogue.MustLoad()
	r := rendertest.Report()
	type at struct{ code, by, key string }
	seen := map[at][]string{}
	for _, row := range rows[1:] {
		k := at{row[0], row[3], row[4]}
		if _, dup := seen[k]; dup {
			t.Errorf("row %v twice", k)
		}
		seen[k] = row
	}
	want := func(code, by string, c reports.Cell, prev *reports.Cell, change *float64) {
		row, ok := seen[at{code, by, c.Key}]
		if !ok {
			t.Errorf("no row for %s %s %s", code, by, c.Key)
			return
		}
		delete(seen, at{code, by, c.Key})
		in, _ := cat.Indicator(code)
		if row[1] != in.Name.CS {
			t.Errorf("%s: name %q", code, row[1])
		}
		switch {
		case c.Suppressed:
			if row[6] != "<5" || row[8] != "1" || row[7] != "" {
				t.Errorf("%s %s %s: suppressed cell written %v", code, by, c.Key, row)
			}
		case c.Value == nil:
			if row[6] != "" {
				t.Errorf("%s: undefined value written %q", code, row[6])
			}
		default:
			v, err := strconv.ParseFloat(row[6], 64)
			if err != nil || v != *c.Value || row[8] != "0" {
				t.Errorf("%s %s %s: value %q, want %v", code, by, c.Key, row[6], *c.Value)
			}
			if c.N != nil && row[7] != strconv.Itoa(*c.N) {
				t.Errorf("%s %s %s: n %q, want %d", code, by, c.Key, row[7], *c.N)
			}
		}
		if prev != nil {
			if prev.Suppressed && row[9] != "<5" || prev.Value != nil && row[9] != strconv.FormatFloat(*prev.Value, 'f', -1, 64) {
				t.Errorf("%s: previous %q", code, row[9])
			}
		}
		if change != nil && row[10] != strconv.FormatFloat(*change, 'f', -1, 64) {
			t.Errorf("%s: change %q, want %v", code, row[10], *change)
		}
	}
	for _, v := range r.Indicators {
		want(v.Code, "", v.Total, v.Previous, v.Change)
		for _, b := range v.Breakdowns {
			for _, c := range b.Cells {
				want(v.Code, string(b.By), c, nil, nil)
			}
		}
	}
	for k := range seen {
		t.Errorf("row %v is not a figure of the report", k)
	}
	if !bytes.Contains(body, []byte(";Hlavní město Praha;")) || !bytes.Contains(body, []byte(";neuvedeno;")) {
		t.Error("the Czech labels are missing")
	}
}

// A label a spreadsheet would run as a formula (a survey's name is typed
// by staff) is written as text.
func TestCSVNeutralisesFormulas(t *testing.T) {
	r := rendertest.Report()
	r.Labels[catalogue.BreakdownSurvey]["srv-eval-event"] = catalogue.Text{CS: `=HYPERLINK("http://evil.example","Hodnocení")`, EN: "x"}
	body, err := render.CSV(r, catalogue.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(body, []byte(`;srv-eval-event;"'=HYPERLINK(""http://evil.example"",""Hodnocení"")";`)) {
		t.Error("a formula in a label is not neutralised")
	}
}
