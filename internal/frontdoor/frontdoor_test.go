package frontdoor

import (
	"strings"
	"testing"
)

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
