package surveydb_test

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"testing"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

func num(f float64) *float64 { return &f }

// TestResponseRoundTrip: a response put in a transaction comes back from
// EachResponse as it was, every kind of value included, and only in its
// own survey and month.
func TestResponseRoundTrip(t *testing.T) {
	s, _, _ := newRespStore(t)
	ctx := context.Background()
	r := surveys.Response{
		ID: surveydb.NewResponseID(), Survey: "povedomi", Version: 2, Month: "2026-11",
		Context:  surveys.Context{Source: surveys.SourcePublic, Region: "CZ064", TargetGroup: "client", Wave: "baseline"},
		EasyRead: true,
		Values: map[string]surveys.Value{
			"q1": {Codes: []int{3}}, "q2": {Codes: []int{1, 4}}, "q3": {Codes: []int{}},
			"q4": {Number: num(12.5)}, "q5": {Text: "Příliš málo informací."}, "q6": {Codes: []int{0}},
		},
	}
	other := r
	other.ID, other.Month = surveydb.NewResponseID(), "2026-12"
	for _, x := range []surveys.Response{r, other} {
		put, err := s.ResponsePut(x)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Transact(ctx, "put response", []dynamo.TxItem{put}); err != nil {
			t.Fatal(err)
		}
	}
	var got []surveys.Response
	if err := s.EachResponse(ctx, "povedomi", "2026-11", func(x surveys.Response) error { got = append(got, x); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0], r) {
		t.Fatalf("got %+v, want [%+v]", got, r)
	}
	n := 0
	if err := s.EachResponse(ctx, "jina", "2026-11", func(surveys.Response) error { n++; return nil }); err != nil || n != 0 {
		t.Fatalf("another survey: %d responses, %v; want none", n, err)
	}
	// The same id again is refused by the put's condition.
	put, _ := s.ResponsePut(r)
	if err := s.Transact(ctx, "put response", []dynamo.TxItem{put}); !apperr.Is(err, apperr.Conflict, surveydb.ReasonResponseExists) {
		t.Fatalf("the same id twice: got %v, want %s", err, surveydb.ReasonResponseExists)
	}
}

// TestEachResponseAll: every response of the month is read, each once, and
// an error of the callback stops the reading.
func TestEachResponseAll(t *testing.T) {
	s, _, _ := newRespStore(t)
	ctx := context.Background()
	want := map[string]bool{}
	for i := range 40 {
		r := surveys.Response{ID: surveydb.NewResponseID(), Survey: "s1", Version: 1, Month: "2027-01",
			Context: surveys.Context{Source: surveys.SourcePublic}, Values: map[string]surveys.Value{"q": {Codes: []int{i % 5}}}}
		want[r.ID] = true
		put, err := s.ResponsePut(r)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.PutNow(ctx, put); err != nil {
			t.Fatal(err)
		}
	}
	var ids []string
	if err := s.EachResponse(ctx, "s1", "2027-01", func(r surveys.Response) error { ids = append(ids, r.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	sort.Strings(ids)
	if len(ids) != len(want) {
		t.Fatalf("read %d responses, want %d", len(ids), len(want))
	}
	for i, id := range ids {
		if !want[id] || (i > 0 && ids[i-1] == id) {
			t.Fatalf("response %s read twice or not put", id)
		}
	}
	stop := errors.New("stop")
	n := 0
	err := s.EachResponse(ctx, "s1", "2027-01", func(surveys.Response) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("got %v after %d calls, want stop after 1", err, n)
	}
}

// TestResponsePutRefusesBadShapes: a response without survey, version, a
// yyyy-mm month or a random hex id is a programming error, never stored.
func TestResponsePutRefusesBadShapes(t *testing.T) {
	s, _, _ := newRespStore(t)
	good := surveys.Response{ID: surveydb.NewResponseID(), Survey: "s", Version: 1, Month: "2026-11"}
	for name, change := range map[string]func(*surveys.Response){
		"no survey":      func(r *surveys.Response) { r.Survey = "" },
		"no version":     func(r *surveys.Response) { r.Version = 0 },
		"a day":          func(r *surveys.Response) { r.Month = "2026-11-28" },
		"a time-ordered": func(r *surveys.Response) { r.ID = "01kbw6m3ar2z7e4r9x0v5t8qjd" },
	} {
		r := good
		change(&r)
		if _, err := s.ResponsePut(r); err == nil {
			t.Errorf("%s: put, want an error", name)
		}
	}
	if _, err := s.ResponsePut(good); err != nil {
		t.Fatal(err)
	}
	if err := s.EachResponse(context.Background(), "s", "2026-1", func(surveys.Response) error { return nil }); err == nil {
		t.Errorf("month %q: read, want an error", "2026-1")
	}
}
