package render

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"unicode/utf8"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
)

// CSVHeader is report.csv's header row.
var CSVHeader = []string{"indicator", "indicator_name", "unit", "breakdown", "key", "label", "value", "n", "suppressed", "previous", "change"}

// CSV is report.csv: long format, one row per indicator × breakdown ×
// key, each indicator's total first (breakdown and key empty), then its
// breakdowns in the catalogue's order, cells sorted by key. UTF-8 with a
// BOM (so Excel reads the Czech letters), ";" between fields, CRLF line
// ends (RFC 4180, and what Excel writes). Figures keep "." as the decimal
// point, with no thousands separator, for machines; a suppressed cell's
// value is "<5" with suppressed = 1; an undefined figure is empty. Names
// and labels are in Czech. previous and change (the month before's total
// and the difference) are on the total row of the indicators that show
// the change; previous is "<5" when last month's total was suppressed.
func CSV(r reports.Report, cat catalogue.Catalogue) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	if err := w.Write(CSVHeader); err != nil {
		return nil, err
	}
	row := func(v reports.Value, name string, b catalogue.Breakdown, label string, c reports.Cell) error {
		value, n, sup := "", "", "0"
		switch {
		case c.Suppressed:
			value, sup = Suppressed, "1"
		case c.Value != nil:
			value = machine(*c.Value)
		}
		if c.N != nil && !c.Suppressed {
			n = strconv.Itoa(*c.N)
		}
		prev, change := "", ""
		if b == "" && v.Previous != nil {
			switch {
			case v.Previous.Suppressed:
				prev = Suppressed
			case v.Previous.Value != nil:
				prev = machine(*v.Previous.Value)
			}
		}
		if b == "" && v.Change != nil {
			change = machine(*v.Change)
		}
		return w.Write([]string{v.Code, neutralise(name), string(v.Unit), string(b), neutralise(c.Key), neutralise(label), value, n, sup, prev, change})
	}
	for _, v := range r.Indicators {
		in, _ := cat.Indicator(v.Code)
		if err := row(v, in.Name.CS, "", "Celkem", v.Total); err != nil {
			return nil, err
		}
		for _, b := range v.Breakdowns {
			for _, c := range b.Cells {
				if err := row(v, in.Name.CS, b.By, keyLabel(r, b.By, c.Key), c); err != nil {
					return nil, err
				}
			}
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// neutralise puts an apostrophe before a text a spreadsheet would take for
// a formula (=, +, -, @ or their full-width forms, a tab, a carriage
// return; OWASP, CSV injection): a survey's name in the labels is typed
// by staff. Figures are never neutralised.
func neutralise(v string) string {
	r, _ := utf8.DecodeRuneInString(v)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + v
	}
	return v
}
