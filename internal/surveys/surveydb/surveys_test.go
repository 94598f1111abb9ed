package surveydb_test

import (
	"context"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

var now = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

func newStore(t *testing.T) (*surveydb.Store, *dynamo.Store) {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	db := dynamo.New(client, table)
	return surveydb.New(db), db
}

func create(t *testing.T, st *surveydb.Store, id string, def surveys.Definition) surveys.Survey {
	t.Helper()
	sv, _, err := st.Create(context.Background(), surveys.Survey{
		ID: id, Kind: def.Kind, Audience: def.Audience, Title: def.Title, CreatedAt: now, CreatedBy: "evaluator-1",
	}, def)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return sv
}

func TestSurveyLifecycle(t *testing.T) {
	ctx := context.Background()
	st, _ := newStore(t)
	def := demo.Awareness()
	sv := create(t, st, "aware-1", def)
	if sv.Status != surveys.StatusDraft || sv.Latest != 1 || sv.Published != 0 || sv.Rev != 1 {
		t.Fatalf("created: %+v", sv)
	}
	if _, _, err := st.Current(ctx, "aware-1"); !apperr.Is(err, apperr.NotFound, surveys.ReasonSurveyNotFound) {
		t.Fatalf("current of an unpublished survey: got %v, want survey_not_found", err)
	}

	// A draft waits: saving replaces version 1.
	edited := def
	edited.Title.Cs = "Upravený název"
	sv, v, err := st.SaveDraft(ctx, "aware-1", sv.Rev, edited, "evaluator-2", now.Add(time.Minute))
	if err != nil || v.Number != 1 || sv.Latest != 1 || sv.Rev != 2 {
		t.Fatalf("save draft: %+v %+v %v", sv, v, err)
	}
	if sv, err = st.Publish(ctx, "aware-1", sv.Rev, 1, now.Add(2*time.Minute)); err != nil || sv.Status != surveys.StatusOpen || sv.Published != 1 {
		t.Fatalf("publish: %+v %v", sv, err)
	}
	cur, v1, err := st.Current(ctx, "aware-1")
	if err != nil || cur.Published != 1 || v1.Number != 1 || !v1.Published() || v1.Definition.Title.Cs != "Upravený název" {
		t.Fatalf("current: %+v %+v %v", cur, v1, err)
	}
	if !reflect.DeepEqual(v1.Definition, edited) {
		t.Errorf("the stored definition differs from the saved one")
	}

	// Publishing again is refused: nothing to publish.
	if _, err := st.Publish(ctx, "aware-1", cur.Rev, 1, now); !apperr.Is(err, apperr.Conflict, surveys.ReasonNothingToPublish) {
		t.Errorf("publish again: got %v, want survey_nothing_to_publish", err)
	}

	// Editing a published version makes version 2; version 1 stays.
	second := edited
	second.Title.Cs = "Druhá verze"
	sv, v2, err := st.SaveDraft(ctx, "aware-1", cur.Rev, second, "evaluator-1", now.Add(3*time.Minute))
	if err != nil || v2.Number != 2 || sv.Latest != 2 || sv.Published != 1 {
		t.Fatalf("edit after publishing: %+v %+v %v", sv, v2, err)
	}
	again, err := st.Version(ctx, "aware-1", 1, true)
	if err != nil || again.Definition.Title.Cs != "Upravený název" || !again.PublishedAt.Equal(v1.PublishedAt) {
		t.Errorf("version 1 changed: %+v %v", again, err)
	}
	if _, v, _ := st.Current(ctx, "aware-1"); v.Number != 1 {
		t.Errorf("current while version 2 is a draft: got %d, want 1", v.Number)
	}
	// A second save replaces the draft version 2.
	if sv, v2, err = st.SaveDraft(ctx, "aware-1", sv.Rev, second, "evaluator-1", now.Add(4*time.Minute)); err != nil || v2.Number != 2 {
		t.Fatalf("second save of version 2: %+v %v", v2, err)
	}
	if sv, err = st.Publish(ctx, "aware-1", sv.Rev, 2, now.Add(5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if _, v, _ := st.Current(ctx, "aware-1"); v.Number != 2 || v.Definition.Title.Cs != "Druhá verze" {
		t.Errorf("current after publishing 2: %+v", v)
	}
	versions, err := st.Versions(ctx, "aware-1")
	if err != nil || len(versions) != 2 || versions[0].Number != 1 || versions[1].Number != 2 {
		t.Fatalf("versions: %+v %v", versions, err)
	}
	list, err := st.List(ctx)
	if err != nil || len(list) != 1 || list[0].ID != "aware-1" || list[0].Title.Cs != "Druhá verze" {
		t.Fatalf("list: %+v %v", list, err)
	}

	// A stale rev is refused.
	if _, _, err := st.SaveDraft(ctx, "aware-1", 1, second, "x", now); !apperr.Is(err, apperr.Conflict, surveys.ReasonSurveyChanged) {
		t.Errorf("stale rev: got %v, want survey_changed", err)
	}
	// Closing ends every change.
	if sv, err = st.Close(ctx, "aware-1", sv.Rev, now.Add(6*time.Minute)); err != nil || sv.Status != surveys.StatusClosed {
		t.Fatalf("close: %+v %v", sv, err)
	}
	if _, _, err := st.SaveDraft(ctx, "aware-1", sv.Rev, second, "x", now); !apperr.Is(err, apperr.Conflict, surveys.ReasonSurveyClosed) {
		t.Errorf("draft of a closed survey: got %v, want survey_closed", err)
	}
	if _, err := st.Close(ctx, "aware-1", sv.Rev, now); !apperr.Is(err, apperr.Conflict, surveys.ReasonSurveyClosed) {
		t.Errorf("close twice: got %v, want survey_closed", err)
	}
	for _, id := range []string{"nope", ""} {
		if _, err := st.Get(ctx, id); !apperr.Is(err, apperr.NotFound, surveys.ReasonSurveyNotFound) {
			t.Errorf("get %q: got %v", id, err)
		}
	}
	if _, err := st.Version(ctx, "aware-1", 3, false); !apperr.Is(err, apperr.NotFound, surveys.ReasonVersionNotFound) {
		t.Errorf("version 3: got %v", err)
	}
}

func TestCreateRefusesAnExistingID(t *testing.T) {
	st, _ := newStore(t)
	create(t, st, "dup", demo.Awareness())
	_, _, err := st.Create(context.Background(), surveys.Survey{ID: "dup", Kind: surveys.KindAwareness, CreatedAt: now}, demo.Awareness())
	if !apperr.Is(err, apperr.Conflict, surveys.ReasonSurveyChanged) {
		t.Errorf("got %v, want a conflict", err)
	}
}

func TestInvitationCountersSurviveChanges(t *testing.T) {
	ctx := context.Background()
	st, db := newStore(t)
	def := demo.EvaluationConsultation()
	sv := create(t, st, "eval-1", def)
	add := db.Add(dynamo.Counter{Key: surveydb.SurveyKey("eval-1"), Attr: surveydb.AttrInvitationsSent}, 2, 0, "")
	if err := db.Transact(ctx, "count", []dynamo.TxItem{add}); err != nil {
		t.Fatal(err)
	}
	sv, _, err := st.SaveDraft(ctx, "eval-1", sv.Rev, def, "x", now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Publish(ctx, "eval-1", sv.Rev, 1, now); err != nil {
		t.Fatal(err)
	}
	got, err := st.Get(ctx, "eval-1")
	if err != nil || got.Invitations.Sent != 2 {
		t.Errorf("got %+v %v, want 2 sent", got.Invitations, err)
	}
}

// race runs n calls at once and counts the successes and the clean
// conflicts (any other outcome fails the test).
func race(t *testing.T, n int, call func() error, reasons ...apperr.Reason) (ok, conflicts int) {
	t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range n {
		wg.Go(func() {
			<-start
			err := call()
			mu.Lock()
			defer mu.Unlock()
			if err == nil {
				ok++
				return
			}
			for _, r := range reasons {
				if apperr.Is(err, apperr.Conflict, r) {
					conflicts++
					return
				}
			}
			t.Errorf("got %v, want success or a conflict %v", err, reasons)
		})
	}
	close(start)
	wg.Wait()
	return ok, conflicts
}

func TestConcurrentDraftSavesOneWins(t *testing.T) {
	ctx := context.Background()
	st, _ := newStore(t)
	sv := create(t, st, "race-draft", demo.Awareness())
	ok, conflicts := race(t, 8, func() error {
		_, _, err := st.SaveDraft(ctx, "race-draft", sv.Rev, demo.Awareness(), "x", now)
		return err
	}, surveys.ReasonSurveyChanged)
	if ok != 1 || conflicts != 7 {
		t.Errorf("got %d saved, %d conflicts; want 1 and 7", ok, conflicts)
	}
	if got, _ := st.Get(ctx, "race-draft"); got.Rev != sv.Rev+1 {
		t.Errorf("rev: got %d, want %d", got.Rev, sv.Rev+1)
	}
}

func TestConcurrentEditsOfAPublishedVersionMakeOneNewVersion(t *testing.T) {
	ctx := context.Background()
	st, _ := newStore(t)
	sv := create(t, st, "race-edit", demo.Awareness())
	sv, err := st.Publish(ctx, "race-edit", sv.Rev, 1, now)
	if err != nil {
		t.Fatal(err)
	}
	ok, conflicts := race(t, 8, func() error {
		_, _, err := st.SaveDraft(ctx, "race-edit", sv.Rev, demo.Awareness(), "x", now)
		return err
	}, surveys.ReasonSurveyChanged)
	versions, _ := st.Versions(ctx, "race-edit")
	if ok != 1 || conflicts != 7 || len(versions) != 2 {
		t.Errorf("got %d saved, %d conflicts, %d versions; want 1, 7, 2", ok, conflicts, len(versions))
	}
}

func TestConcurrentPublishesOneWins(t *testing.T) {
	ctx := context.Background()
	st, _ := newStore(t)
	sv := create(t, st, "race-pub", demo.Awareness())
	ok, conflicts := race(t, 8, func() error {
		_, err := st.Publish(ctx, "race-pub", sv.Rev, 1, now)
		return err
	}, surveys.ReasonSurveyChanged, surveys.ReasonNothingToPublish)
	if ok != 1 || conflicts != 7 {
		t.Errorf("got %d published, %d conflicts; want 1 and 7", ok, conflicts)
	}
}

// A save that read the survey before a publish cannot overwrite the
// version the publish made immutable: the condition on the survey's rev
// and on the version's missing publishedAt refuse it.
func TestPublishAndSaveAtOnce(t *testing.T) {
	ctx := context.Background()
	st, _ := newStore(t)
	for i := range 5 {
		id := "race-mix-" + string(rune('a'+i))
		sv := create(t, st, id, demo.Awareness())
		changed := demo.Awareness()
		changed.Title.Cs = "Změněno"
		var wg sync.WaitGroup
		var pubErr, saveErr error
		wg.Go(func() { _, pubErr = st.Publish(ctx, id, sv.Rev, 1, now) })
		wg.Go(func() { _, _, saveErr = st.SaveDraft(ctx, id, sv.Rev, changed, "x", now) })
		wg.Wait()
		if (pubErr == nil) == (saveErr == nil) {
			t.Fatalf("publish %v, save %v: want exactly one to succeed", pubErr, saveErr)
		}
		v, _ := st.Version(ctx, id, 1, true)
		if pubErr == nil && v.Definition.Title.Cs == "Změněno" {
			t.Errorf("the published version 1 was changed")
		}
	}
}

// A published version is never written again, even if the survey item
// said otherwise: the version's own condition refuses it (defence in
// depth beyond the survey's rev).
func TestPublishedVersionIsImmutableByItsOwnCondition(t *testing.T) {
	ctx := context.Background()
	st, db := newStore(t)
	sv := create(t, st, "immutable", demo.Awareness())
	sv, err := st.Publish(ctx, "immutable", sv.Rev, 1, now)
	if err != nil {
		t.Fatal(err)
	}
	// The survey item claims version 1 is still a draft.
	upd, err := db.UpdateIfVersion(surveydb.SurveyKey("immutable"), int(sv.Rev), map[string]any{"published": 0, "status": "draft"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Transact(ctx, "tamper", []dynamo.TxItem{upd}); err != nil {
		t.Fatal(err)
	}
	changed := demo.Awareness()
	changed.Title.Cs = "Přepsáno"
	if _, _, err := st.SaveDraft(ctx, "immutable", sv.Rev+1, changed, "x", now); !apperr.Is(err, apperr.Conflict, surveys.ReasonSurveyChanged) {
		t.Errorf("overwrite a published version as a draft: got %v, want survey_changed", err)
	}
	if _, err := st.Publish(ctx, "immutable", sv.Rev+1, 1, now.Add(time.Hour)); !apperr.Is(err, apperr.Conflict, surveys.ReasonNothingToPublish) {
		t.Errorf("publish a published version again: got %v, want survey_nothing_to_publish", err)
	}
	v, err := st.Version(ctx, "immutable", 1, true)
	if err != nil || v.Definition.Title.Cs == "Přepsáno" || !v.PublishedAt.Equal(now) {
		t.Errorf("version 1: title %q, published %v, %v; want it as published", v.Definition.Title.Cs, v.PublishedAt, err)
	}
	if got, _ := st.Get(ctx, "immutable"); got.Rev != sv.Rev+1 {
		t.Errorf("the refused changes moved the rev to %d", got.Rev)
	}
}
