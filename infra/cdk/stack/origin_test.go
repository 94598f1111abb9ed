package stack_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/registry"
)

// originSecret is the secret whose value CloudFront sends as the origin
// header.
func (s *synth) originSecret(t *testing.T) resource {
	t.Helper()
	for _, r := range s.resources("AWS::SecretsManager::Secret") {
		if d, _ := r.Props["Description"].(string); strings.Contains(d, httpapi.OriginHeader) {
			return r
		}
	}
	t.Fatal("no origin secret")
	return resource{}
}

// TestOriginHeader: CloudFront sends the origin header to the API and to
// nothing else, its value the generated secret by reference; every API
// function, and no other, knows the secret's ARN, may read it, and has the
// extension it reads it through. (That a request without the header is
// refused is internal/wire's TestHTTPFunctionsAnswerOnlyThroughCloudFront.)
func TestOriginHeader(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		secret := s.originSecret(t)
		gen, _ := secret.Props["GenerateSecretString"].(map[string]any)
		if n, _ := gen["PasswordLength"].(float64); n < 32 {
			t.Errorf("generated value of %v characters, want at least 32", gen["PasswordLength"])
		}
		fd := s.frontDoor(t)
		t.Run("the API origin carries the header, by reference to the secret", func(t *testing.T) {
			api := fd.origin(t, "/v1/*")
			var got []string
			for _, h := range list(api["OriginCustomHeaders"]) {
				h := h.(map[string]any)
				got = append(got, h["HeaderName"].(string))
				value := s.str(h["HeaderValue"])
				b, _ := json.Marshal(h["HeaderValue"])
				if !strings.HasPrefix(value, "{{resolve:secretsmanager:") || !strings.Contains(string(b), `"Ref":"`+secret.ID+`"`) {
					t.Errorf("%s: %s, want a dynamic reference to the origin secret", h["HeaderName"], b)
				}
			}
			if want := []string{httpapi.OriginHeader}; !slices.Equal(got, want) {
				t.Errorf("API origin custom headers %v, want %v", got, want)
			}
		})
		t.Run("the bucket origin does not", func(t *testing.T) {
			if h := fd.origin(t, "default")["OriginCustomHeaders"]; h != nil {
				t.Errorf("web origin custom headers %v, want none", h)
			}
		})
		t.Run("every API function and no other can read the secret", func(t *testing.T) {
			for _, f := range registry.Functions() {
				fn := s.function(t, f.Name)
				env := fn.Props["Environment"].(map[string]any)["Variables"].(map[string]any)
				if env["ORIGIN_SECRET"] != nil {
					t.Errorf("%s: ORIGIN_SECRET set: the value never goes into the environment", f.Name)
				}
				gotARN := refTo(env["ORIGIN_SECRET_ARN"]) == secret.ID
				role := refTo(fn.Props["Role"])
				gotRead := slices.ContainsFunc(s.statements(), func(st stmt) bool {
					return slices.Contains(st.Roles, role) && slices.Contains(st.Actions, "secretsmanager:GetSecretValue") &&
						slices.ContainsFunc(st.Resources, func(r any) bool { return refTo(r) == secret.ID })
				})
				layers, _ := json.Marshal(fn.Props["Layers"])
				gotLayer := strings.Contains(string(layers), "AWS-Parameters-and-Secrets-Lambda-Extension-Arm64")
				want := f.HTTP()
				if gotARN != want || gotRead != want || gotLayer != want {
					t.Errorf("%s (HTTP %v): ORIGIN_SECRET_ARN %v, GetSecretValue on it %v, extension layer %v (%s); want all %v",
						f.Name, f.HTTP(), gotARN, gotRead, gotLayer, layers, want)
				}
				if want && env["SECRETS_MANAGER_TTL"] == nil {
					t.Errorf("%s: the extension's cache TTL is not set", f.Name)
				}
			}
		})
	})
	t.Run("a rotated version is named, so CloudFormation reads it", func(t *testing.T) {
		const version = "0b2c8d51-7e0f-4c1e-9a55-3f1d2e4a6b7c"
		s := stage(t, "dev", map[string]any{"brana:originSecretVersion": version})
		for _, h := range list(s.frontDoor(t).origin(t, "/v1/*")["OriginCustomHeaders"]) {
			if v := s.str(h.(map[string]any)["HeaderValue"]); !strings.HasSuffix(v, ":SecretString:::"+version+"}}") {
				t.Errorf("header value %s, want the version %s", v, version)
			}
		}
	})
}
