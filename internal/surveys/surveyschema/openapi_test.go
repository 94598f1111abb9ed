package surveyschema_test

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/mpsv/brana/internal/surveys/surveyschema"
)

// openAPINames are the components of docs/openapi.yaml that carry the
// schema's $defs.
var openAPINames = map[string]string{
	"title": "SurveyTitleText", "intro": "SurveyIntroText", "questionText": "SurveyQuestionText", "label": "SurveyLabelText",
	"var": "SurveyVar", "wave": "SurveyWave", "option": "SurveyOption", "scaleLabel": "SurveyScaleLabel", "item": "SurveyItem",
	"condition": "SurveyCondition", "question": "SurveyQuestion",
}

// toOpenAPI rewrites the schema's references to the OpenAPI components
// (a $ref with siblings wrapped in allOf, as the validator of the API
// contract needs).
func toOpenAPI(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if ref, ok := x["$ref"].(string); ok {
			target := "#/components/schemas/" + openAPINames[strings.TrimPrefix(ref, "#/$defs/")]
			if len(x) == 1 {
				return map[string]any{"$ref": target}
			}
			out := map[string]any{"allOf": []any{map[string]any{"$ref": target}}}
			for k, val := range x {
				if k != "$ref" {
					out[k] = toOpenAPI(val)
				}
			}
			return out
		}
		out := map[string]any{}
		for k, val := range x {
			out[k] = toOpenAPI(val)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, val := range x {
			out[i] = toOpenAPI(val)
		}
		return out
	}
	return v
}

func normal(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// The OpenAPI document describes the definition exactly as the published
// schema does (docs/openapi.yaml, components SurveyDefinition and its
// parts).
func TestOpenAPIHasTheSchema(t *testing.T) {
	raw, err := os.ReadFile("../../../docs/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components struct {
			Schemas map[string]any `yaml:"schemas"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(surveyschema.JSON, &schema); err != nil {
		t.Fatal(err)
	}
	for def, name := range openAPINames {
		want := normal(t, toOpenAPI(schema["$defs"].(map[string]any)[def]))
		if got := normal(t, doc.Components.Schemas[name]); !reflect.DeepEqual(got, want) {
			t.Errorf("components.schemas.%s differs from $defs.%s of the schema", name, def)
		}
	}
	root := map[string]any{}
	for k, v := range schema {
		switch k {
		case "$schema", "$id", "$defs", "title", "description":
		default:
			root[k] = v
		}
	}
	got := normal(t, doc.Components.Schemas["SurveyDefinition"]).(map[string]any)
	delete(got, "description")
	if want := normal(t, toOpenAPI(root)); !reflect.DeepEqual(got, want) {
		t.Errorf("components.schemas.SurveyDefinition differs from the schema")
	}
}
