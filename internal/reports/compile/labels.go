package compile

import (
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/surveys"
)

// The names of the keys the shared vocabulary (internal/i18n) does not
// hold. Event kinds are internal/workshops' (not imported: it would link
// the workshops' storage and mail into the compiler); the ESF+ answers
// are internal/workshops/esf.go's.
var names = map[catalogue.Breakdown]map[string]catalogue.Text{
	catalogue.BreakdownEventKind: {
		"workshop":    {CS: "Workshop", EN: "Workshop"},
		"forum":       {CS: "Diskuzní fórum", EN: "Discussion forum"},
		"seminar":     {CS: "Seminář", EN: "Seminar"},
		"study_visit": {CS: "Stáž", EN: "Study visit"},
		"webinar":     {CS: "Webinář", EN: "Webinar"},
	},
	catalogue.BreakdownGender: {
		"woman":      {CS: "Žena", EN: "Woman"},
		"man":        {CS: "Muž", EN: "Man"},
		"non_binary": {CS: "Nebinární", EN: "Non-binary"},
	},
	catalogue.BreakdownAgeBand: {
		"18_29":   {CS: "18–29 let", EN: "18–29 years"},
		"30_54":   {CS: "30–54 let", EN: "30–54 years"},
		"55_plus": {CS: "55 let a více", EN: "55 years and over"},
	},
	catalogue.BreakdownDisability: {
		"yes": {CS: "Se zdravotním postižením", EN: "With a disability"},
		"no":  {CS: "Bez zdravotního postižení", EN: "Without a disability"},
	},
}

// NotStatedLabel names the reports.NotStated key.
var NotStatedLabel = catalogue.Text{CS: "neuvedeno", EN: "not stated"}

// labeller collects the names of the keys that appear.
type labeller struct {
	keys    map[catalogue.Breakdown]map[string]bool
	surveys map[string]catalogue.Text
	waves   map[string]catalogue.Text
}

func newLabeller() *labeller {
	return &labeller{keys: map[catalogue.Breakdown]map[string]bool{}, surveys: map[string]catalogue.Text{}, waves: map[string]catalogue.Text{}}
}

func (l *labeller) key(b catalogue.Breakdown, k string) {
	if l.keys[b] == nil {
		l.keys[b] = map[string]bool{}
	}
	l.keys[b][k] = true
}

func (l *labeller) survey(s surveys.Survey) { l.surveys[s.ID] = text(s.Title) }

// wave names a wave; of two versions naming it, the name sorting first
// wins, so that the order of the responses does not matter.
func (l *labeller) wave(w surveys.Wave) {
	t := text(w.Name)
	if old, ok := l.waves[w.Code]; !ok || t.CS < old.CS || (t.CS == old.CS && t.EN < old.EN) {
		l.waves[w.Code] = t
	}
}

func text(t surveys.Text) catalogue.Text {
	en := t.En
	if en == "" {
		en = t.Cs
	}
	return catalogue.Text{CS: t.Cs, EN: en}
}

// labels names every key that appeared; an unknown code names itself.
func (l *labeller) labels() map[catalogue.Breakdown]map[string]catalogue.Text {
	out := map[catalogue.Breakdown]map[string]catalogue.Text{}
	for b, keys := range l.keys {
		out[b] = map[string]catalogue.Text{}
		for k := range keys {
			out[b][k] = l.name(b, k)
		}
	}
	return out
}

func (l *labeller) name(b catalogue.Breakdown, k string) catalogue.Text {
	if k == reports.NotStated {
		return NotStatedLabel
	}
	var t catalogue.Text
	var ok bool
	switch b {
	case catalogue.BreakdownForm, catalogue.BreakdownTopic, catalogue.BreakdownTargetGroup:
		t = catalogue.Text{CS: i18n.Name(i18n.CS, string(b), k), EN: i18n.Name(i18n.EN, string(b), k)}
		ok = true
	case catalogue.BreakdownRegion:
		if cz.IsRegion(k) {
			t, ok = catalogue.Text{CS: cz.RegionName(k, "cs"), EN: cz.RegionName(k, "en")}, true
		}
	case catalogue.BreakdownSurvey:
		t, ok = l.surveys[k]
	case catalogue.BreakdownWave:
		t, ok = l.waves[k]
	case catalogue.BreakdownPhase:
		t, ok = reports.PhaseNames[reports.Phase(k)]
	default:
		t, ok = names[b][k]
	}
	if !ok || t.CS == "" {
		return catalogue.Text{CS: k, EN: k}
	}
	return t
}
