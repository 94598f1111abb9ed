package compile

import (
	"testing"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/workshops"
)

// TestLabelsKnowTheWorkshopsVocabulary: the compiler names event kinds
// and ESF+ answers from its own table (importing internal/workshops would
// link its storage and mail into report-compile), so a kind or an answer
// the workshops add must be named here too; and every phase is named.
func TestLabelsKnowTheWorkshopsVocabulary(t *testing.T) {
	l := &labeller{}
	check := func(b catalogue.Breakdown, keys []string) {
		for _, k := range keys {
			if n := l.name(b, k); n.CS == k || n.CS == "" || n.EN == "" {
				t.Errorf("%s %q has no Czech and English name: %+v", b, k, n)
			}
		}
	}
	var kinds []string
	for _, k := range workshops.Kinds {
		kinds = append(kinds, string(k))
	}
	check(catalogue.BreakdownEventKind, kinds)
	check(catalogue.BreakdownGender, workshops.EsfGenders)
	check(catalogue.BreakdownAgeBand, workshops.EsfAgeBands)
	check(catalogue.BreakdownDisability, workshops.EsfDisabilities)
	var phases []string
	for _, p := range reports.Phases {
		phases = append(phases, string(p))
	}
	check(catalogue.BreakdownPhase, phases)
}
