// Package surveyschema checks a posted survey definition against the JSON
// Schema published in docs/survey-definition.schema.json (an embedded copy;
// a test keeps the two equal), with santhosh-tekuri/jsonschema, and
// reports every violation as a field error with the path of the value it
// concerns ("questions[3].options[1].code"). It is its own package so that
// only the staff function that takes definitions links the validator.
package surveyschema

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/surveys"
)

// JSON is the schema, as docs/survey-definition.schema.json has it.
//
//go:embed survey-definition.schema.json
var JSON []byte

// URL is the schema's $id.
const URL = "https://brana.mpsv.cz/schemas/survey-definition.schema.json"

// schema compiles at its first use, not at the staff-surveys function's
// cold start (about 2.6 ms and 1.1 MB of package start-up measured by
// make bench-functions): only a definition posted needs it.
var schema = sync.OnceValue(compile)

func compile() *jsonschema.Schema {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(JSON))
	if err != nil {
		panic("surveyschema: " + err.Error())
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource(URL, doc); err != nil {
		panic("surveyschema: " + err.Error())
	}
	s, err := c.Compile(URL)
	if err != nil {
		panic("surveyschema: " + err.Error())
	}
	return s
}

// Check validates raw JSON against the schema. A body that is not JSON is
// an *apperr.Error malformed_json; a body that breaks the schema has its
// field errors (at most apperr.MaxFieldErrors, in the order of the paths).
func Check(raw []byte) ([]apperr.FieldError, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "malformed_json")
	}
	err = schema().Validate(doc)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, fmt.Errorf("survey schema: %w", err)
	}
	var out []apperr.FieldError
	leaves(ve, func(e *jsonschema.ValidationError) {
		for _, fe := range fieldErrors(e) {
			if !slices.Contains(out, fe) {
				out = append(out, fe)
			}
		}
	})
	slices.SortStableFunc(out, func(a, b apperr.FieldError) int { return strings.Compare(a.Field, b.Field) })
	if len(out) > apperr.MaxFieldErrors {
		out = out[:apperr.MaxFieldErrors]
	}
	return out, nil
}

func leaves(e *jsonschema.ValidationError, each func(*jsonschema.ValidationError)) {
	if len(e.Causes) == 0 {
		each(e)
		return
	}
	for _, c := range e.Causes {
		leaves(c, each)
	}
}

// Path renders a JSON pointer's tokens as the field path the rest of the
// API uses: ["questions","3","options","1","code"] →
// "questions[3].options[1].code".
func Path(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		if _, err := strconv.Atoi(t); err == nil {
			b.WriteString("[" + t + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(t)
	}
	return b.String()
}

func child(loc []string, name string) string { return Path(append(slices.Clone(loc), name)) }

func fieldErrors(e *jsonschema.ValidationError) []apperr.FieldError {
	at := Path(e.InstanceLocation)
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		out := make([]apperr.FieldError, len(k.Missing))
		for i, m := range k.Missing {
			out[i] = apperr.Field(child(e.InstanceLocation, m), "required")
		}
		return out
	case *kind.AdditionalProperties:
		out := make([]apperr.FieldError, len(k.Properties))
		for i, p := range k.Properties {
			out[i] = apperr.Field(child(e.InstanceLocation, p), "unknown")
		}
		return out
	case *kind.FalseSchema:
		return []apperr.FieldError{apperr.Field(at, surveys.RuleExcluded)}
	case *kind.Type:
		return []apperr.FieldError{apperr.Field(at, "type", strings.Join(k.Want, " "))}
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = fmt.Sprint(w)
		}
		return []apperr.FieldError{apperr.Field(at, "oneof", strings.Join(want, " "))}
	case *kind.Const:
		return []apperr.FieldError{apperr.Field(at, "oneof", fmt.Sprint(k.Want))}
	case *kind.Pattern:
		rule := surveys.RuleVar
		if len(e.InstanceLocation) == 3 && e.InstanceLocation[0] == "waves" {
			rule = surveys.RuleWaveCode
		}
		return []apperr.FieldError{apperr.Field(at, rule)}
	case *kind.MinLength:
		return []apperr.FieldError{apperr.Field(at, "required")}
	case *kind.MaxLength:
		return []apperr.FieldError{apperr.Field(at, "max", strconv.Itoa(k.Want))}
	case *kind.Minimum:
		return []apperr.FieldError{apperr.Field(at, "gte", k.Want.RatString())}
	case *kind.Maximum:
		return []apperr.FieldError{apperr.Field(at, "lte", k.Want.RatString())}
	case *kind.MinItems:
		if k.Want == 1 {
			return []apperr.FieldError{apperr.Field(at, "required")}
		}
		return []apperr.FieldError{apperr.Field(at, "min", strconv.Itoa(k.Want))}
	case *kind.MaxItems:
		return []apperr.FieldError{apperr.Field(at, "max", strconv.Itoa(k.Want))}
	case *kind.Format:
		return []apperr.FieldError{apperr.Field(at, k.Want)}
	}
	return []apperr.FieldError{apperr.Field(at, "survey_schema", strings.Join(e.ErrorKind.KeywordPath(), "/"))}
}
