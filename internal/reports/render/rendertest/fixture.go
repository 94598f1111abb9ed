// Package rendertest is a hand-built, realistic report for the renderer's
// tests and the browser test of the HTML report (cmd/fixturehtml): every
// indicator of the shipped catalogue with its breakdowns, suppressed cells
// (with complementary suppression), the change from the month before,
// the transformation block, labels and a version's changes. It depends
// only on the contract types, not on the compiler.
package rendertest

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
)

// Month is the fixture's month.
var Month = cz.Month{Year: 2027, Month: time.February}

// kw is a breakdown key and its weight.
type kw struct {
	key string
	w   float64
}

// keys are each dimension's keys with the share of a count they take.
var keys = map[catalogue.Breakdown][]kw{
	catalogue.BreakdownForm:        {{"online", 5}, {"onsite", 3}, {"phone", 2}},
	catalogue.BreakdownRegion:      {{"CZ010", 1}, {"CZ020", 3}, {"CZ031", 1.5}, {"CZ042", 2}, {"CZ064", 2.5}, {"CZ080", 2}, {reports.NotStated, 0.3}},
	catalogue.BreakdownTopic:       {{"case_management", 1}, {"community_services", 3}, {"financing", 2}, {"human_resources", 1.5}, {"other", 0.5}, {"transformation_plan", 4}},
	catalogue.BreakdownTargetGroup: {{"client", 1}, {"community", 0.6}, {"provider", 6}, {"public_administration", 3}},
	catalogue.BreakdownEventKind:   {{"forum", 2}, {"seminar", 3}, {"study_visit", 0.5}, {"webinar", 4}, {"workshop", 3}},
	catalogue.BreakdownGender:      {{"man", 3}, {"non_binary", 0.1}, {reports.NotStated, 1.2}, {"woman", 7}},
	catalogue.BreakdownAgeBand:     {{"18_29", 1.5}, {"30_54", 6}, {"55_plus", 2.5}, {reports.NotStated, 1}},
	catalogue.BreakdownDisability:  {{"no", 8}, {reports.NotStated, 2}, {"yes", 0.7}},
	catalogue.BreakdownSurvey:      {{"srv-eval-consultation", 3}, {"srv-eval-event", 2}},
	catalogue.BreakdownWave:        {{"2027-1", 1}},
	catalogue.BreakdownPhase:       nil, // the transformation block's counts
}

// awareness surveys are broken down by survey too, with their own ids.
var awarenessSurveys = []kw{{"srv-awareness-public", 4}, {"srv-awareness-providers", 1}}

// Labels of every key that appears.
var labels = map[catalogue.Breakdown]map[string]catalogue.Text{
	catalogue.BreakdownForm: {
		"phone": {CS: "telefonicky", EN: "by phone"}, "online": {CS: "online schůzka", EN: "online meeting"},
		"onsite": {CS: "v místě poskytovatele", EN: "at the provider's premises"},
	},
	catalogue.BreakdownRegion: {
		"CZ010": {CS: "Hlavní město Praha", EN: "Prague"}, "CZ020": {CS: "Středočeský kraj", EN: "Central Bohemian Region"},
		"CZ031": {CS: "Jihočeský kraj", EN: "South Bohemian Region"}, "CZ042": {CS: "Ústecký kraj", EN: "Ústí nad Labem Region"},
		"CZ064": {CS: "Jihomoravský kraj", EN: "South Moravian Region"}, "CZ080": {CS: "Moravskoslezský kraj", EN: "Moravian-Silesian Region"},
		reports.NotStated: {CS: "neuvedeno", EN: "not stated"},
	},
	catalogue.BreakdownTopic: {
		"transformation_plan": {CS: "Transformační plán", EN: "Transformation plan"},
		"community_services":  {CS: "Komunitní služby", EN: "Community services"},
		"financing":           {CS: "Financování", EN: "Financing"},
		"human_resources":     {CS: "Lidské zdroje", EN: "Human resources"},
		"case_management":     {CS: "Case management", EN: "Case management"},
		"other":               {CS: "Jiné", EN: "Other"},
	},
	catalogue.BreakdownTargetGroup: {
		"public_administration": {CS: "Veřejná správa", EN: "Public administration"},
		"provider":              {CS: "Poskytovatelé sociálních služeb", EN: "Social-service providers"},
		"client":                {CS: "Uživatelé služeb a jejich blízcí", EN: "Service users and their families"},
		"community":             {CS: "Místní komunita a veřejnost", EN: "Local community and the public"},
	},
	catalogue.BreakdownEventKind: {
		"workshop": {CS: "workshop", EN: "workshop"}, "forum": {CS: "diskuzní fórum", EN: "discussion forum"},
		"seminar": {CS: "seminář", EN: "seminar"}, "study_visit": {CS: "stáž", EN: "study visit"}, "webinar": {CS: "webinář", EN: "webinar"},
	},
	catalogue.BreakdownGender: {
		"woman": {CS: "žena", EN: "woman"}, "man": {CS: "muž", EN: "man"}, "non_binary": {CS: "nebinární", EN: "non-binary"},
		reports.NotStated: {CS: "neuvedeno", EN: "not stated"},
	},
	catalogue.BreakdownAgeBand: {
		"18_29": {CS: "18–29 let", EN: "18–29"}, "30_54": {CS: "30–54 let", EN: "30–54"}, "55_plus": {CS: "55 let a více", EN: "55 and over"},
		reports.NotStated: {CS: "neuvedeno", EN: "not stated"},
	},
	catalogue.BreakdownDisability: {
		"yes": {CS: "se zdravotním postižením", EN: "with a disability"}, "no": {CS: "bez zdravotního postižení", EN: "without a disability"},
		reports.NotStated: {CS: "neuvedeno", EN: "not stated"},
	},
	catalogue.BreakdownSurvey: {
		"srv-eval-consultation":   {CS: "Hodnocení konzultace", EN: "Consultation feedback"},
		"srv-eval-event":          {CS: "Hodnocení akce", EN: "Event feedback"},
		"srv-awareness-public":    {CS: "Povědomí o transformaci – veřejnost", EN: "Awareness of transformation – the public"},
		"srv-awareness-providers": {CS: "Povědomí o transformaci – poskytovatelé", EN: "Awareness of transformation – providers"},
	},
	catalogue.BreakdownWave: {
		"2027-1": {CS: "1. vlna 2027", EN: "2027 wave 1"},
	},
	catalogue.BreakdownPhase: {
		string(reports.PhaseJoined):         {CS: "zapojena do programu", EN: "joined"},
		string(reports.PhasePlanDrafted):    {CS: "transformační plán zpracován", EN: "plan drafted"},
		string(reports.PhasePlanApproved):   {CS: "plán schválen", EN: "plan approved"},
		string(reports.PhaseImplementation): {CS: "v realizaci", EN: "in implementation"},
		string(reports.PhaseTransformed):    {CS: "transformována", EN: "transformed"},
	},
}

// totals are the fixture's figures: a count's total, or a mean's value
// with its N.
var totals = map[string]float64{
	"consultations.booked":                            96,
	"consultations.held":                              71,
	"consultations.cancelled":                         12,
	"consultations.no_show":                           4,
	"consultations.hours_held":                        83.5,
	"organisations.supported.month":                   38,
	"organisations.supported.cumulative":              127,
	"organisations.public_administrations.month":      11,
	"organisations.public_administrations.cumulative": 36,
	"organisations.providers.month":                   27,
	"organisations.providers.cumulative":              91,
	"events.held":                                     14,
	"events.registrations":                            312,
	"events.attendance":                               268,
	"events.participant_hours":                        1184.5,
	"participants.gender":                             268,
	"participants.age_band":                           268,
	"participants.disability":                         268,
	"surveys.evaluation.responses":                    63,
	"surveys.awareness.responses":                     145,
}

// means: value, N and last month's value of the indicators that are not
// counts or sums.
var means = map[string]struct {
	v    float64
	n    int
	prev *float64
}{
	"events.attendance_rate":    {v: 81.73, n: 296},
	"surveys.satisfaction.mean": {v: 4.41, n: 63, prev: ptr(4.28)},
	"surveys.satisfaction.nps":  {v: 38, n: 58, prev: ptr(31.0)},
	"surveys.awareness.index":   {v: 56.2, n: 145, prev: ptr(52.9)},
}

// previous totals of the count indicators with a change.
var previous = map[string]*float64{
	"surveys.evaluation.responses": ptr(48.0),
	"surveys.awareness.responses":  nil, // last month's total was suppressed
}

// ByPhase is the register at the end of the month.
var ByPhase = []reports.PhaseCount{
	{Phase: reports.PhaseJoined, N: 9}, {Phase: reports.PhasePlanDrafted, N: 7},
	{Phase: reports.PhasePlanApproved, N: 5}, {Phase: reports.PhaseImplementation, N: 6},
	{Phase: reports.PhaseTransformed, N: 4},
}

// phaseRegions spreads the register across regions (rows of the phase ×
// region breakdown of transformation.services_by_phase come out as the
// total by region).
var phaseRegions = []kw{{"CZ020", 9}, {"CZ031", 4}, {"CZ042", 7}, {"CZ064", 5}, {"CZ080", 6}}

func ptr[T any](v T) *T { return &v }

// Report is the fixture: version 2 of Month, against the shipped catalogue.
func Report() reports.Report {
	cat := catalogue.MustLoad()
	r := reports.Report{
		Schema:    reports.Schema,
		Month:     Month,
		Version:   2,
		Catalogue: cat.Version,
		Period:    reports.Period{From: Month.Start(), To: Month.End()},
		Labels:    copyLabels(),
		Transformation: reports.Transformation{
			Target:  reports.TransformationTarget,
			ByPhase: ByPhase,
			BurnUp: []reports.MonthCount{
				// Every month from October 2026 (the programme's first) to Month.
				{Month: reports.ProgrammeStart, N: 0}, {Month: reports.ProgrammeStart.Add(1), N: 0},
				{Month: reports.ProgrammeStart.Add(2), N: 1}, {Month: reports.ProgrammeStart.Add(3), N: 3},
				{Month: Month, N: 4},
			},
		},
	}
	for _, in := range cat.Indicators {
		r.Indicators = append(r.Indicators, value(in))
	}
	held := r.Indicators[1]
	r.Changes = []reports.Change{
		{Code: "consultations.held", Before: &reports.Cell{Value: ptr(70.0)}, After: &held.Total},
		{Code: "consultations.held", Breakdown: catalogue.BreakdownForm, Key: "onsite",
			Before: &reports.Cell{Key: "onsite", Value: ptr(20.0)}, After: &reports.Cell{Key: "onsite", Value: ptr(21.0)}},
		{Code: "consultations.no_show", Breakdown: catalogue.BreakdownRegion, Key: "CZ010",
			Before: nil, After: &reports.Cell{Key: "CZ010", Value: ptr(1.0)}},
	}
	return r
}

func value(in catalogue.Indicator) reports.Value {
	v := reports.Value{Code: in.Code, Unit: in.Unit, Target: in.Target}
	switch {
	case in.Code == "transformation.services_by_phase":
		total := 0
		cells := []reports.Cell{}
		for _, p := range ByPhase {
			total += p.N
			cells = append(cells, reports.Cell{Key: string(p.Phase), Value: ptr(float64(p.N))})
		}
		sortCells(cells)
		v.Total = reports.Cell{Value: ptr(float64(total))}
		v.Breakdowns = []reports.Breakdown{{By: catalogue.BreakdownPhase, Cells: cells},
			{By: catalogue.BreakdownRegion, Cells: split(float64(total), phaseRegions, false, false)}}
		return v
	case in.Code == "transformation.services_transformed":
		v.Total = reports.Cell{Value: ptr(4.0)}
		v.Breakdowns = []reports.Breakdown{{By: catalogue.BreakdownRegion, Cells: []reports.Cell{
			{Key: "CZ020", Value: ptr(2.0)}, {Key: "CZ042", Value: ptr(1.0)}, {Key: "CZ080", Value: ptr(1.0)},
		}}}
		return v
	}
	if m, ok := means[in.Code]; ok {
		v.Total = reports.Cell{Value: ptr(m.v), N: ptr(m.n)}
		for i, b := range in.Breakdowns {
			ks := keysOf(in, b)
			cells := make([]reports.Cell, 0, len(ks))
			for j, k := range split(float64(m.n), ks, true, false) {
				n := int(*k.Value)
				c := reports.Cell{Key: k.Key}
				if n < catalogue.SuppressBelow {
					c.Suppressed = true
				} else {
					// A deterministic spread around the total's value.
					c.Value = ptr(math.Round((m.v+float64((i+j)%3-1)*m.v/20)*100) / 100)
					c.N = ptr(n)
				}
				cells = append(cells, c)
			}
			v.Breakdowns = append(v.Breakdowns, reports.Breakdown{By: b, Cells: cells})
		}
		if in.ChangeFromPreviousMonth {
			v.Previous = &reports.Cell{Value: m.prev}
			if m.prev != nil {
				v.Change = ptr(math.Round((m.v-*m.prev)*100) / 100)
			}
		}
		return v
	}
	total, ok := totals[in.Code]
	if !ok {
		panic(fmt.Sprintf("rendertest: no figure for %s", in.Code))
	}
	v.Total = reports.Cell{Value: ptr(total)}
	whole := in.Unit == catalogue.UnitCount
	for _, b := range in.Breakdowns {
		v.Breakdowns = append(v.Breakdowns, reports.Breakdown{By: b, Cells: split(total, keysOf(in, b), whole, in.CountsPeople)})
	}
	if in.ChangeFromPreviousMonth {
		prev, _ := previous[in.Code]
		if prev == nil {
			v.Previous = &reports.Cell{Suppressed: true}
		} else {
			v.Previous = &reports.Cell{Value: prev}
			v.Change = ptr(total - *prev)
		}
	}
	return v
}

func keysOf(in catalogue.Indicator, b catalogue.Breakdown) []kw {
	if b == catalogue.BreakdownSurvey && in.Code == "surveys.awareness.responses" || b == catalogue.BreakdownSurvey && in.Code == "surveys.awareness.index" {
		return awarenessSurveys
	}
	return keys[b]
}

// split shares total across the keys by weight (largest remainder when
// whole), sorted by key; with people, a cell under SuppressBelow is
// suppressed, and so is the next smallest when it is the only one (so it
// cannot be worked out from the total).
func split(total float64, ks []kw, whole, people bool) []reports.Cell {
	var sum float64
	for _, k := range ks {
		sum += k.w
	}
	vals := make([]float64, len(ks))
	if whole {
		type rem struct {
			i int
			r float64
		}
		left := int(total)
		var rems []rem
		for i, k := range ks {
			exact := total * k.w / sum
			vals[i] = math.Floor(exact)
			left -= int(vals[i])
			rems = append(rems, rem{i, exact - vals[i]})
		}
		sort.SliceStable(rems, func(a, b int) bool { return rems[a].r > rems[b].r })
		for j := 0; j < left; j++ {
			vals[rems[j].i]++
		}
	} else {
		var acc float64
		for i, k := range ks {
			if i == len(ks)-1 {
				vals[i] = math.Round((total-acc)*100) / 100
			} else {
				vals[i] = math.Round(total*k.w/sum*2) / 2
				acc += vals[i]
			}
		}
	}
	cells := make([]reports.Cell, len(ks))
	suppressed := 0
	for i, k := range ks {
		cells[i] = reports.Cell{Key: k.key, Value: ptr(vals[i])}
		if people && vals[i] < catalogue.SuppressBelow {
			cells[i] = reports.Cell{Key: k.key, Suppressed: true}
			suppressed++
		}
	}
	if people && suppressed == 1 {
		small := -1
		for i := range cells {
			if !cells[i].Suppressed && (small < 0 || vals[i] < vals[small]) {
				small = i
			}
		}
		cells[small] = reports.Cell{Key: cells[small].Key, Suppressed: true}
	}
	sortCells(cells)
	return cells
}

func sortCells(cells []reports.Cell) {
	sort.Slice(cells, func(a, b int) bool { return cells[a].Key < cells[b].Key })
}

// copyLabels is a fresh copy of the labels, so a test may change its report's.
func copyLabels() map[catalogue.Breakdown]map[string]catalogue.Text {
	out := make(map[catalogue.Breakdown]map[string]catalogue.Text, len(labels))
	for b, m := range labels {
		out[b] = make(map[string]catalogue.Text, len(m))
		for k, t := range m {
			out[b][k] = t
		}
	}
	return out
}
