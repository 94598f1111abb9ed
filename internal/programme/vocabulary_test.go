package programme_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/programme"
)

var update = flag.Bool("update", false, "rewrite web/src/generated/vocab.json from the Go definitions")

// webVocabPath is the web front door's copy of the vocabulary.
var webVocabPath = filepath.Join("..", "..", "web", "src", "generated", "vocab.json")

// kinds are the vocabulary's kinds (the i18n.Name kind) and their codes,
// from their one definition each.
func kinds() []struct {
	kind  string
	codes []string
} {
	return []struct {
		kind  string
		codes []string
	}{
		{"form", codes(programme.Forms)},
		{"topic", codes(programme.Topics)},
		{"target_group", codes(programme.TargetGroups)},
		{"region", cz.RegionCodes()},
		{"lang", codes(i18n.Langs)},
	}
}

func codes[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// webVocabulary is the shape of web/src/generated/vocab.json.
type webVocabulary struct {
	Forms        []string                `json:"forms"`
	Topics       []string                `json:"topics"`
	TargetGroups []string                `json:"targetGroups"`
	Regions      []string                `json:"regions"`
	Langs        []string                `json:"langs"`
	Names        map[string]webNamesLang `json:"names"` // by language
}

type webNamesLang struct {
	Form        map[string]string `json:"form"`
	Topic       map[string]string `json:"topic"`
	TargetGroup map[string]string `json:"target_group"`
	Region      map[string]string `json:"region"`
	Lang        map[string]string `json:"lang"`
}

// webVocabularyJSON renders the vocabulary for the web: codes in display
// order, names from the i18n catalogue.
func webVocabularyJSON(t *testing.T) []byte {
	t.Helper()
	v := webVocabulary{
		Forms: codes(programme.Forms), Topics: codes(programme.Topics), TargetGroups: codes(programme.TargetGroups),
		Regions: cz.RegionCodes(), Langs: codes(i18n.Langs), Names: map[string]webNamesLang{},
	}
	for _, lang := range i18n.Langs {
		names := func(kind string, codes []string) map[string]string {
			m := map[string]string{}
			for _, c := range codes {
				m[c] = i18n.Name(lang, kind, c)
			}
			return m
		}
		v.Names[string(lang)] = webNamesLang{
			Form: names("form", v.Forms), Topic: names("topic", v.Topics), TargetGroup: names("target_group", v.TargetGroups),
			Region: names("region", v.Regions), Lang: names("lang", v.Langs),
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil { // Encode ends with a newline
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWebVocabulary fails when web/src/generated/vocab.json is not what the
// Go definitions and the catalogue give. Rewrite it with
//
//	go test ./internal/programme -run TestWebVocabulary -update
func TestWebVocabulary(t *testing.T) {
	want := webVocabularyJSON(t)
	if *update {
		if err := os.MkdirAll(filepath.Dir(webVocabPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(webVocabPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(webVocabPath)
	if err != nil {
		t.Fatalf("read %s: %v (write it with: go test ./internal/programme -run TestWebVocabulary -update)", webVocabPath, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the Go vocabulary; rewrite it with: go test ./internal/programme -run TestWebVocabulary -update\ngot:\n%s\nwant:\n%s",
			webVocabPath, got, want)
	}
}

// TestVocabularyIsNamed checks that every code of every kind has a name in
// each language, and that the catalogue names no code the definitions do
// not have.
func TestVocabularyIsNamed(t *testing.T) {
	for _, k := range kinds() {
		known := map[string]bool{}
		for _, c := range k.codes {
			known[c] = true
		}
		for _, lang := range i18n.Langs {
			for _, c := range k.codes {
				if !i18n.Has(lang, "vocab."+k.kind+"."+c) {
					t.Errorf("%s %s has no %s name in the catalogue", k.kind, c, lang)
				}
			}
			for _, key := range i18n.Keys(lang) {
				if c, ok := strings.CutPrefix(key, "vocab."+k.kind+"."); ok && !known[c] {
					t.Errorf("the catalogue names %s %s in %s, which the definitions do not have", k.kind, c, lang)
				}
			}
		}
	}
	kindNames := map[string]bool{}
	for _, k := range kinds() {
		kindNames[k.kind] = true
	}
	for _, lang := range i18n.Langs {
		for _, key := range i18n.Keys(lang) {
			rest, ok := strings.CutPrefix(key, "vocab.")
			if kind, _, _ := strings.Cut(rest, "."); ok && !kindNames[kind] {
				t.Errorf("the catalogue has %s, of no known kind", key)
			}
		}
	}
}
