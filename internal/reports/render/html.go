package render

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
)

//go:embed report.html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Parse(htmlSource))

// The page's view: everything formatted in Go, the template only lays it
// out.
type htmlPage struct {
	Title, Month, Period, Catalogue string
	Version                         int
	Programme, Project, Publisher   string
	Funding                         string
	Headlines                       []htmlHeadline
	Areas                           []htmlArea
	BurnUp                          *htmlBurnUp
	Changes                         []htmlChange
	PrevVersion                     int
}

type htmlHeadline struct {
	Label, Value, Unit, Change, ESF, Anchor string
}

type htmlArea struct {
	ID, Name   string
	Indicators []htmlIndicator
}

type htmlIndicator struct {
	ID, Code, Name, Definition, Unit string
	Total, Change, Previous, Target  string
	ESF                              string
	Cumulative                       bool
	Tables                           []htmlTable
}

type htmlTable struct {
	ID, Caption, Dimension, ValueHead, NHead string
	Rows                                     []htmlRow
	Total                                    htmlRow
	Chart                                    htmlChart
}

type htmlRow struct {
	Label, Value, N string
	Suppressed      bool
}

// htmlChart is a horizontal bar chart in SVG.
type htmlChart struct {
	ID, Title, Desc string
	Width, Height   int
	Zero            float64
	LabelX          int
	Bars            []htmlBar
}

type htmlBar struct {
	Y, TextY            int
	X, W, ValueX        float64
	Label, Value        string
	Hatched, Suppressed bool
	ValueAnchor         string
}

type htmlBurnUp struct {
	ID, Title, Desc              string
	Width, Height                int
	Points                       string
	Dots                         []htmlDot
	TargetY, Left, Right, Bottom float64
	Ticks                        []htmlTick
	Rows                         []htmlRow
	Target                       int
}

type htmlDot struct {
	X, Y   float64
	Label  string
	Value  string
	LabelY float64
}

type htmlTick struct {
	Y     float64
	Label string
}

type htmlChange struct {
	Indicator, Where, Before, After string
}

// The bar charts' geometry (SVG user units = CSS px at 100 %).
const (
	chartW      = 480
	chartLabelW = 230
	chartValueW = 64
	barH        = 18
	barGap      = 8
	chartPad    = 10
)

func barChart(id, title, desc string, rows []htmlRow, values []*float64, hatch []bool) htmlChart {
	lo, hi := 0.0, 0.0
	for _, v := range values {
		if v != nil {
			lo, hi = math.Min(lo, *v), math.Max(hi, *v)
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	plot := float64(chartW - chartLabelW - chartValueW - chartPad)
	scale := plot / (hi - lo)
	zero := float64(chartLabelW) + (0-lo)*scale
	c := htmlChart{ID: id, Title: title, Desc: desc, Width: chartW, Zero: zero, LabelX: chartLabelW - 4,
		Height: chartPad*2 + len(rows)*(barH+barGap) - barGap}
	for i, r := range rows {
		y := chartPad + i*(barH+barGap)
		b := htmlBar{Y: y, TextY: y + barH - 5, Label: shorten(r.Label, 36), Value: r.Value, Suppressed: r.Suppressed, ValueAnchor: "start"}
		if i < len(hatch) {
			b.Hatched = hatch[i]
		}
		b.X, b.ValueX = zero, zero+4
		if v := values[i]; v != nil {
			w := *v * scale
			if w < 0 {
				b.X, b.W = zero+w, -w
				b.ValueX, b.ValueAnchor = zero+w-4, "end"
				if b.ValueX < chartLabelW+30 {
					b.ValueX, b.ValueAnchor = zero+4, "start"
				}
			} else {
				b.W = w
				b.ValueX = zero + w + 4
			}
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func czechDate(t time.Time) string {
	t = t.In(cz.Prague)
	return fmt.Sprintf("%d. %d. %d", t.Day(), int(t.Month()), t.Year())
}

// period is the report's month in Prague time, [from, to): the report's
// Period, or the month's bounds when it has none.
func period(r reports.Report) (from, to time.Time) {
	from, to = r.Period.From, r.Period.To
	if from.IsZero() || to.IsZero() {
		from, to = r.Month.Start(), r.Month.End()
	}
	return from.In(cz.Prague), to.In(cz.Prague)
}

// periodText is "1. 11. 2026 – 30. 11. 2026".
func periodText(r reports.Report) string {
	from, to := period(r)
	return czechDate(from) + " – " + czechDate(to.Add(-time.Nanosecond))
}

// HTML is report.html: one self-contained page in Czech (inline CSS, no
// script, no external resource), printable on A4; headings per area and
// indicator, a table with a caption for every breakdown and an SVG bar
// chart before it whose <title> and <desc> give the numbers, the
// transformation's burn-up against the target, and the programme's
// ESF+ / OPZ+ funding line.
func HTML(r reports.Report, cat catalogue.Catalogue) ([]byte, error) {
	p := htmlPage{
		Title:       Title(r),
		Month:       MonthName(r.Month),
		Period:      periodText(r),
		Catalogue:   r.Catalogue,
		Version:     r.Version,
		Programme:   ProgrammeName,
		Project:     ProjectNumber,
		Publisher:   Publisher,
		Funding:     FundingLine,
		PrevVersion: r.Version - 1,
	}
	for _, h := range Headlines {
		v, ok := valueOf(r, h.Code)
		if !ok {
			continue
		}
		in, _ := cat.Indicator(h.Code)
		hl := htmlHeadline{Label: h.Label, Value: cellText(v.Total), Unit: UnitName(v.Unit), ESF: in.ESF, Anchor: anchor(h.Code)}
		if v.Target != nil {
			hl.Unit = fmt.Sprintf("z cíle %d", *v.Target)
		}
		if v.Change != nil {
			hl.Change = signed(*v.Change)
		}
		p.Headlines = append(p.Headlines, hl)
	}
	for _, a := range areas {
		area := htmlArea{ID: "oblast-" + a.code, Name: a.name}
		for _, v := range r.Indicators {
			if areaOf(v.Code) != a.code {
				continue
			}
			area.Indicators = append(area.Indicators, htmlIndicatorOf(r, cat, v))
		}
		if len(area.Indicators) > 0 {
			p.Areas = append(p.Areas, area)
		}
	}
	if t := r.Transformation; len(t.BurnUp) > 0 || len(t.ByPhase) > 0 {
		p.BurnUp = burnUp(r)
	}
	for _, c := range r.Changes {
		in, _ := cat.Indicator(c.Code)
		ch := htmlChange{Indicator: in.Name.CS, Where: "celkem", Before: "nový údaj", After: "údaj zanikl"}
		if c.Breakdown != "" {
			ch.Where = DimensionName(c.Breakdown) + ": " + keyLabel(r, c.Breakdown, c.Key)
		}
		if c.Before != nil {
			ch.Before = cellText(*c.Before)
		}
		if c.After != nil {
			ch.After = cellText(*c.After)
		}
		p.Changes = append(p.Changes, ch)
	}
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// nameBy is "Uskutečněné konzultace podle kraje", or the name alone when
// it says so already ("Účastníci podle pohlaví").
func nameBy(in catalogue.Indicator, b catalogue.Breakdown) string {
	if strings.Contains(in.Name.CS, byName(b)) {
		return in.Name.CS
	}
	return in.Name.CS + " " + byName(b)
}

func anchor(code string) string { return "ind-" + strings.ReplaceAll(code, ".", "-") }

func htmlIndicatorOf(r reports.Report, cat catalogue.Catalogue, v reports.Value) htmlIndicator {
	in, _ := cat.Indicator(v.Code)
	hi := htmlIndicator{ID: anchor(v.Code), Code: v.Code, Name: in.Name.CS, Definition: in.Definition.CS,
		Unit: UnitName(v.Unit), Total: cellText(v.Total), ESF: in.ESF, Cumulative: in.Cumulative}
	if v.Total.N != nil && !v.Total.Suppressed {
		hi.Total += fmt.Sprintf(" (N = %s)", czech(float64(*v.Total.N)))
	}
	if v.Target != nil {
		hi.Target = czech(float64(*v.Target))
	}
	if v.Previous != nil {
		hi.Previous = cellText(*v.Previous)
		if v.Change != nil {
			hi.Change = signed(*v.Change)
		}
	}
	nHead := "Základ (N)"
	if areaOf(v.Code) == "surveys" {
		nHead = "Počet odpovědí"
	}
	for _, b := range v.Breakdowns {
		b.Cells = displayOrder(b.By, b.Cells)
		t := htmlTable{
			ID:        fmt.Sprintf("%s-%s", hi.ID, strings.ReplaceAll(string(b.By), "_", "-")),
			Caption:   fmt.Sprintf("%s, %s", nameBy(in, b.By), MonthName(r.Month)),
			Dimension: DimensionName(b.By),
			ValueHead: fmt.Sprintf("Hodnota (%s)", UnitName(v.Unit)),
			Total:     htmlRow{Label: "Celkem", Value: cellText(v.Total)},
		}
		hasN := false
		values := make([]*float64, len(b.Cells))
		hatch := make([]bool, len(b.Cells))
		for i, c := range b.Cells {
			row := htmlRow{Label: keyLabel(r, b.By, c.Key), Value: cellText(c), Suppressed: c.Suppressed}
			if c.N != nil && !c.Suppressed {
				row.N, hasN = czech(float64(*c.N)), true
			}
			t.Rows = append(t.Rows, row)
			if !c.Suppressed {
				values[i] = c.Value
			}
			hatch[i] = c.Key == reports.NotStated
		}
		if hasN {
			t.NHead = nHead
			if v.Total.N != nil && !v.Total.Suppressed {
				t.Total.N = czech(float64(*v.Total.N))
			}
		}
		t.Chart = barChart("graf-"+t.ID, "Graf: "+nameBy(in, b.By),
			chartDesc(r, in, b.By, b.Cells), t.Rows, values, hatch)
		hi.Tables = append(hi.Tables, t)
	}
	return hi
}

// The burn-up's geometry.
const (
	burnW, burnH        = 480, 260
	burnLeft, burnRight = 44, 460
	burnTop, burnBottom = 16, 220
)

func burnUp(r reports.Report) *htmlBurnUp {
	t := r.Transformation
	b := &htmlBurnUp{ID: "graf-transformace", Width: burnW, Height: burnH, Target: t.Target,
		Title: fmt.Sprintf("Graf: transformované služby vůči cíli %d", t.Target), Desc: burnUpDesc(r),
		Left: burnLeft, Right: burnRight, Bottom: burnBottom}
	top := float64(t.Target)
	for _, m := range t.BurnUp {
		top = math.Max(top, float64(m.N))
	}
	if top <= 0 {
		top = 1
	}
	y := func(n float64) float64 { return burnBottom - n/top*(burnBottom-burnTop) }
	b.TargetY = y(float64(t.Target))
	for i := 0; i <= 4; i++ {
		n := top * float64(i) / 4
		b.Ticks = append(b.Ticks, htmlTick{Y: y(n), Label: czech(math.Round(n))})
	}
	step := 0.0
	if len(t.BurnUp) > 1 {
		step = float64(burnRight-burnLeft-40) / float64(len(t.BurnUp)-1)
	}
	var pts []string
	for i, m := range t.BurnUp {
		x := float64(burnLeft+20) + step*float64(i)
		yy := y(float64(m.N))
		pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, yy))
		b.Dots = append(b.Dots, htmlDot{X: x, Y: yy, Label: shortMonth(m.Month), Value: czech(float64(m.N)), LabelY: yy - 8})
		b.Rows = append(b.Rows, htmlRow{Label: MonthName(m.Month), Value: czech(float64(m.N))})
	}
	b.Points = strings.Join(pts, " ")
	return b
}

var shortMonths = [...]string{"led", "úno", "bře", "dub", "kvě", "čvn", "čvc", "srp", "zář", "říj", "lis", "pro"}

func shortMonth(m interface{ String() string }) string {
	s := m.String() // yyyy-mm
	var y, mo int
	if _, err := fmt.Sscanf(s, "%d-%d", &y, &mo); err != nil || mo < 1 || mo > 12 {
		return s
	}
	return fmt.Sprintf("%s %d", shortMonths[mo-1], y%100)
}
