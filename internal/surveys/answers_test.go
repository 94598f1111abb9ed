package surveys

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func version() Version { return Version{Survey: "s1", Number: 1, Definition: sample()} }

// decode reads answers as the API does (encoding/json into any).
func decode(t *testing.T, s string) Answers {
	t.Helper()
	var a Answers
	if err := json.Unmarshal([]byte(s), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestValidateAcceptsEveryType(t *testing.T) {
	a := decode(t, `{"q1_heard":1,"q2_source":[3,1],"q3_role":2,"q4_agree":1,"q5_a":5,"q5_b":3,
		"q6_nps":0,"q7_age":42,"q8_word":"  férové  ","q9_note":"Řádek jedna\nřádek dvě"}`)
	got, errs := Validate(version(), a, false)
	if len(errs) > 0 {
		t.Fatalf("got %v, want none", fields(errs))
	}
	age := 42.0
	want := map[string]Value{
		"q1_heard": {Codes: []int{1}}, "q2_source": {Codes: []int{1, 3}}, "q3_role": {Codes: []int{2}},
		"q4_agree": {Codes: []int{1}}, "q5_a": {Codes: []int{5}}, "q5_b": {Codes: []int{3}},
		"q6_nps": {Codes: []int{0}}, "q7_age": {Number: &age}, "q8_word": {Text: "férové"},
		"q9_note": {Text: "Řádek jedna\nřádek dvě"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestValidateAcceptsTheRequiredMinimum(t *testing.T) {
	got, errs := Validate(version(), decode(t, `{"q1_heard":0}`), false)
	if len(errs) > 0 || len(got) != 1 || got["q1_heard"].Codes[0] != NoCode {
		t.Fatalf("got %v %v, want only q1_heard = 0", got, fields(errs))
	}
}

func TestValidateAcceptsLikertFacesAndFullScaleInEasyRead(t *testing.T) {
	for _, code := range []int{1, 2, 3, 4, 5} {
		for _, easy := range []bool{false, true} {
			a := Answers{"q1_heard": 1.0, "q4_agree": float64(code)}
			if _, errs := Validate(version(), a, easy); len(errs) > 0 {
				t.Errorf("Likert %d easyRead=%v: got %v, want none", code, easy, fields(errs))
			}
		}
	}
}

func TestValidateTreatsBlankAsUnanswered(t *testing.T) {
	got, errs := Validate(version(), decode(t, `{"q1_heard":1,"q2_source":[3],"q3_role":null,"q8_word":"   ","q9_note":""}`), false)
	if len(errs) > 0 {
		t.Fatalf("got %v, want none", fields(errs))
	}
	for _, v := range []string{"q3_role", "q8_word", "q9_note"} {
		if _, ok := got[v]; ok {
			t.Errorf("%s stored, want it unanswered", v)
		}
	}
}

func TestValidateRefuses(t *testing.T) {
	long := strings.Repeat("ž", MaxLongText+1)
	short := strings.Repeat("ž", MaxShortText+1)
	tests := []struct {
		name, answers, want string
	}{
		{"a missing required answer", `{}`, "answers.q1_heard:required"},
		{"a required answer sent blank", `{"q1_heard":null}`, "answers.q1_heard:required"},
		{"an unknown variable", `{"q1_heard":1,"q99":1}`, "answers.q99:unknown"},
		{"a matrix question's own variable", `{"q1_heard":1,"q5_matrix":3}`, "answers.q5_matrix:unknown"},
		{"yes/no 2", `{"q1_heard":2}`, "answers.q1_heard:oneof"},
		{"yes/no as a boolean", `{"q1_heard":true}`, "answers.q1_heard:type"},
		{"a code as a string", `{"q1_heard":1,"q3_role":"1"}`, "answers.q3_role:type"},
		{"a code that is not whole", `{"q1_heard":1,"q3_role":1.5}`, "answers.q3_role:type"},
		{"a huge code", `{"q1_heard":1,"q3_role":1e300}`, "answers.q3_role:type"},
		{"a single choice code the question lacks", `{"q1_heard":1,"q3_role":3}`, "answers.q3_role:oneof"},
		{"a single choice as a list", `{"q1_heard":1,"q3_role":[1]}`, "answers.q3_role:type"},
		{"a multiple choice as a number", `{"q1_heard":1,"q2_source":1}`, "answers.q2_source:type"},
		{"a multiple choice with a code the question lacks", `{"q1_heard":1,"q2_source":[1,4]}`, "answers.q2_source:oneof"},
		{"a multiple choice with a repeated code", `{"q1_heard":1,"q2_source":[1,1]}`, "answers.q2_source:unique"},
		{"a multiple choice with a fractional code", `{"q1_heard":1,"q2_source":[1.5]}`, "answers.q2_source:type"},
		{"a multiple choice over max", `{"q1_heard":1,"q2_source":[1,2,3]}`, "answers.q2_source:survey_max_chosen"},
		{"Likert 0", `{"q1_heard":1,"q4_agree":0}`, "answers.q4_agree:oneof"},
		{"Likert 6", `{"q1_heard":1,"q4_agree":6}`, "answers.q4_agree:oneof"},
		{"a matrix item 6", `{"q1_heard":1,"q5_b":6}`, "answers.q5_b:oneof"},
		{"NPS 11", `{"q1_heard":1,"q6_nps":11}`, "answers.q6_nps:oneof"},
		{"NPS -1", `{"q1_heard":1,"q6_nps":-1}`, "answers.q6_nps:oneof"},
		{"NPS 7.5", `{"q1_heard":1,"q6_nps":7.5}`, "answers.q6_nps:type"},
		{"a number below min", `{"q1_heard":1,"q7_age":14}`, "answers.q7_age:gte"},
		{"a number above max", `{"q1_heard":1,"q7_age":121}`, "answers.q7_age:lte"},
		{"a fraction for a whole number", `{"q1_heard":1,"q7_age":42.5}`, "answers.q7_age:survey_integer"},
		{"a number as a string", `{"q1_heard":1,"q7_age":"42"}`, "answers.q7_age:type"},
		{"a text as a number", `{"q1_heard":1,"q8_word":42}`, "answers.q8_word:type"},
		{"a short text over 200 characters", `{"q1_heard":1,"q8_word":"` + short + `"}`, "answers.q8_word:max"},
		{"a short text with a line break", `{"q1_heard":1,"q8_word":"a\nb"}`, "answers.q8_word:line"},
		{"a short text with a bidi override", `{"q1_heard":1,"q8_word":"a\u202eb"}`, "answers.q8_word:line"},
		{"a long text with a control character", `{"q1_heard":1,"q4_agree":1,"q9_note":"a\u0007b"}`, "answers.q9_note:text"},
		{"a long text with a bidi isolate", `{"q1_heard":1,"q4_agree":1,"q9_note":"a\u2067b"}`, "answers.q9_note:text"},
		{"a long text over 2000 characters", `{"q1_heard":1,"q4_agree":1,"q9_note":"` + long + `"}`, "answers.q9_note:max"},
		{"an answer to a question hidden by a no", `{"q1_heard":0,"q2_source":[1]}`, "answers.q2_source:survey_hidden"},
		{"an answer to a question hidden by an unanswered one", `{"q1_heard":1,"q9_note":"x"}`, "answers.q9_note:survey_hidden"},
		{"an answer to a question hidden by another answer", `{"q1_heard":1,"q4_agree":3,"q9_note":"x"}`, "answers.q9_note:survey_hidden"},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			got, errs := Validate(version(), decode(t, tt.answers), false)
			if got != nil {
				t.Errorf("got values %v, want none", got)
			}
			if f := fields(errs); !slices.Contains(f, tt.want) {
				t.Errorf("got %v, want %s among them", f, tt.want)
			}
		})
	}
}

func TestValidateConditions(t *testing.T) {
	v := version()
	v.Definition.Questions[1].Required = true // q2_source, shown if q1_heard = yes
	v.Definition.Questions[4].Required = true // matrix: each item
	v.Definition.Questions[4].ShowIf = &Condition{Var: "q2_source", AnyOf: []int{2}}
	tests := []struct {
		name, answers string
		want          []string
	}{
		{"a hidden required question is not required", `{"q1_heard":0}`, nil},
		{"a shown required question is required", `{"q1_heard":1}`, []string{"answers.q2_source:required"}},
		{"a condition on a multiple choice holds when the answer includes a code", `{"q1_heard":1,"q2_source":[1,2]}`,
			[]string{"answers.q5_a:required", "answers.q5_b:required"}},
		{"a matrix hidden by a chain of conditions refuses its items", `{"q1_heard":0,"q5_a":1}`, []string{"answers.q5_a:survey_hidden"}},
		{"a question conditioned on a refused answer gets no error of its own", `{"q1_heard":1,"q2_source":[9]}`, []string{"answers.q2_source:oneof"}},
		{"the shown matrix takes its items", `{"q1_heard":1,"q2_source":[2],"q5_a":1,"q5_b":2}`, nil},
		{"min choices of a required multiple choice", `{"q1_heard":1,"q2_source":[]}`, []string{"answers.q2_source:required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := Validate(v, decode(t, tt.answers), false)
			if got := fields(errs); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestValidateMinChoices(t *testing.T) {
	v := version()
	v.Definition.Questions[1].MinChoices = 2
	_, errs := Validate(v, Answers{"q1_heard": 1.0, "q2_source": []any{1.0}}, false)
	if got := fields(errs); !slices.Equal(got, []string{"answers.q2_source:survey_min_chosen"}) {
		t.Errorf("got %v", got)
	}
	vals, errs := Validate(v, Answers{"q1_heard": json.Number("1"), "q2_source": []any{json.Number("2"), json.Number("1")}}, false)
	if len(errs) > 0 || !slices.Equal(vals["q2_source"].Codes, []int{1, 2}) {
		t.Errorf("json.Number answers: got %v %v", vals, fields(errs))
	}
}

func TestVisible(t *testing.T) {
	d := sample()
	got := Visible(d, map[string]Value{"q1_heard": {Codes: []int{0}}})
	if got["q2_source"] || !got["q1_heard"] || got["q9_note"] {
		t.Errorf("got %v", got)
	}
}
