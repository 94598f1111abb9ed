package surveyschema_test

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/surveyschema"
)

func TestEmbeddedSchemaIsTheOneInDocs(t *testing.T) {
	docs, err := os.ReadFile("../../../docs/survey-definition.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(docs, surveyschema.JSON) {
		t.Error("internal/surveys/surveyschema/survey-definition.schema.json differs from docs/survey-definition.schema.json: copy docs/ over it")
	}
}

func TestDemoDefinitionsMatchTheSchema(t *testing.T) {
	for _, name := range demo.Files() {
		raw, err := demo.Raw(name)
		if err != nil {
			t.Fatal(err)
		}
		errs, err := surveyschema.Check(raw)
		if err != nil || len(errs) > 0 {
			t.Errorf("%s: got %v %v, want none", name, errs, err)
		}
	}
}

// Every JSON property of the Go types is in the schema, and every schema
// property is a JSON property of the Go types.
func TestSchemaDescribesTheGoTypes(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(surveyschema.JSON, &schema); err != nil {
		t.Fatal(err)
	}
	defs := schema["$defs"].(map[string]any)
	props := func(obj any) []string {
		var out []string
		for k := range obj.(map[string]any)["properties"].(map[string]any) {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	tags := func(v any) []string {
		var out []string
		typ := reflect.TypeOf(v)
		for i := range typ.NumField() {
			out = append(out, strings.Split(typ.Field(i).Tag.Get("json"), ",")[0])
		}
		slices.Sort(out)
		return out
	}
	for _, c := range []struct {
		name   string
		schema any
		goType any
	}{
		{"Definition", schema, surveys.Definition{}},
		{"Question", defs["question"], surveys.Question{}},
		{"Option", defs["option"], surveys.Option{}},
		{"Item", defs["item"], surveys.Item{}},
		{"ScaleLabel", defs["scaleLabel"], surveys.ScaleLabel{}},
		{"Condition", defs["condition"], surveys.Condition{}},
		{"Wave", defs["wave"], surveys.Wave{}},
		{"Text", defs["title"], surveys.Text{}},
	} {
		if got, want := props(c.schema), tags(c.goType); !slices.Equal(got, want) {
			t.Errorf("%s: schema has %v, Go has %v", c.name, got, want)
		}
	}
	var types []string
	for _, e := range defs["question"].(map[string]any)["properties"].(map[string]any)["type"].(map[string]any)["enum"].([]any) {
		types = append(types, e.(string))
	}
	for _, qt := range surveys.QuestionTypes {
		if !slices.Contains(types, string(qt)) {
			t.Errorf("schema lacks question type %s", qt)
		}
	}
}

func TestSchemaErrorsPointAtTheField(t *testing.T) {
	base := func() map[string]any {
		raw, _ := demo.Raw("awareness.json")
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	q := func(m map[string]any, i int) map[string]any { return m["questions"].([]any)[i].(map[string]any) }
	tests := []struct {
		name   string
		change func(m map[string]any)
		want   string
	}{
		{"a missing title", func(m map[string]any) { delete(m, "title") }, "title:required"},
		{"an unknown property", func(m map[string]any) { m["colour"] = "red" }, "colour:unknown"},
		{"an unknown kind", func(m map[string]any) { m["kind"] = "poll" }, "kind:oneof"},
		{"an empty Czech title", func(m map[string]any) { m["title"] = map[string]any{"cs": ""} }, "title.cs:required"},
		{"an audience on an awareness survey", func(m map[string]any) { m["audience"] = "event" }, "audience:survey_excluded"},
		{"a question's code as a string", func(m map[string]any) {
			q(m, 2)["options"].([]any)[1].(map[string]any)["code"] = "2"
		}, "questions[2].options[1].code:type"},
		{"a negative option code", func(m map[string]any) {
			q(m, 2)["options"].([]any)[1].(map[string]any)["code"] = -1
		}, "questions[2].options[1].code:gte"},
		{"a fractional option code", func(m map[string]any) {
			q(m, 2)["options"].([]any)[0].(map[string]any)["code"] = 1.5
		}, "questions[2].options[0].code:type"},
		{"a malformed variable", func(m map[string]any) { q(m, 3)["var"] = "Q4" }, "questions[3].var:survey_var"},
		{"a malformed wave code", func(m map[string]any) { m["waves"].([]any)[0].(map[string]any)["code"] = "Base" }, "waves[0].code:survey_wave_code"},
		{"a malformed date", func(m map[string]any) { m["waves"].([]any)[0].(map[string]any)["from"] = "1. 11. 2026" }, "waves[0].from:date"},
		{"a condition without codes", func(m map[string]any) { q(m, 1)["showIf"].(map[string]any)["anyOf"] = []any{} }, "questions[1].showIf.anyOf:required"},
		{"a scale of four", func(m map[string]any) { q(m, 3)["scale"] = q(m, 3)["scale"].([]any)[:4] }, "questions[3].scale:min"},
		{"options on a yes/no", func(m map[string]any) { q(m, 0)["options"] = q(m, 2)["options"] }, "questions[0].options:survey_excluded"},
		{"a choice without options", func(m map[string]any) { delete(q(m, 2), "options") }, "questions[2].options:required"},
		{"a matrix without items", func(m map[string]any) { delete(q(m, 4), "items") }, "questions[4].items:required"},
		{"an unknown question property", func(m map[string]any) { q(m, 4)["colour"] = 1 }, "questions[4].colour:unknown"},
		{"a too long label", func(m map[string]any) {
			q(m, 2)["options"].([]any)[0].(map[string]any)["label"] = map[string]any{"cs": strings.Repeat("á", 301)}
		}, "questions[2].options[0].label.cs:max"},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			m := base()
			tt.change(m)
			raw, _ := json.Marshal(m)
			errs, err := surveyschema.Check(raw)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range errs {
				got = append(got, e.Field+":"+e.Rule)
			}
			if !slices.Contains(got, tt.want) {
				t.Errorf("got %v, want %s among them", got, tt.want)
			}
		})
	}
	if _, err := surveyschema.Check([]byte("{")); err == nil {
		t.Error("malformed JSON: got no error")
	}
}
