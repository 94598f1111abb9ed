package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
)

// The XLSX's fixed sheets (the breakdown sheets are named by
// DimensionName).
const (
	SheetSummary    = "Souhrn"
	SheetIndicators = "Indikátory"
	SheetChanges    = "Změny"
)

// Headline is one figure of the summary: an indicator's total.
type Headline struct {
	Code  string
	Label string // the summary's Czech label
}

// Headlines are the summary's figures (the XLSX's Souhrn sheet and the
// top of the HTML report), in order.
var Headlines = []Headline{
	{"consultations.held", "Uskutečněné konzultace"},
	{"organisations.supported.cumulative", "Podpořené organizace od začátku programu"},
	{"organisations.public_administrations.cumulative", "z toho orgány veřejné správy"},
	{"organisations.providers.cumulative", "z toho poskytovatelé sociálních služeb"},
	{"events.held", "Uskutečněné akce"},
	{"events.attendance", "Účast na akcích"},
	{"surveys.evaluation.responses", "Odpovědi na evaluační dotazníky"},
	{"surveys.awareness.responses", "Odpovědi na dotazníky povědomí"},
	{"surveys.satisfaction.mean", "Průměrná spokojenost"},
	{"surveys.satisfaction.nps", "Skóre doporučení (NPS)"},
	{"surveys.awareness.index", "Index povědomí"},
	{"transformation.services_transformed", "Transformované služby"},
}

// valueOf returns the report's value of an indicator.
func valueOf(r reports.Report, code string) (reports.Value, bool) {
	for _, v := range r.Indicators {
		if v.Code == code {
			return v, true
		}
	}
	return reports.Value{}, false
}

// docTime is the XLSX's fixed creation and modification time: the end of
// the report's month, so the same report gives the same bytes.
func docTime(r reports.Report) string {
	_, to := period(r)
	return to.UTC().Format(time.RFC3339)
}

// Title is the report's title: "Měsíční zpráva o indikátorech — listopad 2026".
func Title(r reports.Report) string {
	return "Měsíční zpráva o indikátorech — " + MonthName(r.Month)
}

type xlsxWriter struct {
	f                       *excelize.File
	r                       reports.Report
	cat                     catalogue.Catalogue
	title, head, bold, wrap int
	err                     error
}

func (x *xlsxWriter) set(sheet string, col, row int, v any) {
	if x.err != nil {
		return
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err == nil {
		err = x.f.SetCellValue(sheet, cell, v)
	}
	x.err = err
}

func (x *xlsxWriter) style(sheet string, c1, r1, c2, r2, style int) {
	if x.err != nil {
		return
	}
	a, _ := excelize.CoordinatesToCellName(c1, r1)
	b, _ := excelize.CoordinatesToCellName(c2, r2)
	x.err = x.f.SetCellStyle(sheet, a, b, style)
}

// cell writes a published figure: a number, "<5" when suppressed,
// nothing when undefined.
func (x *xlsxWriter) cell(sheet string, col, row int, c reports.Cell) {
	switch {
	case c.Suppressed:
		x.set(sheet, col, row, Suppressed)
	case c.Value != nil:
		x.set(sheet, col, row, round2(*c.Value))
	}
}

func (x *xlsxWriter) widths(sheet string, w ...float64) {
	for i, width := range w {
		if x.err != nil {
			return
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		x.err = x.f.SetColWidth(sheet, col, col, width)
	}
}

func (x *xlsxWriter) chart(sheet string, col, row int, c *excelize.Chart) {
	if x.err != nil {
		return
	}
	cell, _ := excelize.CoordinatesToCellName(col, row)
	x.err = x.f.AddChart(sheet, cell, c)
}

// ref is an absolute range of one column: 'Sheet'!$C$5:$C$9.
func ref(sheet string, col, r1, r2 int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", strings.ReplaceAll(sheet, "'", "''"), name, r1, name, r2)
}

// XLSX is report.xlsx: the summary sheet (headline figures, the
// transformation's phases and burn-up with its line chart), the
// indicators sheet (every indicator's total), one sheet per breakdown
// dimension (a table and a bar chart per indicator) and, from version 2,
// the changes from the version before. Document properties are fixed
// (docTime), so the same report gives the same bytes.
func XLSX(r reports.Report, cat catalogue.Catalogue) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f, r: r, cat: cat}
	x.styles()
	if x.err == nil {
		x.err = f.SetSheetName("Sheet1", SheetSummary)
	}
	x.summary()
	x.indicators()
	for _, b := range catalogue.Breakdowns {
		x.breakdown(b)
	}
	x.changes()
	if x.err == nil {
		at := docTime(r)
		x.err = f.SetDocProps(&excelize.DocProperties{
			Title:          Title(r),
			Subject:        fmt.Sprintf("Verze %d, katalog indikátorů %s", r.Version, r.Catalogue),
			Creator:        Publisher,
			LastModifiedBy: Publisher,
			Description:    FundingLine,
			Identifier:     reports.BlobKey(r.Month, r.Version, reports.FileXLSX),
			Language:       "cs-CZ",
			Created:        at,
			Modified:       at,
			Revision:       fmt.Sprint(r.Version),
			Version:        r.Catalogue,
		})
	}
	if x.err == nil {
		x.err = f.SetAppProps(&excelize.AppProperties{Application: "Brána", Company: Publisher})
	}
	if x.err != nil {
		return nil, x.err
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return canonicalXLSX(buf.Bytes())
}

func (x *xlsxWriter) styles() {
	var err error
	if x.title, err = x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}); err != nil {
		x.err = err
		return
	}
	if x.head, err = x.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
	}); err != nil {
		x.err = err
		return
	}
	if x.bold, err = x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		x.err = err
		return
	}
	x.wrap, x.err = x.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
}

// esfOf is an indicator's ESF+ code, if any.
func (x *xlsxWriter) indicator(code string) catalogue.Indicator {
	in, _ := x.cat.Indicator(code)
	return in
}

func (x *xlsxWriter) summary() {
	s, r := SheetSummary, x.r
	x.set(s, 1, 1, Title(r))
	x.style(s, 1, 1, 1, 1, x.title)
	x.set(s, 1, 2, fmt.Sprintf("Období: %s (%s, pražský čas). Verze zprávy %d, katalog indikátorů %s.",
		MonthName(r.Month), periodText(r), r.Version, r.Catalogue))
	x.set(s, 1, 3, FundingLine)
	x.widths(s, 46, 14, 14, 18, 44, 10)
	row := 5
	for i, h := range []string{"Ukazatel", "Hodnota", "Jednotka", "Změna oproti minulému měsíci", "Kód indikátoru", "ESF+"} {
		x.set(s, i+1, row, h)
	}
	x.style(s, 1, row, 6, row, x.head)
	for _, h := range Headlines {
		v, ok := valueOf(r, h.Code)
		if !ok {
			continue
		}
		in := x.indicator(h.Code)
		row++
		x.set(s, 1, row, h.Label)
		x.cell(s, 2, row, v.Total)
		unit := UnitName(v.Unit)
		if v.Target != nil {
			unit = fmt.Sprintf("z cíle %d", *v.Target)
		}
		x.set(s, 3, row, unit)
		if v.Change != nil {
			x.set(s, 4, row, round2(*v.Change))
		}
		x.set(s, 5, row, h.Code)
		x.set(s, 6, row, in.ESF)
	}

	// The transformation: services by phase, and the burn-up with its chart.
	row += 2
	x.set(s, 1, row, "Transformace sociálních služeb: služby podle fáze na konci měsíce")
	x.style(s, 1, row, 1, row, x.bold)
	row++
	x.set(s, 1, row, "Fáze")
	x.set(s, 2, row, "Počet služeb")
	x.style(s, 1, row, 2, row, x.head)
	for _, p := range r.Transformation.ByPhase {
		row++
		x.set(s, 1, row, PhaseName(p.Phase))
		x.set(s, 2, row, p.N)
	}
	row += 2
	x.set(s, 1, row, fmt.Sprintf("Transformované služby od začátku programu (cíl %d)", r.Transformation.Target))
	x.style(s, 1, row, 1, row, x.bold)
	row++
	x.set(s, 1, row, "Měsíc")
	x.set(s, 2, row, "Transformováno")
	x.set(s, 3, row, "Cíl")
	x.style(s, 1, row, 3, row, x.head)
	first := row + 1
	for _, m := range r.Transformation.BurnUp {
		row++
		x.set(s, 1, row, MonthName(m.Month))
		x.set(s, 2, row, m.N)
		x.set(s, 3, row, r.Transformation.Target)
	}
	if len(r.Transformation.BurnUp) > 0 {
		x.chart(s, 5, first-1, &excelize.Chart{
			Type: excelize.Line,
			Series: []excelize.ChartSeries{
				{Name: ref(s, 2, first-1, first-1), Categories: ref(s, 1, first, row), Values: ref(s, 2, first, row),
					Line: excelize.LineOptions{Width: 2.5}, Marker: excelize.ChartMarker{Symbol: "circle", Size: 7}},
				{Name: ref(s, 3, first-1, first-1), Categories: ref(s, 1, first, row), Values: ref(s, 3, first, row),
					Line: excelize.LineOptions{Width: 1.5, Dash: excelize.LineDashDash}, Marker: excelize.ChartMarker{Symbol: "none"}},
			},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: fmt.Sprintf("Transformované služby vůči cíli %d", r.Transformation.Target)}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 560, Height: 300},
			YAxis:     excelize.ChartAxis{MajorGridLines: true, Minimum: ptrF(0)},
			Format:    excelize.GraphicOptions{AltText: burnUpDesc(r)},
		})
	}
}

func ptrF(v float64) *float64 { return &v }

func (x *xlsxWriter) indicators() {
	s := SheetIndicators
	if _, err := x.f.NewSheet(s); err != nil && x.err == nil {
		x.err = err
	}
	x.widths(s, 40, 44, 12, 12, 10, 14, 12, 8, 8, 80)
	for i, h := range []string{"Kód", "Název", "Jednotka", "Hodnota", "N", "Minulý měsíc", "Změna", "Cíl", "ESF+", "Definice"} {
		x.set(s, i+1, 1, h)
	}
	x.style(s, 1, 1, 10, 1, x.head)
	for i, v := range x.r.Indicators {
		row := i + 2
		in := x.indicator(v.Code)
		x.set(s, 1, row, v.Code)
		x.set(s, 2, row, in.Name.CS)
		x.set(s, 3, row, UnitName(v.Unit))
		x.cell(s, 4, row, v.Total)
		if v.Total.N != nil && !v.Total.Suppressed {
			x.set(s, 5, row, *v.Total.N)
		}
		if v.Previous != nil {
			x.cell(s, 6, row, *v.Previous)
		}
		if v.Change != nil {
			x.set(s, 7, row, round2(*v.Change))
		}
		if v.Target != nil {
			x.set(s, 8, row, *v.Target)
		}
		x.set(s, 9, row, in.ESF)
		x.set(s, 10, row, in.Definition.CS)
	}
	x.style(s, 10, 2, 10, len(x.r.Indicators)+1, x.wrap)
}

// The breakdown sheets' layout: a block per indicator, a table at A:D and
// its chart from column F, blocks at least blockRows apart so the charts
// (chartHeight px, 20 px a row) never overlap.
const (
	blockRows   = 18
	chartHeight = 300
)

func (x *xlsxWriter) breakdown(b catalogue.Breakdown) {
	type block struct {
		v     reports.Value
		cells []reports.Cell
	}
	var blocks []block
	for _, v := range x.r.Indicators {
		for _, bd := range v.Breakdowns {
			if bd.By == b {
				blocks = append(blocks, block{v, displayOrder(b, bd.Cells)})
			}
		}
	}
	if len(blocks) == 0 {
		return
	}
	s := DimensionName(b)
	if _, err := x.f.NewSheet(s); err != nil && x.err == nil {
		x.err = err
	}
	x.widths(s, 24, 44, 12, 10)
	x.set(s, 1, 1, fmt.Sprintf("Členění: %s — %s", strings.ToLower(s), MonthName(x.r.Month)))
	x.style(s, 1, 1, 1, 1, x.title)
	row := 3
	for _, bl := range blocks {
		in := x.indicator(bl.v.Code)
		top := row
		x.set(s, 1, row, fmt.Sprintf("%s (%s)", in.Name.CS, UnitName(bl.v.Unit)))
		x.style(s, 1, row, 1, row, x.bold)
		row++
		for i, h := range []string{"Klíč", DimensionName(b), "Hodnota", "N"} {
			x.set(s, i+1, row, h)
		}
		x.style(s, 1, row, 4, row, x.head)
		first := row + 1
		for _, c := range bl.cells {
			row++
			x.set(s, 1, row, c.Key)
			x.set(s, 2, row, keyLabel(x.r, b, c.Key))
			x.cell(s, 3, row, c)
			if c.N != nil && !c.Suppressed {
				x.set(s, 4, row, *c.N)
			}
		}
		last := row
		row++
		x.set(s, 2, row, "Celkem")
		x.cell(s, 3, row, bl.v.Total)
		if bl.v.Total.N != nil && !bl.v.Total.Suppressed {
			x.set(s, 4, row, *bl.v.Total.N)
		}
		x.style(s, 2, row, 4, row, x.bold)
		if last >= first {
			x.chart(s, 6, top, &excelize.Chart{
				Type: excelize.Bar,
				Series: []excelize.ChartSeries{{
					Name: ref(s, 1, top, top), Categories: ref(s, 2, first, last), Values: ref(s, 3, first, last),
					Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
				}},
				Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: in.Name.CS}}},
				Legend:    excelize.ChartLegend{Position: "none"},
				Dimension: excelize.ChartDimension{Width: 560, Height: chartHeight},
				XAxis:     excelize.ChartAxis{ReverseOrder: true},
				YAxis:     excelize.ChartAxis{MajorGridLines: true},
				PlotArea:  excelize.ChartPlotArea{ShowVal: true},
				Format:    excelize.GraphicOptions{AltText: chartDesc(x.r, in, b, bl.cells)},
			})
		}
		if row-top+2 < blockRows {
			row = top + blockRows
		} else {
			row += 2
		}
	}
}

func (x *xlsxWriter) changes() {
	if len(x.r.Changes) == 0 {
		return
	}
	s := SheetChanges
	if _, err := x.f.NewSheet(s); err != nil && x.err == nil {
		x.err = err
	}
	x.widths(s, 40, 44, 20, 30, 12, 12)
	x.set(s, 1, 1, fmt.Sprintf("Změny oproti verzi %d", x.r.Version-1))
	x.style(s, 1, 1, 1, 1, x.title)
	for i, h := range []string{"Kód", "Indikátor", "Členění", "Položka", "Dříve", "Nyní"} {
		x.set(s, i+1, 3, h)
	}
	x.style(s, 1, 3, 6, 3, x.head)
	for i, c := range x.r.Changes {
		row := i + 4
		x.set(s, 1, row, c.Code)
		x.set(s, 2, row, x.indicator(c.Code).Name.CS)
		if c.Breakdown != "" {
			x.set(s, 3, row, DimensionName(c.Breakdown))
			x.set(s, 4, row, keyLabel(x.r, c.Breakdown, c.Key))
		} else {
			x.set(s, 3, row, "celkem")
		}
		if c.Before != nil {
			x.cell(s, 5, row, *c.Before)
		} else {
			x.set(s, 5, row, "nový údaj")
		}
		if c.After != nil {
			x.cell(s, 6, row, *c.After)
		} else {
			x.set(s, 6, row, "údaj zanikl")
		}
	}
}
