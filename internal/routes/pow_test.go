package routes_test

import (
	"slices"
	"testing"

	"github.com/mpsv/brana/internal/routes"
)

// TestPublicWritesNeedProofOfWork: every public route that changes
// something is marked PoW, and docs/openapi.yaml gives it the Altcha header
// and the 403 of a refused proof of work. A new public write cannot forget
// it.
func TestPublicWritesNeedProofOfWork(t *testing.T) {
	ops := loadOpenAPI(t).operations(t)
	writes := 0
	for _, r := range routes.Table {
		write := r.Method != "GET" && r.Method != "HEAD" && r.Method != "OPTIONS"
		if r.Public() && write {
			writes++
			if !r.PoW {
				t.Errorf("%s: a public write without PoW", r.Key())
			}
		}
		if r.PoW && !r.Public() {
			t.Errorf("%s: PoW on a staff route (staff are authenticated)", r.Key())
		}
		if !r.PoW {
			continue
		}
		op := ops[r.Key()]
		var params []string
		for _, p := range asList(op["parameters"]) {
			if m, ok := p.(map[string]any); ok {
				ref, _ := m["$ref"].(string)
				params = append(params, ref)
			}
		}
		if !slices.Contains(params, "#/components/parameters/ProofOfWork") {
			t.Errorf("%s: parameters %v, want the ProofOfWork header", r.Key(), params)
		}
		resp, _ := op["responses"].(map[string]any)
		if m, _ := resp["403"].(map[string]any); m["$ref"] != "#/components/responses/ProofOfWorkRefused" {
			t.Errorf("%s: 403 is %v, want ProofOfWorkRefused", r.Key(), resp["403"])
		}
	}
	if writes != 12 {
		t.Errorf("got %d public writes, want 12 (book, reschedule, cancel; register, cancel, accept, decline, ESF+ answers and their withdrawal; a survey response, an invited response, an invitation's opt-out)", writes)
	}
}

func asList(v any) []any { l, _ := v.([]any); return l }
