package surveyapi_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/surveyapi"
)

func awarenessBody() map[string]any {
	b := publicBody("client", "CZ064", "")
	b["answers"] = map[string]any{
		"q1_heard": 1, "q2_source": []int{1, 3}, "q3_meaning": 2, "q4_support": 5,
		"q5_own_home": 4, "q6_recommend": 9, "q8_word": "domov", "q9_comment": "Chci bydlet sama.\nS podporou.",
	}
	b["easyRead"] = true
	return b
}

// TestGetSurvey: the public link shows an open awareness survey's current
// version with today's wave; evaluation, unknown and malformed ids are all
// the same 404.
func TestGetSurvey(t *testing.T) {
	f := newFixture(t, apptest.Options{})
	resp := f.invoke(getSurvey(awarenessID))
	want(t, resp, http.StatusOK, "")
	got := apptest.Body[surveyapi.PublicSurvey](t, resp)
	if got.ID != awarenessID || got.Version != 1 || got.Kind != surveys.KindAwareness || !got.Running ||
		got.Wave == nil || got.Wave.Code != "baseline" || len(got.Definition.Questions) != len(demo.Awareness().Questions) {
		t.Fatalf("got %+v, want version 1 running in the baseline wave with its questions", got)
	}
	for _, id := range []string{evaluationID, "neni-takovy", strings.Repeat("x", 10000), "a\x00b", "a#2026-11", "%ff"} {
		want(t, f.invoke(getSurvey(id)), http.StatusNotFound, "survey_not_found")
	}
	// A draft is not shown.
	def := demo.Awareness()
	if _, _, err := f.store.Create(t.Context(), surveys.Survey{ID: "koncept", Kind: def.Kind, Title: def.Title, CreatedAt: f.Clock.Now(), CreatedBy: "x"}, def); err != nil {
		t.Fatal(err)
	}
	want(t, f.invoke(getSurvey("koncept")), http.StatusNotFound, "survey_not_found")

	// Outside every wave the survey is shown, not running.
	f.Clock.Set(time.Date(2027, 4, 1, 10, 0, 0, 0, time.UTC))
	got = apptest.Body[surveyapi.PublicSurvey](t, f.invoke(getSurvey(awarenessID)))
	if got.Running || got.Wave != nil {
		t.Fatalf("between waves: got running %v wave %v, want not running", got.Running, got.Wave)
	}
}

// TestSubmitAwareness: a response is stored with the self-declared facts,
// the wave, the month and the values, and nothing else; the browser key
// keeps a second answer out; a retry with the Idempotency-Key is replayed.
func TestSubmitAwareness(t *testing.T) {
	f := newFixture(t, apptest.Options{})
	resp := f.invoke(submit(awarenessID, awarenessBody()))
	want(t, resp, http.StatusOK, "")
	if got := apptest.Body[surveyapi.Recorded](t, resp); got != (surveyapi.Recorded{Survey: awarenessID, Version: 1, Recorded: true}) {
		t.Fatalf("got %+v", got)
	}
	rs := f.responses(awarenessID, "2026-11")
	if len(rs) != 1 {
		t.Fatalf("stored %d responses, want 1", len(rs))
	}
	r := rs[0]
	wantCtx := surveys.Context{Source: surveys.SourcePublic, TargetGroup: "client", Region: "CZ064", Wave: "baseline"}
	if r.Context != wantCtx || !r.EasyRead || r.Version != 1 || r.Month != "2026-11" ||
		!slices.Equal(r.Values["q2_source"].Codes, []int{1, 3}) || r.Values["q9_comment"].Text != "Chci bydlet sama.\nS podporou." {
		t.Fatalf("stored %+v", r)
	}

	// "Not stated" is stored as no fact.
	want(t, f.invoke(submit(awarenessID, publicBody(surveyapi.NotStated, surveyapi.NotStated, ""))), http.StatusOK, "")
	var empty int
	for _, r := range f.responses(awarenessID, "2026-11") {
		if r.Context.TargetGroup == "" && r.Context.Region == "" {
			empty++
		}
	}
	if empty != 1 {
		t.Fatalf("got %d responses without facts, want 1", empty)
	}

	// One answer per browser key.
	key := "Zk3vV7f0bX1sYk9mP4tA8w"
	want(t, f.invoke(submit(awarenessID, publicBody("provider", "CZ010", key))), http.StatusOK, "")
	want(t, f.invoke(submit(awarenessID, publicBody("community", "CZ020", key))), http.StatusConflict, "already_answered")
	// The key is per survey: another awareness survey takes it.
	f.publish("povedomi-2", demo.Awareness())
	want(t, f.invoke(submit("povedomi-2", publicBody("community", "CZ020", key))), http.StatusOK, "")

	// A retry with the same Idempotency-Key replays, storing nothing more.
	ev := submit(awarenessID, publicBody("client", "CZ080", ""), "Idempotency-Key", "retry-1")
	want(t, f.invoke(ev), http.StatusOK, "")
	again := f.invoke(ev)
	want(t, again, http.StatusOK, "")
	if again.Headers["Idempotent-Replayed"] != "true" {
		t.Fatalf("the retry was not replayed: %v", again.Headers)
	}
	if n := len(f.responses(awarenessID, "2026-11")); n != 4 {
		t.Fatalf("stored %d responses, want 4", n)
	}
}

// TestSubmitAwarenessRefusals: each refusal is a clean problem and
// stores nothing.
func TestSubmitAwarenessRefusals(t *testing.T) {
	f := newFixture(t, apptest.Options{})
	good := submit(awarenessID, awarenessBody())

	t.Run("proof of work missing or broken", func(t *testing.T) {
		want(t, f.invoke(apptest.WithoutPoW(good)), http.StatusForbidden, "proof_of_work_missing")
		want(t, f.invoke(apptest.WithPoW(good, "eyJub3QiOiJ2YWxpZCJ9")), http.StatusForbidden, "proof_of_work_invalid")
		want(t, f.invoke(apptest.WithPoW(good, strings.Repeat("A", 5000))), http.StatusForbidden, "")
	})
	t.Run("bad bodies", func(t *testing.T) {
		for name, body := range map[string]string{
			"not json":        `{"version":1,`,
			"empty":           ``,
			"an array":        `[]`,
			"unknown field":   `{"version":1,"context":{"targetGroup":"client","region":"CZ064"},"answers":{"q1_heard":1,"q2_source":[1],"q3_meaning":1,"q4_support":3},"ip":"1.2.3.4"}`,
			"no context":      `{"version":1,"answers":{"q1_heard":0,"q3_meaning":1,"q4_support":3}}`,
			"unknown group":   `{"version":1,"context":{"targetGroup":"alien","region":"CZ064"},"answers":{"q1_heard":0,"q3_meaning":1,"q4_support":3}}`,
			"no version":      `{"context":{"targetGroup":"client","region":"CZ064"},"answers":{"q1_heard":0,"q3_meaning":1,"q4_support":3}}`,
			"short key":       `{"version":1,"browserKey":"abc","context":{"targetGroup":"client","region":"CZ064"},"answers":{"q1_heard":0,"q3_meaning":1,"q4_support":3}}`,
			"required":        `{"version":1,"context":{"targetGroup":"client","region":"CZ064"},"answers":{}}`,
			"control chars":   `{"version":1,"context":{"targetGroup":"client","region":"CZ064"},"answers":{"q1_heard":0,"q3_meaning":1,"q4_support":3,"q8_word":"a\u0007b"}}`,
			"bad utf-8":       "{\"version\":1,\"context\":{\"targetGroup\":\"client\",\"region\":\"CZ064\"},\"answers\":{\"q1_heard\":0,\"q3_meaning\":1,\"q4_support\":3,\"q8_word\":\"a\xffb\"}}",
			"unknown var":     `{"version":1,"context":{"targetGroup":"client","region":"CZ064"},"answers":{"q1_heard":0,"q3_meaning":1,"q4_support":3,"q99":1}}`,
			"hidden answered": `{"version":1,"context":{"targetGroup":"client","region":"CZ064"},"answers":{"q1_heard":0,"q2_source":[1],"q3_meaning":1,"q4_support":3}}`,
			"huge number":     `{"version":1e400,"context":{"targetGroup":"client","region":"CZ064"},"answers":{}}`,
			"deep nesting":    `{"version":1,"context":{"targetGroup":"client","region":"CZ064"},"answers":{"q8_word":` + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + `}}`,
		} {
			resp := f.invoke(submit(awarenessID, body))
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("%s: got %d %s, want 400", name, resp.StatusCode, resp.Body)
			}
		}
		want(t, f.invoke(submit(awarenessID, `{"answers":{"q9_comment":"`+strings.Repeat("x", 20000)+`"}}`)), http.StatusRequestEntityTooLarge, "body_too_large")
	})
	t.Run("unknown and evaluation surveys", func(t *testing.T) {
		want(t, f.invoke(submit("neni", awarenessBody())), http.StatusNotFound, "survey_not_found")
		want(t, f.invoke(submit(evaluationID, awarenessBody())), http.StatusNotFound, "survey_not_found")
		want(t, f.invoke(submit(strings.Repeat("é", 3000), awarenessBody())), http.StatusNotFound, "survey_not_found")
	})
	t.Run("an old version", func(t *testing.T) {
		b := awarenessBody()
		b["version"] = 2
		want(t, f.invoke(submit(awarenessID, b)), http.StatusConflict, "survey_version_changed")
	})
	if n := len(f.responses(awarenessID, "2026-11")); n != 0 {
		t.Fatalf("refusals stored %d responses", n)
	}
	t.Run("out of every wave", func(t *testing.T) {
		f.Clock.Set(time.Date(2027, 4, 1, 10, 0, 0, 0, time.UTC))
		defer f.Clock.Set(apptest.DefaultNow)
		want(t, f.invoke(submit(awarenessID, awarenessBody())), http.StatusConflict, "survey_not_running")
		if n := len(f.responses(awarenessID, "2027-04")); n != 0 {
			t.Fatalf("stored %d responses out of wave", n)
		}
	})
	t.Run("a closed survey", func(t *testing.T) {
		sv, err := f.store.Get(t.Context(), awarenessID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.store.Close(t.Context(), awarenessID, sv.Rev, f.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		want(t, f.invoke(submit(awarenessID, awarenessBody())), http.StatusConflict, "survey_not_running")
		got := apptest.Body[surveyapi.PublicSurvey](t, f.invoke(getSurvey(awarenessID)))
		if got.Status != surveys.StatusClosed || got.Running {
			t.Fatalf("closed survey shown as %+v", got)
		}
	})
	if n := len(f.responses(awarenessID, "2026-11")); n != 0 {
		t.Fatalf("refusals stored %d responses", n)
	}
}

// TestResponsesKeepTheirVersion: an answer to version 1, then version 2
// published, then an answer to it: two responses of two versions; the old
// version is refused once the new one is out.
func TestResponsesKeepTheirVersion(t *testing.T) {
	f := newFixture(t, apptest.Options{})
	want(t, f.invoke(submit(awarenessID, awarenessBody())), http.StatusOK, "")
	def := demo.Awareness()
	def.Questions = def.Questions[:4] // v2 drops the optional questions
	if n := f.publishNext(awarenessID, def); n != 2 {
		t.Fatalf("published version %d, want 2", n)
	}
	got := apptest.Body[surveyapi.PublicSurvey](t, f.invoke(getSurvey(awarenessID)))
	if got.Version != 2 || len(got.Definition.Questions) != 4 {
		t.Fatalf("the link shows version %d with %d questions, want 2 with 4", got.Version, len(got.Definition.Questions))
	}
	want(t, f.invoke(submit(awarenessID, awarenessBody())), http.StatusConflict, "survey_version_changed")
	b := publicBody("provider", "CZ010", "")
	b["version"] = 2
	want(t, f.invoke(submit(awarenessID, b)), http.StatusOK, "")
	// An answer to a question v2 no longer has is refused.
	b["answers"] = map[string]any{"q1_heard": 0, "q3_meaning": 1, "q4_support": 2, "q9_comment": "x"}
	want(t, f.invoke(submit(awarenessID, b)), http.StatusBadRequest, "invalid_request")

	versions := map[int]int{}
	for _, r := range f.responses(awarenessID, "2026-11") {
		versions[r.Version]++
	}
	if versions[1] != 1 || versions[2] != 1 || len(versions) != 2 {
		t.Fatalf("responses by version: %v, want one of 1 and one of 2", versions)
	}
}
