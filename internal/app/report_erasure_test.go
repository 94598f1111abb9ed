package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/wire"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// TestReportAfterLateChangesAndErasure runs the real report-compile
// (facts read from the table, the compiler, the renderer) over the demo
// months written through the real stores, end to end:
//   - a re-run over unchanged facts stores no new version and gives
//     byte-identical files; only the manifest's generation time differs;
//   - an outcome marked afterwards makes version 2 with the changed
//     figures listed; version 1's files stay as they were;
//   - erasing the personal data of every consultation and registration of
//     the month (the admins' own erasure paths) and running again gives
//     the same figures: no new version, identical files.
func TestReportAfterLateChangesAndErasure(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "reports")
	t.Setenv(reports.EnvDir, dir)
	env := apptest.New(t, apptest.Options{}) // Monday 30 November 2026, 9:00 Prague
	if _, err := env.Deps.SeedSurveys(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Deps.SeedReportData(ctx); err != nil {
		t.Fatal(err)
	}
	job, err := wire.MustGet(registry.ReportCompile).Build(ctx, env.Deps.EnvFor(registry.ReportCompile))
	if err != nil {
		t.Fatal(err)
	}
	oct := cz.Month{Year: 2026, Month: 10}
	run := func() reports.RunResult {
		t.Helper()
		out, err := job.Invoke(ctx, []byte(`{"month":"2026-10","trigger":"local"}`))
		if err != nil {
			t.Fatalf("report-compile: %v", err)
		}
		var res reports.RunResult
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	files := func(version int) map[string][]byte {
		t.Helper()
		out := map[string][]byte{}
		for _, name := range reports.Files {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(reports.BlobKey(oct, version, name))))
			if err != nil {
				t.Fatal(err)
			}
			out[name] = b
		}
		return out
	}
	same := func(what string, a, b map[string][]byte) {
		t.Helper()
		for _, name := range reports.Files {
			if name == reports.FileManifest {
				continue
			}
			if !bytes.Equal(a[name], b[name]) {
				t.Errorf("%s: %s differs", what, name)
			}
		}
		var ma, mb reports.Manifest
		if err := json.Unmarshal(a[reports.FileManifest], &ma); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b[reports.FileManifest], &mb); err != nil {
			t.Fatal(err)
		}
		ma.GeneratedAt = mb.GeneratedAt
		ja, _ := json.Marshal(ma)
		jb, _ := json.Marshal(mb)
		if !bytes.Equal(ja, jb) {
			t.Errorf("%s: the manifests differ beyond their generation time:\n%s\n%s", what, ja, jb)
		}
	}
	held := func(r map[string][]byte) float64 {
		t.Helper()
		var rep reports.Report
		if err := json.Unmarshal(r[reports.FileJSON], &rep); err != nil {
			t.Fatal(err)
		}
		for _, v := range rep.Indicators {
			if v.Code == "consultations.held" && v.Total.Value != nil {
				return *v.Total.Value
			}
		}
		t.Fatal("no consultations.held")
		return 0
	}

	if res := run(); res.Version != 1 || !res.New {
		t.Fatalf("first run: %+v, want a new version 1", res)
	}
	v1 := files(1)
	env.Clock.Advance(time.Hour)
	if res := run(); res.Version != 1 || res.New {
		t.Fatalf("re-run over unchanged facts: %+v, want version 1, nothing new", res)
	}
	same("re-run over unchanged facts", v1, files(1))

	// An outcome marked afterwards: a past October consultation nobody
	// marked is marked held.
	admin := auth.Principal{Subject: app.DemoAdminSubject, Groups: []string{auth.GroupAdmin}}
	bookings, err := env.Deps.Service.ListBookings(ctx, admin, consultations.BookingQuery{From: cz.DateOf(oct.Start()), To: cz.DateOf(oct.End()).AddDays(-1)})
	if err != nil {
		t.Fatal(err)
	}
	late := ""
	for _, b := range bookings {
		if b.Status == consultations.StatusConfirmed {
			late = b.ID
			break
		}
	}
	if late == "" {
		t.Fatal("the demo October has no consultation without an outcome")
	}
	if _, err := env.Deps.Service.SetOutcome(ctx, admin, late, consultations.OutcomeInput{Status: "held"}); err != nil {
		t.Fatalf("mark %s held: %v", late, err)
	}
	res := run()
	if res.Version != 2 || !res.New || res.Changes == 0 {
		t.Fatalf("run after a late outcome: %+v, want a new version 2 with changes", res)
	}
	v2 := files(2)
	if got, want := held(v2), held(v1)+1; got != want {
		t.Errorf("version 2 counts %v consultations held, want %v", got, want)
	}
	var rep2 reports.Report
	if err := json.Unmarshal(v2[reports.FileJSON], &rep2); err != nil {
		t.Fatal(err)
	}
	changed := false
	for _, c := range rep2.Changes {
		changed = changed || (c.Code == "consultations.held" && c.Breakdown == "")
	}
	if !changed {
		t.Errorf("version 2's changes do not list consultations.held: %+v", rep2.Changes)
	}
	same("version 1 after version 2", v1, files(1))

	// Erase every October consultation's and registration's personal data.
	erased := 0
	for _, b := range bookings {
		if _, err := env.Deps.Service.ErasePersonalData(ctx, admin, b.ID); err != nil {
			t.Fatalf("erase booking %s: %v", b.ID, err)
		}
		erased++
	}
	store := workshopdb.New(dynamo.New(env.Deps.Env.DB, env.Deps.Config.TableName))
	events, err := store.ListEvents(ctx, oct.Start(), oct.End())
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range events {
		regs, err := store.ListRegistrations(ctx, ev.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range regs {
			if !r.ErasedAt.IsZero() {
				continue
			}
			req := apptest.Event(t, "staff-erase-registration")
			req.PathParameters = map[string]string{"registrationId": r.ID}
			req.RawPath = strings.Replace(req.RawPath, "REGISTRATION_ID", r.ID, 1)
			req.RequestContext.HTTP.Path = req.RawPath
			resp := env.Invoke(registry.StaffEvents, apptest.WithClaims(req, app.DemoAdminSubject, auth.GroupAdmin))
			if resp.StatusCode != 200 {
				t.Fatalf("erase registration %s: %d %s", r.ID, resp.StatusCode, resp.Body)
			}
			erased++
		}
	}
	if erased < 50 {
		t.Fatalf("erased %d consultations and registrations; want the demo month's", erased)
	}
	// The erasure took the people's data: a booking keeps no contact.
	if b, err := env.Deps.Store.GetBooking(ctx, late); err != nil || b.Contact.Email != "" || !b.Erased() {
		t.Fatalf("booking %s after erasure: %+v %v", late, b.Contact, err)
	}
	if res := run(); res.Version != 2 || res.New {
		t.Fatalf("run after the erasure: %+v, want version 2, nothing new", res)
	}
	same("run after the erasure", v2, files(2))
}
