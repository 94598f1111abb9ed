package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/wire"
)

// reportCompileAccess runs report-compile on the sample event (November
// 2026, whose facts the steps before wrote) twice: the first stores
// version 1 (the month's facts, the index item, the snapshot, the
// notice), the second finds the same figures (the index and the files
// read back, the manifest rewritten).
func reportCompileAccess(t *testing.T, build func(string) *boot.Env) {
	t.Helper()
	t.Setenv(reports.EnvNoticeTo, "reditel@mpsv.cz")
	job, err := wire.MustGet(registry.ReportCompile).Build(context.Background(), build(registry.ReportCompile))
	if err != nil {
		t.Fatal(err)
	}
	// November, whose facts the steps before wrote (so that every read
	// the registry declares happens); the sample event names October.
	ev := []byte(`{"month":"2026-11","trigger":"local"}`)
	for _, want := range []string{`"new":true`, `"new":false`} {
		if out, err := job.Invoke(context.Background(), ev); err != nil || !strings.Contains(string(out), `"month":"2026-11","version":1`) || !strings.Contains(string(out), want) {
			t.Fatalf("report compile: got %s, %v, want version 1 and %s", out, err, want)
		}
	}
}
