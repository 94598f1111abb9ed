package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestConsoleRolesFollowTheScreens: the banner's list of what each role sees
// in the staff console is web/src/staff/screens.json's navigation for that
// role, and it names every role the development sign-in offers.
func TestConsoleRolesFollowTheScreens(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(root, "web", "src", "staff", "screens.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Screens []struct {
			Path   string   `json:"path"`
			Groups []string `json:"groups"`
			Nav    string   `json:"nav"`
		} `json:"screens"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("screens.json: %v", err)
	}
	var listed []string
	for _, r := range consoleRoles {
		listed = append(listed, r.Group)
		var want []string
		for _, s := range doc.Screens {
			if s.Nav != "" && slices.Contains(s.Groups, r.Group) {
				want = append(want, s.Nav)
			}
		}
		if !slices.Equal(r.Nav, want) {
			t.Errorf("the banner's console screens for %s: got %v, want %v (screens.json's navigation)", r.Group, r.Nav, want)
		}
		for _, k := range r.Nav {
			if consoleNavWords[k] == "" {
				t.Errorf("no words for the console screen %q", k)
			}
		}
	}
	var offered []string
	for g := range devSubjects() {
		offered = append(offered, g)
	}
	slices.Sort(offered)
	sortedListed := slices.Sorted(slices.Values(listed))
	if !slices.Equal(sortedListed, offered) {
		t.Errorf("the banner's console roles: got %v, want the development sign-in's %v", sortedListed, offered)
	}
}

// TestBannerSaysHowToSignInToTheConsole: make run's banner gives the
// console's address and, for each role, what it sees and how to sign in.
func TestBannerSaysHowToSignInToTheConsole(t *testing.T) {
	banner := func(webDir string) string {
		var b bytes.Buffer
		printBanner(&b, Info{URL: "http://localhost:8080", DataDir: t.TempDir(), WebDir: webDir}, Config{})
		return b.String()
	}
	got := banner("web/dist")
	flat := strings.Join(strings.Fields(got), " ") // the role lines wrap at 80 columns
	for _, want := range []string{
		"Console http://localhost:8080/staff/sign-in",
		"Staff console: http://localhost:8080/staff/sign-in pick a role and sign in",
		"the development sign-in (/local/dev-token)",
		"admin as dev-admin: monthly reports, transformation register, indicator catalogue, events (registrations, check-in, exports), surveys (builder, results, exports), experts, bookings, abuse tools expert",
		"expert as dev-expert-dvorakova: agenda, availability organiser",
		"organiser as " + DevOrganiserSubject + ": events (registrations, check-in, exports) evaluator",
		"evaluator as " + DevEvaluatorSubject + ": surveys (builder, results, exports) viewer",
		"viewer as " + DevViewerSubject + ": monthly reports, transformation register, indicator catalogue curl: make token",
		"curl: make token GROUP=<role> (admin, expert, organiser, evaluator, viewer)",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the banner lacks %q:\n%s", want, got)
		}
	}
	for _, l := range strings.Split(consoleBanner(Info{URL: "http://localhost:8080", WebDir: "web/dist"}), "\n") {
		if len([]rune(l)) > 80 {
			t.Errorf("a console line of the banner is %d columns wide, over 80: %q", len([]rune(l)), l)
		}
	}
	if strings.Contains(got, "make web-dist") {
		t.Errorf("with web/dist built, the banner asks to build it:\n%s", got)
	}
	if got := banner(""); !strings.Contains(got, "web/dist is not built: make web-dist") {
		t.Errorf("without web/dist, the banner does not say how to build the console:\n%s", got)
	}
}
