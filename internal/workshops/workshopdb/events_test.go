package workshopdb_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/workshops"
)

func TestEventRoundTripAndVersion(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := event("ev1", 30)
	e.Questions = []workshops.Question{{ID: "q1", Kind: workshops.QuestionSingle, Label: workshops.Text{CS: "Role"}, Options: []workshops.Text{{CS: "A"}, {CS: "B"}}, Required: true}}
	e.OrgLimit = 3
	f.putEvent(e)
	got, err := f.store.GetEvent(ctx, "ev1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, e) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, e)
	}
	if err := f.store.PutEvent(ctx, e, 0); !apperr.Is(err, apperr.Conflict, workshops.ReasonEventChanged) {
		t.Errorf("put a new event over an existing one: got %v, want event_changed", err)
	}
	e.Version = 2
	if err := f.store.PutEvent(ctx, e, 1); err != nil {
		t.Errorf("put version 2 over 1: %v", err)
	}
	if err := f.store.PutEvent(ctx, e, 1); !apperr.Is(err, apperr.Conflict, workshops.ReasonEventChanged) {
		t.Errorf("put over a stale version: got %v, want event_changed", err)
	}
	if _, err := f.store.GetEvent(ctx, "nope"); !apperr.Is(err, apperr.NotFound, workshops.ReasonEventNotFound) {
		t.Errorf("unknown event: got %v", err)
	}
}

func TestListPublishedEvents(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := event("a", 10)
	b := event("b", 10)
	b.Sessions[0].Start = b.Sessions[0].Start.AddDate(0, 1, 0) // January
	b.Sessions[0].End = b.Sessions[0].End.AddDate(0, 1, 0)
	draft := event("draft", 10)
	draft.Status = workshops.EventDraft
	past := event("past", 10)
	past.Sessions[0].Start = now.Add(-48 * time.Hour)
	past.Sessions[0].End = now.Add(-47 * time.Hour)
	for _, e := range []workshops.Event{b, a, draft, past} {
		f.putEvent(e)
	}
	list, err := f.store.ListPublishedEvents(ctx, now, now.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range list {
		ids = append(ids, e.ID)
	}
	if !reflect.DeepEqual(ids, []string{"a", "b"}) {
		t.Errorf("published upcoming: got %v, want [a b] (by start; no draft, no past)", ids)
	}
	all, err := f.store.ListEvents(ctx, now.Add(-72*time.Hour), now.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	ids = nil
	for _, e := range all {
		ids = append(ids, e.ID)
	}
	if !reflect.DeepEqual(ids, []string{"past", "a", "draft"}) && !reflect.DeepEqual(ids, []string{"past", "draft", "a"}) {
		t.Errorf("all statuses in [now-3d, now+1m): got %v, want past, a and draft", ids)
	}
	// Unpublishing takes it out of the public list.
	a.Status, a.Version = workshops.EventCancelled, 2
	if err := f.store.PutEvent(ctx, a, 1); err != nil {
		t.Fatal(err)
	}
	list, _ = f.store.ListPublishedEvents(ctx, now, now.AddDate(1, 0, 0))
	if len(list) != 1 || list[0].ID != "b" {
		t.Errorf("after cancelling a: got %d events, want only b", len(list))
	}
}
