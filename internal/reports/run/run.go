// Package run is the monthly report's pipeline (report-compile): for a
// Prague month it reads the month before's snapshot (compiling that month
// first if it has none), compiles the month's facts, and either confirms
// the latest stored version (same figures: the files are checked
// byte-identical and only the manifest's time is rewritten) or stores
// version n+1 with its diff from version n: the index item (conditional:
// two runs never both store version n), the files, the snapshot, and the
// notice e-mail through the outbox. Earlier versions are never
// overwritten.
package run

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/reports/reportdb"
	"github.com/mpsv/brana/internal/reports/reportmail"
)

// Store is the version index and the snapshots (reportdb.Index).
type Store interface {
	LatestOf(ctx context.Context, m cz.Month) (reports.VersionInfo, bool, error)
	// PutVersion fails with reportdb.ErrVersionTaken when the version is
	// stored already.
	PutVersion(ctx context.Context, v reports.VersionInfo) error
	Snapshot(ctx context.Context, m cz.Month) (reports.Snapshot, bool, error)
	PutSnapshot(ctx context.Context, s reports.Snapshot, version int, now time.Time) error
}

var _ Store = (*reportdb.Index)(nil)

// Outbox queues an e-mail (dynamo.Store.PutOutbox): a Conflict
// "outbox_exists" when it was queued before.
type Outbox interface {
	PutOutbox(ctx context.Context, it outbox.Item) error
}

// Diff lists the figures that differ between two versions of a month's
// report (internal/reports/compile.Diff).
type Diff func(before, after reports.Report) []reports.Change

// Config is what a Runner runs on.
type Config struct {
	Catalogue catalogue.Catalogue
	Facts     facts.Facts
	Compile   facts.Compile
	Render    reports.Render
	Diff      Diff
	Store     Store
	Blobs     reports.Blobs
	// Outbox and NoticeTo: the notice e-mail's queue and recipients (none:
	// no notice).
	Outbox   Outbox
	NoticeTo []string
	// BaseURL is the front door the notice links to.
	BaseURL string
	Clock   clock.Clock
	Log     *slog.Logger
	// WinnerWait bounds the wait for the files of a version a concurrent
	// run stored first, when this run's figures differ and it stores the
	// next version with the diff from that one (30 s if zero).
	WinnerWait time.Duration
}

// Runner runs the pipeline.
type Runner struct{ cfg Config }

// New returns a runner on cfg.
func New(cfg Config) (*Runner, error) {
	switch {
	case cfg.Facts == nil || cfg.Compile == nil || cfg.Render == nil || cfg.Diff == nil:
		return nil, errors.New("run: facts, compile, render and diff are required")
	case cfg.Store == nil || cfg.Blobs == nil || cfg.Clock == nil:
		return nil, errors.New("run: store, blobs and clock are required")
	case len(cfg.NoticeTo) > 0 && cfg.Outbox == nil:
		return nil, errors.New("run: notice recipients without an outbox")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.WinnerWait == 0 {
		cfg.WinnerWait = 30 * time.Second
	}
	return &Runner{cfg: cfg}, nil
}

// Reasons a month is refused (apperr.Invalid).
const (
	ReasonMonthInvalid  apperr.Reason = "report_month_invalid"   // not YYYY-MM
	ReasonMonthTooEarly apperr.Reason = "report_month_too_early" // before reports.ProgrammeStart
	ReasonMonthNotEnded apperr.Reason = "report_month_not_ended" // the current month or later
)

// MaxCatchUp bounds how many earlier months without a snapshot one run
// compiles first.
const MaxCatchUp = 36

// Month is the month a request asks for: its Month, or for none the month
// before the current Prague month. A month before the programme's start
// or not yet ended is refused (apperr.Invalid with one of the reasons
// above).
func Month(req reports.RunRequest, now time.Time) (cz.Month, error) {
	m := cz.MonthOf(now).Prev()
	if req.Month != "" {
		var err error
		if m, err = cz.ParseMonth(req.Month); err != nil {
			return cz.Month{}, apperr.New(apperr.Invalid, ReasonMonthInvalid)
		}
	}
	return m, Check(m, now)
}

// Check refuses a month before the programme's start or not yet ended at
// now.
func Check(m cz.Month, now time.Time) error {
	switch {
	case m.Before(reports.ProgrammeStart):
		return apperr.New(apperr.Invalid, ReasonMonthTooEarly)
	case now.Before(m.End()):
		return apperr.New(apperr.Invalid, ReasonMonthNotEnded)
	}
	return nil
}

// ErrFilesDiffer is a run's error when the figures equal the latest
// version's but the rendered files do not (the renderer changed): the
// stored files are kept, nothing is written.
var ErrFilesDiffer = errors.New("run: the rendered files differ from the stored version's")

// Run compiles the month req names and stores a new version if its
// figures changed.
func (r *Runner) Run(ctx context.Context, req reports.RunRequest) (reports.RunResult, error) {
	m, err := Month(req, r.cfg.Clock.Now())
	if err != nil {
		return reports.RunResult{}, err
	}
	if req.Trigger == "" {
		req.Trigger = reports.TriggerSchedule
	}
	return r.month(ctx, m, req, 0)
}

func (r *Runner) month(ctx context.Context, m cz.Month, req reports.RunRequest, depth int) (reports.RunResult, error) {
	prev, prevReport, err := r.previous(ctx, m, req, depth)
	if err != nil {
		return reports.RunResult{}, err
	}
	rep, snap, err := r.cfg.Compile(ctx, r.cfg.Catalogue, m, r.cfg.Facts, prev, prevReport)
	if err != nil {
		return reports.RunResult{}, fmt.Errorf("compile %s: %w", m, err)
	}
	rep.Version, rep.Changes = 0, nil
	snap.Month = m
	hash, err := reports.ContentHash(rep)
	if err != nil {
		return reports.RunResult{}, err
	}
	// At most two tries to store a version: if a concurrent run stores
	// version n first with other figures, this one becomes n+1.
	for attempt := 1; ; attempt++ {
		latest, found, err := r.cfg.Store.LatestOf(ctx, m)
		if err != nil {
			return reports.RunResult{}, err
		}
		if found && latest.ContentHash == hash {
			return r.confirm(ctx, rep, snap, latest)
		}
		res, err := r.store(ctx, rep, snap, hash, latest.Version+1, req)
		if errors.Is(err, reportdb.ErrVersionTaken) && attempt < 2 {
			r.cfg.Log.InfoContext(ctx, "report version stored by a concurrent run; reading it", "month", m.String(), "version", latest.Version+1)
			continue
		}
		return res, err
	}
}

// previous returns the snapshot of the month before m (compiling that
// month first if it has none) and its latest report (nil if none).
func (r *Runner) previous(ctx context.Context, m cz.Month, req reports.RunRequest, depth int) (reports.Snapshot, *reports.Report, error) {
	p := m.Prev()
	if p.Before(reports.ProgrammeStart) {
		return reports.Snapshot{}, nil, nil
	}
	snap, found, err := r.cfg.Store.Snapshot(ctx, p)
	if err != nil {
		return reports.Snapshot{}, nil, err
	}
	if !found {
		if depth >= MaxCatchUp {
			return reports.Snapshot{}, nil, fmt.Errorf("run: more than %d months without a snapshot before %s", MaxCatchUp, m)
		}
		// Compile the month before first, as its own run, so that the
		// cumulative figures never re-read older months' facts.
		r.cfg.Log.InfoContext(ctx, "report: compiling the month before first", "month", p.String())
		pr := req
		pr.Month = p.String()
		if _, err := r.month(ctx, p, pr, depth+1); err != nil {
			return reports.Snapshot{}, nil, fmt.Errorf("compile %s first: %w", p, err)
		}
		if snap, found, err = r.cfg.Store.Snapshot(ctx, p); err != nil || !found {
			return reports.Snapshot{}, nil, fmt.Errorf("run: no snapshot of %s after compiling it (%v)", p, err)
		}
	}
	latest, found, err := r.cfg.Store.LatestOf(ctx, p)
	if err != nil || !found {
		return snap, nil, err
	}
	prevReport, err := r.report(ctx, p, latest.Version, 0)
	if errors.Is(err, reports.ErrNoBlob) && depth < MaxCatchUp {
		// A run of the month before stopped before its files: run it
		// again, which writes them (confirm), then read.
		r.cfg.Log.InfoContext(ctx, "report: the month before has no files; running it again", "month", p.String())
		pr := req
		pr.Month = p.String()
		if _, err := r.month(ctx, p, pr, depth+1); err != nil {
			return reports.Snapshot{}, nil, fmt.Errorf("repair %s first: %w", p, err)
		}
		prevReport, err = r.report(ctx, p, latest.Version, 0)
	}
	if err != nil {
		return reports.Snapshot{}, nil, err
	}
	return snap, &prevReport, nil
}

// report reads a stored version's report.json, waiting up to wait for it
// to appear (a concurrent run stores the index item before the files).
func (r *Runner) report(ctx context.Context, m cz.Month, n int, wait time.Duration) (reports.Report, error) {
	key := reports.BlobKey(m, n, reports.FileJSON)
	deadline := time.Now().Add(wait)
	for {
		b, err := r.cfg.Blobs.Get(ctx, key)
		if errors.Is(err, reports.ErrNoBlob) && time.Now().Before(deadline) {
			select {
			case <-ctx.Done():
				return reports.Report{}, ctx.Err()
			case <-time.After(200 * time.Millisecond):
			}
			continue
		}
		if err != nil {
			return reports.Report{}, fmt.Errorf("read %s: %w", key, err)
		}
		var rep reports.Report
		if err := json.Unmarshal(b, &rep); err != nil {
			return reports.Report{}, fmt.Errorf("decode %s: %w", key, err)
		}
		return rep, nil
	}
}

// changes is version n's diff from version n−1 (none for version 1).
func (r *Runner) changes(ctx context.Context, rep reports.Report, n int) ([]reports.Change, error) {
	if n <= 1 {
		return nil, nil
	}
	before, err := r.report(ctx, rep.Month, n-1, r.cfg.WinnerWait)
	if err != nil {
		return nil, err
	}
	return r.cfg.Diff(before, rep), nil
}

// render renders version n of the report and splits off the manifest.
func (r *Runner) render(rep reports.Report) (data []reports.File, manifest reports.File, err error) {
	files, err := r.cfg.Render(rep, r.cfg.Catalogue, r.cfg.Clock.Now())
	if err != nil {
		return nil, reports.File{}, fmt.Errorf("render %s v%d: %w", rep.Month, rep.Version, err)
	}
	if len(files) == 0 || files[len(files)-1].Name != reports.FileManifest {
		return nil, reports.File{}, fmt.Errorf("render %s v%d: no manifest last", rep.Month, rep.Version)
	}
	return files[:len(files)-1], files[len(files)-1], nil
}

// store stores the report as version n: the index item first (the
// conditional write decides between concurrent runs, so a losing run
// never writes a winner's files), then the files, the snapshot and the
// notice. A run that stops between the item and the files is repaired by
// the next run of the month (confirm writes missing files).
func (r *Runner) store(ctx context.Context, rep reports.Report, snap reports.Snapshot, hash string, n int, req reports.RunRequest) (reports.RunResult, error) {
	m := rep.Month
	rep.Version = n
	var err error
	if rep.Changes, err = r.changes(ctx, rep, n); err != nil {
		return reports.RunResult{}, err
	}
	data, manifest, err := r.render(rep)
	if err != nil {
		return reports.RunResult{}, err
	}
	info := reports.VersionInfo{
		Month: m, Version: n, Catalogue: rep.Catalogue, ContentHash: hash, CreatedAt: r.cfg.Clock.Now(),
		Trigger: req.Trigger, By: req.By, Changes: len(rep.Changes),
	}
	for _, f := range data {
		sum := sha256.Sum256(f.Body)
		info.Files = append(info.Files, reports.ManifestFile{Name: f.Name, Bytes: len(f.Body), SHA256: hex.EncodeToString(sum[:])})
	}
	if err := r.cfg.Store.PutVersion(ctx, info); err != nil {
		return reports.RunResult{}, err
	}
	for _, f := range append(data, manifest) {
		if err := r.cfg.Blobs.Put(ctx, reports.BlobKey(m, n, f.Name), f.ContentType, f.Body); err != nil {
			return reports.RunResult{}, err
		}
	}
	if err := r.cfg.Store.PutSnapshot(ctx, snap, n, r.cfg.Clock.Now()); err != nil {
		return reports.RunResult{}, err
	}
	if err := r.notice(ctx, rep); err != nil {
		return reports.RunResult{}, err
	}
	r.cfg.Log.InfoContext(ctx, "report version stored", "month", m.String(), "version", n, "changes", len(rep.Changes))
	return reports.RunResult{Month: m, Version: n, New: true, Changes: len(rep.Changes)}, nil
}

// NoticeWindow is how long after a version was stored a run that finds
// the same figures still queues its notice (idempotently: the same outbox
// ids), for a run that stopped before queuing it. Outbox items live at
// least this long, so a notice is never queued twice.
const NoticeWindow = outbox.PendingRetention

// confirm is a run whose figures equal the latest version's: the files
// rendered again must be byte-identical to the stored ones (a missing one,
// of a run that stopped halfway, is written), and only the manifest is
// rewritten, with the new time.
func (r *Runner) confirm(ctx context.Context, rep reports.Report, snap reports.Snapshot, latest reports.VersionInfo) (reports.RunResult, error) {
	m, n := rep.Month, latest.Version
	rep.Version = n
	var err error
	if rep.Changes, err = r.changes(ctx, rep, n); err != nil {
		return reports.RunResult{}, err
	}
	data, manifest, err := r.render(rep)
	if err != nil {
		return reports.RunResult{}, err
	}
	var missing []reports.File
	for _, f := range data {
		stored, err := r.cfg.Blobs.Get(ctx, reports.BlobKey(m, n, f.Name))
		switch {
		case errors.Is(err, reports.ErrNoBlob):
			missing = append(missing, f)
		case err != nil:
			return reports.RunResult{}, err
		case !bytes.Equal(stored, f.Body):
			return reports.RunResult{}, fmt.Errorf("%w: %s v%d %s", ErrFilesDiffer, m, n, f.Name)
		}
	}
	for _, f := range append(missing, manifest) {
		if err := r.cfg.Blobs.Put(ctx, reports.BlobKey(m, n, f.Name), f.ContentType, f.Body); err != nil {
			return reports.RunResult{}, err
		}
	}
	if _, found, err := r.cfg.Store.Snapshot(ctx, m); err != nil {
		return reports.RunResult{}, err
	} else if !found {
		if err := r.cfg.Store.PutSnapshot(ctx, snap, n, r.cfg.Clock.Now()); err != nil {
			return reports.RunResult{}, err
		}
	}
	if r.cfg.Clock.Now().Sub(latest.CreatedAt) < NoticeWindow {
		if err := r.notice(ctx, rep); err != nil {
			return reports.RunResult{}, err
		}
	}
	r.cfg.Log.InfoContext(ctx, "report unchanged", "month", m.String(), "version", n, "repaired", len(missing))
	return reports.RunResult{Month: m, Version: n, New: false, Changes: latest.Changes}, nil
}

// notice queues the notice e-mail to every recipient; one queued before
// (a retried run) is not queued again.
func (r *Runner) notice(ctx context.Context, rep reports.Report) error {
	if len(r.cfg.NoticeTo) == 0 {
		return nil
	}
	items, err := reportmail.Items(reportmail.DataOf(rep, r.cfg.BaseURL), rep.Month, r.cfg.NoticeTo, r.cfg.Clock.Now())
	if err != nil {
		return err
	}
	for _, it := range items {
		err := r.cfg.Outbox.PutOutbox(ctx, it)
		var ae *apperr.Error
		if errors.As(err, &ae) && ae.Code == apperr.Conflict {
			continue // queued by an earlier try of this run
		}
		if err != nil {
			return fmt.Errorf("queue report notice: %w", err)
		}
	}
	return nil
}
