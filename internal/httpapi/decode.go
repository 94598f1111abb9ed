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
	"unicode/utf16"
	"unicode/utf8"

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
	if lostText(body) {
		// encoding/json replaced invalid UTF-8 and lone surrogates by
		// U+FFFD: every string that holds one is refused, not stored
		// with the text lost.
		n := len(shape)
		if replaced("", doc, &shape); len(shape) == n && n < apperr.MaxFieldErrors {
			return apperr.New(apperr.Invalid, "malformed_json") // lost outside any string: cannot be
		}
	}
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

// lostText reports whether decoding body loses text: it is not valid
// UTF-8 (RFC 8259 requires it), or it escapes a lone UTF-16 surrogate
// ("\ud800" without its pair), which encoding/json silently turns into
// U+FFFD.
func lostText(body []byte) bool {
	if !utf8.Valid(body) {
		return true
	}
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' {
			continue
		}
		if i+1 < len(body) && body[i+1] != 'u' {
			i++ // an escaped character, maybe a backslash
			continue
		}
		r, ok := hex4(body, i+2)
		if !ok {
			continue // not JSON; the decoder has said so
		}
		switch {
		case utf16.IsSurrogate(r) && r < 0xdc00: // high: its low half must follow
			if low, ok := hex4(body, i+8); ok && body[i+6] == '\\' && body[i+7] == 'u' && low >= 0xdc00 && low <= 0xdfff {
				i += 11
				continue
			}
			return true
		case utf16.IsSurrogate(r): // a low half alone
			return true
		}
		i += 5
	}
	return false
}

// hex4 reads the four hex digits of a \u escape at b[at:].
func hex4(b []byte, at int) (rune, bool) {
	if at < 0 || at+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[at : at+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// replaced appends a "utf8" field error for every string in a decoded
// JSON value, and every object key, that holds U+FFFD.
func replaced(path string, val any, out *[]apperr.FieldError) {
	if len(*out) >= apperr.MaxFieldErrors {
		return
	}
	switch v := val.(type) {
	case string:
		if strings.ContainsRune(v, utf8.RuneError) {
			*out = append(*out, apperr.Field(path, "utf8"))
		}
	case map[string]any:
		for _, key := range sortedKeys(v) {
			if strings.ContainsRune(key, utf8.RuneError) {
				*out = append(*out, apperr.Field(join(path, key), "utf8"))
				continue
			}
			replaced(join(path, key), v[key], out)
		}
	case []any:
		for i, el := range v {
			replaced(fmt.Sprintf("%s[%d]", path, i), el, out)
		}
	}
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
