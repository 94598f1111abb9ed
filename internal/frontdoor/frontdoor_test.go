package frontdoor

import (
	"strings"
	"testing"
)

// directives splits a CSP into its directives by name.
func directives(csp string) map[string]string {
	out := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		d = strings.TrimSpace(d)
		name, _, _ := strings.Cut(d, " ")
		out[name] = d
	}
	return out
}

func TestStaffContentSecurityPolicyAllowsOnlyTheCognitoHost(t *testing.T) {
	const host = "https://brana-dev.auth.eu-central-1.amazoncognito.com"
	staff, public := directives(StaffContentSecurityPolicy(host)), directives(ContentSecurityPolicy())
	if got, want := staff["connect-src"], "connect-src 'self' "+host; got != want {
		t.Errorf("staff connect-src: got %q, want %q", got, want)
	}
	if public["connect-src"] != "connect-src 'self'" {
		t.Errorf("public connect-src: got %q, want only 'self'", public["connect-src"])
	}
	if len(staff) != len(public) {
		t.Errorf("staff directives %v, public %v: want the same set", staff, public)
	}
	for name, d := range public {
		if name != "connect-src" && staff[name] != d {
			t.Errorf("staff %s: got %q, want the public %q", name, staff[name], d)
		}
	}
	if strings.Contains(ContentSecurityPolicy(), "amazoncognito") {
		t.Errorf("the public CSP names the Cognito host: %s", ContentSecurityPolicy())
	}
	if got := StaffContentSecurityPolicy(""); got != ContentSecurityPolicy() {
		t.Errorf("without a host: got %q, want the public CSP", got)
	}
}

func TestStaffContentSecurityPolicyRefusesWhatIsNotOneOrigin(t *testing.T) {
	for _, bad := range []string{
		"http://brana.auth.eu-central-1.amazoncognito.com",
		"https://brana.auth.eu-central-1.amazoncognito.com/",
		"https://brana.auth.eu-central-1.amazoncognito.com/oauth2",
		"https://*.amazoncognito.com",
		"https://a.example; script-src *",
		"https://a.example?x=1",
		"https://user@a.example",
		"brana.auth.eu-central-1.amazoncognito.com",
		"https://",
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%q: accepted, want a panic", bad)
				}
			}()
			StaffContentSecurityPolicy(bad)
		}()
	}
}

func TestStaffHeaders(t *testing.T) {
	const host = "https://brana-prod.auth.eu-central-1.amazoncognito.com"
	staff, public := StaffHeaders(host), Headers()
	if staff["Content-Security-Policy"] != StaffContentSecurityPolicy(host) {
		t.Errorf("staff CSP: got %q", staff["Content-Security-Policy"])
	}
	if public["Content-Security-Policy"] != ContentSecurityPolicy() {
		t.Errorf("StaffHeaders changed the public headers: %q", public["Content-Security-Policy"])
	}
	if staff["Permissions-Policy"] != StaffPermissionsPolicy {
		t.Errorf("staff Permissions-Policy: got %q, want %q", staff["Permissions-Policy"], StaffPermissionsPolicy)
	}
	for k, v := range public {
		if k != "Content-Security-Policy" && k != "Permissions-Policy" && staff[k] != v {
			t.Errorf("staff %s: got %q, want %q", k, staff[k], v)
		}
	}
}

func TestIsStaffPath(t *testing.T) {
	for p, want := range map[string]bool{
		"/staff": true, "/staff/": true, "/staff/agenda": true, "/staff/callback": true, "/staff/config.json": true, "/staff.html": true,
		"/": false, "/staffing": false, "/staff.htm": false, "/index.html": false, "/v1/staff/me": false, "/assets/staff-AB12.js": false,
	} {
		if got := IsStaffPath(p); got != want {
			t.Errorf("IsStaffPath(%q) = %v, want %v", p, got, want)
		}
		// StaffPathPatterns, as CloudFront matches them (a trailing * is any suffix).
		matched := false
		for _, pat := range StaffPathPatterns {
			if pre, ok := strings.CutSuffix(pat, "*"); ok && strings.HasPrefix(p, pre) || p == pat {
				matched = true
			}
		}
		if matched != want {
			t.Errorf("StaffPathPatterns match %q: %v, want %v", p, matched, want)
		}
	}
	if !IsStaffPath(StaffConfigPath) {
		t.Errorf("the console's configuration %s is not a staff path", StaffConfigPath)
	}
}

// TestHeadersForStaffPagesAllowTheCameraOnly: the staff console's pages
// may use the camera of their own origin (the check-in screen scans QR
// codes); every other path keeps camera=(), and nothing else changes.
func TestHeadersForStaffPagesAllowTheCameraOnly(t *testing.T) {
	for p, staff := range map[string]bool{
		"/staff": true, "/staff/": true, "/staff.html": true, "/staff/events/ev-1/check-in": true,
		"/": false, "/manage": false, "/staffing": false, "/staff.js": false, "/events/staff": false, "/v1/staff/events": false,
	} {
		got := HeadersFor(p)
		want := PermissionsPolicy
		if staff {
			want = StaffPermissionsPolicy
		}
		if got["Permissions-Policy"] != want {
			t.Errorf("%s: Permissions-Policy %q, want %q", p, got["Permissions-Policy"], want)
		}
		for k, v := range Headers() {
			if k != "Permissions-Policy" && got[k] != v {
				t.Errorf("%s: %s = %q, want %q", p, k, got[k], v)
			}
		}
	}
	if !strings.HasPrefix(PermissionsPolicy, "camera=(),") || !strings.HasPrefix(StaffPermissionsPolicy, "camera=(self),") {
		t.Errorf("policies %q / %q", PermissionsPolicy, StaffPermissionsPolicy)
	}
	if strings.Replace(StaffPermissionsPolicy, "camera=(self)", "camera=()", 1) != PermissionsPolicy {
		t.Errorf("the staff policy %q differs from %q in more than the camera", StaffPermissionsPolicy, PermissionsPolicy)
	}
	if Headers()["Permissions-Policy"] != PermissionsPolicy {
		t.Error("Headers() must keep the public policy")
	}
}
