// Package render turns a compiled monthly report (reports.Report) into
// its published files: report.json, report.csv, report.xlsx, report.html
// and manifest.json (docs/reports.md describes each). Rendering is a pure
// function of the report and the catalogue: the same report gives the
// same bytes every time (no clock, no map order, fixed XLSX document
// properties), so a re-run over unchanged facts changes only the
// manifest's generatedAt.
package render

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
)

var _ reports.Render = Files

// The files' content types.
const (
	TypeJSON = "application/json"
	TypeCSV  = "text/csv; charset=utf-8; header=present"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	TypeHTML = "text/html; charset=utf-8"
)

// Files renders the report's files in the order of reports.Files, the
// manifest last with GeneratedAt = generatedAt (in UTC).
func Files(r reports.Report, cat catalogue.Catalogue, generatedAt time.Time) ([]reports.File, error) {
	if err := check(r, cat); err != nil {
		return nil, err
	}
	js, err := reports.EncodeJSON(r)
	if err != nil {
		return nil, fmt.Errorf("render json: %w", err)
	}
	csv, err := CSV(r, cat)
	if err != nil {
		return nil, fmt.Errorf("render csv: %w", err)
	}
	xlsx, err := XLSX(r, cat)
	if err != nil {
		return nil, fmt.Errorf("render xlsx: %w", err)
	}
	html, err := HTML(r, cat)
	if err != nil {
		return nil, fmt.Errorf("render html: %w", err)
	}
	files := []reports.File{
		{Name: reports.FileJSON, ContentType: TypeJSON, Body: js},
		{Name: reports.FileCSV, ContentType: TypeCSV, Body: csv},
		{Name: reports.FileXLSX, ContentType: TypeXLSX, Body: xlsx},
		{Name: reports.FileHTML, ContentType: TypeHTML, Body: html},
	}
	m := reports.Manifest{Month: r.Month, Version: r.Version, Catalogue: r.Catalogue, GeneratedAt: generatedAt.UTC()}
	for _, f := range files {
		sum := sha256.Sum256(f.Body)
		m.Files = append(m.Files, reports.ManifestFile{Name: f.Name, Bytes: len(f.Body), SHA256: hex.EncodeToString(sum[:])})
	}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("render manifest: %w", err)
	}
	return append(files, reports.File{Name: reports.FileManifest, ContentType: TypeJSON, Body: append(mb, '\n')}), nil
}

// check refuses a report the renderer cannot describe: one compiled
// with another catalogue version, or with an indicator the catalogue
// does not know.
func check(r reports.Report, cat catalogue.Catalogue) error {
	if r.Month.IsZero() {
		return fmt.Errorf("render: the report has no month")
	}
	if r.Catalogue != cat.Version {
		return fmt.Errorf("render: the report was compiled with catalogue %q, not %q", r.Catalogue, cat.Version)
	}
	for _, v := range r.Indicators {
		if _, ok := cat.Indicator(v.Code); !ok {
			return fmt.Errorf("render: indicator %q is not in catalogue %s", v.Code, cat.Version)
		}
	}
	return nil
}
