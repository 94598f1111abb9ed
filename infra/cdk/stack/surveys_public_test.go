package stack_test

import (
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/routes"
)

// TestSurveyRoutes: the public survey routes (issue #10) are in the API,
// without the staff authorizer, and reach the surveys function; the three
// that change something (a response, an invited response, an opt-out)
// carry the public-write throttle, the two reads the stage's default.
func TestSurveyRoutes(t *testing.T) {
	want := map[string]bool{ // route → throttled as a public write
		"GET /v1/surveys/{surveyId}":            false,
		"POST /v1/surveys/{surveyId}/responses": true,
		"GET /v1/survey-invitation":             false,
		"POST /v1/survey-invitation/response":   true,
		"POST /v1/survey-invitation/opt-out":    true,
	}
	if n := len(routes.ForFunction(routes.FnSurveys)); n != len(want) {
		t.Fatalf("the surveys function has %d routes, want %d", n, len(want))
	}
	each(t, func(t *testing.T, s *synth) {
		fn := s.function(t, routes.FnSurveys)
		got := s.routes()
		settings, _ := s.resources("AWS::ApiGatewayV2::Stage")[0].Props["RouteSettings"].(map[string]any)
		for key, throttled := range want {
			r, ok := got[key]
			if !ok {
				t.Errorf("no route %s", key)
				continue
			}
			if r.Props["AuthorizationType"] != "NONE" || r.Props["AuthorizerId"] != nil {
				t.Errorf("%s: authorization %v %v, want a public route", key, r.Props["AuthorizationType"], r.Props["AuthorizerId"])
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
			if refTo(s.resource(integ).Props["IntegrationUri"]) != fn.ID {
				t.Errorf("%s does not reach the surveys function", key)
			}
			st, has := settings[key].(map[string]any)
			if has != throttled {
				t.Errorf("%s: public-write throttle %v, want %v", key, has, throttled)
				continue
			}
			if throttled && (st["ThrottlingRateLimit"].(float64) != s.cfg.PublicWriteThrottle.Rate || st["ThrottlingBurstLimit"].(float64) != s.cfg.PublicWriteThrottle.Burst) {
				t.Errorf("%s: throttle %v, want %v", key, st, s.cfg.PublicWriteThrottle)
			}
		}
		if d, _ := fn.Props["Description"].(string); !strings.Contains(d, "survey") {
			t.Errorf("surveys function description %q", d)
		}
	})
}
