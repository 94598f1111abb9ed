package main

import (
	"fmt"
	"strings"

	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/localgw"
)

// consoleSignInPath is the staff console's sign-in page (web/src/staff).
const consoleSignInPath = "/staff/sign-in"

// consoleRoles is what each role sees in the staff console: its screens in
// the navigation, by web/src/staff/screens.json's nav keys (a test keeps the
// two equal), in the order the banner lists the roles.
var consoleRoles = []struct {
	Group string
	Nav   []string
}{
	{auth.GroupAdmin, []string{"reports", "register", "indicators", "events", "surveys", "experts", "bookings", "abuse"}},
	{auth.GroupExpert, []string{"agenda", "availability"}},
	{auth.GroupOrganiser, []string{"events"}},
	{auth.GroupEvaluator, []string{"surveys"}},
	{auth.GroupViewer, []string{"reports", "register", "indicators"}},
}

// consoleNavWords names a nav key's screen in the banner.
var consoleNavWords = map[string]string{
	"reports":      "monthly reports",
	"register":     "transformation register",
	"indicators":   "indicator catalogue",
	"agenda":       "agenda",
	"availability": "availability",
	"events":       "events (registrations, check-in, exports)",
	"surveys":      "surveys (builder, results, exports)",
	"experts":      "experts",
	"bookings":     "bookings",
	"abuse":        "abuse tools",
}

// consoleBanner says where the staff console is and how to sign in to it
// locally as each role: the development sign-in page (the local gateway's
// localgw.DevSignInPath), or a token for curl.
func consoleBanner(info Info) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n  Staff console: %s%s\n", info.URL, consoleSignInPath)
	if info.WebDir == "" {
		fmt.Fprintf(&b, "    (web/dist is not built: make web-dist, then open it)\n")
	}
	fmt.Fprintf(&b, "  pick a role and sign in: the development sign-in (%s), which\n", localgw.DevSignInPath)
	fmt.Fprintf(&b, "  only the local gateway serves; the token stays in the page's memory.\n")
	fmt.Fprintf(&b, "  Each role sees:\n")
	subjects := devSubjects()
	for _, r := range consoleRoles {
		var words []string
		for _, k := range r.Nav {
			words = append(words, consoleNavWords[k])
		}
		line := fmt.Sprintf("    %-10s as %s: %s", r.Group, subjects[r.Group], strings.Join(words, ", "))
		b.WriteString(wrap(line, 80, strings.Repeat(" ", 15)))
	}
	var groups []string
	for _, r := range consoleRoles {
		groups = append(groups, r.Group)
	}
	fmt.Fprintf(&b, "  curl: make token GROUP=<role> (%s)\n", strings.Join(groups, ", "))
	return b.String()
}

// wrap breaks a line at spaces to at most width columns (a word longer than
// that stays whole), indenting the lines after the first; it ends with a
// newline.
func wrap(line string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Split(line, " ") {
		switch {
		case i == 0:
		case col+1+len([]rune(w)) > width && strings.TrimSpace(w) != "":
			b.WriteString("\n" + indent)
			col = len(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len([]rune(w))
	}
	b.WriteByte('\n')
	return b.String()
}
