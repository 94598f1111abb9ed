package reportcompile_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/reports/reportmail"
	"github.com/mpsv/brana/internal/wire/reportcompile"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

// noFacts is a month without facts.
type noFacts struct{ facts.Facts }

func compile(_ context.Context, cat catalogue.Catalogue, m cz.Month, _ facts.Facts, prev reports.Snapshot, _ *reports.Report) (reports.Report, reports.Snapshot, error) {
	zero := 0.0
	return reports.Report{Schema: reports.Schema, Month: m, Catalogue: cat.Version, Period: reports.Period{From: m.Start(), To: m.End()},
			Indicators: []reports.Value{{Code: reportmail.CodeConsultationsHeld, Unit: catalogue.UnitCount, Total: reports.Cell{Value: &zero}}}},
		reports.Snapshot{Month: m, Catalogue: cat.Version, Organisations: prev.Organisations}, nil
}

func render(r reports.Report, _ catalogue.Catalogue, at time.Time) ([]reports.File, error) {
	j, err := reports.EncodeJSON(r)
	if err != nil {
		return nil, err
	}
	man, _ := json.Marshal(reports.Manifest{Month: r.Month, Version: r.Version, GeneratedAt: at})
	return []reports.File{{Name: reports.FileJSON, ContentType: "application/json", Body: j}, {Name: reports.FileManifest, ContentType: "application/json", Body: man}}, nil
}

func deps() reportcompile.Deps {
	return reportcompile.Deps{
		Facts:   func(*dynamo.Store) facts.Facts { return noFacts{} },
		Compile: compile, Render: render,
		Diff: func(before, after reports.Report) []reports.Change { return nil },
	}
}

func env(t *testing.T) *boot.Env {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	e := &boot.Env{Function: "report-compile", DB: client, Clock: clock.NewFixed(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)), Log: slog.New(slog.DiscardHandler)}
	e.Config.TableName, e.Config.PublicBaseURL = table, "https://brana.example.cz"
	return e
}

func TestJob(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "reports")
	t.Setenv(reports.EnvDir, dir)
	t.Setenv(reports.EnvNoticeTo, " reditel@mpsv.cz, ,monitoring@mpsv.cz")
	e := env(t)
	h, err := reportcompile.Build(context.Background(), e, deps())
	if err != nil {
		t.Fatal(err)
	}
	// The scheduled event: 03:00 Prague on 1 December compiles November
	// (and October, the programme's first month, before it).
	// The sample of `make invoke` names October: the version the scheduled
	// run made first is found again.
	november := cz.Month{Year: 2026, Month: time.November}
	want := map[string]cz.Month{"scheduled-report-compile.json": november, "report-compile-month.json": november.Prev()}
	var req reports.RunRequest
	for _, name := range []string{"scheduled-report-compile.json", "report-compile-month.json"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "..", "events", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &req); err != nil {
			t.Fatal(err)
		}
		res, err := h(context.Background(), req)
		if err != nil || res.Month != want[name] || res.Version != 1 {
			t.Fatalf("%s: %+v %v", name, res, err)
		}
	}
	if req.Month != "2026-10" || req.Trigger != reports.TriggerLocal {
		t.Errorf("events/report-compile-month.json: %+v", req)
	}
	for _, m := range []string{"2026-10", "2026-11"} { // October compiled first
		if _, err := os.Stat(filepath.Join(dir, "reports", m, "v1", "report.json")); err != nil {
			t.Error(err)
		}
	}
	db := dynamo.New(e.DB, e.Config.TableName)
	for _, to := range []string{"reditel@mpsv.cz", "monitoring@mpsv.cz"} {
		if _, err := db.GetOutbox(context.Background(), reportmail.MessageID(november, 1, to)); err != nil {
			t.Errorf("notice to %s: %v", to, err)
		}
	}
	// A month not ended is refused.
	_, err = h(context.Background(), reports.RunRequest{Month: "2026-12"})
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Code != apperr.Invalid {
		t.Errorf("December on 1 December: %v", err)
	}
}

func TestConfiguration(t *testing.T) {
	e := &boot.Env{Log: slog.New(slog.DiscardHandler), Clock: clock.System{}}
	t.Setenv(reports.EnvDir, "")
	t.Setenv(reports.EnvBucket, "")
	if _, err := reportcompile.Build(context.Background(), e, deps()); err == nil || !strings.Contains(err.Error(), reports.EnvBucket) {
		t.Errorf("no file store: %v", err)
	}
	t.Setenv(reports.EnvBucket, "brana-reports")
	t.Setenv(reports.EnvNoticeTo, "reditel@mpsv.cz,not an address")
	if _, err := reportcompile.Build(context.Background(), e, deps()); err == nil || !strings.Contains(err.Error(), reports.EnvNoticeTo) {
		t.Errorf("invalid recipient: %v", err)
	}
	t.Setenv(reports.EnvNoticeTo, "")
	if _, err := reportcompile.Build(context.Background(), e, deps()); err != nil {
		t.Errorf("the bucket: %v", err)
	}
}
