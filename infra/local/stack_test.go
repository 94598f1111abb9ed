package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/ddblocal"
	"github.com/mpsv/brana/internal/pow"
	"github.com/mpsv/brana/internal/registry"
)

// startTimeout bounds a stack's start, the first fetch of DynamoDB Local
// included.
const startTimeout = 5 * time.Minute

// testConfig is a stack on free ports with its data in a temporary folder.
func testConfig(t testing.TB, dataDir string) Config {
	cfg := DefaultConfig(t.TempDir())
	cfg.DataDir = dataDir
	cfg.Port, cfg.DynamoDBPort = 0, 0
	cfg.Every = map[string]time.Duration{registry.OutboxSender: 100 * time.Millisecond, registry.Reminders: time.Hour}
	cfg.ShutdownGrace = 5 * time.Second
	cfg.Log = slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	return cfg
}

// startStack runs the stack until the returned stop is called; stop fails
// the test if run returned an error.
func startStack(t testing.TB, cfg Config) (Info, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan Info, 1)
	done := make(chan error, 1)
	var banner bytes.Buffer
	cfg.Out = &banner
	cfg.Ready = func(i Info) { ready <- i }
	go func() { done <- run(ctx, cfg) }()
	select {
	case info := <-ready:
		if !strings.Contains(banner.String(), info.URL) || !strings.Contains(banner.String(), info.AdminToken) {
			t.Errorf("banner lacks the URL or the admin token:\n%s", banner.String())
		}
		// It names the evaluator's token and the demo survey's page too.
		if !strings.Contains(banner.String(), info.EvaluatorToken) || !strings.Contains(banner.String(), "/surveys/"+app.DemoAwarenessSurveyID) {
			t.Errorf("banner lacks the evaluator token or the demo survey:\n%s", banner.String())
		}
		// The viewer's token, and how to make a month's report and find
		// its files (issue #11).
		if !strings.Contains(banner.String(), "export VIEWER_TOKEN="+info.ViewerToken) || info.ViewerToken == "" ||
			!strings.Contains(banner.String(), "make report MONTH=") || !strings.Contains(banner.String(), filepath.Join("reports", "<yyyy-mm>")) {
			t.Errorf("banner lacks the viewer token or how to make a report:\n%s", banner.String())
		}
		// It names the demo consultations that already took place, with
		// a ready command to mark the first one held.
		if len(info.PastConsultations) != len(app.DemoPastConsultations()) {
			t.Errorf("the stack has %d demo past consultations, want %d", len(info.PastConsultations), len(app.DemoPastConsultations()))
		}
		for _, p := range info.PastConsultations {
			if !strings.Contains(banner.String(), p.ID) || !p.Start.Before(time.Now()) {
				t.Errorf("banner lacks the past consultation %+v (or it is not past):\n%s", p, banner.String())
			}
		}
		if len(info.PastConsultations) > 0 && !strings.Contains(banner.String(), `-d '{"status":"held"}' `+info.URL+"/v1/staff/bookings/"+info.PastConsultations[0].ID+"/outcome") {
			t.Errorf("banner lacks the command marking a past consultation held:\n%s", banner.String())
		}
		stopped := false
		return info, func() {
			t.Helper()
			if stopped {
				return
			}
			stopped = true
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("run returned %v after cancel", err)
				}
			case <-time.After(time.Minute):
				t.Fatal("run did not return within a minute of cancel")
			}
		}
	case err := <-done:
		cancel()
		t.Fatalf("run: %v", err) // e.g. java or npm missing: the error says how to install it
	case <-time.After(startTimeout):
		cancel()
		t.Fatalf("the stack did not start within %v", startTimeout)
	}
	panic("unreachable")
}

var client = &http.Client{Timeout: 30 * time.Second}

// do sends a request and decodes a JSON answer into out (when not nil);
// when out is given and the answer is an error, it is logged.
func do(t *testing.T, method, url, token string, body any, out any) int {
	t.Helper()
	h := map[string]string{}
	if token != "" {
		h["Authorization"] = "Bearer " + token
	}
	return doHeaders(t, method, url, h, body, out)
}

// doHeaders is do with request headers of its own.
func doHeaders(t *testing.T, method, url string, headers map[string]string, body any, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %d %s: %v", method, url, resp.StatusCode, b, err)
		}
	}
	if out != nil && resp.StatusCode >= 300 {
		t.Logf("%s %s: %d %s", method, url, resp.StatusCode, b)
	}
	return resp.StatusCode
}

type list struct {
	Items []map[string]any `json:"items"`
}

// TestRunServesInvokesAndStops starts the whole local stack on DynamoDB
// Local, books a consultation over HTTP, waits for the outbox timer to write
// the e-mails, runs functions through invoke, stops the stack, and starts it
// again on the same data to see that the data persisted and the demo
// experts were not seeded twice.
func TestRunServesInvokesAndStops(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), ".data")
	cfg := testConfig(t, dataDir)
	cfg.Every[registry.SurveyInvitations] = 200 * time.Millisecond
	info, stop := startStack(t, cfg)
	defer stop()

	// Public routes.
	var experts list
	if code := do(t, "GET", info.URL+"/v1/experts", "", nil, &experts); code != 200 || len(experts.Items) != 3 {
		t.Fatalf("GET /v1/experts: %d, %d experts; want 200 and the 3 demo experts", code, len(experts.Items))
	}
	resp, err := client.Get(info.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), info.URL+"/v1") {
		t.Errorf("GET /: %d %q; want the landing page naming %s/v1", resp.StatusCode, page, info.URL)
	}

	// Staff routes: the banner's tokens and one from `make token`.
	var me map[string]any
	if code := do(t, "GET", info.URL+"/v1/staff/me", info.AdminToken, nil, &me); code != 200 || me["subject"] != "dev-admin" {
		t.Errorf("staff/me with the banner's admin token: %d %v", code, me)
	}
	tok, err := makeToken(dataDir, "expert", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	me = nil
	if code := do(t, "GET", info.URL+"/v1/staff/me", tok, nil, &me); code != 200 || me["expertId"] != "jana-dvorakova" {
		t.Errorf("staff/me with a `make token GROUP=expert` token: %d %v", code, me)
	}
	// The banner's evaluator token reads the demo survey's results.
	if code := do(t, "GET", info.URL+"/v1/staff/surveys/"+app.DemoAwarenessSurveyID+"/results", info.EvaluatorToken, nil, nil); code != 200 {
		t.Errorf("survey results with the banner's evaluator token: %d, want 200", code)
	}
	// The demo evaluation of consultations has answers enough to show.
	var eval struct {
		Total struct {
			Responses int `json:"responses"`
		} `json:"total"`
	}
	if code := do(t, "GET", info.URL+"/v1/staff/surveys/"+app.DemoConsultationSurveyID+"/results", info.EvaluatorToken, nil, &eval); code != 200 || eval.Total.Responses != app.DemoEvaluationResponses {
		t.Errorf("the demo evaluation's results: %d, %d responses; want %d", code, eval.Total.Responses, app.DemoEvaluationResponses)
	}
	if code := do(t, "GET", info.URL+"/v1/staff/me", "", nil, nil); code != 401 {
		t.Errorf("staff/me without a token: %d, want 401", code)
	}
	// The banner's command marks a demo past consultation held.
	past := info.PastConsultations[0]
	var held map[string]any
	if code := do(t, "POST", info.URL+"/v1/staff/bookings/"+past.ID+"/outcome", info.AdminToken, map[string]string{"status": "held"}, &held); code != 200 || held["status"] != "held" {
		t.Fatalf("mark the demo past consultation %s held: %d %v", past.ID, code, held)
	}

	// Book the first free slot; the outbox timer must write both e-mails.
	var slots list
	if code := do(t, "GET", info.URL+"/v1/slots?expertId=jana-dvorakova&form=online", "", nil, &slots); code != 200 || len(slots.Items) == 0 {
		t.Fatalf("GET /v1/slots: %d, %d slots", code, len(slots.Items))
	}
	booking := sampleBooking(t)
	booking["start"] = slots.Items[0]["starts"].([]any)[0]
	var created map[string]any
	// The stack checks the proof of work for real: solve a challenge first.
	var ch pow.Challenge
	if code := do(t, "GET", info.URL+"/v1/challenge", "", nil, &ch); code != 200 {
		t.Fatalf("GET /v1/challenge: %d", code)
	}
	solution, err := pow.Solve(ch)
	if err != nil {
		t.Fatal(err)
	}
	if code := do(t, "POST", info.URL+"/v1/bookings", "", booking, nil); code != 403 {
		t.Errorf("POST /v1/bookings without a proof of work: %d, want 403", code)
	}
	if code := doHeaders(t, "POST", info.URL+"/v1/bookings", map[string]string{pow.Header: solution}, booking, &created); code != 201 {
		t.Fatalf("POST /v1/bookings: %d, want 201", code)
	}
	// The two confirmations, and (SURVEY_INVITE_SAME_DAY=1, the
	// invitation timer shortened) the survey invitation to the booker of
	// the consultation marked held.
	mails := waitForMails(t, info.MailDir, 3, 15*time.Second)
	invited := 0
	for _, m := range mails {
		if raw, _ := os.ReadFile(m); strings.Contains(string(raw), past.Email) && strings.Contains(string(raw), "/surveys/answer") {
			invited++
		}
	}
	if len(mails) != 3 || invited != 1 {
		t.Fatalf("after a booking and a consultation marked held, %d e-mails in %s (%d invitations to %s), want 3 (1): %v", len(mails), info.MailDir, invited, past.Email, mails)
	}

	// invoke runs handlers against the running stack.
	var out bytes.Buffer
	if err := invoke(context.Background(), invokeConfig{DataDir: dataDir, Function: "catalog", Event: "../../events/list-experts.json", Out: &out}); err != nil {
		t.Fatalf("invoke catalog: %v", err)
	}
	var apiResp struct {
		StatusCode int    `json:"statusCode"`
		Body       string `json:"body"`
	}
	if err := json.Unmarshal(out.Bytes(), &apiResp); err != nil || apiResp.StatusCode != 200 || !strings.Contains(apiResp.Body, "jana-dvorakova") {
		t.Errorf("invoke catalog printed %s (%v); want statusCode 200 with jana-dvorakova", out.String(), err)
	}
	for _, c := range []struct{ fn, event, want string }{
		{"reminders", "scheduled-reminders.json", `"queued"`},
		{"workshop-reminders", "scheduled-workshop-reminders.json", `"queued"`},
		{"retention", "scheduled-retention.json", `"erased"`},
		{"workshop-retention", "scheduled-workshop-retention.json", `"erased"`},
		{"survey-invitations", "scheduled-survey-invitations.json", `"invited"`},
		{"outbox-sender", "scheduled-outbox-sweep.json", `"batchItemFailures"`},
		{"mail-events", "ses-bounce.json", `"suppressed": 1`},
		// A public write: invoke solves a challenge as the front door
		// does, so the sample's unknown booking is 404, not 403.
		{"bookings", "cancel-booking.json", `"statusCode": 404`},
		// A staff event of the sample's organiser: a draft, created.
		{"staff-events", "staff-create-event.json", `"statusCode": 201`},
		// The evaluation team's surveys, as the sample's evaluator.
		{"staff-surveys", "staff-list-surveys.json", `"statusCode": 200`},
	} {
		out.Reset()
		if err := invoke(context.Background(), invokeConfig{DataDir: dataDir, Function: c.fn, Event: "../../events/" + c.event, Out: &out}); err != nil {
			t.Errorf("invoke %s: %v", c.fn, err)
		} else if !strings.Contains(out.String(), c.want) {
			t.Errorf("invoke %s printed %s, want %s", c.fn, out.String(), c.want)
		}
	}

	stop()
	if _, err := os.Stat(filepath.Join(dataDir, stateFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s still exists after the stack stopped (err %v)", stateFile, err)
	}
	ddb, _ := ddblocal.NewClient(context.Background(), info.DynamoDBEndpoint)
	if err := probeTable(context.Background(), ddb, info.Table); err == nil {
		t.Errorf("DynamoDB Local at %s still answers after the stack stopped", info.DynamoDBEndpoint)
	}
	err = invoke(context.Background(), invokeConfig{DataDir: dataDir, Function: "catalog", Event: "../../events/list-experts.json", Out: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "make run") {
		t.Errorf("invoke with the stack stopped: %v, want a hint to start it with make run", err)
	}

	// Again, on the same data: the same demo past consultations.
	info2, stop2 := startStack(t, testConfig(t, dataDir))
	defer stop2()
	for i, p := range info2.PastConsultations {
		if p.ID != info.PastConsultations[i].ID {
			t.Errorf("after a restart the demo past consultation %d is %s, was %s", i, p.ID, info.PastConsultations[i].ID)
		}
	}
	experts = list{}
	if code := do(t, "GET", info2.URL+"/v1/experts", "", nil, &experts); code != 200 || len(experts.Items) != 3 {
		t.Errorf("after a restart GET /v1/experts: %d, %d experts; want the 3 demo experts once", code, len(experts.Items))
	}
	var bookings list
	q := "?from=" + time.Now().Format("2006-01-02") + "&to=" + time.Now().AddDate(0, 0, 30).Format("2006-01-02")
	if code := do(t, "GET", info2.URL+"/v1/staff/bookings"+q, info2.AdminToken, nil, &bookings); code != 200 || len(bookings.Items) != 1 {
		t.Errorf("after a restart the staff list has %d bookings (status %d), want the 1 made before", len(bookings.Items), code)
	}
	stop2()
}

// sampleBooking is the body of events/create-booking.json.
func sampleBooking(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile("../../events/create-booking.json")
	if err != nil {
		t.Fatal(err)
	}
	var ev struct {
		Body string `json:"body"`
	}
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(ev.Body), &body); err != nil {
		t.Fatal(err)
	}
	return body
}

// waitForMails waits until dir holds n .eml files (or the timeout passes)
// and returns their names.
func waitForMails(t *testing.T, dir string, n int, timeout time.Duration) []string {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		names, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
		if len(names) >= n || time.Now().After(deadline) {
			return names
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestEnvEvery: BRANA_EVERY shortens timers by function name; an unknown
// or unscheduled function or a bad period is refused with the setting named.
func TestEnvEvery(t *testing.T) {
	got, err := envEvery("survey-invitations=2s, outbox-sender=500ms")
	if err != nil || len(got) != 2 || got[registry.SurveyInvitations] != 2*time.Second || got[registry.OutboxSender] != 500*time.Millisecond {
		t.Fatalf("envEvery: %v %v", got, err)
	}
	if got, err := envEvery(""); err != nil || got != nil {
		t.Errorf("envEvery(\"\"): %v %v, want nothing", got, err)
	}
	for _, bad := range []string{"nonesuch=1s", "catalog=1s", "survey-invitations=soon", "survey-invitations=1ms", "survey-invitations", "report-compile=1s"} {
		if _, err := envEvery(bad); err == nil || !strings.Contains(err.Error(), "BRANA_EVERY") {
			t.Errorf("envEvery(%q): %v, want an error naming BRANA_EVERY", bad, err)
		}
	}
}

// TestRunPortTaken checks that a taken port is named with the setting to
// change, before any JVM starts.
func TestRunPortTaken(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port

	cfg := testConfig(t, filepath.Join(t.TempDir(), ".data"))
	cfg.Port = port
	err = run(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "BRANA_PORT="+strconv.Itoa(port+1)) {
		t.Errorf("HTTP port taken: %v, want a hint naming BRANA_PORT", err)
	}

	cfg.Port, cfg.DynamoDBPort = 0, port
	err = run(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "BRANA_DYNAMODB_PORT=") {
		t.Errorf("DynamoDB port taken: %v, want a hint naming BRANA_DYNAMODB_PORT", err)
	}
}

// TestInvokeWithoutStack checks the hint when nothing runs, and when a
// stack died without removing its state file.
func TestInvokeWithoutStack(t *testing.T) {
	dir := t.TempDir()
	cfg := invokeConfig{DataDir: dir, Function: "catalog", Event: "../../events/list-experts.json", Out: io.Discard}
	if err := invoke(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "start it with make run") {
		t.Errorf("no state file: %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + l.Addr().String()
	l.Close()
	if err := writeState(dir, stackState{PID: 1, URL: "http://localhost:1", DynamoDBEndpoint: dead, Table: DefaultTable}); err != nil {
		t.Fatal(err)
	}
	if err := invoke(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "start it with make run") {
		t.Errorf("stale state file: %v", err)
	}
	cfg.Function = "no-such-function"
	if err := invoke(context.Background(), cfg); !errors.Is(err, errUsage) {
		t.Errorf("unknown function: %v, want a usage error", err)
	}
}

func TestMakeToken(t *testing.T) {
	dir := t.TempDir()
	if _, err := makeToken(dir, "nobody", "", time.Now()); !errors.Is(err, errUsage) {
		t.Errorf("group nobody: %v, want a usage error", err)
	}
	for _, c := range []struct{ group, subject, wantSub string }{
		{"admin", "", "dev-admin"},
		{"expert", "", "dev-expert-dvorakova"},
		{"expert", "someone-else", "someone-else"},
		{"organiser", "", "dev-organiser-novakova"},
		{"evaluator", "", "dev-evaluator"},
		{"viewer", "", DevViewerSubject},
	} {
		tok, err := makeToken(dir, c.group, c.subject, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		parts := strings.Split(tok, ".")
		if len(parts) != 3 {
			t.Fatalf("token %q is not a JWT", tok)
		}
		payload, err := base64.RawURLEncoding.DecodeString(parts[1])
		if err != nil {
			t.Fatal(err)
		}
		var claims struct {
			Sub    string   `json:"sub"`
			Groups []string `json:"cognito:groups"`
		}
		if err := json.Unmarshal(payload, &claims); err != nil || claims.Sub != c.wantSub || len(claims.Groups) != 1 || claims.Groups[0] != c.group {
			t.Errorf("token for %s/%q has claims %s (%v)", c.group, c.subject, payload, err)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, devSecretFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("secret file: %v; want mode 0600", err)
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", outboxKeyFile)
	k1, err := loadOrCreateKey(path)
	if err != nil || len(k1) != 32 {
		t.Fatalf("create: %d bytes, %v", len(k1), err)
	}
	k2, err := loadOrCreateKey(path)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatalf("load: the key changed (%v)", err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if err := os.WriteFile(path, []byte("short"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadOrCreateKey(path); err == nil {
		t.Error("a malformed key file was accepted")
	}
}

func TestQuietSweeps(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(quietSweeps{slog.NewJSONHandler(&buf, nil)}).With("function", "outbox-sender")
	log.Info("outbox sweep", "sent", 0, "failed", 0, "skipped", 0)
	if buf.Len() != 0 {
		t.Errorf("an idle sweep was logged: %s", buf.String())
	}
	log.Info("outbox sweep", "sent", 2, "failed", 0, "skipped", 0)
	log.Info("request", "status", 200)
	if n := strings.Count(buf.String(), "\n"); n != 2 {
		t.Errorf("%d lines logged, want the busy sweep and the request:\n%s", n, buf.String())
	}
}

func TestWriteZipIsReproducible(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bootstrap")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\necho hi\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	a, b := filepath.Join(dir, "a.zip"), filepath.Join(dir, "b.zip")
	if err := writeZip(a, []string{bin}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(bin, time.Now().Add(time.Hour), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := writeZip(b, []string{bin}); err != nil {
		t.Fatal(err)
	}
	za, _ := os.ReadFile(a)
	zb, _ := os.ReadFile(b)
	if !bytes.Equal(za, zb) {
		t.Error("the same file zipped at another mtime gives another zip")
	}
	zr, err := zip.OpenReader(a)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != 1 || zr.File[0].Name != "bootstrap" || zr.File[0].Mode().Perm() != 0o755 {
		t.Errorf("zip holds %d files, first %q mode %v; want bootstrap with mode 0755", len(zr.File), zr.File[0].Name, zr.File[0].Mode())
	}
}

// failing is a function that fails every run, as the outbox sweep does
// when DynamoDB Local has gone.
type failing struct{}

func (failing) Invoke(context.Context, []byte) ([]byte, error) {
	return nil, errors.New("dial tcp 127.0.0.1:8000: connect: connection refused")
}

// TestShutdownIsNotAnError: a Ctrl-C stops DynamoDB Local at the same
// moment as the stack, so a timer's run then fails; that is a normal
// shutdown, logged at INFO. The same failure while the stack runs is an
// ERROR.
func TestShutdownIsNotAnError(t *testing.T) {
	for _, tt := range []struct {
		name     string
		stopping bool
		want     string
	}{
		{"a failed run during the shutdown is INFO", true, "INFO"},
		{"a failed run while the stack runs is ERROR", false, "ERROR"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			log := slog.New(slog.NewJSONHandler(&buf, nil))
			stack, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.stopping {
				cancel()
			}
			runJob(stack, context.Background(), log, timer{Function: registry.OutboxSender, Schedule: "sweep"}, failing{})
			var line struct{ Level string }
			if err := json.Unmarshal(buf.Bytes(), &line); err != nil || line.Level != tt.want {
				t.Errorf("logged %s (%v), want one line at %s", buf.String(), err, tt.want)
			}
		})
	}
}

func TestHTTPServerTimesOutSlowClients(t *testing.T) {
	hs := newHTTPServer(http.NotFoundHandler(), slog.New(slog.DiscardHandler))
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.IdleTimeout <= 0 {
		t.Errorf("ReadHeaderTimeout %v, ReadTimeout %v, IdleTimeout %v: want all set", hs.ReadHeaderTimeout, hs.ReadTimeout, hs.IdleTimeout)
	}
}
