// Package frontdoor holds the security headers of the public web front door
// in one place: the local gateway sends them with every file it serves, and
// the CDK stack puts the same ones into CloudFront's response-headers policy,
// so the browser tests prove the policy the cloud enforces.
package frontdoor

import (
	"fmt"
	"net/url"
	"strings"
)

// CSP directives. Everything comes from our own origin: no CDN, no
// third-party fonts or analytics; no inline scripts. The API is same-origin
// (CloudFront routes /v1/* to API Gateway), so connect-src is 'self'.
var CSP = []string{
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self'",
	"img-src 'self' data:",
	"font-src 'self'",
	"connect-src 'self'",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
	"frame-ancestors 'none'",
}

// ContentSecurityPolicy is the CSP header value.
func ContentSecurityPolicy() string { return strings.Join(CSP, "; ") }

// HSTSMaxAge is a year, in seconds; with includeSubDomains.
const HSTSMaxAge = 31536000

// Headers are the security headers of every front-door response.
func Headers() map[string]string {
	return map[string]string{
		"Content-Security-Policy":   ContentSecurityPolicy(),
		"Strict-Transport-Security": "max-age=31536000; includeSubDomains",
		"X-Content-Type-Options":    "nosniff",
		"X-Frame-Options":           "DENY",
		"Referrer-Policy":           "strict-origin-when-cross-origin",
		"Permissions-Policy":        PermissionsPolicy,
	}
}

// PermissionsPolicy switches off the powerful features no page uses.
// StaffPermissionsPolicy is the staff console's: its check-in screen reads
// QR codes with the camera, so its pages may use the camera of their own
// origin (no frame, no other origin); the public pages never can.
const (
	PermissionsPolicy      = "camera=(), microphone=(), geolocation=(), payment=()"
	StaffPermissionsPolicy = "camera=(self), microphone=(), geolocation=(), payment=()"
)

// The staff console's paths (StaffPathPatterns) have the same headers but
// for one addition to their CSP: the cloud sign-in (the OAuth 2.0 authorization code
// flow with PKCE, web/src/staff/oidc.ts) exchanges the code, renews the
// tokens and revokes them with fetch at the Cognito Hosted UI's endpoints
// (/oauth2/token, /oauth2/revoke), on the Hosted UI's own origin. Only the
// staff page may connect there: the public pages keep connect-src 'self'.
// (Going to the Hosted UI's sign-in and sign-out pages is a navigation,
// which connect-src does not govern.)

// StaffContentSecurityPolicy is the staff page's CSP: ContentSecurityPolicy
// with cognitoHost (https://<prefix>.auth.<region>.amazoncognito.com, an
// origin without a path) added to connect-src. Without a host (the local
// stack signs in with its development sign-in) it is ContentSecurityPolicy.
// A host that is not an https origin panics: it is the stack's
// configuration, checked when the stack is synthesised.
func StaffContentSecurityPolicy(cognitoHost string) string {
	if cognitoHost == "" {
		return ContentSecurityPolicy()
	}
	if err := checkOrigin(cognitoHost); err != nil {
		panic(err)
	}
	out := make([]string, len(CSP))
	for i, d := range CSP {
		if name, _, _ := strings.Cut(d, " "); name == "connect-src" {
			d += " " + cognitoHost
		}
		out[i] = d
	}
	return strings.Join(out, "; ")
}

// checkOrigin accepts https://host[:port] and nothing more: no path, query,
// fragment, user or wildcard (a CSP source that is exactly one origin).
func checkOrigin(origin string) error {
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.Hostname() == "" || u.User != nil ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(origin, "*; '\"") {
		return fmt.Errorf("frontdoor: Cognito host %q: want an https origin, https://host without a path", origin)
	}
	return nil
}

// StaffHeaders are the security headers of the staff console's page: the
// front door's, with StaffContentSecurityPolicy(cognitoHost) and
// StaffPermissionsPolicy (the check-in screen's camera).
func StaffHeaders(cognitoHost string) map[string]string {
	h := Headers()
	h["Content-Security-Policy"] = StaffContentSecurityPolicy(cognitoHost)
	h["Permissions-Policy"] = StaffPermissionsPolicy
	return h
}

// HeadersFor are the security headers of a response to path p on the
// local gateway (which signs in without Cognito): StaffHeaders("") for a
// staff console's path, Headers() for every other.
func HeadersFor(p string) map[string]string {
	if IsStaffPath(p) {
		return StaffHeaders("")
	}
	return Headers()
}

// StaffPrefix is where the staff console lives: /staff and every path
// under it load StaffPage; every other page path loads PublicPage. The
// local gateway and CloudFront's viewer-request function route by it.
const (
	StaffPrefix = "/staff"
	StaffPage   = "/staff.html"
	PublicPage  = "/index.html"
)

// StaffPathPatterns are the CloudFront path patterns that serve the staff
// console's page and files (its run-time configuration, StaffConfigPath):
// the ones IsStaffPath accepts, and no public path.
var StaffPathPatterns = []string{StaffPrefix, StaffPrefix + "/*", StaffPage}

// StaffConfigPath is the staff console's run-time configuration in the
// cloud: the Cognito Hosted UI's origin, the app client's id and the
// callback address, as JSON (StaffConfig). The local stack has none, and
// the console then offers its development sign-in.
const StaffConfigPath = StaffPrefix + "/config.json"

// StaffConfig is the body of StaffConfigPath.
type StaffConfig struct {
	CognitoHost string `json:"cognitoHost"`
	ClientID    string `json:"clientId"`
	RedirectURI string `json:"redirectUri"`
	LogoutURI   string `json:"logoutUri"`
}

// IsStaffPath reports whether a request path belongs to the staff console
// (and so gets StaffHeaders): /staff, anything under /staff/, and
// /staff.html, as StaffPathPatterns match them in CloudFront.
func IsStaffPath(p string) bool {
	return p == StaffPrefix || p == StaffPage || strings.HasPrefix(p, StaffPrefix+"/")
}

// PageFor returns the HTML page that serves an app path (a path without a
// file extension).
func PageFor(p string) string {
	if p == StaffPrefix || strings.HasPrefix(p, StaffPrefix+"/") {
		return StaffPage
	}
	return PublicPage
}
