package stack_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"

	"github.com/mpsv/brana/infra/cdk/stack"
	"github.com/mpsv/brana/internal/frontdoor"
)

// TestStaffSignInCSP: the staff console's paths send the staff headers,
// whose connect-src adds exactly the Cognito Hosted UI (its token and
// revocation endpoints); every other path keeps connect-src 'self'.
func TestStaffSignInCSP(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		host := s.cfg.CognitoHost()
		if want := "https://" + s.cfg.CognitoDomainPrefix + ".auth." + s.cfg.Region + ".amazoncognito.com"; host != want {
			t.Errorf("Cognito host: got %q, want %q", host, want)
		}
		staff := sentHeaders(t, s.headersPolicy(t, "StaffSecurityHeaders").Props["ResponseHeadersPolicyConfig"].(map[string]any))
		if want := frontdoor.StaffHeaders(host); !reflect.DeepEqual(staff, want) {
			t.Errorf("staff headers:\n got %v\nwant %v", staff, want)
		}
		if !strings.Contains(staff["Content-Security-Policy"], "connect-src 'self' "+host+";") {
			t.Errorf("staff CSP %q: connect-src does not allow %s", staff["Content-Security-Policy"], host)
		}
		public := sentHeaders(t, s.headersPolicy(t, "SecurityHeaders").Props["ResponseHeadersPolicyConfig"].(map[string]any))
		if strings.Contains(public["Content-Security-Policy"], "amazoncognito") || !strings.Contains(public["Content-Security-Policy"], "connect-src 'self';") {
			t.Errorf("public CSP %q: want connect-src 'self' only", public["Content-Security-Policy"])
		}
		fd := s.frontDoor(t)
		for _, p := range frontdoor.StaffPathPatterns {
			b, ok := fd.behaviors[p]
			if !ok {
				t.Errorf("no behaviour for %s", p)
				continue
			}
			def := fd.behaviors["default"]
			for _, k := range []string{"TargetOriginId", "CachePolicyId", "AllowedMethods", "FunctionAssociations"} {
				if !reflect.DeepEqual(b[k], def[k]) {
					t.Errorf("%s: %s %v, want the default behaviour's %v", p, k, b[k], def[k])
				}
			}
		}
		// Behaviours are matched in order: the staff paths' before none
		// they would shadow (they match only staff paths).
		for _, b := range list(fd.config["CacheBehaviors"]) {
			p := b.(map[string]any)["PathPattern"].(string)
			if !slices.Contains(frontdoor.StaffPathPatterns, p) && frontdoor.IsStaffPath(strings.TrimSuffix(p, "*")) {
				t.Errorf("behaviour %s would catch staff paths without the staff headers", p)
			}
		}
	})
}

// TestStaffConfig: the pages' deployment writes the console's run-time
// configuration (staff/config.json, no-cache, kept by the pruning) with
// the Hosted UI's origin, the front-door app client's id and the callback
// and sign-out addresses the client allows.
func TestStaffConfig(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		var pages resource
		for _, d := range s.resources("Custom::CDKBucketDeployment") {
			if !slices.Contains(strs(d.Props["Include"]), "assets/*") {
				pages = d
			}
		}
		if pages.ID == "" {
			t.Fatal("no pages deployment")
		}
		keys, markers := strs(pages.Props["SourceObjectKeys"]), list(pages.Props["SourceMarkers"])
		if len(keys) != 2 || len(markers) != 2 {
			t.Fatalf("pages sources: got %v, want web/dist and the configuration", keys)
		}
		if pages.Props["Prune"] != true || pages.Props["SystemMetadata"].(map[string]any)["cache-control"] != "no-cache" {
			t.Errorf("pages: prune %v, cache %v; want pruned, no-cache", pages.Props["Prune"], pages.Props["SystemMetadata"])
		}
		// The file as staged, with its deploy-time values as markers.
		outdir := *awscdk.Stage_Of(s.stack.Stack).Outdir()
		raw, err := os.ReadFile(filepath.Join(outdir, "asset."+strings.TrimSuffix(keys[1], ".zip"), filepath.FromSlash(strings.TrimPrefix(frontdoor.StaffConfigPath, "/"))))
		if err != nil {
			t.Fatalf("the configuration's asset: %v", err)
		}
		text := string(raw)
		// Each marker stands for a deploy-time value: fill them in with
		// what they refer to.
		client := s.resources("AWS::Cognito::UserPoolClient")[0]
		dist := s.frontDoor(t).dist
		for m, v := range markers[1].(map[string]any) {
			got := mustJSON(v)
			got = strings.ReplaceAll(got, mustJSON(map[string]any{"Ref": client.ID}), `"CLIENT"`)
			got = strings.ReplaceAll(got, mustJSON(map[string]any{"Fn::GetAtt": []any{dist.ID, "DomainName"}}), `"DIST"`)
			var join struct {
				Join []any `json:"Fn::Join"`
			}
			if err := json.Unmarshal([]byte(got), &join); err == nil && len(join.Join) == 2 {
				var b strings.Builder
				for _, p := range list(join.Join[1]) {
					b.WriteString(p.(string))
				}
				got = b.String()
			}
			text = strings.ReplaceAll(text, m, got)
		}
		var cfg frontdoor.StaffConfig
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&cfg); err != nil {
			t.Fatalf("configuration %s: %v", text, err)
		}
		origin := s.cfg.FrontDoorOrigin()
		if origin == "" {
			origin = "https://DIST"
		}
		want := frontdoor.StaffConfig{
			CognitoHost: s.cfg.CognitoHost(), ClientID: "CLIENT",
			RedirectURI: origin + stack.StaffCallbackPath, LogoutURI: origin + stack.StaffLogoutPath,
		}
		if cfg != want {
			t.Errorf("configuration:\n got %+v\nwant %+v", cfg, want)
		}
		// The addresses are the ones the app client allows.
		for key, u := range map[string]string{"CallbackURLs": want.RedirectURI, "LogoutURLs": want.LogoutURI} {
			allowed := list(client.Props[key])
			if len(allowed) != 1 || strings.ReplaceAll(s.str(allowed[0]), "${AWS::CloudFront::Distribution.DomainName}", "DIST") != u {
				t.Errorf("client %s: %v, want %s", key, allowed, u)
			}
		}
	})
}
