package catalogue

import (
	"bytes"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/privacytest"
)

var update = flag.Bool("update", false, "rewrite docs/indicators.md from the catalogue")

var docsPath = filepath.Join("..", "..", "..", "docs", "indicators.md")

// TestDocsAreTheCatalogue keeps docs/indicators.md the catalogue's
// readable form.
func TestDocsAreTheCatalogue(t *testing.T) {
	privacytest.Generated(t, docsPath, markdown(MustLoad()), *update,
		"go test ./internal/reports/catalogue -run TestDocsAreTheCatalogue -update")
}

func TestMarkdownEscapesCells(t *testing.T) {
	if got := cell("a | b\nc"); got != `a \| b c` {
		t.Errorf("cell: %q", got)
	}
}

// markdown is the catalogue as docs/indicators.md shows it.
func markdown(c Catalogue) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# Indicator catalogue\n\n")
	p("<!-- Generated from internal/reports/catalogue/indicators.json; do not edit.\n")
	p("     Rewrite: go test ./internal/reports/catalogue -run TestDocsAreTheCatalogue -update -->\n\n")
	p("Catalogue version **%s**, %d indicators. Every monthly report names the version it used.\n\n", c.Version, len(c.Indicators))
	p("The indicators are data, not code: `internal/reports/catalogue/indicators.json`, checked by\n")
	p("`catalogue.Check`. Codes are dotted (`area.name`, lower-case letters, digits and `_`, at most\n")
	p("%d characters). Activities: 2 support to transformation, 3 monitoring system, 4 awareness,\n", MaxCodeLen)
	p("5 evaluation. *People* marks an indicator that counts people: any published cell under %d\n", SuppressBelow)
	p("shows `<%d`. *Cumulative* counts from the programme's start; *Δ month* shows the change from\n", SuppressBelow)
	p("the month before. The ESF+ codes are the common output indicators for entities of Regulation\n")
	p("(EU) 2021/1057, Annex I; the managing authority of OPZ+ confirms the mapping.\n\n")
	p("| code | název | name | unit | activity | breakdowns | sources | people (<%d) | cumulative | Δ month | target | ESF+ |\n", SuppressBelow)
	p("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, in := range c.Indicators {
		target, esf := "", ""
		if in.Target != nil {
			target = fmt.Sprint(*in.Target)
		}
		if in.ESF != "" {
			esf = in.ESF
		}
		p("| `%s` | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s |\n",
			in.Code, cell(in.Name.CS), cell(in.Name.EN), in.Unit, in.Activity,
			join(in.Breakdowns), join(in.Sources), yes(in.CountsPeople), yes(in.Cumulative),
			yes(in.ChangeFromPreviousMonth), target, esf)
	}
	p("\n## Definitions\n")
	for _, in := range c.Indicators {
		p("\n### `%s`\n\n", in.Code)
		p("- **%s**: %s\n", in.Name.CS, cell(in.Definition.CS))
		p("- **%s**: %s\n", in.Name.EN, cell(in.Definition.EN))
	}
	return b.Bytes()
}

func join[T ~string](list []T) string {
	s := make([]string, len(list))
	for i, x := range list {
		s[i] = string(x)
	}
	return strings.Join(s, ", ")
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

// cell is text safe in one Markdown table cell or list item.
func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}
