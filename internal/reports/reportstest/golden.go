package reportstest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/surveys"
)

// The golden months: GoldenMonth's facts are in October and November
// 2026.
var (
	October  = cz.Month{Year: 2026, Month: time.October}
	November = cz.Month{Year: 2026, Month: time.November}
)

// The golden surveys' ids.
const (
	EvaluationSurvey = "srv-eval-consultation"
	AwarenessSurvey  = "srv-awareness-2026"
)

// ICO returns a valid IČO (mod-11 check digit) made from n.
func ICO(n int) string {
	d := fmt.Sprintf("%07d", 1000000+n%9000000)
	sum := 0
	for i := 0; i < 7; i++ {
		sum += int(d[i]-'0') * (8 - i)
	}
	return fmt.Sprintf("%s%d", d, (11-sum%11)%10)
}

// GoldenMonth makes a deterministic month of facts for November 2026 with
// October 2026 before it: a few hundred consultations, events with their
// registrations and ESF+ answers, responses to an evaluation and an
// awareness survey, and a register of 12 services across the phases. The
// same seed gives the same facts. It includes the month-boundary cases: a
// consultation at 23:30 Prague on 31 October (October) and at 00:30 on
// 1 November (November).
func GoldenMonth(seed uint64) *MemFacts {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	f := &MemFacts{}
	regions := cz.RegionCodes()
	region := func() string {
		if r.IntN(20) == 0 {
			return ""
		}
		// Prague and a few regions more often, so that some cells are big
		// and others small.
		if r.IntN(3) == 0 {
			return regions[0]
		}
		return regions[r.IntN(len(regions))]
	}
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	forms := []string{string(programme.FormPhone), string(programme.FormOnline), string(programme.FormOnsite)}
	var topics, groups []string
	for _, t := range programme.Topics {
		topics = append(topics, string(t))
	}
	for _, g := range programme.TargetGroups {
		groups = append(groups, string(g))
	}
	group := func() string {
		switch n := r.IntN(20); {
		case n < 8:
			return string(programme.TargetProvider)
		case n < 14:
			return string(programme.TargetPublicAdministration)
		case n < 18:
			return string(programme.TargetClient)
		case n < 19:
			return string(programme.TargetCommunity)
		default:
			return ""
		}
	}
	// Organisations: 60 providers and 30 public administrations, each in
	// one region.
	orgRegion := map[string]string{}
	ico := func(g string) string {
		var n int
		switch programme.TargetGroup(g) {
		case programme.TargetProvider:
			n = 100 + r.IntN(60)
		case programme.TargetPublicAdministration:
			n = 500 + r.IntN(30)
		default:
			return ""
		}
		id := ICO(n)
		if _, ok := orgRegion[id]; !ok {
			orgRegion[id] = region()
		}
		return id
	}
	at := func(m cz.Month, minHour, hours int) time.Time {
		days := cz.DateOf(m.End()).AddDays(-1).Day
		d := cz.Date{Year: m.Year, Month: m.Month, Day: 1 + r.IntN(days)}
		return d.At((minHour+r.IntN(hours))*60 + 30*r.IntN(2))
	}

	for _, mm := range []struct {
		m             cz.Month
		consultations int
		events        int
		eval, aware   int
	}{{October, 140, 10, 40, 60}, {November, 320, 24, 90, 150}} {
		for i := 0; i < mm.consultations; i++ {
			start := at(mm.m, 8, 9)
			g := group()
			c := facts.Consultation{
				Start: start, End: start.Add(time.Duration(30*(1+r.IntN(3))) * time.Minute),
				Form: pick(forms), Topic: pick(topics), TargetGroup: g,
			}
			c.Ico = ico(g)
			if c.Ico != "" {
				c.Region = orgRegion[c.Ico]
			} else {
				c.Region = region()
			}
			switch n := r.IntN(20); {
			case n < 12:
				c.Status = "held"
			case n < 14:
				c.Status = "confirmed"
			case n < 18:
				c.Status = "cancelled"
			default:
				c.Status = "no_show"
			}
			f.Bookings = append(f.Bookings, c)
		}
		kinds := []string{"workshop", "forum", "seminar", "study_visit", "webinar"}
		for i := 0; i < mm.events; i++ {
			start := at(mm.m, 9, 5)
			hours := float64(1+r.IntN(6)) + 0.5*float64(r.IntN(2))
			e := facts.Event{
				ID: fmt.Sprintf("evt-%s-%02d", mm.m, i), Kind: kinds[i%len(kinds)], Region: region(),
				Status: "held", Start: start, End: start.Add(time.Duration(hours * float64(time.Hour))), Hours: hours,
			}
			switch i {
			case 3:
				e.Status = "cancelled"
			case 5:
				e.Status = "published"
			case 7:
				e.Status = "draft"
			}
			if e.Kind == "webinar" {
				e.Region = ""
			}
			n := 4 + r.IntN(26)
			if e.Kind == "study_visit" {
				n = 2 + r.IntN(4) // small: suppressed cells
			}
			var regs []facts.Registration
			for j := 0; j < n+r.IntN(3); j++ {
				g := group()
				reg := facts.Registration{EventID: e.ID, TargetGroup: g, Region: region()}
				reg.Ico = ico(g)
				if reg.Ico != "" {
					reg.Region = orgRegion[reg.Ico]
				}
				switch k := r.IntN(20); {
				case e.Status == "cancelled":
					reg.Status = "cancelled"
				case j >= n:
					reg.Status, reg.WalkIn, reg.CheckedIn = "attended", true, true
				case k < 13:
					reg.Status, reg.CheckedIn = "attended", true
				case k < 16:
					reg.Status = "no_show"
				case k < 17:
					reg.Status = "waitlisted"
				case k < 18:
					reg.Status = "offered"
				default:
					reg.Status = "cancelled"
				}
				regs = append(regs, reg)
				// ESF+ answers: two in three registrants give some.
				if reg.Status != "cancelled" && r.IntN(3) < 2 {
					genders := []string{"woman", "woman", "man", "man", ""}
					if r.IntN(40) == 0 {
						genders = []string{"non_binary"} // rare: a suppressed cell
					}
					ages := []string{"18_29", "30_54", "30_54", "55_plus", ""}
					dis := []string{"yes", "no", "no", "no", ""}
					f.EsfList = append(f.EsfList, EsfFacts{Month: mm.m, Answer: facts.EsfAnswer{
						EventID: e.ID, Gender: pick(genders), AgeBand: pick(ages), Disability: pick(dis),
						Attended: reg.CheckedIn,
					}})
				}
			}
			f.EventList = append(f.EventList, EventFacts{Event: e, Registrations: regs})
		}
		f.SurveyList = appendResponses(f.SurveyList, r, mm.m, mm.eval, mm.aware, group)
	}
	// The month boundary: 23:30 Prague on 31 October is October, 00:30 on
	// 1 November is November (both 23:30 UTC: CET is UTC+1).
	f.Bookings = append(f.Bookings,
		facts.Consultation{Start: time.Date(2026, 10, 31, 23, 30, 0, 0, cz.Prague), End: time.Date(2026, 11, 1, 0, 30, 0, 0, cz.Prague),
			Status: "held", Form: "online", Topic: "financing", TargetGroup: "provider", Region: "CZ064", Ico: ICO(990)},
		facts.Consultation{Start: time.Date(2026, 11, 1, 0, 30, 0, 0, cz.Prague), End: time.Date(2026, 11, 1, 1, 30, 0, 0, cz.Prague),
			Status: "held", Form: "online", Topic: "financing", TargetGroup: "provider", Region: "CZ064", Ico: ICO(991)},
	)
	// An organisation seen twice in November with another kind and region:
	// the first record (the earlier one) decides.
	f.Bookings = append(f.Bookings,
		facts.Consultation{Start: time.Date(2026, 11, 5, 9, 0, 0, 0, cz.Prague), End: time.Date(2026, 11, 5, 10, 0, 0, 0, cz.Prague),
			Status: "held", Form: "phone", Topic: "other", TargetGroup: "provider", Region: "CZ053", Ico: ICO(995)},
		facts.Consultation{Start: time.Date(2026, 11, 20, 9, 0, 0, 0, cz.Prague), End: time.Date(2026, 11, 20, 10, 0, 0, 0, cz.Prague),
			Status: "held", Form: "phone", Topic: "other", TargetGroup: "public_administration", Region: "CZ071", Ico: ICO(995)},
	)
	f.Register = goldenRegister()
	return f
}

func likertScale() []surveys.ScaleLabel {
	labels := []surveys.Text{
		{Cs: "Rozhodně ne", En: "Strongly disagree"}, {Cs: "Spíše ne", En: "Disagree"},
		{Cs: "Nevím", En: "Neither"}, {Cs: "Spíše ano", En: "Agree"}, {Cs: "Rozhodně ano", En: "Strongly agree"},
	}
	out := make([]surveys.ScaleLabel, len(labels))
	for i, l := range labels {
		out[i] = surveys.ScaleLabel{Label: l}
	}
	return out
}

// GoldenSurveys are the two surveys of GoldenMonth with their versions
// (the evaluation survey has two), without responses.
func GoldenSurveys() []SurveyData {
	created := time.Date(2026, 9, 20, 10, 0, 0, 0, time.UTC)
	evalV1 := surveys.Definition{
		Kind: surveys.KindEvaluation, Audience: surveys.AudienceConsultation,
		Title: surveys.Text{Cs: "Hodnocení konzultace", En: "Consultation evaluation"},
		Intro: surveys.Text{Cs: "Jak jste byli spokojeni s konzultací?", En: "How satisfied were you with the consultation?"},
		Questions: []surveys.Question{
			{Var: "q1_satisfaction", Type: surveys.Likert, Required: true, Scale: likertScale(),
				Text: surveys.Text{Cs: "Jak jste celkově spokojeni?", En: "How satisfied are you overall?"}},
			{Var: "q2_recommend", Type: surveys.NPS, Required: true,
				Text: surveys.Text{Cs: "Doporučili byste program?", En: "Would you recommend the programme?"}},
			{Var: "q3_comment", Type: surveys.LongText, Text: surveys.Text{Cs: "Co zlepšit?", En: "What to improve?"}},
		},
	}
	evalV2 := evalV1
	evalV2.Questions = append([]surveys.Question{
		{Var: "q0_useful", Type: surveys.Likert, Scale: likertScale(),
			Text: surveys.Text{Cs: "Byla konzultace užitečná?", En: "Was the consultation useful?"}},
	}, evalV1.Questions...)
	ageMin, ageMax := 15.0, 110.0
	aware := surveys.Definition{
		Kind:  surveys.KindAwareness,
		Title: surveys.Text{Cs: "Povědomí o transformaci sociálních služeb", En: "Awareness of the transformation of social services"},
		Intro: surveys.Text{Cs: "Krátký anonymní dotazník.", En: "A short anonymous survey."},
		Waves: []surveys.Wave{
			{Code: "baseline", Name: surveys.Text{Cs: "Výchozí vlna", En: "Baseline"}, From: "2026-10-01", To: "2026-11-15"},
			{Code: "midterm", Name: surveys.Text{Cs: "Průběžná vlna", En: "Mid-term"}, From: "2026-11-16", To: "2027-06-30"},
		},
		Questions: []surveys.Question{
			{Var: "a1_heard", Type: surveys.Likert, Required: true, Scale: likertScale(),
				Text: surveys.Text{Cs: "Slyšel(a) jsem o transformaci sociálních služeb.", En: "I have heard of the transformation of social services."}},
			{Var: "a2", Type: surveys.LikertMatrix, Scale: likertScale(),
				Text: surveys.Text{Cs: "Nakolik souhlasíte?", En: "How far do you agree?"},
				Items: []surveys.Item{
					{Var: "a2_community", Text: surveys.Text{Cs: "Služby mají být v komunitě.", En: "Services belong in the community."}},
					{Var: "a2_choice", Text: surveys.Text{Cs: "Lidé si mají vybrat, kde žijí.", En: "People should choose where they live."}},
					{Var: "a2_know", Text: surveys.Text{Cs: "Vím, kde hledat pomoc.", En: "I know where to find help."}},
				}},
			{Var: "a3_age", Type: surveys.Number, Text: surveys.Text{Cs: "Věk", En: "Age"}, Min: &ageMin, Max: &ageMax, Integer: true},
		},
	}
	version := func(id string, n int, d surveys.Definition) surveys.Version {
		return surveys.Version{Survey: id, Number: n, Definition: d, CreatedAt: created, PublishedAt: created.Add(time.Hour), CreatedBy: "staff-1"}
	}
	return []SurveyData{
		{
			Survey: surveys.Survey{ID: EvaluationSurvey, Kind: surveys.KindEvaluation, Audience: surveys.AudienceConsultation,
				Title: evalV2.Title, Status: surveys.StatusOpen, Latest: 2, Published: 2, CreatedAt: created, UpdatedAt: created, CreatedBy: "staff-1"},
			Versions: []surveys.Version{version(EvaluationSurvey, 1, evalV1), version(EvaluationSurvey, 2, evalV2)},
		},
		{
			Survey: surveys.Survey{ID: AwarenessSurvey, Kind: surveys.KindAwareness, Title: aware.Title,
				Status: surveys.StatusOpen, Latest: 1, Published: 1, CreatedAt: created, UpdatedAt: created, CreatedBy: "staff-1"},
			Versions: []surveys.Version{version(AwarenessSurvey, 1, aware)},
		},
	}
}

func appendResponses(list []SurveyData, r *rand.Rand, m cz.Month, eval, aware int, group func() string) []SurveyData {
	if list == nil {
		list = GoldenSurveys()
	}
	code := func(v int) surveys.Value { return surveys.Value{Codes: []int{v}} }
	likert := func() int { // skewed toward agreement
		return []int{1, 2, 3, 3, 4, 4, 4, 5, 5, 5}[r.IntN(10)]
	}
	for i := 0; i < eval; i++ {
		v := 1
		if m == November && i%3 != 0 {
			v = 2
		}
		resp := surveys.Response{
			ID: fmt.Sprintf("%032x", r.Uint64()), Survey: EvaluationSurvey, Version: v, Month: m.String(),
			Context: surveys.Context{Source: surveys.SourceConsultation, Form: "online", TargetGroup: group(), Region: "CZ010"},
			Values:  map[string]surveys.Value{"q1_satisfaction": code(likert()), "q2_recommend": code(r.IntN(11))},
		}
		if v == 2 {
			resp.Values["q0_useful"] = code(likert())
		}
		if i%7 == 0 {
			resp.EasyRead = true
			resp.Values["q1_satisfaction"] = code([]int{1, 3, 5}[r.IntN(3)])
		}
		list[0].Responses = append(list[0].Responses, resp)
	}
	for i := 0; i < aware; i++ {
		wave := "baseline"
		if m == November && i%2 == 0 {
			wave = "midterm"
		}
		resp := surveys.Response{
			ID: fmt.Sprintf("%032x", r.Uint64()), Survey: AwarenessSurvey, Version: 1, Month: m.String(),
			Context: surveys.Context{Source: surveys.SourcePublic, TargetGroup: group(), Region: "CZ020", Wave: wave},
			Values:  map[string]surveys.Value{"a1_heard": code(likert())},
		}
		for _, item := range []string{"a2_community", "a2_choice", "a2_know"} {
			if r.IntN(4) > 0 {
				resp.Values[item] = code(likert())
			}
		}
		if i%5 == 0 {
			a := float64(20 + r.IntN(50))
			resp.Values["a3_age"] = surveys.Value{Number: &a}
		}
		list[1].Responses = append(list[1].Responses, resp)
	}
	return list
}

// goldenRegister is 12 services across the phases, with dated histories
// from October to December 2026 (a step after November does not count in
// November's figures).
func goldenRegister() []reports.Service {
	type step struct {
		p reports.Phase
		d string
	}
	rec := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	mk := func(i int, name, region string, steps ...step) reports.Service {
		s := reports.Service{ID: fmt.Sprintf("svc-%02d", i), Name: name, Ico: ICO(100 + i), Region: region,
			RegistryID: fmt.Sprintf("%07d", 4100000+i*37), Version: len(steps)}
		for _, st := range steps {
			d, err := cz.ParseDate(st.d)
			if err != nil {
				panic(err)
			}
			s.History = append(s.History, reports.PhaseChange{Phase: st.p, Date: d, At: rec, By: "staff-admin"})
			s.Phase = st.p
		}
		return s
	}
	j, pd, pa, im, tr := reports.PhaseJoined, reports.PhasePlanDrafted, reports.PhasePlanApproved, reports.PhaseImplementation, reports.PhaseTransformed
	return []reports.Service{
		mk(1, "Domov Slunce", "CZ010", step{j, "2026-10-02"}, step{pd, "2026-10-10"}, step{pa, "2026-10-20"}, step{im, "2026-10-25"}, step{tr, "2026-10-30"}),
		mk(2, "Domov Na Kopci", "CZ020", step{j, "2026-10-05"}, step{pd, "2026-10-15"}, step{pa, "2026-10-28"}, step{im, "2026-11-02"}, step{tr, "2026-11-20"}),
		mk(3, "Chráněné bydlení Lípa", "CZ064", step{j, "2026-10-06"}, step{pd, "2026-10-18"}, step{pa, "2026-11-03"}, step{im, "2026-11-10"}, step{tr, "2026-11-30"}),
		mk(4, "Centrum Duha", "CZ064", step{j, "2026-10-07"}, step{pd, "2026-11-05"}, step{pa, "2026-11-25"}, step{im, "2026-12-03"}),
		mk(5, "Domov pod Lesem", "CZ080", step{j, "2026-10-12"}, step{pd, "2026-11-12"}),
		mk(6, "Sociální služby Města Hora", "CZ080", step{j, "2026-10-14"}, step{pd, "2026-11-20"}, step{pa, "2026-12-01"}),
		mk(7, "Domov U Potoka", "CZ031", step{j, "2026-10-20"}),
		mk(8, "Podpora samostatného bydlení Most", "CZ042", step{j, "2026-11-01"}),
		mk(9, "Domov Zahrada", "CZ042", step{j, "2026-11-04"}, step{pd, "2026-11-28"}),
		mk(10, "Týdenní stacionář Klas", "CZ052", step{j, "2026-11-18"}),
		mk(11, "Domov Svatý Jan", "", step{j, "2026-11-30"}),
		mk(12, "Denní centrum Paprsek", "CZ010", step{j, "2026-12-02"}),
	}
}
