package render_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
)

const schemaPath = "../../../docs/report.schema.json"

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource("report.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(s *jsonschema.Schema, body []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return err
	}
	return s.Validate(inst)
}

// The fixture's report.json is valid against docs/report.schema.json, and
// the schema is strict enough to refuse what the Go types cannot produce.
func TestReportJSONMatchesTheSchema(t *testing.T) {
	s := compileSchema(t)
	body := renderFixture(t, at)[reports.FileJSON].Body
	if err := validate(s, body); err != nil {
		t.Fatalf("the fixture's report.json: %v", err)
	}
	for name, edit := range map[string]func(m map[string]any){
		"an unknown field":        func(m map[string]any) { m["extra"] = 1 },
		"a suppressed value":      func(m map[string]any) { cell(m, "participants.gender")["value"] = 3 },
		"an unknown breakdown":    func(m map[string]any) { m["labels"].(map[string]any)["colour"] = map[string]any{} },
		"a month out of range":    func(m map[string]any) { m["month"] = "2027-13" },
		"a period without offset": func(m map[string]any) { m["period"].(map[string]any)["from"] = "last month" },
		"a missing total":         func(m map[string]any) { delete(m["indicators"].([]any)[0].(map[string]any), "total") },
	} {
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		b, _ := json.Marshal(m)
		if validate(s, b) == nil {
			t.Errorf("the schema accepts %s", name)
		}
	}
}

// cell returns the first suppressed breakdown cell of an indicator.
func cell(m map[string]any, code string) map[string]any {
	for _, v := range m["indicators"].([]any) {
		v := v.(map[string]any)
		if v["code"] != code {
			continue
		}
		for _, b := range v["breakdowns"].([]any) {
			for _, c := range b.(map[string]any)["cells"].([]any) {
				if c := c.(map[string]any); c["suppressed"] == true {
					return c
				}
			}
		}
	}
	panic("no suppressed cell of " + code)
}

// schemaTypes maps each object of the schema ("" the root, else a $defs
// name) to the Go type it describes.
var schemaTypes = map[string]reflect.Type{
	"":               reflect.TypeFor[reports.Report](),
	"period":         reflect.TypeFor[reports.Period](),
	"value":          reflect.TypeFor[reports.Value](),
	"breakdownCells": reflect.TypeFor[reports.Breakdown](),
	"cell":           reflect.TypeFor[reports.Cell](),
	"transformation": reflect.TypeFor[reports.Transformation](),
	"phaseCount":     reflect.TypeFor[reports.PhaseCount](),
	"monthCount":     reflect.TypeFor[reports.MonthCount](),
	"text":           reflect.TypeFor[catalogue.Text](),
	"change":         reflect.TypeFor[reports.Change](),
}

type schemaObject struct {
	Properties           map[string]json.RawMessage `json:"properties"`
	Required             []string                   `json:"required"`
	AdditionalProperties *bool                      `json:"additionalProperties"`
}

// The schema's objects have exactly the Go types' JSON fields, the
// required ones being those without omitempty, and no others: the schema
// cannot drift from reports.Report.
func TestSchemaIsTheGoTypes(t *testing.T) {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		schemaObject
		Defs map[string]schemaObject `json:"$defs"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for name, typ := range schemaTypes {
		obj := doc.schemaObject
		if name != "" {
			var ok bool
			if obj, ok = doc.Defs[name]; !ok {
				t.Errorf("the schema has no $defs/%s (%s)", name, typ)
				continue
			}
		}
		fields, required := jsonFields(typ)
		var props []string
		for p := range obj.Properties {
			props = append(props, p)
		}
		sort.Strings(props)
		if !slices.Equal(props, fields) {
			t.Errorf("%s (%s): schema properties %v, Go fields %v", or(name, "the root"), typ, props, fields)
		}
		req := slices.Clone(obj.Required)
		sort.Strings(req)
		if !slices.Equal(req, required) {
			t.Errorf("%s (%s): schema requires %v, Go always writes %v", or(name, "the root"), typ, req, required)
		}
		if obj.AdditionalProperties == nil || *obj.AdditionalProperties {
			t.Errorf("%s: additionalProperties is not false", or(name, "the root"))
		}
	}
	// Every struct the report is made of has its object in the schema.
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || seen[typ] || typ == reflect.TypeFor[time.Time]() ||
			typ.Implements(reflect.TypeFor[encoding.TextMarshaler]()) {
			return
		}
		seen[typ] = true
		found := false
		for _, st := range schemaTypes {
			found = found || st == typ
		}
		if !found {
			t.Errorf("%s is part of report.json but has no object in the schema", typ)
		}
		for f := range typ.Fields() {
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[reports.Report]())
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// jsonFields lists a struct's JSON names (sorted) and those written
// always (no omitempty).
func jsonFields(typ reflect.Type) (all, required []string) {
	for f := range typ.Fields() {
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		all = append(all, name)
		if !slices.Contains(strings.Split(opts, ","), "omitempty") {
			required = append(required, name)
		}
	}
	sort.Strings(all)
	sort.Strings(required)
	return all, required
}
