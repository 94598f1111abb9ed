package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports"
)

func init() { prefixes = append(prefixes, registry.KeyReport, registry.KeyService) }

// staffReportsAccess runs the routes of the staff-reports function that
// touch the table (for TestFunctionsTouchOnlyWhatTheRegistrySays): a
// viewer lists the reports, asks for a month's report and a file (none
// stored: the version index is read) and reads the catalogue; an admin
// adds a service to the transformation register, lists and reads it,
// corrects its details and records its next phase. (A run touches no
// table: it invokes report-compile.)
func staffReportsAccess(t *testing.T, invoke func(events.APIGatewayV2HTTPRequest, int) events.APIGatewayV2HTTPResponse) {
	t.Helper()
	invoke(apptest.Event(t, "staff-list-reports"), http.StatusOK)
	invoke(apptest.Event(t, "staff-get-report"), http.StatusNotFound)
	invoke(apptest.Event(t, "staff-get-report-file"), http.StatusNotFound)
	invoke(apptest.Event(t, "staff-get-indicators"), http.StatusOK)

	s := apptest.Body[reports.Service](t, invoke(apptest.Event(t, "staff-create-service"), http.StatusCreated))
	invoke(apptest.Event(t, "staff-list-services"), http.StatusOK)
	at := func(name string) events.APIGatewayV2HTTPRequest {
		ev := apptest.Event(t, name)
		old := ev.PathParameters["serviceId"]
		ev.PathParameters["serviceId"] = s.ID
		ev.RawPath = strings.ReplaceAll(ev.RawPath, old, s.ID)
		ev.RequestContext.HTTP.Path = ev.RawPath
		return ev
	}
	invoke(at("staff-get-service"), http.StatusOK)
	invoke(apptest.WithBody(at("staff-update-service"), map[string]any{
		"name": s.Name + ", p. o.", "ico": s.Ico, "region": s.Region, "registryId": s.RegistryID, "version": 1,
	}), http.StatusOK)
	invoke(apptest.WithBody(at("staff-change-service-phase"), map[string]any{"phase": "plan_drafted", "date": "2026-11-27", "version": 2}), http.StatusOK)
}
