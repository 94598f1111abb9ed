package compile

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/reports/reportstest"
)

var update = flag.Bool("update", false, "rewrite testdata/golden-2026-11.json")

const goldenSeed = 11

// compileTwo compiles October 2026 (the zero snapshot) and then November
// with October's snapshot and report.
func compileTwo(t *testing.T, f facts.Facts) (oct, nov reports.Report, snap reports.Snapshot) {
	t.Helper()
	ctx := context.Background()
	cat := catalogue.MustLoad()
	oct, octSnap, err := Compile(ctx, cat, reportstest.October, f, reports.Snapshot{}, nil)
	if err != nil {
		t.Fatalf("compile October: %v", err)
	}
	nov, snap, err = Compile(ctx, cat, reportstest.November, f, octSnap, &oct)
	if err != nil {
		t.Fatalf("compile November: %v", err)
	}
	return oct, nov, snap
}

func encode(t *testing.T, r reports.Report) []byte {
	t.Helper()
	b, err := reports.EncodeJSON(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func value(t *testing.T, r reports.Report, code string) reports.Value {
	t.Helper()
	for _, v := range r.Indicators {
		if v.Code == code {
			return v
		}
	}
	t.Fatalf("no indicator %s", code)
	return reports.Value{}
}

func cellOf(t *testing.T, v reports.Value, by catalogue.Breakdown, key string) (reports.Cell, bool) {
	t.Helper()
	for _, b := range v.Breakdowns {
		if b.By != by {
			continue
		}
		for _, c := range b.Cells {
			if c.Key == key {
				return c, true
			}
		}
	}
	return reports.Cell{}, false
}

func num(t *testing.T, c reports.Cell) float64 {
	t.Helper()
	if c.Value == nil {
		t.Fatalf("cell %q has no value (suppressed %v)", c.Key, c.Suppressed)
	}
	return *c.Value
}

func TestGoldenNovember(t *testing.T) {
	_, nov, _ := compileTwo(t, reportstest.GoldenMonth(goldenSeed))
	got := encode(t, nov)
	path := filepath.Join("testdata", "golden-2026-11.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (rewrite: go test ./internal/reports/compile -run TestGoldenNovember -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the November report differs from %s (rewrite with -update if the change is meant)", path)
	}
	if len(nov.Indicators) != len(catalogue.MustLoad().Indicators) {
		t.Errorf("got %d indicators, want every one of the catalogue's", len(nov.Indicators))
	}
	for i, in := range catalogue.MustLoad().Indicators {
		if nov.Indicators[i].Code != in.Code {
			t.Errorf("indicator %d is %s, want %s (the catalogue's order)", i, nov.Indicators[i].Code, in.Code)
		}
	}
}

func TestSameFactsInAnyOrderGiveTheSameBytes(t *testing.T) {
	f := reportstest.GoldenMonth(goldenSeed)
	_, want, wantSnap := compileTwo(t, f)
	for _, seed := range []uint64{1, 2, 3, 4, 5} {
		_, got, gotSnap := compileTwo(t, f.Shuffled(seed))
		if !bytes.Equal(encode(t, got), encode(t, want)) {
			t.Errorf("shuffle %d: the report differs", seed)
		}
		if len(gotSnap.Organisations) != len(wantSnap.Organisations) {
			t.Errorf("shuffle %d: snapshot has %d organisations, want %d", seed, len(gotSnap.Organisations), len(wantSnap.Organisations))
		}
		for ico, o := range wantSnap.Organisations {
			if gotSnap.Organisations[ico] != o {
				t.Errorf("shuffle %d: organisation %s is %+v, want %+v", seed, ico, gotSnap.Organisations[ico], o)
			}
		}
	}
}

func TestEveryKeyHasALabel(t *testing.T) {
	_, nov, _ := compileTwo(t, reportstest.GoldenMonth(goldenSeed))
	for _, v := range nov.Indicators {
		for _, b := range v.Breakdowns {
			for _, c := range b.Cells {
				l, ok := nov.Labels[b.By][c.Key]
				if !ok || l.CS == "" || l.EN == "" {
					t.Errorf("%s by %s: key %q has no label (%+v)", v.Code, b.By, c.Key, l)
				}
				if ok && c.Key != reports.NotStated && l.CS == c.Key && b.By != catalogue.BreakdownEventKind {
					t.Errorf("%s by %s: key %q is named by its code", v.Code, b.By, c.Key)
				}
			}
		}
	}
	for _, p := range nov.Transformation.ByPhase {
		if nov.Labels[catalogue.BreakdownPhase][string(p.Phase)].CS == "" {
			t.Errorf("phase %s has no label", p.Phase)
		}
	}
	if l := nov.Labels[catalogue.BreakdownRegion]["CZ010"]; l.CS != "Hlavní město Praha" || l.EN != "Prague" {
		t.Errorf("Prague: %+v", l)
	}
}
