// Package validation holds Brána's one validator instance (it caches struct
// metadata, so it is built once) with the domain's custom tags registered
// once, and turns its errors into field errors for problem+json.
package validation

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/programme"
)

// Custom tags:
//
//	ico           an IČO: 8 digits, the last a mod-11 check digit
//	region        a CZ-NUTS 3 region code (CZ010 … CZ080), from cz.RegionCodes
//	phone         a phone number that normalises to E.164 (Czech numbers without +420 too)
//	slug          an identifier we let people choose: a–z, 0–9 and inner hyphens
//	form          a form of consultation, from programme.Forms
//	topic         a topic, from programme.Topics
//	target_group  a target group, from programme.TargetGroups
//	lang          a supported language code, from i18n.Langs
//	email         (replaces the library's) an e-mail address by the one rule
//	              the mailer also uses, mail.ValidAddress
//	line          one line of free text (a name, an organisation, a label): see IsLine
//	text          free text that may have line breaks (a note, an address, a bio): see IsText
//
// The vocabulary tags (form, topic, target_group, lang) report a broken
// rule as "oneof" with the allowed codes as its parameter, as a oneof list
// would.
var v = newValidator()

// vocabularies are the vocabulary tags and the codes each allows.
var vocabularies = map[string][]string{
	"form":         codes(programme.Forms),
	"topic":        codes(programme.Topics),
	"target_group": codes(programme.TargetGroups),
	"lang":         codes(i18n.Langs),
}

func codes[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

func newValidator() *validator.Validate {
	val := validator.New(validator.WithRequiredStructEnabled())
	// Report fields by their JSON names, so errors point at what the caller sent.
	val.RegisterTagNameFunc(func(f reflect.StructField) string {
		name := strings.SplitN(f.Tag.Get("json"), ",", 2)[0]
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	must(val.RegisterValidation("ico", func(fl validator.FieldLevel) bool {
		return cz.ValidICO(fl.Field().String())
	}))
	must(val.RegisterValidation("region", func(fl validator.FieldLevel) bool {
		return cz.IsRegion(fl.Field().String())
	}))
	must(val.RegisterValidation("phone", func(fl validator.FieldLevel) bool {
		_, ok := cz.NormalizePhone(fl.Field().String())
		return ok
	}))
	must(val.RegisterValidation("email", func(fl validator.FieldLevel) bool {
		return mail.ValidAddress(fl.Field().String())
	}))
	must(val.RegisterValidation("slug", func(fl validator.FieldLevel) bool {
		return IsSlug(fl.Field().String())
	}))
	must(val.RegisterValidation("line", func(fl validator.FieldLevel) bool {
		return IsLine(fl.Field().String())
	}))
	must(val.RegisterValidation("text", func(fl validator.FieldLevel) bool {
		return IsText(fl.Field().String())
	}))
	for tag, allowed := range vocabularies {
		must(val.RegisterValidation(tag, func(fl validator.FieldLevel) bool {
			return slices.Contains(allowed, fl.Field().String())
		}))
	}
	return val
}

// IsSlug reports whether s is a lower-case identifier: a–z, 0–9 and hyphens,
// not starting or ending with a hyphen.
func IsSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// IsLine reports whether s is one line of clean text: valid UTF-8 holding
// no control character (C0, DEL, C1: NUL, BEL, ESC, TAB, CR, LF …), no
// line or paragraph separator (U+2028, U+2029), no bidirectional
// formatting character (the overrides, embeddings and isolates
// U+202A–U+202E, U+2066–U+2069 and the marks U+200E, U+200F, U+061C), no
// byte-order mark (U+FEFF) and no U+FFFD, the replacement character that
// stands for text lost on the way (invalid UTF-8, a lone surrogate).
// Such characters can hide or reorder what a person reads in an e-mail,
// a calendar or a log; nobody types them into a name.
func IsLine(s string) bool { return cleanText(s, false) }

// IsText is IsLine for text that may span lines: a line break (LF) and a
// tab are allowed. A CR is not, also not in CR LF: browsers send a
// textarea's line breaks as LF, and one kind of line break is what the
// e-mails and the calendar file are built from.
func IsText(s string) bool { return cleanText(s, true) }

func cleanText(s string, multiline bool) bool {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			if !multiline {
				return false
			}
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f: // C0, DEL, C1
			return false
		case r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069: // bidi
			return false
		case r == 0x2028 || r == 0x2029 || r == 0xfeff:
			return false
		case r == utf8.RuneError: // U+FFFD itself, or an invalid byte
			return false
		}
	}
	return true
}

func must(err error) {
	if err != nil {
		panic("validation: register tag: " + err.Error())
	}
}

// Struct validates s and returns nil or an *apperr.Error listing every
// broken rule by the field's JSON path ("organisation.ico").
func Struct(s any) error {
	err := v.Struct(s)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return apperr.Wrap(apperr.Internal, "internal", err)
	}
	fields := make([]apperr.FieldError, 0, len(verrs))
	for _, fe := range verrs {
		rule, p := fe.Tag(), param(fe)
		if allowed, ok := vocabularies[rule]; ok {
			rule, p = "oneof", strings.Join(allowed, " ")
		}
		fields = append(fields, apperr.FieldError{Field: path(fe.Namespace()), Rule: rule, Param: p})
	}
	return apperr.InvalidFields(fields...)
}

// path drops the struct's own name: "createBooking.organisation.ico" → "organisation.ico".
func path(ns string) string {
	if i := strings.IndexByte(ns, '.'); i >= 0 {
		return ns[i+1:]
	}
	return ns
}

// param is the rule's parameter as the caller should read it.
func param(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required_if", "required_unless", "required_with", "excluded_unless":
		return "" // the parameter names Go fields; the message says enough
	}
	return fe.Param()
}
