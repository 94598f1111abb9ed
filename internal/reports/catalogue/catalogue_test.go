package catalogue

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestShippedCatalogueLoads(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != "2026-11" {
		t.Errorf("version %q", c.Version)
	}
	if len(c.Indicators) != 26 {
		t.Errorf("%d indicators, want 26", len(c.Indicators))
	}
	if MustLoad().Version != c.Version {
		t.Error("MustLoad differs from Load")
	}
	// What issue #11 asks of the catalogue, indicator by indicator.
	for _, code := range []string{
		"consultations.booked", "consultations.held", "consultations.cancelled",
		"consultations.no_show", "consultations.hours_held",
		"events.held", "events.registrations", "events.attendance",
		"events.attendance_rate", "events.participant_hours",
		"participants.gender", "participants.age_band", "participants.disability",
		"surveys.evaluation.responses", "surveys.awareness.responses",
		"surveys.satisfaction.mean", "surveys.satisfaction.nps", "surveys.awareness.index",
		"transformation.services_by_phase",
	} {
		if _, ok := c.Indicator(code); !ok {
			t.Errorf("no indicator %s", code)
		}
	}
	esf := map[string]string{}
	for _, in := range c.Indicators {
		if in.ESF != "" {
			esf[in.ESF] = in.Code
		}
	}
	if esf[ESFPublicAdministrations] != "organisations.public_administrations.cumulative" ||
		esf[ESFEnterprises] != "organisations.providers.cumulative" || len(esf) != 2 {
		t.Errorf("ESF+ entity indicators: %v", esf)
	}
	tr, _ := c.Indicator("transformation.services_transformed")
	if tr.Target == nil || *tr.Target != 40 || !tr.Cumulative {
		t.Errorf("services transformed: target %v, cumulative %v", tr.Target, tr.Cumulative)
	}
	for _, code := range []string{"consultations.held", "consultations.booked", "consultations.no_show", "consultations.cancelled"} {
		in, _ := c.Indicator(code)
		if strings.Join(bds(in.Breakdowns), ",") != "form,region,topic,target_group" {
			t.Errorf("%s breakdowns %v", code, in.Breakdowns)
		}
	}
}

func bds(b []Breakdown) []string {
	s := make([]string, len(b))
	for i, x := range b {
		s[i] = string(x)
	}
	return s
}

func valid() Indicator {
	return Indicator{
		Code:       "consultations.held",
		Name:       Text{CS: "Uskutečněné konzultace", EN: "Consultations held"},
		Definition: Text{CS: "Počet konzultací.", EN: "Consultations."},
		Unit:       UnitCount,
		Activity:   ActivitySupport,
		Sources:    []Source{SourceConsultations},
		Breakdowns: []Breakdown{BreakdownForm, BreakdownRegion},
	}
}

func intp(n int) *int { return &n }

func TestCheck(t *testing.T) {
	cases := []struct {
		name    string
		version string
		change  func(*Indicator)
		extra   func() []Indicator
		want    string // "" = valid
	}{
		{name: "valid", change: func(*Indicator) {}},
		{name: "valid three segments", change: func(in *Indicator) { in.Code = "organisations.providers.cumulative" }},
		{name: "valid longest code", change: func(in *Indicator) { in.Code = "a." + strings.Repeat("b", 62) }},
		{name: "code too long", change: func(in *Indicator) { in.Code = "a." + strings.Repeat("b", 63) }, want: "longer than 64"},
		{name: "code one segment", change: func(in *Indicator) { in.Code = "consultations" }, want: "not dotted"},
		{name: "code upper case", change: func(in *Indicator) { in.Code = "Consultations.held" }, want: "not dotted"},
		{name: "code empty segment", change: func(in *Indicator) { in.Code = "consultations..held" }, want: "not dotted"},
		{name: "code trailing dot", change: func(in *Indicator) { in.Code = "consultations.held." }, want: "not dotted"},
		{name: "code segment starts with digit", change: func(in *Indicator) { in.Code = "consultations.2held" }, want: "not dotted"},
		{name: "code hyphen", change: func(in *Indicator) { in.Code = "consultations.no-show" }, want: "not dotted"},
		{name: "code empty", change: func(in *Indicator) { in.Code = "" }, want: "not dotted"},
		{name: "duplicate code", change: func(*Indicator) {}, extra: func() []Indicator { return []Indicator{valid()} }, want: "duplicate code"},
		{name: "no Czech name", change: func(in *Indicator) { in.Name.CS = " " }, want: "no Czech name"},
		{name: "no English name", change: func(in *Indicator) { in.Name.EN = "" }, want: "no English name"},
		{name: "no Czech definition", change: func(in *Indicator) { in.Definition.CS = "" }, want: "no Czech definition"},
		{name: "no English definition", change: func(in *Indicator) { in.Definition.EN = "\t" }, want: "no English definition"},
		{name: "unknown unit", change: func(in *Indicator) { in.Unit = "euro" }, want: `unknown unit "euro"`},
		{name: "no unit", change: func(in *Indicator) { in.Unit = "" }, want: `unknown unit ""`},
		{name: "valid every unit", change: func(in *Indicator) { in.Unit = UnitIndex }},
		{name: "activity 1", change: func(in *Indicator) { in.Activity = 1 }, want: "unknown activity 1"},
		{name: "activity 6", change: func(in *Indicator) { in.Activity = 6 }, want: "unknown activity 6"},
		{name: "valid activity 5", change: func(in *Indicator) { in.Activity = ActivityEvaluation }},
		{name: "no source", change: func(in *Indicator) { in.Sources = nil }, want: "no source"},
		{name: "unknown source", change: func(in *Indicator) { in.Sources = []Source{"bookings"} }, want: `unknown source "bookings"`},
		{name: "source twice", change: func(in *Indicator) { in.Sources = []Source{SourceEvents, SourceEvents} }, want: `source "events" twice`},
		{name: "valid two sources", change: func(in *Indicator) { in.Sources = []Source{SourceConsultations, SourceRegistrations} }},
		{name: "unknown breakdown", change: func(in *Indicator) { in.Breakdowns = []Breakdown{"district"} }, want: `unknown breakdown "district"`},
		{name: "breakdown twice", change: func(in *Indicator) { in.Breakdowns = []Breakdown{BreakdownRegion, BreakdownRegion} }, want: `breakdown "region" twice`},
		{name: "valid no breakdowns", change: func(in *Indicator) { in.Breakdowns = nil }},
		{name: "valid every breakdown", change: func(in *Indicator) { in.Breakdowns = Breakdowns }},
		{name: "valid cumulative count", change: func(in *Indicator) { in.Cumulative = true }},
		{name: "valid cumulative hours", change: func(in *Indicator) { in.Cumulative, in.Unit = true, UnitHours }},
		{name: "cumulative percent", change: func(in *Indicator) { in.Cumulative, in.Unit = true, UnitPercent }, want: "cumulative but"},
		{name: "cumulative score", change: func(in *Indicator) { in.Cumulative, in.Unit = true, UnitScore }, want: "cumulative but"},
		{name: "valid counts people", change: func(in *Indicator) { in.CountsPeople = true }},
		{name: "counts people in hours", change: func(in *Indicator) { in.CountsPeople, in.Unit = true, UnitHours }, want: "counts people but"},
		{name: "counts people as index", change: func(in *Indicator) { in.CountsPeople, in.Unit = true, UnitIndex }, want: "counts people but"},
		{name: "survey without change", change: func(in *Indicator) { in.Sources = []Source{SourceSurveys} }, want: "needs changeFromPreviousMonth"},
		{name: "valid survey with change", change: func(in *Indicator) {
			in.Sources, in.ChangeFromPreviousMonth = []Source{SourceSurveys}, true
		}},
		{name: "valid target", change: func(in *Indicator) { in.Target = intp(40) }},
		{name: "zero target", change: func(in *Indicator) { in.Target = intp(0) }, want: "target must be"},
		{name: "negative target", change: func(in *Indicator) { in.Target = intp(-1) }, want: "target must be"},
		{name: "target on a percent", change: func(in *Indicator) { in.Target, in.Unit = intp(80), UnitPercent }, want: "target must be"},
		{name: "valid ESF code", change: func(in *Indicator) { in.ESF = ESFPublicAdministrations }},
		{name: "unknown ESF code", change: func(in *Indicator) { in.ESF = "EECO01" }, want: `unknown ESF+ code "EECO01"`},
		{name: "ESF code on hours", change: func(in *Indicator) { in.ESF, in.Unit = ESFEnterprises, UnitHours }, want: "not a count"},
		{name: "ESF code twice", change: func(in *Indicator) { in.ESF = ESFEnterprises }, extra: func() []Indicator {
			o := valid()
			o.Code, o.ESF = "organisations.providers.cumulative", ESFEnterprises
			return []Indicator{o}
		}, want: "ESF+ code EECO19 already on"},
		{name: "bad version", version: "2026-13", change: func(*Indicator) {}, want: "version"},
		{name: "no version", version: "-", change: func(*Indicator) {}, want: "version"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := valid()
			tc.change(&in)
			c := Catalogue{Version: "2026-12", Indicators: []Indicator{in}}
			switch tc.version {
			case "":
			case "-":
				c.Version = ""
			default:
				c.Version = tc.version
			}
			if tc.extra != nil {
				c.Indicators = append(c.Indicators, tc.extra()...)
			}
			err := c.Check()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error with %q, got %v", tc.want, err)
			}
		})
	}
}

func TestCheckNoIndicators(t *testing.T) {
	err := Catalogue{Version: "2026-12"}.Check()
	if err == nil || !strings.Contains(err.Error(), "no indicators") {
		t.Fatalf("got %v", err)
	}
}

func TestCheckReportsEveryProblem(t *testing.T) {
	in := valid()
	in.Unit, in.Activity, in.Name.CS = "euro", 9, ""
	err := Catalogue{Version: "2026-12", Indicators: []Indicator{in}}.Check()
	for _, want := range []string{"unknown unit", "unknown activity", "no Czech name"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in %v", want, err)
		}
	}
}

func TestLoadIsStrict(t *testing.T) {
	good, err := json.Marshal(Catalogue{Version: "2026-12", Indicators: []Indicator{valid()}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(good); err != nil {
		t.Fatalf("valid catalogue: %v", err)
	}
	for name, data := range map[string]string{
		"unknown field":    strings.Replace(string(good), `"unit"`, `"units":"count","unit"`, 1),
		"trailing data":    string(good) + `{}`,
		"not JSON":         `{"version":`,
		"activity as text": strings.Replace(string(good), `"activity":2`, `"activity":"2"`, 1),
		"fails Check":      strings.Replace(string(good), `"unit":"count"`, `"unit":"euro"`, 1),
	} {
		if _, err := Parse([]byte(data)); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}
