// Package frontdoor holds the security headers of the public web front door
// in one place: the local gateway sends them with every file it serves, and
// the CDK stack puts the same ones into CloudFront's response-headers policy,
// so the browser tests prove the policy the cloud enforces.
package frontdoor

import "strings"

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

// StaffPathPatterns are the staff console's paths as CloudFront path
// patterns (IsStaffPath in CloudFront's terms): /staff, every path under
// /staff/ and the page /staff.html.
var StaffPathPatterns = []string{StaffPrefix, StaffPrefix + "/*", StaffPage}

// IsStaffPath reports whether p is a path of the staff console: /staff,
// under /staff/, or its page /staff.html.
func IsStaffPath(p string) bool {
	return p == StaffPrefix || p == StaffPage || strings.HasPrefix(p, StaffPrefix+"/")
}

// HeadersFor are the security headers of a response to path p: Headers(),
// with StaffPermissionsPolicy for a staff console's path.
func HeadersFor(p string) map[string]string {
	h := Headers()
	if IsStaffPath(p) {
		h["Permissions-Policy"] = StaffPermissionsPolicy
	}
	return h
}

// StaffPrefix is where the staff console lives: /staff and every path
// under it load StaffPage; every other page path loads PublicPage. The
// local gateway and CloudFront's viewer-request function route by it.
const (
	StaffPrefix = "/staff"
	StaffPage   = "/staff.html"
	PublicPage  = "/index.html"
)

// PageFor returns the HTML page that serves an app path (a path without a
// file extension).
func PageFor(p string) string {
	if p == StaffPrefix || strings.HasPrefix(p, StaffPrefix+"/") {
		return StaffPage
	}
	return PublicPage
}
