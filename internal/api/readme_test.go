package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/routes"
)

// readmeWalkthrough is README.md's walk-through: the booking request it
// writes to $W/request.json, and the answer it promises after a command
// (the "# …" line that follows the command's last line).
type readmeWalkthrough struct {
	request string
	lines   []string
}

func readReadme(t *testing.T) readmeWalkthrough {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(apptest.RepoRoot(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	const open = "cat > $W/request.json <<EOF\n"
	i := strings.Index(s, open)
	if i < 0 {
		t.Fatal("README.md's walk-through does not write $W/request.json")
	}
	j := strings.Index(s[i+len(open):], "\nEOF\n")
	if j < 0 {
		t.Fatal("README.md: the request.json here-document has no end")
	}
	return readmeWalkthrough{request: s[i+len(open) : i+len(open)+j], lines: strings.Split(s, "\n")}
}

// promised is the answer the README shows after the line holding command.
func (w readmeWalkthrough) promised(t *testing.T, command string) string {
	t.Helper()
	for i, l := range w.lines {
		if strings.Contains(l, command) && i+1 < len(w.lines) && strings.HasPrefix(w.lines[i+1], "# {") {
			return strings.TrimPrefix(w.lines[i+1], "# ")
		}
	}
	t.Fatalf("README.md shows no answer after %q", command)
	return ""
}

// project is jq -c '{a, b}' of a JSON object: the fields in that order.
func project(t *testing.T, body string, fields ...string) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	var b bytes.Buffer
	b.WriteString("{")
	for i, f := range fields {
		if i > 0 {
			b.WriteString(",")
		}
		v := m[f]
		if v == nil {
			v = json.RawMessage("null")
		}
		var c bytes.Buffer
		if err := json.Compact(&c, v); err != nil {
			t.Fatal(err)
		}
		b.WriteString(`"` + f + `":` + c.String())
	}
	b.WriteString("}")
	return b.String()
}

// TestReadmeWalkthroughAnswers runs the README's IČO error and "mark held"
// examples through the handlers and checks that they answer what the README
// says they answer.
func TestReadmeWalkthroughAnswers(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	w := readReadme(t)
	start := env.FreeSlots(cz.Date{Year: 2026, Month: 12, Day: 2})[0]
	request := func(mutate func(map[string]any)) events.APIGatewayV2HTTPRequest {
		body := map[string]any{}
		if err := json.Unmarshal([]byte(strings.ReplaceAll(w.request, "$START", start.In(cz.Prague).Format("2006-01-02T15:04:05Z07:00"))), &body); err != nil {
			t.Fatalf("the README's request.json: %v", err)
		}
		if mutate != nil {
			mutate(body)
		}
		ev := apptest.WithHeader(apptest.Event(t, "create-booking"), "idempotency-key", "")
		return apptest.WithBody(ev, body)
	}

	// The IČO error.
	ev := apptest.WithHeader(request(func(b map[string]any) { b["organisation"].(map[string]any)["ico"] = "00551024" }), "accept-language", "en")
	resp := env.Invoke(routes.FnBookings, ev)
	if got, want := project(t, resp.Body, "code", "errors"), w.promised(t, "jq -c '{code, errors}'"); resp.StatusCode != http.StatusBadRequest || got != want {
		t.Errorf("the IČO example answers %d\n%s\nthe README shows\n%s", resp.StatusCode, got, want)
	}

	// The booking itself is fine.
	resp = env.Invoke(routes.FnBookings, request(nil))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("the README's booking: got %d %s", resp.StatusCode, resp.Body)
	}
	id := apptest.Body[api.CreatedBookingView](t, resp).Booking.ID

	// Mark held: by the demo expert (make token GROUP=expert), before the start.
	out := apptest.Event(t, "staff-set-outcome")
	out.PathParameters = map[string]string{"bookingId": id}
	out.RawPath = strings.ReplaceAll(out.RawPath, "BOOKING_ID", id)
	out = apptest.WithClaims(out, app.DemoExpertSubject, auth.GroupExpert)
	resp = env.Invoke(routes.FnStaff, out)
	if got, want := project(t, resp.Body, "status", "code"), w.promised(t, "jq -c '{status, code}'"); got != want {
		t.Errorf("the mark-held example answers\n%s\nthe README shows\n%s", got, want)
	}
	// After the start it succeeds, as the README says.
	env.Clock.Set(start.Add(5 * 60e9))
	resp = env.Invoke(routes.FnStaff, out)
	if got := project(t, resp.Body, "status", "code"); resp.StatusCode != http.StatusOK || got != `{"status":"held","code":null}` {
		t.Errorf("mark held after the start: got %d %s", resp.StatusCode, got)
	}
}

// TestReadmeWalkthroughWritesToTempFolder: the walk-through's files go to
// a folder of its own (W=$(mktemp -d)), not into the repository.
func TestReadmeWalkthroughWritesToTempFolder(t *testing.T) {
	w := readReadme(t)
	text := strings.Join(w.lines, "\n")
	i, j := strings.Index(text, "## A walk-through with curl"), strings.Index(text, "## Layout at a glance")
	if i < 0 || j < i {
		t.Fatal("README.md has no walk-through section")
	}
	section := text[i:j]
	if !strings.Contains(section, "W=$(mktemp -d)") {
		t.Error("the walk-through does not make its folder with mktemp -d")
	}
	for _, l := range strings.Split(section, "\n") {
		for _, op := range []string{" > ", " >> ", " -o ", " -O "} {
			if k := strings.Index(l, op); k >= 0 && !strings.HasPrefix(strings.TrimSpace(l[k+len(op):]), "$W/") {
				t.Errorf("the walk-through writes outside $W: %s", l)
			}
		}
	}
}
