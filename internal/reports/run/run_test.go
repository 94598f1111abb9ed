package run_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/blobs"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/reportdb"
	"github.com/mpsv/brana/internal/reports/reportmail"
	"github.com/mpsv/brana/internal/reports/run"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

var (
	oct = cz.Month{Year: 2026, Month: time.October} // reports.ProgrammeStart, the first month
	nov = oct.Next()
	dec = nov.Next()
	jan = dec.Next()
	// Tuesday 5 January 2027, 10:00 UTC: December is the month before.
	now       = time.Date(2027, 1, 5, 10, 0, 0, 0, time.UTC)
	recipient = []string{"reditel@mpsv.cz", "monitoring@mpsv.cz"}
)

type fixture struct {
	t      *testing.T
	db     *dynamo.Store
	ix     *reportdb.Index
	dir    *blobs.Dir
	facts  *memFacts
	clock  *clock.Fixed
	runner *run.Runner
	store  run.Store // what the runner uses (the index, or a wrapper)
}

func newFixture(t *testing.T, wrap ...func(run.Store) run.Store) *fixture {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	db := dynamo.New(client, table)
	dir, err := blobs.NewDir(filepath.Join(t.TempDir(), "reports"))
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: db, ix: reportdb.NewIndex(db), dir: dir, facts: newFacts(), clock: clock.NewFixed(now)}
	f.store = f.ix
	for _, w := range wrap {
		f.store = w(f.store)
	}
	f.runner, err = run.New(run.Config{
		Catalogue: catalogue.MustLoad(), Facts: f.facts, Compile: fakeCompile, Render: fakeRender, Diff: fakeDiff,
		Store: f.store, Blobs: dir, Outbox: db, NoticeTo: recipient, BaseURL: "https://brana.example.cz", Clock: f.clock,
		WinnerWait: 2 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) run(month string) reports.RunResult {
	f.t.Helper()
	res, err := f.runner.Run(context.Background(), reports.RunRequest{Month: month, Trigger: reports.TriggerRerun, By: "admin-1"})
	if err != nil {
		f.t.Fatalf("run %q: %v", month, err)
	}
	return res
}

func (f *fixture) versions(m cz.Month) []reports.VersionInfo {
	f.t.Helper()
	vs, err := f.ix.Versions(context.Background(), m)
	if err != nil {
		f.t.Fatal(err)
	}
	return vs
}

// files reads every file of a version.
func (f *fixture) files(m cz.Month, n int) map[string][]byte {
	f.t.Helper()
	out := map[string][]byte{}
	for _, name := range reports.Files {
		b, err := f.dir.Get(context.Background(), reports.BlobKey(m, n, name))
		if err != nil {
			f.t.Fatalf("%s v%d %s: %v", m, n, name, err)
		}
		out[name] = b
	}
	return out
}

func (f *fixture) report(m cz.Month, n int) reports.Report {
	f.t.Helper()
	var r reports.Report
	if err := json.Unmarshal(f.files(m, n)[reports.FileJSON], &r); err != nil {
		f.t.Fatal(err)
	}
	return r
}

func manifest(t *testing.T, b []byte) reports.Manifest {
	t.Helper()
	var m reports.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// queued reports whether the notice of version n of m is queued to every
// recipient.
func (f *fixture) queued(m cz.Month, n int) bool {
	f.t.Helper()
	for _, to := range recipient {
		if _, err := f.db.GetOutbox(context.Background(), reportmail.MessageID(m, n, to)); err != nil {
			return false
		}
	}
	return true
}

// TestRunStoresVersionsAndNeverRewritesThem: the first run of December
// compiles November first (it has no snapshot), and November October, the
// programme's first month, before it; a re-run over the same
// facts stores nothing but the manifest's time; a late change makes
// version 2 with its diff, version 1 kept as it was.
func TestRunStoresVersionsAndNeverRewritesThem(t *testing.T) {
	f := newFixture(t)
	f.facts.add(nov, "held", "00006947")
	f.facts.add(nov, "held", "27074358")
	f.facts.add(dec, "held", "27074358")
	f.facts.add(dec, "no_show", "25596641")

	// The scheduled run ({}): December, the month before January.
	res, err := f.runner.Run(context.Background(), reports.RunRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if res != (reports.RunResult{Month: dec, Version: 1, New: true}) {
		t.Fatalf("first run: %+v", res)
	}
	if vs := f.versions(nov); len(vs) != 1 || vs[0].Trigger != reports.TriggerSchedule {
		t.Fatalf("November was not compiled first: %+v", vs)
	}
	if vs := f.versions(oct); len(vs) != 1 || vs[0].Trigger != reports.TriggerSchedule {
		t.Fatalf("October, the first month, was not compiled first: %+v", vs)
	}
	if f.facts.read(oct) != 1 || f.facts.read(nov) != 1 || f.facts.read(dec) != 1 {
		t.Errorf("facts read: October %d, November %d, December %d, want once each", f.facts.read(oct), f.facts.read(nov), f.facts.read(dec))
	}
	decV1 := f.files(dec, 1)
	r1 := f.report(dec, 1)
	if r1.Version != 1 || r1.Changes != nil || *r1.Indicators[1].Total.Value != 3 || *r1.Indicators[0].Previous.Value != 2 {
		t.Errorf("December v1: %+v", r1)
	}
	snap, ok, err := f.ix.Snapshot(context.Background(), dec)
	if err != nil || !ok || len(snap.Organisations) != 3 || snap.Organisations["00006947"].First != nov {
		t.Errorf("December's snapshot: %+v %v %v", snap, ok, err)
	}
	vs := f.versions(dec)
	if len(vs) != 1 || vs[0].ContentHash == "" || len(vs[0].Files) != 4 || vs[0].CreatedAt != now {
		t.Fatalf("December's index: %+v", vs)
	}
	if !f.queued(oct, 1) || !f.queued(nov, 1) || !f.queued(dec, 1) {
		t.Error("the notices of October v1, November v1 and December v1 are not queued")
	}

	// The same facts an hour later: still v1, files identical but the
	// manifest, whose time moved; November's facts are not read again.
	f.clock.Advance(time.Hour)
	if res := f.run("2026-12"); res != (reports.RunResult{Month: dec, Version: 1, New: false}) {
		t.Fatalf("re-run: %+v", res)
	}
	again := f.files(dec, 1)
	for _, name := range reports.Files {
		same := bytes.Equal(again[name], decV1[name])
		if same == (name == reports.FileManifest) {
			t.Errorf("%s: identical %v after a re-run", name, same)
		}
	}
	if m0, m1 := manifest(t, decV1[reports.FileManifest]), manifest(t, again[reports.FileManifest]); !m1.GeneratedAt.Equal(m0.GeneratedAt.Add(time.Hour)) || len(m1.Files) != 4 {
		t.Errorf("manifests %v → %v", m0.GeneratedAt, m1.GeneratedAt)
	}
	if f.facts.read(oct) != 1 || f.facts.read(nov) != 1 || f.facts.read(dec) != 2 || len(f.versions(dec)) != 1 {
		t.Errorf("re-run read October %d times, November %d, December %d; versions %d", f.facts.read(oct), f.facts.read(nov), f.facts.read(dec), len(f.versions(dec)))
	}

	// A late outcome in December: version 2 with the diff; v1 untouched.
	f.facts.add(dec, "held", "")
	f.clock.Advance(time.Hour)
	res = f.run("2026-12")
	if res != (reports.RunResult{Month: dec, Version: 2, New: true, Changes: 1}) {
		t.Fatalf("after a change: %+v", res)
	}
	r2 := f.report(dec, 2)
	if r2.Version != 2 || len(r2.Changes) != 1 || r2.Changes[0].Code != "consultations.held" || *r2.Changes[0].Before.Value != 1 || *r2.Changes[0].After.Value != 2 {
		t.Errorf("December v2: version %d, changes %+v", r2.Version, r2.Changes)
	}
	for name, b := range f.files(dec, 1) {
		if !bytes.Equal(b, again[name]) {
			t.Errorf("v1's %s was rewritten", name)
		}
	}
	vs = f.versions(dec)
	if len(vs) != 2 || vs[1].Changes != 1 || vs[1].By != "admin-1" || vs[1].Trigger != reports.TriggerRerun || vs[0].ContentHash == vs[1].ContentHash {
		t.Errorf("versions %+v", vs)
	}
	if !f.queued(dec, 2) {
		t.Error("v2's notice is not queued")
	}
	// And again unchanged: v2 confirmed.
	if res := f.run("2026-12"); res != (reports.RunResult{Month: dec, Version: 2, New: false, Changes: 1}) {
		t.Errorf("re-run of v2: %+v", res)
	}
}

// TestConcurrentRuns: eight runs of one month at once store exactly one
// version 1, and every one of them reports it.
func TestConcurrentRuns(t *testing.T) {
	f := newFixture(t)
	for range 6 {
		f.facts.add(nov, "held", "00006947")
	}
	const n = 8
	results := make([]reports.RunResult, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = f.runner.Run(context.Background(), reports.RunRequest{Month: "2026-11"})
		}()
	}
	wg.Wait()
	stored := 0
	for i := range n {
		if errs[i] != nil || results[i].Version != 1 {
			t.Errorf("run %d: %+v %v", i, results[i], errs[i])
		}
		if results[i].New {
			stored++
		}
	}
	if vs := f.versions(nov); stored != 1 || len(vs) != 1 {
		t.Errorf("%d runs stored a version; versions %+v", stored, vs)
	}
	if r := f.report(nov, 1); *r.Indicators[0].Total.Value != 6 {
		t.Errorf("report %+v", r)
	}
}

// staleOnce is a store whose first LatestOf misses the stored version, as
// a run that read the index just before a concurrent run stored version 1.
type staleOnce struct {
	run.Store
	mu   sync.Mutex
	done bool
}

func (s *staleOnce) LatestOf(ctx context.Context, m cz.Month) (reports.VersionInfo, bool, error) {
	s.mu.Lock()
	stale := !s.done && m == nov
	s.done = s.done || stale
	s.mu.Unlock()
	if stale {
		return reports.VersionInfo{}, false, nil
	}
	return s.Store.LatestOf(ctx, m)
}

// TestLostRace: a run that loses version 1 to a concurrent run reads the
// winner: with the same figures it is done; with others it stores
// version 2, diffed from the winner's.
func TestLostRace(t *testing.T) {
	for _, changed := range []bool{false, true} {
		stale := &staleOnce{}
		f := newFixture(t, func(s run.Store) run.Store { stale.Store = s; return stale })
		f.facts.add(nov, "held", "00006947")
		stale.done = true // the first run sees the index as it is
		f.run("2026-11")
		stale.done = false
		if changed {
			f.facts.add(nov, "held", "27074358")
		}
		res := f.run("2026-11")
		want := reports.RunResult{Month: nov, Version: 1}
		if changed {
			want = reports.RunResult{Month: nov, Version: 2, New: true, Changes: 2}
		}
		if res != want || !stale.done {
			t.Errorf("changed %v: %+v, want %+v (stale read %v)", changed, res, want, stale.done)
		}
		if vs := f.versions(nov); len(vs) != want.Version {
			t.Errorf("changed %v: versions %+v", changed, vs)
		}
	}
}

// TestRepairsAStoppedRun: a run that stopped after storing the index item
// (no files, no snapshot) is completed by the next run, which writes the
// files and the snapshot and does not make another version.
func TestRepairsAStoppedRun(t *testing.T) {
	f := newFixture(t)
	f.facts.add(nov, "held", "00006947")
	f.run("2026-11")
	want := f.files(nov, 1)
	// Lose the files and the snapshot, as if the run had stopped.
	if err := os.RemoveAll(filepath.Join(f.dir.Root(), "reports")); err != nil {
		t.Fatal(err)
	}
	if err := f.db.DeleteNow(context.Background(), reportdb.SnapshotKey(nov)); err != nil {
		t.Fatal(err)
	}
	// December's run finds no snapshot of November: November is run again
	// (confirmed and repaired), then December.
	if res := f.run("2026-12"); res != (reports.RunResult{Month: dec, Version: 1, New: true}) {
		t.Fatalf("December: %+v", res)
	}
	got := f.files(nov, 1)
	for _, name := range reports.Files {
		if name != reports.FileManifest && !bytes.Equal(got[name], want[name]) {
			t.Errorf("repaired %s differs", name)
		}
	}
	if _, ok, _ := f.ix.Snapshot(context.Background(), nov); !ok || len(f.versions(nov)) != 1 {
		t.Error("November's snapshot not written again, or a new version made")
	}
	if f.facts.read(nov) != 2 {
		t.Errorf("November read %d times, want 2", f.facts.read(nov))
	}
}

// TestRepairsTheMonthBeforesFiles: the month before has its snapshot but
// lost its files: it is run again (its files written back) before the
// month is compiled.
func TestRepairsTheMonthBeforesFiles(t *testing.T) {
	f := newFixture(t)
	f.facts.add(nov, "held", "00006947")
	f.run("2026-11")
	if err := os.RemoveAll(filepath.Join(f.dir.Root(), "reports", "2026-11")); err != nil {
		t.Fatal(err)
	}
	if res := f.run("2026-12"); res != (reports.RunResult{Month: dec, Version: 1, New: true}) {
		t.Fatalf("December: %+v", res)
	}
	if r := f.report(dec, 1); r.Indicators[0].Previous == nil || *r.Indicators[0].Previous.Value != 1 {
		t.Errorf("December's previous month: %+v", r.Indicators[0])
	}
	if len(f.files(nov, 1)) != len(reports.Files) || len(f.versions(nov)) != 1 {
		t.Error("November's files not written back, or a new version made")
	}
}

// TestRefusedMonths: before the programme, not yet ended, not a month.
func TestRefusedMonths(t *testing.T) {
	f := newFixture(t)
	for month, reason := range map[string]apperr.Reason{
		"2026-09": run.ReasonMonthTooEarly, "2025-12": run.ReasonMonthTooEarly,
		"2027-01": run.ReasonMonthNotEnded, "2027-06": run.ReasonMonthNotEnded,
		"2026-13": run.ReasonMonthInvalid, "2026-1": run.ReasonMonthInvalid, "x": run.ReasonMonthInvalid,
	} {
		_, err := f.runner.Run(context.Background(), reports.RunRequest{Month: month})
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Code != apperr.Invalid || ae.Reason != string(reason) {
			t.Errorf("%s: %v, want invalid %s", month, err, reason)
		}
	}
	// October 2026, the programme's first month, is the first accepted.
	if oct != reports.ProgrammeStart || run.Check(oct, now) != nil || run.Check(oct.Prev(), now) == nil {
		t.Errorf("the first month: %s (ProgrammeStart %s) accepted %v, the month before it refused %v", oct, reports.ProgrammeStart, run.Check(oct, now), run.Check(oct.Prev(), now))
	}
	// The month before the start's Prague midnight is not over yet at
	// 23:30 UTC on 31 January (00:30 Prague on 1 February: it is).
	if _, err := run.Month(reports.RunRequest{Month: "2027-01"}, time.Date(2027, 1, 31, 22, 59, 0, 0, time.UTC)); err == nil {
		t.Error("January refused only from Prague midnight")
	}
	if m, err := run.Month(reports.RunRequest{}, time.Date(2027, 1, 31, 23, 0, 0, 0, time.UTC)); err != nil || m != jan {
		t.Errorf("{} at Prague midnight of 1 February: %v %v, want January", m, err)
	}
	if vs, _ := f.ix.Latest(context.Background()); len(vs) != 0 {
		t.Errorf("refused runs stored %+v", vs)
	}
}
