package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/ddblocal"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/localgw"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire"
	"github.com/mpsv/brana/internal/wire/surveyinvitations"
)

// Config configures the local stack.
type Config struct {
	DataDir      string // .data: everything the stack keeps
	WebDir       string // web/dist: served at / when it exists
	Host         string // HTTP listen address
	Port         int    // HTTP port; 0 picks a free one (tests)
	DynamoDBPort int    // DynamoDB Local port; 0 picks a free one (tests)
	Table        string

	// Every overrides the timer period of a scheduled function (by name);
	// the registry's LocalEvery applies to the others.
	Every         map[string]time.Duration
	TokenTTL      time.Duration // lifetime of the banner's staff tokens
	ShutdownGrace time.Duration // how long in-flight requests may finish

	Log *slog.Logger
	Out io.Writer // the banner
	// Ready, if set, is called once the stack serves requests.
	Ready func(Info)
}

// DefaultConfig is the configuration of `make run` in repository root.
func DefaultConfig(root string) Config {
	return Config{
		DataDir:       dataDir(root),
		WebDir:        filepath.Join(root, "web", "dist"),
		Host:          "127.0.0.1",
		Port:          8080,
		DynamoDBPort:  8000,
		Table:         DefaultTable,
		TokenTTL:      12 * time.Hour,
		ShutdownGrace: 10 * time.Second,
	}
}

// Info describes a running stack.
type Info struct {
	URL              string // http://localhost:8080
	DynamoDBEndpoint string
	Table            string
	DataDir          string
	MailDir          string
	WebDir           string // empty when web/dist does not exist
	AdminToken       string
	ExpertToken      string
	EvaluatorToken   string
	ViewerToken      string // management: the monthly reports only
	TokenExpiry      time.Time
	// PastConsultations are the demo consultations that already took
	// place (app.SeedPastConsultations): ready to be marked held.
	PastConsultations []PastConsultation
}

// PastConsultation is one demo consultation that already took place.
type PastConsultation struct {
	ID     string
	Start  time.Time
	Expert string
	Email  string // the booker's, who gets the survey invitation
}

// run starts the local stack, serves until ctx ends, then stops the HTTP
// server (letting requests in flight finish), the timers and DynamoDB Local.
func run(ctx context.Context, cfg Config) (err error) {
	started := time.Now()
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	out := cfg.Out
	if out == nil {
		out = io.Discard
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", cfg.DataDir, err)
	}
	dataAbs, err := filepath.Abs(cfg.DataDir)
	if err != nil {
		return err
	}
	// The survey invitations' demo knob: locally, a consultation marked
	// held (an event ended) is invited at the next minute's run, not the
	// next day at 10:00 as in the cloud (README, "Surveys").
	// SURVEY_INVITE_SAME_DAY=0 make run keeps the real rule.
	if _, set := os.LookupEnv(surveyinvitations.SameDayEnv); !set {
		if err := os.Setenv(surveyinvitations.SameDayEnv, "1"); err != nil {
			return err
		}
	}

	// The monthly reports (issue #11): files in .data/reports/ instead of
	// the bucket, the notice to a demo address.
	if err := reportsEnv(dataAbs); err != nil {
		return err
	}

	// Take the HTTP port first: a second `make run` fails here, before it
	// starts a JVM.
	ln, err := net.Listen("tcp", net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("port %d is taken (is `make run` already running?): stop what uses it, or choose another port, e.g. BRANA_PORT=%d make run", cfg.Port, cfg.Port+1)
		}
		return fmt.Errorf("listen on %s:%d: %w", cfg.Host, cfg.Port, err)
	}
	defer ln.Close()
	url := baseURL(ln.Addr().(*net.TCPAddr))

	if cfg.DynamoDBPort != 0 {
		// ddblocal checks this too; this says which setting to change.
		l, err := net.Listen("tcp", ":"+strconv.Itoa(cfg.DynamoDBPort))
		if err != nil {
			return fmt.Errorf("DynamoDB Local's port %d is taken (another DynamoDB Local? another `make run`?): stop what uses it, or choose another port, e.g. BRANA_DYNAMODB_PORT=%d make run", cfg.DynamoDBPort, cfg.DynamoDBPort+1)
		}
		_ = l.Close()
	}

	// Two stacks on other ports would share one database folder.
	if st, err := readState(dataAbs); err == nil {
		if c, err := ddblocal.NewClient(ctx, st.DynamoDBEndpoint); err == nil && probeTable(ctx, c, st.Table) == nil {
			return fmt.Errorf("another local stack (pid %d, %s) is running on %s: stop it first", st.PID, st.URL, dataAbs)
		}
	}

	secret, err := localgw.LoadOrCreateSecret(filepath.Join(dataAbs, devSecretFile))
	if err != nil {
		return err
	}

	// DynamoDB Local, data on disk. The fetch runs only on the first start.
	log.InfoContext(ctx, "starting DynamoDB Local (fetched on first use, ~57 MB)")
	jarDir, err := ddblocal.EnsureJar(ctx)
	if err != nil {
		return err
	}
	ddbLog, err := os.OpenFile(filepath.Join(dataAbs, dynamoDBLog), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	srv, err := ddblocal.Start(ctx, ddblocal.Options{
		Port: cfg.DynamoDBPort, DBPath: filepath.Join(dataAbs, dynamoDBSubdir), Log: ddbLog, Dir: jarDir,
	})
	if err != nil {
		ddbLog.Close()
		return err
	}
	defer func() {
		// Ctrl-C in a terminal reaches the JVM too (same process group), so
		// after a signal it may already be gone: that is no error.
		if serr := srv.Stop(); serr != nil && ctx.Err() == nil && err == nil {
			err = serr
		}
		ddbLog.Close()
		log.Info("DynamoDB Local stopped")
	}()
	log.InfoContext(ctx, "DynamoDB Local is up", "endpoint", srv.Endpoint(), "dbPath", filepath.Join(dataAbs, dynamoDBSubdir))

	deps, client, err := buildDeps(depsConfig{
		DataDir: dataAbs, Endpoint: srv.Endpoint(), Table: cfg.Table, BaseURL: url,
		Log: slog.New(quietSweeps{log.Handler()}),
	})
	if err != nil {
		return err
	}
	if err := dynamo.EnsureTable(ctx, client, cfg.Table); err != nil {
		return err
	}
	seeded, err := deps.Seed(ctx, app.DemoExperts(deps.Clock.Now()))
	if err != nil {
		return err
	}
	seededEvents, err := deps.SeedEvents(ctx, app.DemoEvents(deps.Clock.Now()))
	if err != nil {
		return err
	}
	seededSurveys, err := deps.SeedSurveys(ctx)
	if err != nil {
		return err
	}
	past, seededPast, err := deps.SeedPastConsultations(ctx, app.DemoPastConsultations())
	if err != nil {
		return err
	}
	if _, err := deps.SeedEvaluationAnswers(ctx); err != nil {
		return err
	}
	// Two past months of facts for the monthly reports (make report).
	seededReports, err := deps.SeedReportData(ctx)
	if err != nil {
		return err
	}
	log.InfoContext(ctx, "table ready", "table", cfg.Table, "demoExpertsCreated", seeded, "demoEventsCreated", seededEvents, "demoSurveysCreated", seededSurveys, "demoPastConsultationsCreated", seededPast,
		"demoReportConsultationsCreated", seededReports.Consultations, "demoReportEventsCreated", seededReports.Events, "demoReportResponsesCreated", seededReports.Responses)

	// The re-run of a month (POST /v1/staff/reports/{month}/runs) starts
	// report-compile through a reports.Starter: locally a goroutine of its
	// handler, ended when the stack stops.
	jobCtx, stopJobs := context.WithCancel(context.WithoutCancel(ctx))
	starter := newLocalStarter(jobCtx, deps, log)
	defer starter.Wait() // after stopJobs (deferred below) ends the runs
	defer stopJobs()
	useReportStarter(starter)

	// The local gateway, with every HTTP function's handler, each built by
	// its constructor as its cold start would.
	fns := map[string]localgw.Handler{}
	for _, f := range wire.Functions {
		if f.HTTP == nil {
			continue
		}
		if fns[f.Name], err = f.HTTP(ctx, deps.EnvFor(f.Name)); err != nil {
			return fmt.Errorf("function %s: %w", f.Name, err)
		}
	}
	webDir := ""
	if fi, err := os.Stat(cfg.WebDir); err == nil && fi.IsDir() {
		webDir = cfg.WebDir
	}
	gw, err := localgw.New(localgw.Config{
		Functions: fns, DevSecret: secret, OriginSecret: deps.Config.OriginSecret,
		Static: staticHandler(webDir, url), Logger: log, DevSubjects: devSubjects(),
	})
	if err != nil {
		return err
	}
	hs := newHTTPServer(gw, log)
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()

	// The timers: what EventBridge Scheduler (and the DynamoDB stream) do in
	// the cloud, one per schedule of the registry, each invoking its
	// function with the schedule's payload ({}).
	var jobs sync.WaitGroup
	for _, t := range timers(cfg) {
		f, _ := wire.Get(t.Function)
		h, err := f.Build(ctx, deps.EnvFor(t.Function))
		if err != nil {
			stopJobs()
			jobs.Wait()
			return fmt.Errorf("function %s: %w", t.Function, err)
		}
		jobs.Add(1)
		go func() {
			defer jobs.Done()
			every(jobCtx, t.Every, func(jctx context.Context) { runJob(ctx, jctx, log, t, h) })
		}()
	}
	defer func() {
		stopJobs()
		jobs.Wait()
	}()

	now := time.Now()
	info := Info{
		URL: url, DynamoDBEndpoint: srv.Endpoint(), Table: cfg.Table, DataDir: dataAbs,
		MailDir: filepath.Join(dataAbs, outboxSubdir), WebDir: webDir, TokenExpiry: now.Add(cfg.TokenTTL),
	}
	for _, b := range past {
		info.PastConsultations = append(info.PastConsultations, PastConsultation{ID: b.ID, Start: b.Start, Expert: b.ExpertID, Email: b.Contact.Email})
	}
	if info.AdminToken, err = localgw.IssueDevToken(secret, app.DemoAdminSubject, []string{auth.GroupAdmin}, cfg.TokenTTL, now); err != nil {
		return err
	}
	if info.ExpertToken, err = localgw.IssueDevToken(secret, app.DemoExpertSubject, []string{auth.GroupExpert}, cfg.TokenTTL, now); err != nil {
		return err
	}
	if info.EvaluatorToken, err = localgw.IssueDevToken(secret, DevEvaluatorSubject, []string{auth.GroupEvaluator}, cfg.TokenTTL, now); err != nil {
		return err
	}
	if info.ViewerToken, err = localgw.IssueDevToken(secret, DevViewerSubject, []string{auth.GroupViewer}, cfg.TokenTTL, now); err != nil {
		return err
	}
	pid := os.Getpid()
	if err := writeState(dataAbs, stackState{PID: pid, URL: url, DynamoDBEndpoint: srv.Endpoint(), Table: cfg.Table, StartedAt: now.UTC()}); err != nil {
		return err
	}
	defer removeState(dataAbs, pid)

	log.InfoContext(ctx, "local stack ready", "url", url, "startupMs", time.Since(started).Milliseconds())
	printBanner(out, info, cfg)
	if cfg.Ready != nil {
		cfg.Ready(info)
	}

	select {
	case <-ctx.Done():
	case err := <-serveErr:
		return fmt.Errorf("http server: %w", err)
	case <-srv.Done():
		// A Ctrl-C reaches the JVM at the same moment as us; give our own
		// signal a moment to arrive before calling it a crash.
		select {
		case <-ctx.Done():
		case <-time.After(500 * time.Millisecond):
			_ = hs.Close()
			return errors.New("DynamoDB Local stopped unexpectedly; its output is in " + filepath.Join(dataAbs, dynamoDBLog))
		}
	}
	log.Info("stopping: timers, HTTP server, DynamoDB Local")
	// The timers first: a Ctrl-C reaches DynamoDB Local too, and a sweep
	// started now would only fail on it.
	stopJobs()
	jobs.Wait()
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		log.Warn("HTTP server did not stop gracefully", "error", err.Error())
		_ = hs.Close()
	}
	return nil
}

// newHTTPServer is the local stack's HTTP server: a client gets 10 s for
// its headers and 30 s for its whole request (the gateway cuts a body off
// sooner, localgw.DefaultBodyTimeout), and an idle connection is closed
// after 2 minutes.
func newHTTPServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// baseURL is the URL to print for a listener: "localhost" for loopback
// addresses, so that links match what the brief and the README show.
func baseURL(a *net.TCPAddr) string {
	host := a.IP.String()
	if a.IP.IsLoopback() || a.IP.IsUnspecified() {
		host = "localhost"
	} else if a.IP.To4() == nil {
		host = "[" + host + "]"
	}
	return "http://" + host + ":" + strconv.Itoa(a.Port)
}

// timer is one schedule of the registry in the local stack.
type timer struct {
	Function, Schedule string
	Every              time.Duration
}

// timers lists the local stack's timers: every schedule of the registry,
// with its LocalEvery or cfg.Every's override for its function, but the
// monthly ones (the month's report): `make report MONTH=…` runs those.
func timers(cfg Config) []timer {
	var out []timer
	for _, f := range registry.Functions() {
		for _, s := range f.Schedules {
			if s.Monthly {
				continue
			}
			t := timer{Function: f.Name, Schedule: s.ID, Every: s.LocalEvery}
			if d, ok := cfg.Every[f.Name]; ok {
				t.Every = d
			}
			out = append(out, t)
		}
	}
	return out
}

// timerEvery is the local period of a scheduled function's (first) timer.
func timerEvery(cfg Config, function string) time.Duration {
	for _, t := range timers(cfg) {
		if t.Function == function {
			return t.Every
		}
	}
	return 0
}

// runJob runs a timer's function once. A run that fails once the stack
// is stopping (stack ends: a Ctrl-C, which reaches DynamoDB Local as well)
// is part of a normal shutdown, logged at INFO; any other failure is an
// ERROR.
func runJob(stack, ctx context.Context, log *slog.Logger, t timer, h lambda.Handler) {
	_, err := h.Invoke(ctx, []byte("{}"))
	switch {
	case err == nil:
	case stack.Err() != nil || ctx.Err() != nil:
		log.InfoContext(ctx, "scheduled run cut short by the shutdown", "function", t.Function, "schedule", t.Schedule, "error", err.Error())
	default:
		log.ErrorContext(ctx, "scheduled run failed", "function", t.Function, "schedule", t.Schedule, "error", err.Error())
	}
}

// every runs fn now and then every period until ctx ends; runs never
// overlap.
func every(ctx context.Context, period time.Duration, fn func(context.Context)) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		fn(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// quietSweeps drops the outbox sender's "outbox sweep" log line when the
// sweep found nothing to do: the timer sweeps every 2 s, and a line per
// sweep would bury the request log. Sweeps that sent, failed or skipped
// anything are logged as usual.
type quietSweeps struct{ slog.Handler }

// Handle implements slog.Handler.
func (h quietSweeps) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "outbox sweep" && r.Level < slog.LevelWarn {
		idle := true
		r.Attrs(func(a slog.Attr) bool {
			switch a.Key {
			case "sent", "failed", "skipped":
				if v := a.Value.Resolve(); v.Kind() != slog.KindInt64 || v.Int64() != 0 {
					idle = false
				}
			}
			return idle
		})
		if idle {
			return nil
		}
	}
	return h.Handler.Handle(ctx, r)
}

// WithAttrs implements slog.Handler.
func (h quietSweeps) WithAttrs(as []slog.Attr) slog.Handler {
	return quietSweeps{h.Handler.WithAttrs(as)}
}

// WithGroup implements slog.Handler.
func (h quietSweeps) WithGroup(name string) slog.Handler {
	return quietSweeps{h.Handler.WithGroup(name)}
}
