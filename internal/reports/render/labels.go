package render

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
)

// The programme's identity on every human-readable file (the wording of
// the project page, /work/shared/seeds, and of the certificates).
const (
	ProgrammeName = "Podpora procesu deinstitucionalizace a transformace sociálních služeb v ČR"
	ProjectNumber = "CZ.03.02.02/00/22_004/0000724"
	// FundingLine is the programme's ESF+ / OPZ+ funding statement.
	FundingLine = "Projekt „" + ProgrammeName + "“, reg. č. " + ProjectNumber +
		", je spolufinancován Evropskou unií z Evropského sociálního fondu plus v rámci Operačního programu Zaměstnanost plus (OPZ+) a ze státního rozpočtu České republiky."
	Publisher = "Ministerstvo práce a sociálních věcí"
)

var monthNames = [...]string{"leden", "únor", "březen", "duben", "květen", "červen",
	"červenec", "srpen", "září", "říjen", "listopad", "prosinec"}

// MonthName is the month in Czech: "listopad 2026".
func MonthName(m cz.Month) string {
	if m.Month < 1 || m.Month > 12 {
		return m.String()
	}
	return monthNames[m.Month-1] + " " + strconv.Itoa(m.Year)
}

// dimensionNames name the breakdowns in Czech (headings, sheet names:
// at most 31 characters, none of : \ / ? * [ ]).
var dimensionNames = map[catalogue.Breakdown]string{
	catalogue.BreakdownForm:        "Forma konzultace",
	catalogue.BreakdownRegion:      "Kraj",
	catalogue.BreakdownTopic:       "Téma",
	catalogue.BreakdownTargetGroup: "Cílová skupina",
	catalogue.BreakdownEventKind:   "Druh akce",
	catalogue.BreakdownGender:      "Pohlaví",
	catalogue.BreakdownAgeBand:     "Věková skupina",
	catalogue.BreakdownDisability:  "Zdravotní postižení",
	catalogue.BreakdownSurvey:      "Dotazník",
	catalogue.BreakdownWave:        "Vlna šetření",
	catalogue.BreakdownPhase:       "Fáze transformace",
}

// DimensionName is a breakdown's Czech name.
func DimensionName(b catalogue.Breakdown) string {
	if n, ok := dimensionNames[b]; ok {
		return n
	}
	return string(b)
}

// areas name the first segment of the indicator codes, in report order.
var areas = []struct{ code, name string }{
	{"consultations", "Konzultace"},
	{"organisations", "Podpořené organizace"},
	{"events", "Akce"},
	{"participants", "Účastníci akcí"},
	{"surveys", "Dotazníky"},
	{"transformation", "Transformace sociálních služeb"},
}

func areaOf(code string) string {
	a, _, _ := strings.Cut(code, ".")
	return a
}

func areaName(a string) string {
	for _, x := range areas {
		if x.code == a {
			return x.name
		}
	}
	return a
}

var unitNames = map[catalogue.Unit]string{
	catalogue.UnitCount:   "počet",
	catalogue.UnitHours:   "hodiny",
	catalogue.UnitPercent: "%",
	catalogue.UnitScore:   "body",
	catalogue.UnitIndex:   "index 0–100",
}

// UnitName is a unit in Czech.
func UnitName(u catalogue.Unit) string {
	if n, ok := unitNames[u]; ok {
		return n
	}
	return string(u)
}

// PhaseName is a transformation phase in Czech (reports.PhaseNames).
func PhaseName(p reports.Phase) string {
	if n, ok := reports.PhaseNames[p]; ok {
		return n.CS
	}
	return string(p)
}

// Suppressed is how a suppressed cell is published.
const Suppressed = "<5"

// keyLabel is a breakdown key's Czech label: the report's Labels, then
// "neuvedeno" for NotStated, the phase names, else the key itself.
func keyLabel(r reports.Report, b catalogue.Breakdown, key string) string {
	if t, ok := r.Labels[b][key]; ok && t.CS != "" {
		return t.CS
	}
	if key == reports.NotStated {
		return "neuvedeno"
	}
	if b == catalogue.BreakdownPhase {
		return PhaseName(reports.Phase(key))
	}
	return key
}

// machine formats a figure for the CSV: "." decimal point, no thousands
// separator, at most two decimals, no trailing zeros.
func machine(v float64) string {
	return strconv.FormatFloat(round2(v), 'f', -1, 64)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// czech formats a figure for people: decimal comma, a no-break space
// between thousands, at most two decimals ("1 234,5"); negative with a
// real minus sign.
func czech(v float64) string {
	v = round2(v)
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 {
		b.WriteString("−")
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString("\u00a0")
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(",")
		b.WriteString(frac)
	}
	return b.String()
}

// signed is czech with an explicit "+" for a positive change.
func signed(v float64) string {
	if round2(v) > 0 {
		return "+" + czech(v)
	}
	return czech(v)
}

// cellText is a cell for people: "<5" when suppressed, "–" when
// undefined, else the figure in Czech.
func cellText(c reports.Cell) string {
	switch {
	case c.Suppressed:
		return Suppressed
	case c.Value == nil:
		return "–"
	}
	return czech(*c.Value)
}

// byNames are the breakdowns after "podle" (the genitive): "podle kraje".
var byNames = map[catalogue.Breakdown]string{
	catalogue.BreakdownForm:        "formy konzultace",
	catalogue.BreakdownRegion:      "kraje",
	catalogue.BreakdownTopic:       "tématu",
	catalogue.BreakdownTargetGroup: "cílové skupiny",
	catalogue.BreakdownEventKind:   "druhu akce",
	catalogue.BreakdownGender:      "pohlaví",
	catalogue.BreakdownAgeBand:     "věkové skupiny",
	catalogue.BreakdownDisability:  "zdravotního postižení",
	catalogue.BreakdownSurvey:      "dotazníku",
	catalogue.BreakdownWave:        "vlny šetření",
	catalogue.BreakdownPhase:       "fáze transformace",
}

// byName is "podle kraje".
func byName(b catalogue.Breakdown) string {
	if n, ok := byNames[b]; ok {
		return "podle " + n
	}
	return "podle " + string(b)
}

// displayOrder is the order people read a breakdown's cells in (the HTML
// and the XLSX; the JSON and CSV keep the report's order by key): phases
// in their order, "neuvedeno" last, the rest by key.
func displayOrder(b catalogue.Breakdown, cells []reports.Cell) []reports.Cell {
	rank := func(c reports.Cell) int {
		if c.Key == reports.NotStated {
			return len(reports.Phases) + 1
		}
		if b == catalogue.BreakdownPhase {
			for i, p := range reports.Phases {
				if string(p) == c.Key {
					return i
				}
			}
			return len(reports.Phases)
		}
		return 0
	}
	out := slices.Clone(cells)
	slices.SortStableFunc(out, func(x, y reports.Cell) int { return rank(x) - rank(y) })
	return out
}
