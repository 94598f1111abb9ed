package render_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/render"
	"github.com/mpsv/brana/internal/reports/render/rendertest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

var at = time.Date(2027, 3, 1, 2, 0, 0, 0, time.UTC)

func renderFixture(t *testing.T, generatedAt time.Time) map[string]reports.File {
	t.Helper()
	files, err := render.Files(rendertest.Report(), catalogue.MustLoad(), generatedAt)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	byName := map[string]reports.File{}
	for _, f := range files {
		names = append(names, f.Name)
		byName[f.Name] = f
	}
	if len(names) != len(reports.Files) {
		t.Fatalf("files %v, want %v", names, reports.Files)
	}
	for i := range names {
		if names[i] != reports.Files[i] {
			t.Fatalf("files %v, want %v in that order", names, reports.Files)
		}
	}
	return byName
}

func TestFilesAndManifest(t *testing.T) {
	files := renderFixture(t, at.In(time.FixedZone("CET", 3600)))
	want := map[string]string{
		reports.FileJSON: "application/json", reports.FileCSV: "text/csv; charset=utf-8; header=present",
		reports.FileXLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		reports.FileHTML: "text/html; charset=utf-8", reports.FileManifest: "application/json",
	}
	for name, ct := range want {
		if got := files[name].ContentType; got != ct {
			t.Errorf("%s: content type %q, want %q", name, got, ct)
		}
		if len(files[name].Body) == 0 {
			t.Errorf("%s is empty", name)
		}
	}
	js, err := reports.EncodeJSON(rendertest.Report())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files[reports.FileJSON].Body, js) {
		t.Error("report.json is not reports.EncodeJSON of the report")
	}
	var m reports.Manifest
	dec := json.NewDecoder(bytes.NewReader(files[reports.FileManifest].Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	r := rendertest.Report()
	if m.Month != r.Month || m.Version != r.Version || m.Catalogue != r.Catalogue || !m.GeneratedAt.Equal(at) || m.GeneratedAt.Location() != time.UTC {
		t.Errorf("manifest head %+v", m)
	}
	if len(m.Files) != 4 {
		t.Fatalf("manifest lists %d files, want 4", len(m.Files))
	}
	for i, mf := range m.Files {
		f := files[reports.Files[i]]
		sum := sha256.Sum256(f.Body)
		if mf.Name != f.Name || mf.Bytes != len(f.Body) || mf.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("manifest entry %+v does not describe %s (%d bytes)", mf, f.Name, len(f.Body))
		}
	}
}

// The same report rendered twice gives the same bytes but for the
// manifest's generatedAt.
func TestRenderingIsReproducible(t *testing.T) {
	a := renderFixture(t, at)
	b := renderFixture(t, at.Add(36*time.Hour+17*time.Second))
	for _, name := range reports.Files[:4] {
		if !bytes.Equal(a[name].Body, b[name].Body) {
			t.Errorf("%s differs between two renderings of the same report", name)
		}
	}
	// excelize adds parts of the package in map order: more renderings
	// catch an order that only sometimes differs.
	for i := 0; i < 10; i++ {
		c := renderFixture(t, at)
		if !bytes.Equal(a[reports.FileXLSX].Body, c[reports.FileXLSX].Body) {
			t.Fatalf("report.xlsx differs on rendering %d", i+3)
		}
	}
	var ma, mb reports.Manifest
	if err := json.Unmarshal(a[reports.FileManifest].Body, &ma); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b[reports.FileManifest].Body, &mb); err != nil {
		t.Fatal(err)
	}
	if ma.GeneratedAt.Equal(mb.GeneratedAt) {
		t.Error("the manifests have the same generatedAt")
	}
	mb.GeneratedAt = ma.GeneratedAt
	ja, _ := json.Marshal(ma)
	jb, _ := json.Marshal(mb)
	if !bytes.Equal(ja, jb) {
		t.Errorf("the manifests differ in more than generatedAt:\n%s\n%s", ja, jb)
	}
}

func TestRefusesAReportOfAnotherCatalogue(t *testing.T) {
	cat := catalogue.MustLoad()
	r := rendertest.Report()
	r.Catalogue = "2020-01"
	if _, err := render.Files(r, cat, at); err == nil {
		t.Error("a report of another catalogue version rendered")
	}
	r = rendertest.Report()
	r.Indicators = append(r.Indicators, reports.Value{Code: "made.up", Unit: catalogue.UnitCount})
	if _, err := render.Files(r, cat, at); err == nil {
		t.Error("a report with an indicator the catalogue does not know rendered")
	}
}

// golden compares got with testdata/name (rewritten with -update).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./internal/reports/render -update rewrites it); got:\n%.2000s", name, got)
	}
}

func TestJSONGolden(t *testing.T) {
	golden(t, "fixture.json", renderFixture(t, at)[reports.FileJSON].Body)
}
