// Package routes is Brána's one route table. The local gateway mounts its
// routes, the CDK stack creates API Gateway routes (and authorizers and
// throttling) from it, each function's router checks it handles exactly its
// routes, and a test checks docs/openapi.yaml describes the same set.
package routes

import (
	"slices"
	"strings"

	"github.com/mpsv/brana/internal/auth"
)

// Functions that serve HTTP routes.
const (
	FnCatalog  = "catalog"  // public reads: experts, free slots
	FnBookings = "bookings" // public booking and management by token
	FnStaff    = "staff"    // staff: experts, availability, bookings
	// FnEvents serves the public events: the listing, registration and
	// managing a registration by its token.
	FnEvents = "events"
	// FnStaffEvents serves the staff routes of events (workshops): its own
	// function, because its exports and attendance sheet link the XLSX and
	// PDF writers, which the lean staff function must not carry.
	FnStaffEvents = "staff-events"
	// FnSurveys serves the public surveys (issue #10): an awareness
	// survey by its public link, an evaluation survey by an invitation.
	FnSurveys = "surveys"
	// FnStaffSurveys serves the evaluation team's survey definitions,
	// versions, publishing and closing (issue #10); it links no booking or
	// workshop code.
	FnStaffSurveys = "staff-surveys"
	// FnSurveyResults serves the evaluation team's results of a survey
	// (aggregates and exports): its own function, because the XLSX export
	// links excelize, which the lean staff-surveys function must not carry.
	FnSurveyResults = "survey-results"
	// FnStaffReports serves the monthly indicator reports (issue #11):
	// the list, a report, its files, a re-run, the indicator catalogue and
	// the transformation register. It links no booking, workshop or survey
	// code and no renderer: the report-compile job makes the files.
	FnStaffReports = "staff-reports"
)

// Throttle classes: API Gateway applies a route-level rate limit per class.
const (
	ThrottleDefault     = ""             // the stage's default limits
	ThrottlePublicWrite = "public-write" // tighter: public POST routes
)

// Route is one HTTP API route.
type Route struct {
	Method    string
	Path      string   // API Gateway path template, e.g. /v1/bookings/{bookingId}
	Function  string   // which Lambda serves it
	Groups    []string // staff groups allowed; empty = public
	Operation string   // OpenAPI operationId
	Throttle  string
	// PoW: the request must carry a solved proof-of-work challenge
	// (internal/pow); every public write does.
	PoW bool
}

// Key is the API Gateway route key, "GET /v1/slots"; API Gateway puts it in
// every request's routeKey.
func (r Route) Key() string { return r.Method + " " + r.Path }

// Public reports whether the route needs no authentication.
func (r Route) Public() bool { return len(r.Groups) == 0 }

var staff = []string{auth.GroupAdmin, auth.GroupExpert}
var admin = []string{auth.GroupAdmin}
var organisers = []string{auth.GroupAdmin, auth.GroupOrganiser}
var evaluators = []string{auth.GroupAdmin, auth.GroupEvaluator}
var viewers = []string{auth.GroupAdmin, auth.GroupViewer}

// Table lists every route.
var Table = []Route{
	{Method: "GET", Path: "/v1/experts", Function: FnCatalog, Operation: "listExperts"},
	{Method: "GET", Path: "/v1/experts/{expertId}", Function: FnCatalog, Operation: "getExpert"},
	{Method: "GET", Path: "/v1/slots", Function: FnCatalog, Operation: "listSlots"},

	{Method: "GET", Path: "/v1/challenge", Function: FnBookings, Operation: "getChallenge"},
	{Method: "POST", Path: "/v1/bookings", Function: FnBookings, Operation: "createBooking", Throttle: ThrottlePublicWrite, PoW: true},
	{Method: "GET", Path: "/v1/bookings/{bookingId}", Function: FnBookings, Operation: "getBooking"},
	{Method: "GET", Path: "/v1/bookings/{bookingId}/calendar", Function: FnBookings, Operation: "getBookingCalendar"},
	{Method: "POST", Path: "/v1/bookings/{bookingId}/reschedule", Function: FnBookings, Operation: "rescheduleBooking", Throttle: ThrottlePublicWrite, PoW: true},
	{Method: "POST", Path: "/v1/bookings/{bookingId}/cancel", Function: FnBookings, Operation: "cancelBooking", Throttle: ThrottlePublicWrite, PoW: true},

	{Method: "GET", Path: "/v1/events", Function: FnEvents, Operation: "listEvents"},
	{Method: "GET", Path: "/v1/events/{eventId}", Function: FnEvents, Operation: "getEvent"},
	{Method: "POST", Path: "/v1/events/{eventId}/registrations", Function: FnEvents, Operation: "createRegistration", Throttle: ThrottlePublicWrite, PoW: true},
	{Method: "GET", Path: "/v1/registrations/{registrationId}", Function: FnEvents, Operation: "getRegistration"},
	{Method: "GET", Path: "/v1/registrations/{registrationId}/calendar", Function: FnEvents, Operation: "getRegistrationCalendar"},
	{Method: "POST", Path: "/v1/registrations/{registrationId}/cancel", Function: FnEvents, Operation: "cancelRegistration", Throttle: ThrottlePublicWrite, PoW: true},
	{Method: "POST", Path: "/v1/registrations/{registrationId}/accept", Function: FnEvents, Operation: "acceptOffer", Throttle: ThrottlePublicWrite, PoW: true},
	{Method: "POST", Path: "/v1/registrations/{registrationId}/decline", Function: FnEvents, Operation: "declineOffer", Throttle: ThrottlePublicWrite, PoW: true},
	// The voluntary ESF+ answers of a registration (their own consent).
	{Method: "POST", Path: "/v1/registrations/{registrationId}/esf", Function: FnEvents, Operation: "submitEsf", Throttle: ThrottlePublicWrite, PoW: true},
	{Method: "POST", Path: "/v1/registrations/{registrationId}/esf/withdraw", Function: FnEvents, Operation: "withdrawEsf", Throttle: ThrottlePublicWrite, PoW: true},
	{Method: "GET", Path: "/v1/registrations/{registrationId}/certificate", Function: FnEvents, Operation: "getRegistrationCertificate"},
	{Method: "GET", Path: "/v1/certificates/{code}", Function: FnEvents, Operation: "verifyCertificate"},

	// Public surveys (issue #10): awareness by the public link, evaluation
	// by an invitation token (header Invitation-Token).
	{Method: "GET", Path: "/v1/surveys/{surveyId}", Function: FnSurveys, Operation: "getSurvey"},
	{Method: "POST", Path: "/v1/surveys/{surveyId}/responses", Function: FnSurveys, Operation: "submitSurveyResponse", Throttle: ThrottlePublicWrite, PoW: true},
	{Method: "GET", Path: "/v1/survey-invitation", Function: FnSurveys, Operation: "getSurveyInvitation"},
	{Method: "POST", Path: "/v1/survey-invitation/response", Function: FnSurveys, Operation: "submitInvitedResponse", Throttle: ThrottlePublicWrite, PoW: true},
	{Method: "POST", Path: "/v1/survey-invitation/opt-out", Function: FnSurveys, Operation: "optOutSurveyInvitation", Throttle: ThrottlePublicWrite, PoW: true},

	{Method: "GET", Path: "/v1/staff/me", Function: FnStaff, Groups: staff, Operation: "getStaffMe"},
	{Method: "GET", Path: "/v1/staff/experts", Function: FnStaff, Groups: staff, Operation: "staffListExperts"},
	{Method: "POST", Path: "/v1/staff/experts", Function: FnStaff, Groups: admin, Operation: "staffCreateExpert"},
	{Method: "GET", Path: "/v1/staff/experts/{expertId}", Function: FnStaff, Groups: staff, Operation: "staffGetExpert"},
	{Method: "PUT", Path: "/v1/staff/experts/{expertId}", Function: FnStaff, Groups: admin, Operation: "staffUpdateExpert"},
	{Method: "PUT", Path: "/v1/staff/experts/{expertId}/availability", Function: FnStaff, Groups: staff, Operation: "staffSetAvailability"},
	{Method: "POST", Path: "/v1/staff/experts/{expertId}/availability/preview", Function: FnStaff, Groups: staff, Operation: "staffPreviewAvailability"},
	{Method: "GET", Path: "/v1/staff/bookings", Function: FnStaff, Groups: staff, Operation: "staffListBookings"},
	{Method: "POST", Path: "/v1/staff/bookings/{bookingId}/outcome", Function: FnStaff, Groups: staff, Operation: "staffSetOutcome"},
	{Method: "POST", Path: "/v1/staff/bookings/{bookingId}/erase", Function: FnStaff, Groups: admin, Operation: "staffErasePersonalData"},
	{Method: "POST", Path: "/v1/staff/cancellations", Function: FnStaff, Groups: admin, Operation: "staffCancelAll"},

	// Staff events: an organiser manages the events it owns, an admin all.
	{Method: "POST", Path: "/v1/staff/events", Function: FnStaffEvents, Groups: organisers, Operation: "staffCreateEvent"},
	{Method: "GET", Path: "/v1/staff/events", Function: FnStaffEvents, Groups: organisers, Operation: "staffListEvents"},
	{Method: "GET", Path: "/v1/staff/events/{eventId}", Function: FnStaffEvents, Groups: organisers, Operation: "staffGetEvent"},
	{Method: "PUT", Path: "/v1/staff/events/{eventId}", Function: FnStaffEvents, Groups: organisers, Operation: "staffUpdateEvent"},
	{Method: "POST", Path: "/v1/staff/events/{eventId}/publish", Function: FnStaffEvents, Groups: organisers, Operation: "staffPublishEvent"},
	{Method: "POST", Path: "/v1/staff/events/{eventId}/cancel", Function: FnStaffEvents, Groups: organisers, Operation: "staffCancelEvent"},
	{Method: "POST", Path: "/v1/staff/events/{eventId}/held", Function: FnStaffEvents, Groups: organisers, Operation: "staffMarkEventHeld"},
	{Method: "GET", Path: "/v1/staff/events/{eventId}/registrations", Function: FnStaffEvents, Groups: organisers, Operation: "staffListRegistrations"},
	{Method: "POST", Path: "/v1/staff/events/{eventId}/checkins", Function: FnStaffEvents, Groups: organisers, Operation: "staffCheckIn"},
	{Method: "POST", Path: "/v1/staff/events/{eventId}/registrations/{registrationId}/promote", Function: FnStaffEvents, Groups: organisers, Operation: "staffPromoteRegistration"},
	{Method: "GET", Path: "/v1/staff/events/{eventId}/registrations/{registrationId}/certificate.pdf", Function: FnStaffEvents, Groups: organisers, Operation: "staffRegistrationCertificate"},
	{Method: "POST", Path: "/v1/staff/events/{eventId}/walkins", Function: FnStaffEvents, Groups: organisers, Operation: "staffAddWalkIn"},
	{Method: "GET", Path: "/v1/staff/events/{eventId}/export.csv", Function: FnStaffEvents, Groups: organisers, Operation: "staffExportRegistrationsCSV"},
	{Method: "GET", Path: "/v1/staff/events/{eventId}/export.xlsx", Function: FnStaffEvents, Groups: organisers, Operation: "staffExportRegistrationsXLSX"},
	{Method: "GET", Path: "/v1/staff/events/{eventId}/attendance-sheet.pdf", Function: FnStaffEvents, Groups: organisers, Operation: "staffAttendanceSheet"},
	// The erasure of a registration's personal data (issue #9; admins).
	{Method: "POST", Path: "/v1/staff/registrations/{registrationId}/erase", Function: FnStaffEvents, Groups: admin, Operation: "staffEraseRegistration"},

	// Staff surveys (issue #10): the evaluation team's definitions and
	// versions; evaluators reach no other staff route.
	{Method: "GET", Path: "/v1/staff/surveys", Function: FnStaffSurveys, Groups: evaluators, Operation: "staffListSurveys"},
	{Method: "POST", Path: "/v1/staff/surveys", Function: FnStaffSurveys, Groups: evaluators, Operation: "staffCreateSurvey"},
	{Method: "GET", Path: "/v1/staff/surveys/{surveyId}", Function: FnStaffSurveys, Groups: evaluators, Operation: "staffGetSurvey"},
	{Method: "PUT", Path: "/v1/staff/surveys/{surveyId}/draft", Function: FnStaffSurveys, Groups: evaluators, Operation: "staffSaveSurveyDraft"},
	{Method: "POST", Path: "/v1/staff/surveys/{surveyId}/publish", Function: FnStaffSurveys, Groups: evaluators, Operation: "staffPublishSurvey"},
	{Method: "POST", Path: "/v1/staff/surveys/{surveyId}/close", Function: FnStaffSurveys, Groups: evaluators, Operation: "staffCloseSurvey"},
	{Method: "GET", Path: "/v1/staff/surveys/{surveyId}/versions/{version}", Function: FnStaffSurveys, Groups: evaluators, Operation: "staffGetSurveyVersion"},
	// Survey results (issue #10): aggregates and exports for evaluators.
	{Method: "GET", Path: "/v1/staff/surveys/{surveyId}/results", Function: FnSurveyResults, Groups: evaluators, Operation: "staffGetSurveyResults"},
	{Method: "GET", Path: "/v1/staff/surveys/{surveyId}/export.csv", Function: FnSurveyResults, Groups: evaluators, Operation: "staffExportSurveyCSV"},
	{Method: "GET", Path: "/v1/staff/surveys/{surveyId}/export.xlsx", Function: FnSurveyResults, Groups: evaluators, Operation: "staffExportSurveyXLSX"},
	{Method: "GET", Path: "/v1/staff/surveys/{surveyId}/codebook.json", Function: FnSurveyResults, Groups: evaluators, Operation: "staffGetSurveyCodebook"},

	// Monthly indicator reports (issue #11): management (viewer) and
	// admins read them; only admins start a re-run or change the
	// transformation register.
	{Method: "GET", Path: "/v1/staff/reports", Function: FnStaffReports, Groups: viewers, Operation: "staffListReports"},
	{Method: "GET", Path: "/v1/staff/reports/{month}", Function: FnStaffReports, Groups: viewers, Operation: "staffGetReport"},
	{Method: "GET", Path: "/v1/staff/reports/{month}/versions/{version}/files/{file}", Function: FnStaffReports, Groups: viewers, Operation: "staffGetReportFile"},
	{Method: "POST", Path: "/v1/staff/reports/{month}/runs", Function: FnStaffReports, Groups: admin, Operation: "staffRunReport"},
	{Method: "GET", Path: "/v1/staff/indicators", Function: FnStaffReports, Groups: viewers, Operation: "staffGetIndicatorCatalogue"},
	{Method: "GET", Path: "/v1/staff/transformation/services", Function: FnStaffReports, Groups: viewers, Operation: "staffListServices"},
	{Method: "POST", Path: "/v1/staff/transformation/services", Function: FnStaffReports, Groups: admin, Operation: "staffCreateService"},
	{Method: "GET", Path: "/v1/staff/transformation/services/{serviceId}", Function: FnStaffReports, Groups: viewers, Operation: "staffGetService"},
	{Method: "PUT", Path: "/v1/staff/transformation/services/{serviceId}", Function: FnStaffReports, Groups: admin, Operation: "staffUpdateService"},
	{Method: "POST", Path: "/v1/staff/transformation/services/{serviceId}/phases", Function: FnStaffReports, Groups: admin, Operation: "staffChangeServicePhase"},
}

// ForFunction returns the routes a function serves.
func ForFunction(fn string) []Route {
	var out []Route
	for _, r := range Table {
		if r.Function == fn {
			out = append(out, r)
		}
	}
	return out
}

// Functions returns the names of the functions that serve routes, sorted.
func Functions() []string {
	var out []string
	for _, r := range Table {
		if !slices.Contains(out, r.Function) {
			out = append(out, r.Function)
		}
	}
	slices.Sort(out)
	return out
}

// Match finds the route for a method and a concrete path and returns its
// path parameters. The local gateway uses it; API Gateway does its own.
func Match(method, path string) (Route, map[string]string, bool) {
	segs := split(path)
	for _, r := range Table {
		if r.Method != method {
			continue
		}
		tmpl := split(r.Path)
		if len(tmpl) != len(segs) {
			continue
		}
		params := map[string]string{}
		ok := true
		for i, t := range tmpl {
			if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
				if segs[i] == "" {
					ok = false
					break
				}
				params[t[1:len(t)-1]] = segs[i]
				continue
			}
			if t != segs[i] {
				ok = false
				break
			}
		}
		if ok {
			return r, params, true
		}
	}
	return Route{}, nil, false
}

func split(p string) []string { return strings.Split(strings.Trim(p, "/"), "/") }
