package stack_test

import (
	"testing"

	"github.com/aws/jsii-runtime-go"

	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/routes"
)

// TestSurveyResults: the survey-results function (issue #10) serves its
// four staff routes behind the JWT authorizer, sized as the registry says.
func TestSurveyResults(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		fn := s.function(t, registry.SurveyResults)
		reg := registry.MustGet(registry.SurveyResults)
		if fn.Props["MemorySize"] != float64(reg.MemoryMB) || fn.Props["Timeout"] != float64(reg.TimeoutS) {
			t.Errorf("memory %v, timeout %v; want %d MB, %d s", fn.Props["MemorySize"], fn.Props["Timeout"], reg.MemoryMB, reg.TimeoutS)
		}
		want := []string{
			"GET /v1/staff/surveys/{surveyId}/results",
			"GET /v1/staff/surveys/{surveyId}/export.csv",
			"GET /v1/staff/surveys/{surveyId}/export.xlsx",
			"GET /v1/staff/surveys/{surveyId}/codebook.json",
		}
		if n := len(routes.ForFunction(routes.FnSurveyResults)); n != len(want) {
			t.Errorf("routes of survey-results: got %d, want %d", n, len(want))
		}
		got := s.routes()
		for _, key := range want {
			assert(t, key, func() {
				s.template.HasResourceProperties(jsii.String("AWS::ApiGatewayV2::Route"), obj(map[string]any{
					"RouteKey": key, "AuthorizationType": "JWT",
				}))
			})
			r, ok := got[key]
			if !ok {
				t.Errorf("no route %s", key)
				continue
			}
			target, _ := r.Props["Target"].(map[string]any)
			integ := ""
			if j, ok := target["Fn::Join"].([]any); ok {
				for _, p := range j[1].([]any) {
					if id := refTo(p); id != "" {
						integ = id
					}
				}
			}
			if integ == "" || refTo(s.resource(integ).Props["IntegrationUri"]) != fn.ID {
				t.Errorf("%s does not reach the survey-results function", key)
			}
		}
	})
}
