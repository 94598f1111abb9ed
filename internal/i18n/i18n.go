// Package i18n chooses the caller's language and holds Brána's message
// catalogue. Czech is the language of the service; English is the second.
package i18n

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Lang is a supported language.
type Lang string

const (
	CS Lang = "cs"
	EN Lang = "en"
)

// Default is the language used when the caller states none we support.
const Default = CS

// Langs lists the supported languages, the default first.
var Langs = []Lang{CS, EN}

var matcher = language.NewMatcher([]language.Tag{language.Czech, language.English})

// Negotiate picks a language from an Accept-Language header value.
func Negotiate(acceptLanguage string) Lang {
	if strings.TrimSpace(acceptLanguage) == "" {
		return Default
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Default
	}
	_, idx, conf := matcher.Match(tags...)
	if conf == language.No {
		return Default
	}
	return Langs[idx]
}

// IsLang reports whether code is exactly the code of a supported language
// ("cs", not "CS" or " cs").
func IsLang(code string) bool { return slices.Contains(Langs, Lang(code)) }

// Parse returns the Lang for a code ("cs", "en"), and whether it is supported.
func Parse(code string) (Lang, bool) {
	switch Lang(strings.ToLower(strings.TrimSpace(code))) {
	case CS:
		return CS, true
	case EN:
		return EN, true
	}
	return "", false
}

// T returns the message for key in lang, formatted with args (fmt verbs).
// A key missing in lang falls back to Czech, then to the key itself, so a
// gap shows up in tests (TestCatalogueComplete) rather than as a blank.
func T(lang Lang, key string, args ...any) string {
	msg, ok := catalogue[lang][key]
	if !ok {
		msg, ok = catalogue[CS][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 && strings.Contains(msg, "%") {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Has reports whether key exists in lang.
func Has(lang Lang, key string) bool {
	_, ok := catalogue[lang][key]
	return ok
}

// Keys returns every key of a language's catalogue (for tests).
func Keys(lang Lang) []string {
	keys := make([]string, 0, len(catalogue[lang]))
	for k := range catalogue[lang] {
		keys = append(keys, k)
	}
	return keys
}
