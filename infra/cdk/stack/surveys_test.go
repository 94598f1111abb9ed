package stack_test

import (
	"testing"

	"github.com/mpsv/brana/internal/registry"
)

// TestStaffSurveysRoutes: the evaluation team's routes (issue #10) exist,
// reach the staff-surveys function and are behind the Cognito JWT
// authorizer (the groups are checked by the function).
func TestStaffSurveysRoutes(t *testing.T) {
	want := []string{
		"GET /v1/staff/surveys", "POST /v1/staff/surveys", "GET /v1/staff/surveys/{surveyId}",
		"PUT /v1/staff/surveys/{surveyId}/draft", "POST /v1/staff/surveys/{surveyId}/publish",
		"POST /v1/staff/surveys/{surveyId}/close", "GET /v1/staff/surveys/{surveyId}/versions/{version}",
	}
	each(t, func(t *testing.T, s *synth) {
		authorizers := s.resources("AWS::ApiGatewayV2::Authorizer")
		if len(authorizers) != 1 {
			t.Fatalf("authorizers: got %d, want 1", len(authorizers))
		}
		fn := s.function(t, registry.StaffSurveys)
		got := s.routes()
		for _, key := range want {
			r, ok := got[key]
			if !ok {
				t.Errorf("no route %q", key)
				continue
			}
			if r.Props["AuthorizationType"] != "JWT" || refTo(r.Props["AuthorizerId"]) != authorizers[0].ID {
				t.Errorf("%s: got authorization %v %v, want the Cognito JWT authorizer", key, r.Props["AuthorizationType"], r.Props["AuthorizerId"])
			}
		}
		if fn.Props["Architectures"] == nil {
			t.Errorf("staff-surveys: no architectures set")
		}
	})
}
