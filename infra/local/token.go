package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/localgw"
)

// tokenTTL is how long a token from `make token` is valid.
const tokenTTL = 12 * time.Hour

// printToken prints a development staff token for group ("admin" or
// "expert") and subject (empty: the demo account of the group), signed with
// the secret in dataDir that the local gateway verifies with. Only the token
// is printed, so that TOKEN=$(make -s token GROUP=admin) works.
func printToken(w io.Writer, dataDir, group, subject string) error {
	tok, err := makeToken(dataDir, group, subject, time.Now())
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(w, tok)
	return err
}

// DevOrganiserSubject is the subject of `make token GROUP=organiser`: the
// organiser of the sample events in events/staff-*-event.json.
const DevOrganiserSubject = "dev-organiser-novakova"

// DevEvaluatorSubject is the subject of `make token GROUP=evaluator`: the
// evaluator of the sample events in events/staff-*-survey*.json.
const DevEvaluatorSubject = "dev-evaluator"

// DevViewerSubject is the subject of `make token GROUP=viewer`: someone
// of programme management, who reads the monthly reports and nothing else.
const DevViewerSubject = "dev-viewer"

// devSubjects maps each staff group to the subject of its development
// tokens: `make token` and the console's local sign-in (localgw.DevSignInPath).
func devSubjects() map[string]string {
	return map[string]string{auth.GroupAdmin: app.DemoAdminSubject, auth.GroupExpert: app.DemoExpertSubject, auth.GroupOrganiser: DevOrganiserSubject,
		auth.GroupEvaluator: DevEvaluatorSubject, auth.GroupViewer: DevViewerSubject}
}

// makeToken issues the token printToken prints.
func makeToken(dataDir, group, subject string, now time.Time) (string, error) {
	def := devSubjects()
	if _, ok := def[group]; !ok {
		return "", fmt.Errorf("%w: GROUP=%q: want %s, %s, %s, %s or %s", errUsage, group, auth.GroupAdmin, auth.GroupExpert, auth.GroupOrganiser, auth.GroupEvaluator, auth.GroupViewer)
	}
	if subject == "" {
		subject = def[group]
	}
	secret, err := localgw.LoadOrCreateSecret(filepath.Join(dataDir, devSecretFile))
	if err != nil {
		return "", err
	}
	return localgw.IssueDevToken(secret, subject, []string{group}, tokenTTL, now)
}
