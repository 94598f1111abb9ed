package surveys

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// Aggregates (issue #10, results for the evaluation team).
//
// An Aggregator is fed the responses of a survey one at a time (Add) and
// keeps only counters: per cell (the total and each breakdown group) and
// per variable, a count per value code, a histogram of numbers, a sum and
// the count answered. Its memory depends on the definition (questions,
// options, the distinct numbers a number question's bounds allow) and on
// the breakdown's groups, never on the number of responses: the median is
// read from the histogram, not from a slice of answers.
//
// Versions: the figures are those of one version's questions (the caller
// picks it, by default the latest published). A response of another
// version counts in every cell's response count and, for each variable it
// shares with the chosen version (the same variable name holding a value
// of the chosen question's shape: codes for a coded question, a number for
// a number question, a text for a text question), in that variable's
// figures. Value codes are stable across versions (model.go), so a code
// the chosen version no longer offers is still counted and shown, without
// a label.
//
// Small cells (SuppressBelow): a cell of fewer than 5 responses shows no
// figures at all, and neither does a question answered fewer than 5 times
// in a cell. Suppression is complementary (see suppress): in a breakdown,
// the groups withheld are never exactly one, and together they hold at
// least 5 responses (or answers), so that no withheld figure can be
// recovered by subtracting the shown groups from the total.

// SuppressBelow is the smallest cell whose figures are shown.
const SuppressBelow = 5

// Breakdown is what the results are broken down by: a Context field.
type Breakdown string

const (
	ByNone        Breakdown = ""
	ByTargetGroup Breakdown = "targetGroup"
	ByRegion      Breakdown = "region"
	ByForm        Breakdown = "form"
	ByWave        Breakdown = "wave"
)

// Breakdowns lists every breakdown but none.
var Breakdowns = []Breakdown{ByTargetGroup, ByRegion, ByForm, ByWave}

// NotStated is the group key of responses whose Context leaves the
// breakdown's field empty: a group of its own.
const NotStated = ""

// group is a response's group under the breakdown.
func (b Breakdown) group(c Context) string {
	switch b {
	case ByTargetGroup:
		return c.TargetGroup
	case ByRegion:
		return c.Region
	case ByForm:
		return c.Form
	case ByWave:
		return c.Wave
	}
	return NotStated
}

// Results are a survey's aggregates: the total and, with a breakdown, one
// cell per group (the not-stated group last).
type Results struct {
	Survey    string    `json:"survey"`
	Version   int       `json:"version"`
	By        Breakdown `json:"by,omitempty"`
	Threshold int       `json:"threshold"` // SuppressBelow
	Total     Cell      `json:"total"`
	Groups    []Group   `json:"groups,omitempty"`
}

// Group is one breakdown group's cell. Key is the Context value ("" for
// not stated).
type Group struct {
	Key       string `json:"key"`
	NotStated bool   `json:"notStated,omitempty"`
	Cell
}

// Cell is the figures of a set of responses. A suppressed cell has no
// Responses and no Questions.
type Cell struct {
	Suppressed bool       `json:"suppressed,omitempty"`
	Responses  *int       `json:"responses,omitempty"`
	Questions  []Variable `json:"questions,omitempty"`
}

// Variable is one variable's figures (a question, or a Likert matrix's
// item). A suppressed variable has only Var, Question and Type.
type Variable struct {
	Var string `json:"var"`
	// Question is the matrix question's Var for an item, else Var.
	Question   string       `json:"question"`
	Type       QuestionType `json:"type"`
	Suppressed bool         `json:"suppressed,omitempty"`
	Answered   *int         `json:"answered,omitempty"`
	// Values: a count per value code (choices, Likert, NPS, yes/no), the
	// chosen version's codes in order, then any other code seen. For a
	// multiple choice, the respondents who chose each option (the shares
	// add up to more than 100 %).
	Values []ValueCount `json:"values,omitempty"`
	Mean   *float64     `json:"mean,omitempty"`   // Likert, NPS, number
	Median *float64     `json:"median,omitempty"` // Likert, NPS, number
	// NPS is the Net Promoter Score: % promoters (9–10) − % detractors (0–6).
	NPS *float64 `json:"nps,omitempty"`
}

// ValueCount is one value code's count and its share of the answers, in
// per cent (one decimal).
type ValueCount struct {
	Code    int     `json:"code"`
	Count   int     `json:"count"`
	Percent float64 `json:"percent"`
}

// Aggregator accumulates responses into Results. It is not safe for
// concurrent use.
type Aggregator struct {
	survey  string
	version int
	by      Breakdown
	vars    []VarDef
	total   *cell
	groups  map[string]*cell
}

// VarDef is one variable of a version: a question, or one item of a
// Likert matrix.
type VarDef struct {
	Var      string
	Question Question // the question (for an item, the matrix)
	Item     *Item    // the matrix item, nil for a question
	Codes    []int    // the version's value codes, in order (coded types)
}

// Type is the variable's question type.
func (v VarDef) Type() QuestionType { return v.Question.Type }

// cell is the running counters of one cell.
type cell struct {
	n    int
	vars []varAcc // by index of Aggregator.vars
}

// varAcc is the running counters of one variable in one cell.
type varAcc struct {
	answered int
	counts   map[int]int     // by code; multiple choice: respondents per option
	hist     map[float64]int // numbers: answers per value
	sum      float64
}

// NewAggregator returns an aggregator of version v's questions broken down
// by by (ByNone: the total only).
func NewAggregator(v Version, by Breakdown) (*Aggregator, error) {
	if by != ByNone && !slices.Contains(Breakdowns, by) {
		return nil, fmt.Errorf("aggregate: unknown breakdown %q", by)
	}
	a := &Aggregator{survey: v.Survey, version: v.Number, by: by, vars: Variables(v.Definition), groups: map[string]*cell{}}
	a.total = a.newCell()
	return a, nil
}

// Variables lists a definition's variables in order: one per question, one
// per item of a Likert matrix.
func Variables(d Definition) []VarDef {
	var out []VarDef
	for _, q := range d.Questions {
		switch q.Type {
		case LikertMatrix:
			for i := range q.Items {
				out = append(out, VarDef{Var: q.Items[i].Var, Question: q, Item: &q.Items[i], Codes: q.Codes()})
			}
		default:
			out = append(out, VarDef{Var: q.Var, Question: q, Codes: q.Codes()})
		}
	}
	return out
}

func (a *Aggregator) newCell() *cell {
	c := &cell{vars: make([]varAcc, len(a.vars))}
	for i, v := range a.vars {
		switch v.Type() {
		case Number:
			c.vars[i].hist = map[float64]int{}
		case ShortText, LongText:
		default:
			c.vars[i].counts = map[int]int{}
		}
	}
	return c
}

// Add counts one response in the total and in its group.
func (a *Aggregator) Add(r Response) {
	a.total.add(a.vars, r)
	if a.by == ByNone {
		return
	}
	key := a.by.group(r.Context)
	g := a.groups[key]
	if g == nil {
		g = a.newCell()
		a.groups[key] = g
	}
	g.add(a.vars, r)
}

func (c *cell) add(vars []VarDef, r Response) {
	c.n++
	for i, v := range vars {
		val, ok := r.Values[v.Var]
		if !ok {
			continue
		}
		acc := &c.vars[i]
		switch v.Type() {
		case ShortText, LongText:
			if val.Text == "" {
				continue
			}
			acc.answered++
		case Number:
			if val.Number == nil {
				continue
			}
			acc.answered++
			acc.hist[*val.Number]++
			acc.sum += *val.Number
		case MultipleChoice:
			if val.Codes == nil {
				continue
			}
			acc.answered++
			for k, code := range val.Codes {
				if !slices.Contains(val.Codes[:k], code) { // a code given twice counts once
					acc.counts[code]++
				}
			}
		default: // one code
			if len(val.Codes) != 1 {
				continue
			}
			acc.answered++
			acc.counts[val.Codes[0]]++
			acc.sum += float64(val.Codes[0])
		}
	}
}

// Results returns the figures so far, suppressed.
func (a *Aggregator) Results() Results {
	res := Results{Survey: a.survey, Version: a.version, By: a.by, Threshold: SuppressBelow}
	keys := make([]string, 0, len(a.groups))
	for k := range a.groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { // not stated last
		if (keys[i] == NotStated) != (keys[j] == NotStated) {
			return keys[j] == NotStated
		}
		return keys[i] < keys[j]
	})
	cells := make([]*cell, len(keys))
	for i, k := range keys {
		cells[i] = a.groups[k]
	}

	// Which cells show: the total unless small; the groups by the
	// complementary rule on their response counts.
	totalShown := a.total.n >= SuppressBelow
	counts := make([]int, len(cells))
	for i, c := range cells {
		counts[i] = c.n
	}
	groupShown := suppress(counts, totalShown)

	res.Total = a.figures(a.total, totalShown)
	for i, k := range keys {
		g := Group{Key: k, NotStated: k == NotStated}
		if !groupShown[i] {
			g.Suppressed = true
		} else {
			n := cells[i].n
			g.Responses = &n
			g.Questions = make([]Variable, 0, len(a.vars))
		}
		res.Groups = append(res.Groups, g)
	}
	// Per variable, the same rule on the groups' answers (a withheld group
	// counts as withheld).
	for vi := range a.vars {
		answered := make([]int, len(cells))
		for i, c := range cells {
			answered[i] = c.vars[vi].answered
		}
		shown := suppressWithin(answered, groupShown, res.Total.Questions != nil && !res.Total.Questions[vi].Suppressed)
		for i := range cells {
			if groupShown[i] {
				res.Groups[i].Questions = append(res.Groups[i].Questions, a.variable(vi, cells[i].vars[vi], shown[i]))
			}
		}
	}
	return res
}

// figures renders one cell (the total): shown, its variables each
// suppressed below the threshold.
func (a *Aggregator) figures(c *cell, shown bool) Cell {
	if !shown {
		return Cell{Suppressed: true}
	}
	n := c.n
	out := Cell{Responses: &n, Questions: make([]Variable, 0, len(a.vars))}
	for vi := range a.vars {
		out.Questions = append(out.Questions, a.variable(vi, c.vars[vi], c.vars[vi].answered >= SuppressBelow))
	}
	return out
}

// variable renders one variable's counters; withheld when !shown.
func (a *Aggregator) variable(vi int, acc varAcc, shown bool) Variable {
	spec := a.vars[vi]
	v := Variable{Var: spec.Var, Question: spec.Question.Var, Type: spec.Type()}
	if !shown {
		v.Suppressed = true
		return v
	}
	n := acc.answered
	v.Answered = &n
	if acc.counts != nil {
		codes := slices.Clone(spec.Codes)
		var extra []int
		for code := range acc.counts {
			if !slices.Contains(codes, code) {
				extra = append(extra, code)
			}
		}
		slices.Sort(extra)
		for _, code := range append(codes, extra...) {
			v.Values = append(v.Values, ValueCount{Code: code, Count: acc.counts[code], Percent: percent(acc.counts[code], n)})
		}
	}
	switch spec.Type() {
	case Likert, LikertMatrix, NPS:
		if n > 0 {
			v.Mean = ptrTo(round(acc.sum/float64(n), 2))
			hist := make(map[float64]int, len(acc.counts))
			for code, k := range acc.counts {
				hist[float64(code)] += k
			}
			v.Median = ptrTo(median(hist, n))
		}
		if spec.Type() == NPS && n > 0 {
			var promoters, detractors int
			for code, k := range acc.counts {
				switch {
				case code >= 9:
					promoters += k
				case code <= 6:
					detractors += k
				}
			}
			v.NPS = ptrTo(round(100*float64(promoters-detractors)/float64(n), 1))
		}
	case Number:
		if n > 0 {
			v.Mean = ptrTo(round(acc.sum/float64(n), 2))
			v.Median = ptrTo(median(acc.hist, n))
		}
	}
	return v
}

// suppress decides which groups of a breakdown show, by their counts: a
// group below the threshold is withheld; then, while the total is shown
// and the withheld groups are exactly one or hold fewer than the threshold
// together, the smallest shown group is withheld too (complementary
// suppression), so that total − shown never discloses a small cell. With
// the total withheld, every group is.
func suppress(counts []int, totalShown bool) []bool {
	return suppressWithin(counts, nil, totalShown)
}

// suppressWithin is suppress over the groups eligible (nil: all); a group
// not eligible is already withheld and counts as such.
func suppressWithin(counts []int, eligible []bool, totalShown bool) []bool {
	shown := make([]bool, len(counts))
	if !totalShown {
		return shown
	}
	withheld, withheldSum := 0, 0
	for i, n := range counts {
		if (eligible == nil || eligible[i]) && n >= SuppressBelow {
			shown[i] = true
			continue
		}
		if n > 0 || (eligible != nil && !eligible[i]) {
			withheld++
			withheldSum += n
		}
	}
	for withheld > 0 && (withheld == 1 || withheldSum < SuppressBelow) {
		next := -1
		for i, n := range counts {
			if shown[i] && (next < 0 || n < counts[next]) {
				next = i
			}
		}
		if next < 0 {
			break
		}
		shown[next] = false
		withheld++
		withheldSum += counts[next]
	}
	return shown
}

// median is the median of a histogram of n values (the mean of the two
// middle values when n is even).
func median(hist map[float64]int, n int) float64 {
	keys := make([]float64, 0, len(hist))
	for k := range hist {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	// The lower and upper middle positions, 0-based.
	lo, hi := (n-1)/2, n/2
	var loV, hiV float64
	seen := 0
	for _, k := range keys {
		next := seen + hist[k]
		if lo >= seen && lo < next {
			loV = k
		}
		if hi >= seen && hi < next {
			hiV = k
			break
		}
		seen = next
	}
	return round((loV+hiV)/2, 2)
}

func percent(k, n int) float64 {
	if n == 0 {
		return 0
	}
	return round(100*float64(k)/float64(n), 1)
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

func ptrTo[T any](v T) *T { return &v }
