package wire_test

import (
	"context"
	"log/slog"
	"net/http"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/wire"
)

// TestTableIsTheRegistry: one constructor per function of the registry,
// in its order, HTTP constructors exactly for the HTTP functions.
func TestTableIsTheRegistry(t *testing.T) {
	var names []string
	for _, f := range wire.Functions {
		names = append(names, f.Name)
		if r, ok := registry.Get(f.Name); !ok || (f.HTTP != nil) != r.HTTP() || f.Build == nil {
			t.Errorf("%s: HTTP constructor %v, registry HTTP %v, Build %v", f.Name, f.HTTP != nil, r.HTTP(), f.Build != nil)
		}
	}
	if want := registry.Names(); !slices.Equal(names, want) {
		t.Errorf("constructors: got %v, want the registry's %v", names, want)
	}
	// make build and make invoke list functions/*/main.go.
	mains, err := filepath.Glob("../../functions/*/main.go")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, m := range mains {
		dirs = append(dirs, filepath.Base(filepath.Dir(m)))
	}
	if want := slices.Sorted(slices.Values(registry.Names())); !slices.Equal(dirs, want) {
		t.Errorf("functions/*/main.go: got %v, want one per function of the registry %v", dirs, want)
	}
}

// TestFunctionsLinkOnlyWhatTheyUse checks each functions/<name>'s package
// dependencies: no other function's constructor, no test or local-stack
// assembly, no demo data; Secrets Manager only where the outbox key is read;
// a mailer only in the sender.
func TestFunctionsLinkOnlyWhatTheyUse(t *testing.T) {
	const mod = "github.com/mpsv/brana/"
	for _, f := range registry.Functions() {
		t.Run(f.Name, func(t *testing.T) {
			out, err := exec.Command("go", "list", "-deps", "-tags", "lambda.norpc,validator_novalidatefn", "../../functions/"+f.Name).CombinedOutput()
			if err != nil {
				t.Fatalf("go list: %v\n%s", err, out)
			}
			deps := strings.Fields(string(out))
			has := func(pkg string) bool { return slices.Contains(deps, pkg) }
			for _, other := range wire.Functions {
				pkg := mod + "internal/wire/" + strings.ReplaceAll(other.Name, "-", "")
				if got, want := has(pkg), other.Name == f.Name; got != want {
					t.Errorf("links %s: got %v, want %v", pkg, got, want)
				}
			}
			for _, pkg := range []string{mod + "internal/wire", mod + "internal/app", mod + "internal/apptest", mod + "internal/ddblocal", mod + "internal/localgw"} {
				if has(pkg) {
					t.Errorf("links %s", pkg)
				}
			}
			checks := []struct {
				pkg  string
				want bool
			}{
				{"github.com/aws/aws-sdk-go-v2/service/secretsmanager", f.Uses(registry.OutboxKey)},
				{mod + "internal/boot/awssecret", f.Uses(registry.OutboxKey)},
				{"github.com/aws/aws-sdk-go-v2/service/sesv2", f.SendsMail},
				{mod + "internal/mailer/sesmailer", f.SendsMail},
				{mod + "internal/mailer/filemailer", f.SendsMail},
				// The survey functions serve their routes with
				// internal/surveys/surveyapi, not internal/api; staff-reports
				// with internal/reports/reportapi.
				{mod + "internal/api", f.HTTP() && !surveyFunction(f.Name) && f.Name != registry.StaffReports},
				// Surveys only in the survey functions; the JSON Schema
				// validator only where definitions are posted.
				// (report-compile reads survey responses as facts.)
				{mod + "internal/surveys", surveyFunction(f.Name) || f.Name == registry.ReportCompile},
				{mod + "internal/surveys/surveyapi", surveyFunction(f.Name) && f.Name != "survey-invitations"},
				{"github.com/santhosh-tekuri/jsonschema/v6", f.Name == registry.StaffSurveys},
				// PDFs (certificates, attendance sheets) only where a route
				// serves one; spreadsheets only in the staff exports.
				{"github.com/go-pdf/fpdf", f.Name == registry.Events || f.Name == registry.StaffEvents},
				{"github.com/xuri/excelize/v2", f.Name == registry.StaffEvents || f.Name == registry.SurveyResults || f.Name == registry.ReportCompile},
				// The report renderer and compiler only in the job.
				{mod + "internal/reports/render", f.Name == registry.ReportCompile},
				{mod + "internal/reports/compile", f.Name == registry.ReportCompile},
				{mod + "internal/reports/factsdb", f.Name == registry.ReportCompile},
				// Only the invitation job reads consultations and events for
				// the surveys; only it and the sender know the survey e-mails.
				{mod + "internal/surveys/attendance", f.Name == registry.SurveyInvitations},
				{mod + "internal/surveys/invite", f.Name == registry.SurveyInvitations},
				{mod + "internal/surveys/surveymail", f.Name == registry.SurveyInvitations || f.Name == registry.OutboxSender},
				// Reports (issue #11): the pipeline and its storage only in
				// report-compile, the notice in it and the sender, the S3
				// client only where report files are read or written.
				{mod + "internal/reports/run", f.Name == registry.ReportCompile},
				{mod + "internal/reports/reportmail", f.Name == registry.ReportCompile || f.Name == registry.OutboxSender},
				{"github.com/aws/aws-sdk-go-v2/service/s3", f.ReportsRead || f.ReportsWrite},
				// The reports' staff routes and the Lambda client that
				// starts a run only in staff-reports (issue #11).
				{mod + "internal/reports/reportapi", f.Name == registry.StaffReports},
				{mod + "internal/reports/starter", f.Name == registry.StaffReports},
				{"github.com/aws/aws-sdk-go-v2/service/lambda", f.Name == registry.StaffReports},
			}
			if f.Name == registry.StaffReports {
				// Management's function hands out files the compile job
				// made: no renderer, no spreadsheet library, and no
				// booking, workshop or survey code.
				for _, pkg := range []string{"github.com/xuri/excelize/v2", mod + "internal/reports/render", mod + "internal/reports/compile",
					mod + "internal/consultations", mod + "internal/consultations/consultdb", mod + "internal/workshops", mod + "internal/workshops/workshopdb",
					mod + "internal/surveys", mod + "internal/surveys/surveydb"} {
					checks = append(checks, struct {
						pkg  string
						want bool
					}{pkg, false})
				}
			}
			if f.Name == registry.Surveys || f.Name == registry.SurveyResults {
				for _, pkg := range []string{mod + "internal/consultations", mod + "internal/workshops", mod + "internal/wire/consult"} {
					if has(pkg) {
						t.Errorf("links %s: the surveys function must not", pkg)
					}
				}
			}
			if f.Name == registry.StaffSurveys {
				// The evaluation team's function links no booking or
				// workshop code, so no personal data can reach it.
				for _, pkg := range []string{mod + "internal/consultations", mod + "internal/consultations/consultdb", mod + "internal/workshops", mod + "internal/workshops/workshopdb"} {
					checks = append(checks, struct {
						pkg  string
						want bool
					}{pkg, false})
				}
			}
			for _, c := range checks {
				if got := has(c.pkg); got != c.want {
					t.Errorf("links %s: got %v, want %v", c.pkg, got, c.want)
				}
			}
		})
	}
}

// TestHTTPFunctionsAnswerOnlyThroughCloudFront builds every HTTP function
// by its constructor, as its cold start does, and checks that a request
// without the origin header (a direct call of the execute-api endpoint) or
// with a wrong one is refused 403 before routing or any table access,
// that the right one passes, and that no HTTP function can be built
// without an origin secret.
func TestHTTPFunctionsAnswerOnlyThroughCloudFront(t *testing.T) {
	ctx := context.Background()
	secret := strings.Repeat("s", boot.OriginMinLength)
	t.Setenv(reports.EnvDir, t.TempDir()) // staff-reports' files, as locally
	for _, f := range wire.Functions {
		if f.HTTP == nil {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			env := func(origin string) *boot.Env {
				return &boot.Env{
					Function: f.Name, Log: slog.New(slog.DiscardHandler), Clock: clock.System{}, IDs: ids.Random{},
					DB:     untouchable{}, // any table access panics (and answers 500)
					Config: boot.Config{TableName: "brana", OutboxKey: make([]byte, 32), OriginSecret: origin},
				}
			}
			if _, err := f.HTTP(ctx, env("")); err == nil || !strings.Contains(err.Error(), "ORIGIN_SECRET") {
				t.Errorf("built without an origin secret: got %v, want an error", err)
			}
			h, err := f.HTTP(ctx, env(secret))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range registry.MustGet(f.Name).Routes() {
				for _, sent := range []string{"", "wrong", secret + "x"} {
					ev := events.APIGatewayV2HTTPRequest{RouteKey: r.Key(), Headers: map[string]string{}}
					if sent != "" {
						ev.Headers["x-origin-verify"] = sent
					}
					resp, err := h(ctx, ev)
					if err != nil || resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.Body, `"code":"forbidden"`) {
						t.Errorf("%s with origin header %q: got %d %s %v, want 403 forbidden", r.Key(), sent, resp.StatusCode, resp.Body, err)
					}
				}
			}
			// Through CloudFront: routed (an unknown route, so no work).
			resp, err := h(ctx, events.APIGatewayV2HTTPRequest{RouteKey: "GET /v1/nothing", Headers: map[string]string{"x-origin-verify": secret}})
			if err != nil || resp.StatusCode != http.StatusNotFound {
				t.Errorf("with the origin header: got %d %s %v, want the router's 404", resp.StatusCode, resp.Body, err)
			}
		})
	}
}

// surveyFunction reports whether a function is one of the survey
// capability's (issue #10).
func surveyFunction(name string) bool {
	return slices.Contains([]string{"surveys", "staff-surveys", "survey-results", "survey-invitations"}, name)
}

// untouchable is a table client that must not be used.
type untouchable struct{ dynamo.API }
