package httpapi

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/validation"
)

// FieldChecker is a request body that lists its own broken rules, the ones
// the service checks before it reads anything (for a booking: trimming,
// consent, the organisation a provider must name). DecodeJSON uses it to
// report those together with the body's unknown fields and wrong types;
// a body that is not a FieldChecker is checked by its validate tags.
type FieldChecker interface {
	CheckFields() error
}

// DecodeJSON is Request.DecodeJSON for a bare body (used by the fuzz target).
//
// A body that is not one JSON value is malformed_json. Otherwise every
// unknown field and every wrong type is reported at once, by its full path
// ("contact.age", "weekly.mon[0].from"), together with the rules the
// decoded body breaks, in one invalid_request.
func DecodeJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return apperr.New(apperr.Invalid, "malformed_json")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return apperr.Wrap(apperr.Invalid, "malformed_json", fmt.Errorf("decode body: %w", err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return apperr.New(apperr.Invalid, "malformed_json")
	}
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer {
		panic("httpapi: DecodeJSON needs a pointer")
	}
	var shape []apperr.FieldError
	walk("", doc, t.Elem(), &shape)
	if len(shape) == 0 {
		return decodeStrict(body, v)
	}
	if shape[0].Field == "" {
		return apperr.New(apperr.Invalid, "malformed_json") // not even the right kind of value (an array for an object)
	}
	// Decode what fits, so that the rules can be checked too. encoding/json
	// goes on past a wrong type, leaving that field at its zero value.
	_ = json.Unmarshal(body, v)
	fields := shape
	for _, f := range ruleErrors(v) {
		if !slices.ContainsFunc(shape, func(s apperr.FieldError) bool { return within(f.Field, s.Field) }) {
			fields = append(fields, f)
		}
	}
	return apperr.InvalidFields(fields...)
}

// decodeStrict decodes a body whose shape fits v.
func decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		// The walk agrees with encoding/json on what fits; this is a
		// safety net for a shape it does not know.
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return apperr.InvalidFields(apperr.Field(typeErr.Field, "type", jsonKind(typeErr.Type)))
		}
		return apperr.Wrap(apperr.Invalid, "malformed_json", fmt.Errorf("decode body: %w", err))
	}
	return nil
}

// ruleErrors lists the rules v breaks.
func ruleErrors(v any) []apperr.FieldError {
	var err error
	if c, ok := v.(FieldChecker); ok {
		err = c.CheckFields()
	} else {
		err = validation.Struct(v)
	}
	if e, ok := apperr.As(err); ok {
		return e.Fields
	}
	return nil
}

// within reports whether field is path or lies inside it.
func within(field, path string) bool {
	return field == path || strings.HasPrefix(field, path+".") || strings.HasPrefix(field, path+"[")
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// walk compares a decoded JSON value with the Go type it is to fill, the
// way encoding/json would, and appends an "unknown" field error for every
// field the type does not have and a "type" one for every value of the
// wrong kind, by path.
func walk(path string, val any, t reflect.Type, out *[]apperr.FieldError) {
	if val == nil || len(*out) >= apperr.MaxFieldErrors {
		return // null leaves any Go value as it is
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(jsonUnmarshaler) {
		return // its own decoding decides
	}
	wrong := func() { *out = append(*out, apperr.Field(path, "type", jsonKind(t))) }
	if pt.Implements(textUnmarshaler) {
		if _, ok := val.(string); !ok {
			wrong()
		}
		return
	}
	switch t.Kind() {
	case reflect.Interface:
	case reflect.Struct:
		obj, ok := val.(map[string]any)
		if !ok {
			wrong()
			return
		}
		fields := jsonFields(t)
		for _, key := range sortedKeys(obj) {
			f, ok := fieldNamed(fields, key)
			if !ok {
				*out = append(*out, apperr.Field(join(path, key), "unknown"))
				continue
			}
			walk(join(path, f.name), obj[key], f.typ, out)
		}
	case reflect.Map:
		obj, ok := val.(map[string]any)
		if !ok {
			wrong()
			return
		}
		if t.Key().Kind() != reflect.String {
			return // keys decoded by number or text: encoding/json decides
		}
		for _, key := range sortedKeys(obj) {
			walk(join(path, key), obj[key], t.Elem(), out)
		}
	case reflect.Slice, reflect.Array:
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			if _, ok := val.(string); !ok { // []byte is base64 text
				wrong()
			}
			return
		}
		arr, ok := val.([]any)
		if !ok {
			wrong()
			return
		}
		for i, el := range arr {
			walk(fmt.Sprintf("%s[%d]", path, i), el, t.Elem(), out)
		}
	case reflect.String:
		if _, ok := val.(string); !ok {
			wrong()
		}
	case reflect.Bool:
		if _, ok := val.(bool); !ok {
			wrong()
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := val.(json.Number)
		if !ok {
			wrong()
			return
		}
		if i, err := n.Int64(); err != nil || reflect.New(t).Elem().OverflowInt(i) {
			wrong()
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n, ok := val.(json.Number)
		if !ok || strings.HasPrefix(n.String(), "-") {
			wrong()
			return
		}
		if i, err := n.Int64(); err != nil || reflect.New(t).Elem().OverflowUint(uint64(i)) {
			wrong()
		}
	case reflect.Float32, reflect.Float64:
		if _, ok := val.(json.Number); !ok {
			wrong()
		}
	}
}

type jsonField struct {
	name string
	typ  reflect.Type
}

// jsonFields lists the fields encoding/json decodes into a struct type,
// with those of embedded structs promoted.
func jsonFields(t reflect.Type) []jsonField {
	var out []jsonField
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" {
			et := sf.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				out = append(out, jsonFields(et)...)
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		typ := sf.Type
		if slices.Contains(strings.Split(opts, ","), "string") {
			typ = reflect.TypeFor[any]() // a number or bool quoted as a string: encoding/json decides
		}
		out = append(out, jsonField{name: name, typ: typ})
	}
	return out
}

// fieldNamed finds a field as encoding/json does: the exact name first,
// then case-insensitively.
func fieldNamed(fields []jsonField, key string) (jsonField, bool) {
	for _, f := range fields {
		if f.name == key {
			return f, true
		}
	}
	for _, f := range fields {
		if strings.EqualFold(f.name, key) {
			return f, true
		}
	}
	return jsonField{}, false
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// jsonKind names the JSON kind a Go type is decoded from.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(textUnmarshaler) {
		return "string"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "string"
		}
		return "array"
	case reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	default:
		return "number"
	}
}
