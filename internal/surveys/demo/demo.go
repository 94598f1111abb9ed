// Package demo holds the demo survey definitions (an awareness survey in
// waves, an evaluation of consultations and one of events), embedded, for
// the local stack's seed data and for tests.
package demo

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"

	"github.com/mpsv/brana/internal/surveys"
)

//go:embed *.json
var files embed.FS

// Awareness is the awareness survey about deinstitutionalisation, with
// baseline, mid-term and final waves (2026–2028).
func Awareness() surveys.Definition { return must("awareness.json") }

// EvaluationConsultation evaluates the expert consultations (audience
// consultation).
func EvaluationConsultation() surveys.Definition { return must("evaluation-consultation.json") }

// EvaluationEvent evaluates the events (audience event).
func EvaluationEvent() surveys.Definition { return must("evaluation-event.json") }

// Files lists the demo definitions' file names.
func Files() []string {
	return []string{"awareness.json", "evaluation-consultation.json", "evaluation-event.json"}
}

// Raw returns a demo definition's JSON as embedded.
func Raw(name string) ([]byte, error) { return files.ReadFile(name) }

func must(name string) surveys.Definition {
	raw, err := files.ReadFile(name)
	if err != nil {
		panic("demo: " + err.Error())
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var d surveys.Definition
	if err := dec.Decode(&d); err != nil {
		panic(fmt.Sprintf("demo: %s: %v", name, err))
	}
	return d
}
