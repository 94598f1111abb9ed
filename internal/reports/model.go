// Package reports is the monthly indicator reports (issue #11): the shared
// vocabulary of the capability. A scheduled function (report-compile)
// reads one Prague month's facts (internal/reports/facts: GSI2 month
// buckets, no Scan),
// compiles them with the indicator catalogue (internal/reports/catalogue)
// into a Report (internal/reports/compile, streaming), renders it as JSON,
// CSV, XLSX and HTML with a manifest (internal/reports/render), and stores
// the files as version n of the month (internal/reports/run, storage in
// internal/reports/reportdb and internal/reports/blobs). Staff read them
// through the staff-reports function (internal/reports/reportapi); admins
// keep the transformation register (Service, Phase).
//
// The packages below this one own their parts; this file is the contract
// between them: change it only with a reason every part agrees with.
package reports

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports/catalogue"
)

// ProgrammeStart is the first month with facts: Brána's consultations and
// events opened to the pilot regions in October 2026 (the demo data of
// `make run` spans October and November). Cumulative figures count from
// here, a snapshot chain starts empty before it, and no report is made for
// an earlier month.
var ProgrammeStart = cz.Month{Year: 2026, Month: time.October}

// TransformationTarget is the programme's headline target: social
// services transformed through transformation plans.
const TransformationTarget = 40

// Phase is where a social service is on its way through transformation.
type Phase string

// The phases, in order.
const (
	PhaseJoined         Phase = "joined"
	PhasePlanDrafted    Phase = "plan_drafted"
	PhasePlanApproved   Phase = "plan_approved"
	PhaseImplementation Phase = "in_implementation"
	PhaseTransformed    Phase = "transformed"
)

// Phases lists the phases in order.
var Phases = []Phase{PhaseJoined, PhasePlanDrafted, PhasePlanApproved, PhaseImplementation, PhaseTransformed}

// PhaseNames name the phases in Czech and English: the report's labels,
// its tables and charts.
var PhaseNames = map[Phase]catalogue.Text{
	PhaseJoined:         {CS: "Zapojena do programu", EN: "Joined"},
	PhasePlanDrafted:    {CS: "Transformační plán zpracován", EN: "Plan drafted"},
	PhasePlanApproved:   {CS: "Plán schválen", EN: "Plan approved"},
	PhaseImplementation: {CS: "V realizaci", EN: "In implementation"},
	PhaseTransformed:    {CS: "Transformována", EN: "Transformed"},
}

// PhaseChange is one dated step of a service in the register.
type PhaseChange struct {
	Phase Phase   `json:"phase"`
	Date  cz.Date `json:"date"` // the Prague day it took effect
	// At and By: when and by whom (a staff subject) it was recorded.
	At time.Time `json:"at"`
	By string    `json:"by"`
	// Reason is why a correction went back to an earlier phase (optional
	// on a step forward).
	Reason string `json:"reason,omitempty"`
}

// Service is one social service in the transformation register.
type Service struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Ico    string `json:"ico"`    // the provider's IČO
	Region string `json:"region"` // cz region code
	// RegistryID is the service's identifier in the national register of
	// social services (registr poskytovatelů sociálních služeb).
	RegistryID string `json:"registryId"`
	// Phase is the current phase: the last of History.
	Phase   Phase         `json:"phase"`
	History []PhaseChange `json:"history"`
	Version int           `json:"version"` // optimistic concurrency
}

// PhaseOn returns the service's phase at the end of day d ("" before it
// joined).
func (s Service) PhaseOn(d cz.Date) Phase {
	var p Phase
	for _, h := range s.History {
		if !h.Date.After(d) {
			p = h.Phase
		}
	}
	return p
}

// ---- The report ---------------------------------------------------------

// Schema names the report JSON's schema (docs/report.schema.json).
const Schema = "https://brana.mpsv.cz/schemas/report/1"

// Report is one month's compiled indicators: report.json. Encoding it
// twice gives the same bytes: slices are sorted, maps are not used for
// anything ordered (encoding/json sorts map keys).
type Report struct {
	Schema    string   `json:"$schema"`
	Month     cz.Month `json:"month"`
	Version   int      `json:"version"`   // n of reports/YYYY-MM/vN/
	Catalogue string   `json:"catalogue"` // the catalogue version used
	// Period is the month in Prague time: [From, To).
	Period     Period  `json:"period"`
	Indicators []Value `json:"indicators"` // in the catalogue's order
	// Transformation is the register's progress toward the target.
	Transformation Transformation `json:"transformation"`
	// Labels name every breakdown key that appears, in Czech and English:
	// Labels["region"]["CZ010"] = {"Hlavní město Praha", "Prague"}.
	Labels map[catalogue.Breakdown]map[string]catalogue.Text `json:"labels"`
	// Changes: how this version differs from the one before (absent in
	// version 1).
	Changes []Change `json:"changes,omitempty"`
}

// Period is a month's bounds in Prague time (RFC 3339 with the offset).
type Period struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// NotStated is the breakdown key of facts without the dimension's value.
const NotStated = "not_stated"

// Value is one indicator's figures for the month.
type Value struct {
	Code  string         `json:"code"`
	Unit  catalogue.Unit `json:"unit"`
	Total Cell           `json:"total"`
	// Breakdowns, in the catalogue's order; each cell's key is a code of
	// the dimension or NotStated. For counts, the cells add up to Total.
	Breakdowns []Breakdown `json:"breakdowns,omitempty"`
	// Previous is the month before's total, when the catalogue asks for
	// the change (ChangeFromPreviousMonth); Change is Total − Previous
	// (absent when either is suppressed or undefined).
	Previous *Cell    `json:"previous,omitempty"`
	Change   *float64 `json:"change,omitempty"`
	Target   *int     `json:"target,omitempty"`
}

// Breakdown is an indicator's cells along one dimension.
type Breakdown struct {
	By    catalogue.Breakdown `json:"by"`
	Cells []Cell              `json:"cells"` // sorted by Key
}

// Cell is one published figure.
type Cell struct {
	Key string `json:"key,omitempty"` // "" for a total
	// Value is the figure; nil when Suppressed or undefined (a mean of
	// no answers).
	Value *float64 `json:"value"`
	// N is how many people (responses, registrants) a mean, share or
	// index is over; absent for counts and when suppressed.
	N *int `json:"n,omitempty"`
	// Suppressed: fewer than catalogue.SuppressBelow people, published as
	// "<5" (or a complementary suppression that keeps it from being worked
	// out from the total and the other cells).
	Suppressed bool `json:"suppressed,omitempty"`
}

// Transformation is the register's progress at the end of the month.
type Transformation struct {
	Target int `json:"target"`
	// ByPhase counts services by their phase on the month's last day, in
	// the order of Phases.
	ByPhase []PhaseCount `json:"byPhase"`
	// BurnUp is the count transformed at the end of each month from
	// ProgrammeStart to the report's month.
	BurnUp []MonthCount `json:"burnUp"`
}

// PhaseCount is a count of services in a phase.
type PhaseCount struct {
	Phase Phase `json:"phase"`
	N     int   `json:"n"`
}

// MonthCount is a count at the end of a month.
type MonthCount struct {
	Month cz.Month `json:"month"`
	N     int      `json:"n"`
}

// Change is one figure that differs from the version before.
type Change struct {
	Code      string              `json:"code"`
	Breakdown catalogue.Breakdown `json:"breakdown,omitempty"` // "" for the total
	Key       string              `json:"key,omitempty"`
	Before    *Cell               `json:"before"` // nil: the cell is new
	After     *Cell               `json:"after"`  // nil: the cell is gone
}

// ---- The cumulative snapshot ---------------------------------------------

// Snapshot is what a month keeps so that the next month's cumulative
// figures need only the next month's facts: compile(M) = f(facts of M,
// snapshot of M−1). It is not published.
type Snapshot struct {
	Month     cz.Month `json:"month"`
	Catalogue string   `json:"catalogue"`
	// Organisations supported from ProgrammeStart to the end of Month, by
	// IČO: the kind (target group) and region they were first seen with.
	Organisations map[string]OrgSeen `json:"organisations"`
}

// OrgSeen is an organisation counted in the cumulative figures.
type OrgSeen struct {
	Kind   string   `json:"kind"` // public_administration or provider
	Region string   `json:"region"`
	First  cz.Month `json:"first"`
}

// ---- Files and versions ---------------------------------------------------

// The files of a report version, under reports/YYYY-MM/vN/.
const (
	FileJSON     = "report.json"
	FileCSV      = "report.csv"
	FileXLSX     = "report.xlsx"
	FileHTML     = "report.html"
	FileManifest = "manifest.json"
)

// Files lists the report's files in the order of the manifest (the
// manifest last).
var Files = []string{FileJSON, FileCSV, FileXLSX, FileHTML, FileManifest}

// File is one rendered file.
type File struct {
	Name        string
	ContentType string
	Body        []byte
}

// Manifest is manifest.json: the SHA-256 of every other file. Only
// GeneratedAt differs between two runs over unchanged data.
type Manifest struct {
	Month       cz.Month       `json:"month"`
	Version     int            `json:"version"`
	Catalogue   string         `json:"catalogue"`
	GeneratedAt time.Time      `json:"generatedAt"`
	Files       []ManifestFile `json:"files"`
}

// ManifestFile is one file of the manifest.
type ManifestFile struct {
	Name   string `json:"name"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"` // lower-case hex
}

// VersionInfo is one stored version of a month's report (the index kept
// in DynamoDB, REPORT#<yyyy-mm>).
type VersionInfo struct {
	Month     cz.Month `json:"month"`
	Version   int      `json:"version"`
	Catalogue string   `json:"catalogue"`
	// ContentHash is the SHA-256 of the report's figures (report.json
	// with Version and Changes left out): a re-run whose hash is the
	// latest version's makes no new version.
	ContentHash string         `json:"contentHash"`
	CreatedAt   time.Time      `json:"createdAt"`
	Trigger     string         `json:"trigger"` // schedule, rerun, local
	By          string         `json:"by,omitempty"`
	Files       []ManifestFile `json:"files"`
	Changes     int            `json:"changes"` // len(Report.Changes)
}

// Run triggers.
const (
	TriggerSchedule = "schedule"
	TriggerRerun    = "rerun"
	TriggerLocal    = "local"
)

// RunRequest is the compile function's event: the scheduled one is {}
// (the month before the current Prague month), a re-run names the month.
type RunRequest struct {
	Month   string `json:"month,omitempty"`
	Trigger string `json:"trigger,omitempty"`
	By      string `json:"by,omitempty"` // the admin's subject on a re-run
}

// RunResult is what a run did.
type RunResult struct {
	Month   cz.Month `json:"month"`
	Version int      `json:"version"`
	// New: a new version was stored; false when the figures equal the
	// latest version's (nothing stored but the manifest's time).
	New     bool `json:"new"`
	Changes int  `json:"changes"`
}

// ---- Seams between the parts ----------------------------------------------

// Render is the renderer's signature (internal/reports/render.Files): the
// files of a report version, manifest.json last, its GeneratedAt the given
// time. Rendering the same Report twice gives the same bytes, except the
// manifest's GeneratedAt.
type Render func(r Report, cat catalogue.Catalogue, generatedAt time.Time) ([]File, error)

// Index is the reports' version index in DynamoDB (REPORT#<yyyy-mm>):
// read by the staff routes, written by the run.
type Index interface {
	// Latest lists the latest version of every month, newest month first.
	Latest(ctx context.Context) ([]VersionInfo, error)
	// Versions lists a month's versions, oldest first (none: empty).
	Versions(ctx context.Context, m cz.Month) ([]VersionInfo, error)
}

// Blobs is where report files live: a versioned, encrypted S3 bucket in
// the cloud, a directory (.data/reports/) locally. Keys are BlobKey's.
type Blobs interface {
	Put(ctx context.Context, key, contentType string, body []byte) error
	// Get returns a file's bytes; ErrNoBlob when there is none.
	Get(ctx context.Context, key string) ([]byte, error)
	// Link returns a short-lived download link (an S3 presigned GET that
	// names filename for the download), or "" when the store has none (the
	// directory: the route streams the file instead).
	Link(ctx context.Context, key, filename string, ttl time.Duration) (string, error)
}

// ErrNoBlob is Blobs.Get's error for a key without a file.
var ErrNoBlob = errors.New("reports: no such file")

// BlobKey is a file's key: "reports/2026-11/v1/report.json".
func BlobKey(m cz.Month, version int, file string) string {
	return fmt.Sprintf("reports/%s/v%d/%s", m, version, file)
}

// Starter starts a run asynchronously (the staff re-run route): a Lambda
// invocation of report-compile with InvocationType Event in the cloud, a
// goroutine of the local stack's handler locally.
type Starter interface {
	Start(ctx context.Context, req RunRequest) error
}

// EncodeJSON is report.json: indented, one trailing newline. The same
// Report always gives the same bytes.
func EncodeJSON(r Report) ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// ContentHash is VersionInfo.ContentHash: the SHA-256 (hex) of the
// report's canonical JSON with Version and Changes left out, so that a
// re-run over unchanged facts hashes the same.
func ContentHash(r Report) (string, error) {
	r.Version, r.Changes = 0, nil
	b, err := EncodeJSON(r)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// Settings every report function reads from its environment (the CDK
// stack and the local stack set them).
const (
	EnvBucket   = "REPORTS_BUCKET"          // the S3 bucket (cloud)
	EnvDir      = "REPORTS_DIR"             // the directory instead of S3 (local: .data/reports)
	EnvNoticeTo = "REPORTS_NOTICE_TO"       // comma-separated addresses of the notice e-mail
	EnvCompile  = "REPORT_COMPILE_FUNCTION" // the compile function's name (staff-reports' re-run)
)
