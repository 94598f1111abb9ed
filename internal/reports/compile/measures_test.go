package compile

import (
	"testing"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/reportstest"
	"github.com/mpsv/brana/internal/surveys"
)

func TestSurveyMeasures(t *testing.T) {
	f := &reportstest.MemFacts{SurveyList: reportstest.GoldenSurveys()}
	codes := func(vars ...any) map[string]surveys.Value {
		out := map[string]surveys.Value{}
		for i := 0; i < len(vars); i += 2 {
			out[vars[i].(string)] = surveys.Value{Codes: []int{vars[i+1].(int)}}
		}
		return out
	}
	eval := func(group string, version int, values map[string]surveys.Value) {
		f.SurveyList[0].Responses = append(f.SurveyList[0].Responses, surveys.Response{
			ID: "x", Survey: reportstest.EvaluationSurvey, Version: version, Month: "2026-11",
			Context: surveys.Context{Source: surveys.SourceConsultation, TargetGroup: group}, Values: values})
	}
	// provider: satisfaction 5 4 3 5 5, NPS 10 9 8 6 0.
	for i, s := range []int{5, 4, 3, 5, 5} {
		eval("provider", 1, codes("q1_satisfaction", s, "q2_recommend", []int{10, 9, 8, 6, 0}[i]))
	}
	// client: two responses, satisfaction 1 2, NPS 10 10.
	eval("client", 1, codes("q1_satisfaction", 1, "q2_recommend", 10))
	eval("client", 2, codes("q1_satisfaction", 2, "q2_recommend", 10, "q0_useful", 5))
	// public administration: six, satisfaction 4, NPS 9; and one that
	// answered neither (it counts as a response only).
	for i := 0; i < 6; i++ {
		eval("public_administration", 2, codes("q0_useful", 1, "q1_satisfaction", 4, "q2_recommend", 9))
	}
	eval("public_administration", 2, codes("q0_useful", 3))

	aware := func(wave string, values map[string]surveys.Value) {
		f.SurveyList[1].Responses = append(f.SurveyList[1].Responses, surveys.Response{
			ID: "y", Survey: reportstest.AwarenessSurvey, Version: 1, Month: "2026-11",
			Context: surveys.Context{Source: surveys.SourcePublic, TargetGroup: "provider", Wave: wave}, Values: values})
	}
	aware("baseline", codes("a1_heard", 5, "a2_community", 1, "a2_choice", 3)) // (4+0+2)/12 = 50
	aware("baseline", codes("a1_heard", 4))                                    // 75
	aware("baseline", codes("a1_heard", 1))                                    // 0
	aware("baseline", codes("a2_know", 5))                                     // 100
	aware("baseline", codes("a1_heard", 3, "a2_community", 4))                 // 62.5
	age := 40.0
	aware("baseline", map[string]surveys.Value{"a3_age": {Number: &age}}) // no Likert answer
	for i := 0; i < 6; i++ {
		aware("midterm", codes("a1_heard", 5)) // 100
	}

	fifty, seven := 50.0, 7
	prev := &reports.Report{Month: reportstest.October, Indicators: []reports.Value{
		{Code: codeAwarenessIndex, Total: reports.Cell{Value: &fifty, N: &seven}},
		{Code: codeSatisfaction, Total: reports.Cell{Suppressed: true}},
		{Code: codeEvalResponses, Total: reports.Cell{Value: &fifty}},
	}}
	_, octSnap := compileMonth(t, reportstest.October, f, reports.Snapshot{}, nil) // no responses in October
	r, _ := compileMonth(t, reportstest.November, f, octSnap, prev)

	check := func(name string, c reports.Cell, want float64, n int) {
		t.Helper()
		if c.Value == nil || *c.Value != want || c.N == nil || *c.N != n {
			t.Errorf("%s: got %+v, want %v over %d", name, c, want, n)
		}
	}
	sat := value(t, r, codeSatisfaction)
	check("mean satisfaction", sat.Total, 3.77, 13) // 49 / 13
	nps := value(t, r, codeNPS)
	check("NPS", nps.Total, 61.5, 13) // (10 promoters − 2 detractors) / 13
	pa, _ := cellOf(t, sat, catalogue.BreakdownTargetGroup, "public_administration")
	check("public administrations' satisfaction", pa, 4, 6)
	paNPS, _ := cellOf(t, nps, catalogue.BreakdownTargetGroup, "public_administration")
	check("public administrations' NPS", paNPS, 100, 6)
	for _, k := range []string{"client", "provider"} { // client: 2 people; provider: the complement
		if c, _ := cellOf(t, sat, catalogue.BreakdownTargetGroup, k); !c.Suppressed {
			t.Errorf("%s satisfaction %+v, want suppressed", k, c)
		}
	}
	if got := num(t, value(t, r, codeEvalResponses).Total); got != 14 {
		t.Errorf("evaluation responses %v, want 14", got)
	}

	idx := value(t, r, codeAwarenessIndex)
	check("awareness index", idx.Total, 80.7, 11) // (50+75+0+100+62.5 + 6×100) / 11 = 80.68…
	base, _ := cellOf(t, idx, catalogue.BreakdownWave, "baseline")
	check("awareness index, baseline", base, 57.5, 5)
	mid, _ := cellOf(t, idx, catalogue.BreakdownWave, "midterm")
	check("awareness index, midterm", mid, 100, 6)
	if got := num(t, value(t, r, codeAwareResponses).Total); got != 12 {
		t.Errorf("awareness responses %v, want 12", got)
	}

	t.Run("the change from the month before", func(t *testing.T) {
		if idx.Previous == nil || *idx.Previous.Value != 50 || idx.Change == nil || *idx.Change != 30.7 {
			t.Errorf("index previous %+v change %v", idx.Previous, idx.Change)
		}
		if sat.Previous == nil || !sat.Previous.Suppressed || sat.Change != nil {
			t.Errorf("a suppressed previous month has no change: previous %+v change %v", sat.Previous, sat.Change)
		}
		if v := value(t, r, codeEvalResponses); v.Change == nil || *v.Change != -36 {
			t.Errorf("responses change %v, want −36", v.Change)
		}
		if nps.Previous != nil || nps.Change != nil {
			t.Errorf("no NPS in the month before: previous %+v change %v", nps.Previous, nps.Change)
		}
		if v := value(t, r, codeHeld); v.Previous != nil {
			t.Error("an indicator without changeFromPreviousMonth has no previous")
		}
	})
	t.Run("labels name the surveys and waves", func(t *testing.T) {
		if l := r.Labels[catalogue.BreakdownSurvey][reportstest.AwarenessSurvey]; l.CS != "Povědomí o transformaci sociálních služeb" || l.EN == "" {
			t.Errorf("survey label %+v", l)
		}
		if l := r.Labels[catalogue.BreakdownWave]["midterm"]; l.CS != "Průběžná vlna" || l.EN != "Mid-term" {
			t.Errorf("wave label %+v", l)
		}
		if l := r.Labels[catalogue.BreakdownTargetGroup][reports.NotStated]; l != (catalogue.Text{}) && l.CS != "neuvedeno" {
			t.Errorf("not stated %+v", l)
		}
	})
}

func TestTransformationBurnUp(t *testing.T) {
	type step struct {
		p reports.Phase
		d string
	}
	svc := func(id, region string, steps ...step) reports.Service {
		s := reports.Service{ID: id, Name: id, Region: region}
		for _, st := range steps {
			d, err := cz.ParseDate(st.d)
			if err != nil {
				t.Fatal(err)
			}
			s.History = append(s.History, reports.PhaseChange{Phase: st.p, Date: d})
			s.Phase = st.p
		}
		return s
	}
	j, pd, pa, tr := reports.PhaseJoined, reports.PhasePlanDrafted, reports.PhasePlanApproved, reports.PhaseTransformed
	s1 := svc("s1", "CZ010", step{j, "2026-11-01"}, step{tr, "2026-11-30"}) // transformed on November's last day
	f := &reportstest.MemFacts{Register: []reports.Service{
		s1, s1, // handed over twice: counts once
		svc("s2", "CZ020", step{j, "2026-11-02"}, step{pd, "2026-12-01"}, step{tr, "2026-12-31"}),
		svc("s3", "", step{j, "2026-12-31"}),
		svc("s4", "CZ010", step{j, "2027-01-01"}), // joins after December
		svc("s5", "CZ010", step{j, "2026-11-10"}, step{pa, "2026-12-15"}),
	}}
	dec := cz.Month{Year: 2026, Month: time.December}
	r, _ := compileMonth(t, dec, f, reports.Snapshot{Month: reportstest.November}, nil)
	want := reports.Transformation{Target: 40,
		ByPhase: []reports.PhaseCount{{Phase: j, N: 1}, {Phase: pd}, {Phase: pa, N: 1}, {Phase: reports.PhaseImplementation}, {Phase: tr, N: 2}},
		BurnUp:  []reports.MonthCount{{Month: reportstest.October, N: 0}, {Month: reportstest.November, N: 1}, {Month: dec, N: 2}},
	}
	if got := r.Transformation; fmtT(got) != fmtT(want) {
		t.Errorf("transformation\n got %s\nwant %s", fmtT(got), fmtT(want))
	}
	byPhase := value(t, r, codeServicesByPhase)
	if num(t, byPhase.Total) != 4 {
		t.Errorf("services by phase total %v, want 4", num(t, byPhase.Total))
	}
	if c, _ := cellOf(t, byPhase, catalogue.BreakdownRegion, reports.NotStated); num(t, c) != 1 {
		t.Errorf("a service without a region is not stated: %+v", c)
	}
	done := value(t, r, codeTransformed)
	if num(t, done.Total) != 2 || done.Target == nil || *done.Target != reports.TransformationTarget {
		t.Errorf("transformed %+v target %v, want 2 against 40", done.Total, done.Target)
	}
	oct, nov, _ := compileTwo(t, f)
	if got := oct.Transformation.BurnUp; len(got) != 1 || got[0].Month != reportstest.October || got[0].N != 0 {
		t.Errorf("October's burn-up %+v, want one month (October) with 0", got)
	}
	if got := nov.Transformation.BurnUp; len(got) != 2 || got[0].N != 0 || got[1].Month != reportstest.November || got[1].N != 1 {
		t.Errorf("November's burn-up %+v, want October with 0 and November with 1", got)
	}
	if len(r.Labels[catalogue.BreakdownPhase]) != len(reports.Phases) || r.Labels[catalogue.BreakdownPhase]["plan_approved"].CS != "Plán schválen" {
		t.Errorf("phase labels %+v", r.Labels[catalogue.BreakdownPhase])
	}
}

func fmtT(t reports.Transformation) string {
	b, _ := reports.EncodeJSON(reports.Report{Transformation: t, Month: reportstest.November})
	return string(b)
}

func TestLastDay(t *testing.T) {
	for m, want := range map[cz.Month]string{
		{Year: 2026, Month: time.October}:  "2026-10-31", // the month DST ends
		{Year: 2027, Month: time.March}:    "2027-03-31", // the month DST starts
		{Year: 2028, Month: time.February}: "2028-02-29",
	} {
		if got := lastDay(m).String(); got != want {
			t.Errorf("last day of %s: got %s, want %s", m, got, want)
		}
	}
}
