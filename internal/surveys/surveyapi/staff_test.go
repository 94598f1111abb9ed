package surveyapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/surveyapi"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

const fn = registry.StaffSurveys

// sample loads a sample event, pointed at a survey (and a version).
func sample(t *testing.T, name, id string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	ev := apptest.Event(t, name)
	if ev.PathParameters != nil {
		ev.PathParameters["surveyId"] = id
		ev.RawPath = strings.ReplaceAll(ev.RawPath, "SURVEY_ID", id)
		ev.RequestContext.HTTP.Path = ev.RawPath
	}
	return ev
}

// withBody replaces the body's fields.
func withBody(t *testing.T, ev events.APIGatewayV2HTTPRequest, fields map[string]any) events.APIGatewayV2HTTPRequest {
	t.Helper()
	body := map[string]any{}
	if ev.Body != "" {
		if err := json.Unmarshal([]byte(ev.Body), &body); err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range fields {
		if v == nil {
			delete(body, k)
		} else {
			body[k] = v
		}
	}
	return apptest.WithBody(ev, body)
}

func problem(t *testing.T, resp events.APIGatewayV2HTTPResponse) httpapi.ProblemDoc {
	t.Helper()
	return apptest.Body[httpapi.ProblemDoc](t, resp)
}

func fieldRules(p httpapi.ProblemDoc) []string {
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Field+":"+e.Rule)
	}
	return out
}

func expect(t *testing.T, resp events.APIGatewayV2HTTPResponse, status int) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("got %d %s, want %d", resp.StatusCode, resp.Body, status)
	}
}

func TestStaffSurveyLifecycle(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	resp := env.Invoke(fn, apptest.Event(t, "staff-create-survey"))
	expect(t, resp, http.StatusCreated)
	if resp.Headers["Location"] != "/v1/staff/surveys/povedomi-2026" {
		t.Errorf("Location: %q", resp.Headers["Location"])
	}
	created := apptest.Body[surveyapi.SurveyDetailView](t, resp)
	if s := created.Survey; s.ID != "povedomi-2026" || s.Status != surveys.StatusDraft || s.Latest != 1 || s.Rev != 1 || s.Kind != surveys.KindAwareness {
		t.Fatalf("created: %+v", s)
	}
	// The same id again is a field error.
	again := problem(t, env.Invoke(fn, apptest.Event(t, "staff-create-survey")))
	if !slices.Equal(fieldRules(again), []string{"id:unique"}) {
		t.Errorf("the same id again: got %v", fieldRules(again))
	}

	// Save the draft (replaces version 1), publish it.
	edited := demo.Awareness()
	edited.Title.Cs = "Povědomí o deinstitucionalizaci"
	resp = env.Invoke(fn, withBody(t, sample(t, "staff-save-survey-draft", "povedomi-2026"), map[string]any{"rev": 1, "definition": edited}))
	expect(t, resp, http.StatusOK)
	if d := apptest.Body[surveyapi.SurveyDetailView](t, resp); d.Survey.Rev != 2 || len(d.Versions) != 1 || d.Latest.Definition.Title.Cs != edited.Title.Cs {
		t.Fatalf("draft saved: %+v", d)
	}
	resp = env.Invoke(fn, sample(t, "staff-publish-survey", "povedomi-2026"))
	expect(t, resp, http.StatusOK)
	if s := apptest.Body[surveyapi.SurveyView](t, resp); s.Status != surveys.StatusOpen || s.Published != 1 || s.Rev != 3 {
		t.Fatalf("published: %+v", s)
	}
	// Publishing the published version again: nothing to publish.
	if p := problem(t, env.Invoke(fn, withBody(t, sample(t, "staff-publish-survey", "povedomi-2026"), map[string]any{"rev": 3}))); p.Code != string(surveys.ReasonNothingToPublish) {
		t.Errorf("publish again: got %s", p.Code)
	}

	// An edit of the published version makes version 2; version 1 stays.
	second := edited
	second.Title.Cs = "Druhá verze"
	resp = env.Invoke(fn, withBody(t, sample(t, "staff-save-survey-draft", "povedomi-2026"), map[string]any{"rev": 3, "definition": second}))
	expect(t, resp, http.StatusOK)
	d := apptest.Body[surveyapi.SurveyDetailView](t, resp)
	if d.Survey.Latest != 2 || d.Survey.Published != 1 || len(d.Versions) != 2 || !d.Versions[0].Published || d.Versions[1].Published || d.Latest.Number != 2 {
		t.Fatalf("version 2: %+v", d)
	}
	v1 := apptest.Body[surveyapi.VersionView](t, env.Invoke(fn, sample(t, "staff-get-survey-version", "povedomi-2026")))
	if v1.Number != 1 || !v1.Published || v1.Definition.Title.Cs != edited.Title.Cs {
		t.Errorf("version 1 after the edit: %+v", v1)
	}
	// A stale rev is refused and changes nothing.
	if p := problem(t, env.Invoke(fn, withBody(t, sample(t, "staff-save-survey-draft", "povedomi-2026"), map[string]any{"rev": 3, "definition": edited}))); p.Code != string(surveys.ReasonSurveyChanged) {
		t.Errorf("stale rev: got %s", p.Code)
	}
	// The kind cannot change.
	eval := demo.EvaluationEvent()
	if p := problem(t, env.Invoke(fn, withBody(t, sample(t, "staff-save-survey-draft", "povedomi-2026"), map[string]any{"rev": 4, "definition": eval}))); p.Code != string(surveys.ReasonKindChanged) {
		t.Errorf("kind changed: got %s", p.Code)
	}

	// The list and the detail, with the invitation counters.
	list := apptest.Body[surveyapi.SurveyList](t, env.Invoke(fn, apptest.Event(t, "staff-list-surveys")))
	if len(list.Items) != 1 || list.Items[0].Title.Cs != "Druhá verze" {
		t.Errorf("list: %+v", list)
	}
	db := dynamo.New(env.Client, env.Table)
	for attr, n := range map[string]int64{surveydb.AttrInvitationsSent: 3, surveydb.AttrInvitationsAnswered: 1} {
		add := db.Add(dynamo.Counter{Key: surveydb.SurveyKey("povedomi-2026"), Attr: attr}, n, 0, "")
		if err := db.Transact(context.Background(), "count", []dynamo.TxItem{add}); err != nil {
			t.Fatal(err)
		}
	}
	got := apptest.Body[surveyapi.SurveyDetailView](t, env.Invoke(fn, sample(t, "staff-get-survey", "povedomi-2026")))
	if got.Survey.Invitations != (surveys.InvitationCounts{Sent: 3, Answered: 1}) || len(got.Versions) != 2 {
		t.Errorf("detail: %+v", got)
	}

	// Close: final.
	resp = env.Invoke(fn, withBody(t, sample(t, "staff-close-survey", "povedomi-2026"), map[string]any{"rev": 4}))
	expect(t, resp, http.StatusOK)
	if s := apptest.Body[surveyapi.SurveyView](t, resp); s.Status != surveys.StatusClosed {
		t.Errorf("closed: %+v", s)
	}
	if p := problem(t, env.Invoke(fn, withBody(t, sample(t, "staff-save-survey-draft", "povedomi-2026"), map[string]any{"rev": 5, "definition": second}))); p.Code != string(surveys.ReasonSurveyClosed) {
		t.Errorf("draft of a closed survey: got %s", p.Code)
	}
}

func TestStaffSurveyNotFound(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	for _, c := range []struct {
		name, event, id, version, want string
	}{
		{"an unknown survey", "staff-get-survey", "nope", "", "survey_not_found"},
		{"an unknown version", "staff-get-survey-version", "nope", "1", "survey_version_not_found"},
		{"a version that is not a number", "staff-get-survey-version", "nope", "x", "survey_version_not_found"},
		{"version 0", "staff-get-survey-version", "nope", "0", "survey_version_not_found"},
		{"a too long id", "staff-get-survey", strings.Repeat("x", 200), "", "survey_not_found"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ev := sample(t, c.event, c.id)
			if c.version != "" {
				ev.PathParameters["version"] = c.version
				ev.RawPath = strings.TrimSuffix(ev.RawPath, "/1") + "/" + c.version
			}
			resp := env.Invoke(fn, ev)
			if p := problem(t, resp); resp.StatusCode != http.StatusNotFound || p.Code != c.want {
				t.Errorf("got %d %s, want 404 %s", resp.StatusCode, p.Code, c.want)
			}
		})
	}
}

func TestStaffSurveyRefusesBadDefinitions(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	raw, _ := demo.Raw("awareness.json")
	base := func() map[string]any {
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	q := func(m map[string]any, i int) map[string]any { return m["questions"].([]any)[i].(map[string]any) }
	tests := []struct {
		name   string
		change func(m map[string]any)
		want   string
	}{
		{"a code as a string (schema)", func(m map[string]any) { q(m, 2)["options"].([]any)[1].(map[string]any)["code"] = "2" }, "definition.questions[2].options[1].code:type"},
		{"an unknown property (schema)", func(m map[string]any) { q(m, 0)["colour"] = "red" }, "definition.questions[0].colour:unknown"},
		{"a missing title (schema)", func(m map[string]any) { delete(m, "title") }, "definition.title:required"},
		{"a repeated option code (rules)", func(m map[string]any) { q(m, 2)["options"].([]any)[1].(map[string]any)["code"] = 1 }, "definition.questions[2].options[1].code:unique"},
		{"a repeated variable (rules)", func(m map[string]any) { q(m, 3)["var"] = "q1_heard" }, "definition.questions[3].var:unique"},
		{"a condition on a later question (rules)", func(m map[string]any) { q(m, 1)["showIf"] = map[string]any{"var": "q4_support", "anyOf": []any{1}} }, "definition.questions[1].showIf.var:survey_earlier"},
		{"a condition on a code that does not exist (rules)", func(m map[string]any) { q(m, 1)["showIf"] = map[string]any{"var": "q1_heard", "anyOf": []any{7}} }, "definition.questions[1].showIf.anyOf[0]:survey_no_code"},
		{"overlapping waves (rules)", func(m map[string]any) { m["waves"].([]any)[1].(map[string]any)["from"] = "2027-01-31" }, "definition.waves[1].from:overlap"},
		{"a title with a bidi override (rules)", func(m map[string]any) { m["title"] = map[string]any{"cs": "A\u202eB"} }, "definition.title.cs:line"},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			m := base()
			tt.change(m)
			resp := env.Invoke(fn, withBody(t, apptest.Event(t, "staff-create-survey"), map[string]any{"definition": m}))
			p := problem(t, resp)
			if resp.StatusCode != http.StatusBadRequest || !slices.Contains(fieldRules(p), tt.want) {
				t.Errorf("got %d %v, want 400 with %s", resp.StatusCode, fieldRules(p), tt.want)
			}
		})
	}
	t.Run("refuses a body without a definition", func(t *testing.T) {
		p := problem(t, env.Invoke(fn, withBody(t, apptest.Event(t, "staff-create-survey"), map[string]any{"definition": nil})))
		if !slices.Equal(fieldRules(p), []string{"definition:required"}) {
			t.Errorf("got %v", fieldRules(p))
		}
	})
	t.Run("refuses a malformed id", func(t *testing.T) {
		p := problem(t, env.Invoke(fn, withBody(t, apptest.Event(t, "staff-create-survey"), map[string]any{"id": "Bad Id"})))
		if !slices.Equal(fieldRules(p), []string{"id:slug"}) {
			t.Errorf("got %v", fieldRules(p))
		}
	})
	t.Run("says what is wrong in Czech and in English", func(t *testing.T) {
		m := base()
		q(m, 3)["var"] = "q1_heard"
		for lang, want := range map[string]string{"cs": "Hodnoty se nesmějí opakovat.", "en": "Values must not repeat."} {
			ev := apptest.WithHeader(withBody(t, apptest.Event(t, "staff-create-survey"), map[string]any{"definition": m}), "accept-language", lang)
			p := problem(t, env.Invoke(fn, ev))
			if len(p.Errors) != 1 || p.Errors[0].Message != want {
				t.Errorf("%s: got %+v, want %q", lang, p.Errors, want)
			}
		}
		m = base()
		q(m, 1)["showIf"] = map[string]any{"var": "q4_support", "anyOf": []any{1}}
		ev := apptest.WithHeader(withBody(t, apptest.Event(t, "staff-create-survey"), map[string]any{"definition": m}), "accept-language", "cs")
		if p := problem(t, env.Invoke(fn, ev)); len(p.Errors) != 1 || !strings.Contains(p.Errors[0].Message, "předchozích otázek") {
			t.Errorf("got %+v", p.Errors)
		}
	})
	if list := apptest.Body[surveyapi.SurveyList](t, env.Invoke(fn, apptest.Event(t, "staff-list-surveys"))); len(list.Items) != 0 {
		t.Errorf("a refused definition was stored: %+v", list.Items)
	}
}

func TestStaffSurveyConcurrentPublishesOneWins(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	expect(t, env.Invoke(fn, apptest.Event(t, "staff-create-survey")), http.StatusCreated)
	var wg sync.WaitGroup
	statuses := make([]int, 6)
	for i := range statuses {
		wg.Go(func() {
			statuses[i] = env.Invoke(fn, withBody(t, sample(t, "staff-publish-survey", "povedomi-2026"), map[string]any{"rev": 1})).StatusCode
		})
	}
	wg.Wait()
	slices.Sort(statuses)
	if want := []int{200, 409, 409, 409, 409, 409}; !slices.Equal(statuses, want) {
		t.Errorf("got %v, want %v", statuses, want)
	}
}

// staffRequest builds a request for any staff route of the table, with
// its path parameters filled in and an empty JSON body.
func staffRequest(r routes.Route) events.APIGatewayV2HTTPRequest {
	path, params := r.Path, map[string]string{}
	for _, p := range []string{"surveyId", "version", "eventId", "expertId", "bookingId", "registrationId"} {
		v := "x1"
		if p == "version" {
			v = "1"
		}
		if strings.Contains(path, "{"+p+"}") {
			params[p] = v
			path = strings.ReplaceAll(path, "{"+p+"}", v)
		}
	}
	ev := events.APIGatewayV2HTTPRequest{Version: "2.0", RouteKey: r.Key(), RawPath: path, PathParameters: params,
		Headers: map[string]string{"content-type": "application/json"}}
	ev.RequestContext.RequestID = "req-survey-matrix"
	ev.RequestContext.HTTP.Method = r.Method
	ev.RequestContext.HTTP.Path = path
	if r.Method == http.MethodPost || r.Method == http.MethodPut {
		ev.Body = "{}"
	}
	return ev
}

func isSurveyRoute(r routes.Route) bool {
	return r.Path == "/v1/staff/surveys" || strings.HasPrefix(r.Path, "/v1/staff/surveys/")
}

// An evaluator never reaches personal data: every staff route but the
// surveys' (bookings, experts, events, registrations) refuses it; an
// expert or an organiser never reaches a survey.
func TestStaffSurveyAuthorisation(t *testing.T) {
	for _, r := range routes.Table {
		if got, want := slices.Contains(r.Groups, auth.GroupEvaluator), isSurveyRoute(r); got != want {
			t.Errorf("%s: evaluator allowed %v, want %v (evaluators reach the survey routes only)", r.Key(), got, want)
		}
		if isSurveyRoute(r) && (slices.Contains(r.Groups, auth.GroupExpert) || slices.Contains(r.Groups, auth.GroupOrganiser)) {
			t.Errorf("%s: allows experts or organisers", r.Key())
		}
	}
	env := apptest.New(t, apptest.Options{})
	for _, r := range routes.Table {
		if r.Public() {
			continue
		}
		var refused []string
		if isSurveyRoute(r) {
			refused = []string{auth.GroupExpert, auth.GroupOrganiser}
		} else {
			refused = []string{auth.GroupEvaluator}
		}
		for _, g := range refused {
			t.Run(r.Key()+" refuses "+g, func(t *testing.T) {
				resp := env.Invoke(r.Function, apptest.WithClaims(staffRequest(r), "someone-"+g, g))
				if p := problem(t, resp); resp.StatusCode != http.StatusForbidden || p.Code != "forbidden" {
					t.Errorf("got %d %s, want 403 forbidden", resp.StatusCode, resp.Body)
				}
			})
		}
		if isSurveyRoute(r) && r.Function == fn {
			for _, g := range []string{auth.GroupEvaluator, auth.GroupAdmin} {
				t.Run(r.Key()+" admits "+g, func(t *testing.T) {
					resp := env.Invoke(r.Function, apptest.WithClaims(staffRequest(r), "someone-"+g, g))
					if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusUnauthorized {
						t.Errorf("got %d %s, want past the authorisation", resp.StatusCode, resp.Body)
					}
				})
			}
			t.Run(r.Key()+" refuses a request without a token", func(t *testing.T) {
				if resp := env.Invoke(r.Function, staffRequest(r)); resp.StatusCode != http.StatusUnauthorized {
					t.Errorf("got %d, want 401", resp.StatusCode)
				}
			})
		}
	}
}
