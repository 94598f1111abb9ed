package demo_test

import (
	"testing"

	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
)

func TestDemoDefinitionsPassCheck(t *testing.T) {
	for name, d := range map[string]surveys.Definition{
		"awareness": demo.Awareness(), "consultation": demo.EvaluationConsultation(), "event": demo.EvaluationEvent(),
	} {
		t.Run(name, func(t *testing.T) {
			if errs := surveys.Check(d); len(errs) > 0 {
				t.Errorf("got %v, want none", errs)
			}
		})
	}
}

// Every text of the demo definitions has its English and its easy-read
// wording (the easy-read mode is shown with them).
func TestDemoDefinitionsAreCompleteInBothLanguagesAndEasyRead(t *testing.T) {
	for _, d := range []surveys.Definition{demo.Awareness(), demo.EvaluationConsultation(), demo.EvaluationEvent()} {
		en := func(where string, tx surveys.Text) {
			if tx.En == "" {
				t.Errorf("%s: %q has no English", where, tx.Cs)
			}
		}
		easy := func(where string, tx *surveys.Text) {
			if tx == nil || tx.Cs == "" || tx.En == "" {
				t.Errorf("%s: no easy-read text in both languages", where)
			}
		}
		en("title", d.Title)
		en("intro", d.Intro)
		easy("intro", d.EasyIntro)
		for _, q := range d.Questions {
			en(q.Var, q.Text)
			easy(q.Var, q.EasyRead)
			for _, o := range q.Options {
				en(q.Var, o.Label)
				easy(q.Var+" option", o.EasyRead)
			}
			for _, s := range q.Scale {
				en(q.Var, s.Label)
				easy(q.Var+" scale", s.EasyRead)
			}
			for _, it := range q.Items {
				en(it.Var, it.Text)
				easy(it.Var, it.EasyRead)
			}
		}
	}
}

func TestAwarenessCoversTheQuestionTypes(t *testing.T) {
	d := demo.Awareness()
	types := map[surveys.QuestionType]bool{}
	conditions := 0
	for _, q := range d.Questions {
		types[q.Type] = true
		if q.ShowIf != nil {
			conditions++
		}
	}
	for _, want := range []surveys.QuestionType{surveys.SingleChoice, surveys.MultipleChoice, surveys.Likert, surveys.LikertMatrix, surveys.NPS, surveys.YesNo, surveys.ShortText, surveys.LongText} {
		if !types[want] {
			t.Errorf("no %s question", want)
		}
	}
	if conditions == 0 || len(d.Waves) != 3 {
		t.Errorf("got %d conditions and %d waves, want a condition and 3 waves", conditions, len(d.Waves))
	}
}
