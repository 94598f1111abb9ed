package surveys

import (
	"slices"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/i18n"
)

func ptr[T any](v T) *T { return &v }

func cs(s string) Text { return Text{Cs: s} }

func scale() []ScaleLabel {
	return []ScaleLabel{
		{Label: cs("Rozhodně nesouhlasím")}, {Label: cs("Spíše nesouhlasím")}, {Label: cs("Nevím")},
		{Label: cs("Spíše souhlasím")}, {Label: cs("Rozhodně souhlasím")},
	}
}

// sample is a sound awareness definition with one question of every type.
func sample() Definition {
	return Definition{
		Kind:  KindAwareness,
		Title: Text{Cs: "Povědomí o transformaci", En: "Awareness of transformation"},
		Intro: cs("Děkujeme, že odpovíte.\nZabere to pět minut."),
		Waves: []Wave{
			{Code: "baseline", Name: cs("Výchozí"), From: "2026-11-01", To: "2026-12-31"},
			{Code: "final", Name: cs("Závěrečná"), From: "2028-01-01", To: "2028-02-29"},
		},
		Questions: []Question{
			{Var: "q1_heard", Type: YesNo, Text: cs("Slyšeli jste o transformaci?"), Required: true},
			{Var: "q2_source", Type: MultipleChoice, Text: cs("Odkud?"), ShowIf: &Condition{Var: "q1_heard", AnyOf: []int{YesCode}},
				Options: []Option{{Code: 1, Label: cs("Média")}, {Code: 2, Label: cs("Práce"), EasyRead: ptr(cs("V práci"))}, {Code: 3, Label: cs("Známí")}}, MinChoices: 1, MaxChoices: 2},
			{Var: "q3_role", Type: SingleChoice, Text: cs("Kdo jste?"), Options: []Option{{Code: 1, Label: cs("Klient")}, {Code: 2, Label: cs("Pracovník")}}},
			{Var: "q4_agree", Type: Likert, Text: cs("Souhlasíte?"), Scale: scale()},
			{Var: "q5_matrix", Type: LikertMatrix, Text: cs("Posuďte"), Scale: scale(),
				Items: []Item{{Var: "q5_a", Text: cs("A")}, {Var: "q5_b", Text: cs("B")}}},
			{Var: "q6_nps", Type: NPS, Text: cs("Doporučili byste?")},
			{Var: "q7_age", Type: Number, Text: cs("Věk"), Min: ptr(15.0), Max: ptr(120.0), Integer: true},
			{Var: "q8_word", Type: ShortText, Text: cs("Jedním slovem")},
			{Var: "q9_note", Type: LongText, Text: cs("Poznámka"), ShowIf: &Condition{Var: "q4_agree", AnyOf: []int{1, 2}}},
		},
	}
}

func fields(errs []apperr.FieldError) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Field + ":" + e.Rule
	}
	return out
}

func TestCheckAcceptsSoundDefinitions(t *testing.T) {
	if errs := Check(sample()); len(errs) > 0 {
		t.Fatalf("got %v, want none", fields(errs))
	}
	d := sample()
	d.Kind, d.Audience, d.Waves = KindEvaluation, AudienceConsultation, nil
	if errs := Check(d); len(errs) > 0 {
		t.Fatalf("evaluation: got %v, want none", fields(errs))
	}
}

func TestCheckRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *Definition)
		want   string // field:rule
	}{
		{"an unknown kind", func(d *Definition) { d.Kind = "poll" }, "kind:oneof"},
		{"a missing Czech title", func(d *Definition) { d.Title.Cs = " " }, "title.cs:required"},
		{"a title with a line break", func(d *Definition) { d.Title.Cs = "A\nB" }, "title.cs:line"},
		{"an English title with a bidi override", func(d *Definition) { d.Title.En = "A\u202eB" }, "title.en:line"},
		{"an untrimmed intro", func(d *Definition) { d.Intro.Cs = "Ahoj " }, "intro.cs:survey_trimmed"},
		{"a missing intro", func(d *Definition) { d.Intro.Cs = "" }, "intro.cs:required"},
		{"an intro with a control character", func(d *Definition) { d.Intro.Cs = "A\x07" }, "intro.cs:text"},
		{"a too long title", func(d *Definition) { d.Title.Cs = strings.Repeat("á", MaxTitleLen+1) }, "title.cs:max"},
		{"an easy intro without Czech", func(d *Definition) { d.EasyIntro = &Text{En: "Hi"} }, "easyIntro.cs:required"},
		{"an audience on an awareness survey", func(d *Definition) { d.Audience = AudienceEvent }, "audience:survey_excluded"},
		{"an evaluation survey without audience", func(d *Definition) { d.Kind, d.Waves = KindEvaluation, nil }, "audience:required"},
		{"an unknown audience", func(d *Definition) { d.Kind, d.Waves, d.Audience = KindEvaluation, nil, "x" }, "audience:oneof"},
		{"waves on an evaluation survey", func(d *Definition) { d.Kind, d.Audience = KindEvaluation, AudienceEvent }, "waves:survey_excluded"},
		{"an awareness survey without waves", func(d *Definition) { d.Waves = nil }, "waves:required"},
		{"a repeated wave code", func(d *Definition) { d.Waves[1].Code = "baseline" }, "waves[1].code:unique"},
		{"a malformed wave code", func(d *Definition) { d.Waves[0].Code = "Base line" }, "waves[0].code:survey_wave_code"},
		{"a wave without a name", func(d *Definition) { d.Waves[0].Name = Text{} }, "waves[0].name.cs:required"},
		{"a malformed date", func(d *Definition) { d.Waves[0].From = "2026-13-01" }, "waves[0].from:date"},
		{"an impossible date", func(d *Definition) { d.Waves[1].To = "2027-02-29" }, "waves[1].to:date"},
		{"a wave ending before it starts", func(d *Definition) { d.Waves[0].To = "2026-10-31" }, "waves[0].to:range"},
		{"overlapping waves", func(d *Definition) { d.Waves[1].From = "2026-12-31" }, "waves[1].from:overlap"},
		{"overlapping waves out of order", func(d *Definition) {
			d.Waves[0], d.Waves[1] = d.Waves[1], d.Waves[0]
			d.Waves[0].From = "2026-12-01"
		}, "waves[0].from:overlap"},
		{"no questions", func(d *Definition) { d.Questions = nil }, "questions:required"},
		{"too many questions", func(d *Definition) {
			for len(d.Questions) <= MaxQuestions {
				q := d.Questions[2]
				q.Var = "x" + strings.Repeat("y", len(d.Questions)%30) + string(rune('a'+len(d.Questions)/30))
				d.Questions = append(d.Questions, q)
			}
		}, "questions:survey_count"},
		{"a malformed variable", func(d *Definition) { d.Questions[3].Var = "3q" }, "questions[3].var:survey_var"},
		{"an upper-case variable", func(d *Definition) { d.Questions[3].Var = "Q3" }, "questions[3].var:survey_var"},
		{"a too long variable", func(d *Definition) { d.Questions[3].Var = "q" + strings.Repeat("x", 40) }, "questions[3].var:survey_var"},
		{"a repeated variable", func(d *Definition) { d.Questions[3].Var = "q1_heard" }, "questions[3].var:unique"},
		{"a matrix item repeating a question's variable", func(d *Definition) { d.Questions[4].Items[1].Var = "q8_word" }, "questions[7].var:unique"},
		{"a matrix item repeating its own question's variable", func(d *Definition) { d.Questions[4].Items[0].Var = "q5_matrix" }, "questions[4].items[0].var:unique"},
		{"a malformed matrix item variable", func(d *Definition) { d.Questions[4].Items[0].Var = "a-b" }, "questions[4].items[0].var:survey_var"},
		{"an unknown type", func(d *Definition) { d.Questions[2].Type = "ranking" }, "questions[2].type:oneof"},
		{"a question without text", func(d *Definition) { d.Questions[2].Text = Text{} }, "questions[2].text.cs:required"},
		{"an easy-read question text without Czech", func(d *Definition) { d.Questions[2].EasyRead = &Text{} }, "questions[2].easyRead.cs:required"},
		{"a help with a control character", func(d *Definition) { d.Questions[2].Help = ptr(cs("a\x1b")) }, "questions[2].help.cs:text"},
		{"a choice with one option", func(d *Definition) { d.Questions[2].Options = d.Questions[2].Options[:1] }, "questions[2].options:survey_count"},
		{"a choice without options", func(d *Definition) { d.Questions[2].Options = nil }, "questions[2].options:required"},
		{"a choice with 51 options", func(d *Definition) {
			for i := range 51 {
				d.Questions[2].Options = append(d.Questions[2].Options, Option{Code: 10 + i, Label: cs("x")})
			}
		}, "questions[2].options:survey_count"},
		{"a repeated option code", func(d *Definition) { d.Questions[3-1].Options[1].Code = 1 }, "questions[2].options[1].code:unique"},
		{"a negative option code", func(d *Definition) { d.Questions[1].Options[1].Code = -1 }, "questions[1].options[1].code:gte"},
		{"an option without a label", func(d *Definition) { d.Questions[1].Options[0].Label = Text{En: "Media"} }, "questions[1].options[0].label.cs:required"},
		{"an option's easy-read label with a line break", func(d *Definition) { d.Questions[1].Options[1].EasyRead = ptr(cs("V\npráci")) }, "questions[1].options[1].easyRead.cs:line"},
		{"min choices on a single choice", func(d *Definition) { d.Questions[2].MinChoices = 1 }, "questions[2].minChoices:survey_excluded"},
		{"max choices on a single choice", func(d *Definition) { d.Questions[2].MaxChoices = 1 }, "questions[2].maxChoices:survey_excluded"},
		{"negative min choices", func(d *Definition) { d.Questions[1].MinChoices = -1 }, "questions[1].minChoices:gte"},
		{"more min choices than options", func(d *Definition) { d.Questions[1].MinChoices, d.Questions[1].MaxChoices = 4, 0 }, "questions[1].minChoices:lte"},
		{"more max choices than options", func(d *Definition) { d.Questions[1].MaxChoices = 4 }, "questions[1].maxChoices:lte"},
		{"max choices below min choices", func(d *Definition) { d.Questions[1].MinChoices, d.Questions[1].MaxChoices = 3, 2 }, "questions[1].maxChoices:survey_min_max"},
		{"a Likert scale of 4", func(d *Definition) { d.Questions[3].Scale = d.Questions[3].Scale[:4] }, "questions[3].scale:survey_scale"},
		{"a Likert without a scale", func(d *Definition) { d.Questions[3].Scale = nil }, "questions[3].scale:survey_scale"},
		{"a scale label without Czech", func(d *Definition) { d.Questions[3].Scale[2].Label = Text{} }, "questions[3].scale[2].label.cs:required"},
		{"a scale label's easy-read text without Czech", func(d *Definition) { d.Questions[4].Scale[0].EasyRead = &Text{} }, "questions[4].scale[0].easyRead.cs:required"},
		{"options on a Likert", func(d *Definition) { d.Questions[3].Options = d.Questions[2].Options }, "questions[3].options:survey_excluded"},
		{"items on a Likert", func(d *Definition) { d.Questions[3].Items = d.Questions[4].Items }, "questions[3].items:survey_excluded"},
		{"a matrix of one item", func(d *Definition) { d.Questions[4].Items = d.Questions[4].Items[:1] }, "questions[4].items:survey_count"},
		{"a matrix of 31 items", func(d *Definition) {
			for i := range 29 {
				d.Questions[4].Items = append(d.Questions[4].Items, Item{Var: "m" + string(rune('a'+i%26)) + strings.Repeat("z", i/26), Text: cs("x")})
			}
		}, "questions[4].items:survey_count"},
		{"a matrix item without text", func(d *Definition) { d.Questions[4].Items[1].Text = Text{} }, "questions[4].items[1].text.cs:required"},
		{"a matrix without a scale", func(d *Definition) { d.Questions[4].Scale = nil }, "questions[4].scale:survey_scale"},
		{"a number without min", func(d *Definition) { d.Questions[6].Min = nil }, "questions[6].min:required"},
		{"a number without max", func(d *Definition) { d.Questions[6].Max = nil }, "questions[6].max:required"},
		{"a number with max below min", func(d *Definition) { d.Questions[6].Max = ptr(10.0) }, "questions[6].max:survey_min_max"},
		{"min on a text", func(d *Definition) { d.Questions[7].Min = ptr(1.0) }, "questions[7].min:survey_excluded"},
		{"integer on an NPS", func(d *Definition) { d.Questions[5].Integer = true }, "questions[5].integer:survey_excluded"},
		{"options on an NPS", func(d *Definition) { d.Questions[5].Options = d.Questions[2].Options }, "questions[5].options:survey_excluded"},
		{"a scale on a yes/no", func(d *Definition) { d.Questions[0].Scale = scale() }, "questions[0].scale:survey_excluded"},
		{"options on a long text", func(d *Definition) { d.Questions[8].Options = d.Questions[2].Options }, "questions[8].options:survey_excluded"},
		{"a condition on an unknown question", func(d *Definition) { d.Questions[1].ShowIf.Var = "q0" }, "questions[1].showIf.var:survey_earlier"},
		{"a condition on a later question", func(d *Definition) { d.Questions[1].ShowIf = &Condition{Var: "q3_role", AnyOf: []int{1}} }, "questions[1].showIf.var:survey_earlier"},
		{"a condition on itself", func(d *Definition) { d.Questions[1].ShowIf = &Condition{Var: "q2_source", AnyOf: []int{1}} }, "questions[1].showIf.var:survey_earlier"},
		{"a condition on a text question", func(d *Definition) { d.Questions[8].ShowIf = &Condition{Var: "q8_word", AnyOf: []int{1}} }, "questions[8].showIf.var:survey_coded"},
		{"a condition on a matrix", func(d *Definition) { d.Questions[8].ShowIf = &Condition{Var: "q5_matrix", AnyOf: []int{1}} }, "questions[8].showIf.var:survey_coded"},
		{"a condition on a number", func(d *Definition) { d.Questions[8].ShowIf = &Condition{Var: "q7_age", AnyOf: []int{20}} }, "questions[8].showIf.var:survey_coded"},
		{"a condition with no codes", func(d *Definition) { d.Questions[1].ShowIf.AnyOf = nil }, "questions[1].showIf.anyOf:required"},
		{"a condition on a code the question lacks", func(d *Definition) { d.Questions[1].ShowIf.AnyOf = []int{1, 2} }, "questions[1].showIf.anyOf[1]:survey_no_code"},
		{"a condition on a Likert code out of scale", func(d *Definition) { d.Questions[8].ShowIf.AnyOf = []int{6} }, "questions[8].showIf.anyOf[0]:survey_no_code"},
		{"a condition on an option code the choice lacks", func(d *Definition) {
			d.Questions[8].ShowIf = &Condition{Var: "q3_role", AnyOf: []int{3}}
		}, "questions[8].showIf.anyOf[0]:survey_no_code"},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			d := sample()
			tt.change(&d)
			got := fields(Check(d))
			if !slices.Contains(got, tt.want) {
				t.Errorf("got %v, want %s among them", got, tt.want)
			}
		})
	}
}

func TestCheckAcceptsConditionsOnEveryCodedType(t *testing.T) {
	for _, cond := range []Condition{
		{Var: "q1_heard", AnyOf: []int{NoCode}},
		{Var: "q2_source", AnyOf: []int{3}},
		{Var: "q3_role", AnyOf: []int{2}},
		{Var: "q4_agree", AnyOf: []int{5}},
		{Var: "q6_nps", AnyOf: []int{0, 10}},
	} {
		d := sample()
		d.Questions[8].ShowIf = &cond
		if errs := Check(d); len(errs) > 0 {
			t.Errorf("condition on %s: got %v, want none", cond.Var, fields(errs))
		}
	}
}

func TestDraft(t *testing.T) {
	base := Survey{Kind: KindAwareness, Status: StatusOpen, Latest: 2, Published: 2}
	d := sample()
	tests := []struct {
		name        string
		s           Survey
		d           Definition
		wantN       int
		wantReplace bool
		wantReason  apperr.Reason
	}{
		{"an edit of a published version makes version n+1", base, d, 3, false, ""},
		{"a waiting draft is replaced", func() Survey { s := base; s.Latest = 3; return s }(), d, 3, true, ""},
		{"a new survey's draft is replaced", Survey{Kind: KindAwareness, Status: StatusDraft, Latest: 1}, d, 1, true, ""},
		{"a closed survey takes no draft", func() Survey { s := base; s.Status = StatusClosed; return s }(), d, 0, false, ReasonSurveyClosed},
		{"the kind cannot change", func() Survey { s := base; s.Kind = KindEvaluation; return s }(), d, 0, false, ReasonKindChanged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, replace, err := Draft(tt.s, tt.d)
			if apperr.ReasonOf(err) != tt.wantReason || n != tt.wantN || replace != tt.wantReplace {
				t.Errorf("got %d %v %v, want %d %v %s", n, replace, err, tt.wantN, tt.wantReplace, tt.wantReason)
			}
		})
	}
}

func TestCanPublish(t *testing.T) {
	tests := []struct {
		name   string
		s      Survey
		n      int
		reason apperr.Reason
	}{
		{"the latest draft", Survey{Status: StatusOpen, Latest: 3, Published: 2}, 3, ""},
		{"the first draft", Survey{Status: StatusDraft, Latest: 1}, 1, ""},
		{"not an older version", Survey{Status: StatusOpen, Latest: 3, Published: 2}, 2, ReasonNothingToPublish},
		{"not a published latest", Survey{Status: StatusOpen, Latest: 2, Published: 2}, 2, ReasonNothingToPublish},
		{"not a version that does not exist", Survey{Status: StatusOpen, Latest: 2, Published: 2}, 3, ReasonVersionNotFound},
		{"not in a closed survey", Survey{Status: StatusClosed, Latest: 3, Published: 2}, 3, ReasonSurveyClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := apperr.ReasonOf(CanPublish(tt.s, tt.n)); got != tt.reason {
				t.Errorf("got %q, want %q", got, tt.reason)
			}
		})
	}
}

// Every rule Check and Validate report has its message in Czech and English.
func TestRulesHaveMessages(t *testing.T) {
	for _, rule := range []string{RuleVar, RuleWaveCode, RuleExcluded, RuleScale, RuleCount, RuleEarlier, RuleCoded, RuleNoCode,
		RuleHidden, RuleInteger, RuleMinChosen, RuleMaxChosen, RuleTrimmed, RuleMinMax,
		"required", "line", "text", "max", "min", "oneof", "unique", "date", "range", "overlap", "gte", "lte", "type", "unknown"} {
		for _, lang := range i18n.Langs {
			if !i18n.Has(lang, "field."+rule) {
				t.Errorf("%s: no message field.%s", lang, rule)
			}
		}
	}
	for _, r := range []apperr.Reason{ReasonSurveyNotFound, ReasonVersionNotFound, ReasonSurveyChanged, ReasonNothingToPublish, ReasonSurveyClosed, ReasonKindChanged} {
		for _, lang := range i18n.Langs {
			if !i18n.Has(lang, "problem."+string(r)+".title") || !i18n.Has(lang, "problem."+string(r)+".detail") {
				t.Errorf("%s: no problem message for %s", lang, r)
			}
		}
	}
}
