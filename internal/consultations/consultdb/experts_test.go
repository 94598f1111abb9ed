package consultdb_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/slots"
)

func TestExpertWrites(t *testing.T) {
	ctx := context.Background()

	t.Run("a created expert reads back as written", func(t *testing.T) {
		f := newFixture(t, nil)
		e := expert("jana", "sub-jana")
		e.Availability.Weekly = map[time.Weekday][]slots.LocalRange{
			time.Monday: {{From: 9 * 60, To: 12 * 60}, {From: 13 * 60, To: 16 * 60}},
		}
		e.Availability.TimeOff = []consultations.TimeOff{{From: at(wed, 0, 0), To: at(wed.AddDays(1), 0, 0), Label: "dovolená"}}
		f.mustCreateExpert(e)
		got, err := f.store.GetExpert(ctx, "jana")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, e) {
			t.Errorf("got %+v, want %+v", got, e)
		}
	})

	t.Run("creating an expert id twice is expert_exists", func(t *testing.T) {
		f := newFixture(t, nil)
		f.mustCreateExpert(expert("jana", ""))
		err := f.store.CreateExpert(ctx, expert("jana", ""))
		if got, want := describe(err), "conflict expert_exists"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})

	t.Run("a second expert with the same subject is expert_exists and is not stored", func(t *testing.T) {
		f := newFixture(t, nil)
		f.mustCreateExpert(expert("jana", "sub-1"))
		err := f.store.CreateExpert(ctx, expert("petr", "sub-1"))
		if got, want := describe(err), "conflict expert_exists"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
		if _, err := f.store.GetExpert(ctx, "petr"); describe(err) != "not_found expert_not_found" {
			t.Errorf("get petr: got %s, want not_found expert_not_found", describe(err))
		}
		if id, err := f.store.ExpertIDBySubject(ctx, "sub-1"); err != nil || id != "jana" {
			t.Errorf("subject sub-1: got %q, %v, want jana", id, err)
		}
	})

	t.Run("ExpertIDBySubject finds the linked expert, and an unknown or empty subject is not found", func(t *testing.T) {
		f := newFixture(t, nil)
		f.mustCreateExpert(expert("jana", "sub-jana"))
		f.mustCreateExpert(expert("petr", ""))
		cases := []struct{ subject, want string }{
			{"sub-jana", "jana <nil>"},
			{"sub-nobody", " not_found expert_not_found"},
			{"", " not_found expert_not_found"},
		}
		for _, c := range cases {
			id, err := f.store.ExpertIDBySubject(ctx, c.subject)
			if got := id + " " + describe(err); got != c.want {
				t.Errorf("subject %q: got %q, want %q", c.subject, got, c.want)
			}
		}
	})

	t.Run("an update with the current version is stored with the next one", func(t *testing.T) {
		f := newFixture(t, nil)
		prev := expert("jana", "")
		f.mustCreateExpert(prev)
		next := prev
		next.Name, next.Version = "Mgr. Jana Nová", 2
		if err := f.store.UpdateExpert(ctx, next, prev); err != nil {
			t.Fatalf("update: got %v, want nil", err)
		}
		got, err := f.store.GetExpert(ctx, "jana")
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != next.Name || got.Version != 2 {
			t.Errorf("got name %q version %d, want %q and 2", got.Name, got.Version, next.Name)
		}
	})

	t.Run("an update from a stale version is expert_changed and changes nothing", func(t *testing.T) {
		f := newFixture(t, nil)
		v1 := expert("jana", "")
		f.mustCreateExpert(v1)
		v2 := v1
		v2.Name, v2.Version = "second writer", 2
		if err := f.store.UpdateExpert(ctx, v2, v1); err != nil {
			t.Fatalf("first update: %v", err)
		}
		stale := v1
		stale.Name, stale.Version = "first writer, late", 2
		err := f.store.UpdateExpert(ctx, stale, v1)
		if got, want := describe(err), "conflict expert_changed"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
		got, _ := f.store.GetExpert(ctx, "jana")
		if got.Name != "second writer" {
			t.Errorf("stored name: got %q, want %q", got.Name, "second writer")
		}
	})

	t.Run("changing the subject moves the link", func(t *testing.T) {
		f := newFixture(t, nil)
		prev := expert("jana", "sub-old")
		f.mustCreateExpert(prev)
		next := prev
		next.Subject, next.Version = "sub-new", 2
		if err := f.store.UpdateExpert(ctx, next, prev); err != nil {
			t.Fatalf("update: %v", err)
		}
		if id, err := f.store.ExpertIDBySubject(ctx, "sub-new"); err != nil || id != "jana" {
			t.Errorf("new subject: got %q, %v, want jana", id, err)
		}
		if _, err := f.store.ExpertIDBySubject(ctx, "sub-old"); describe(err) != "not_found expert_not_found" {
			t.Errorf("old subject: got %s, want not_found expert_not_found", describe(err))
		}
	})

	t.Run("taking another expert's subject is expert_exists and keeps both links", func(t *testing.T) {
		f := newFixture(t, nil)
		f.mustCreateExpert(expert("jana", "sub-jana"))
		prev := expert("petr", "sub-petr")
		f.mustCreateExpert(prev)
		next := prev
		next.Subject, next.Version = "sub-jana", 2
		err := f.store.UpdateExpert(ctx, next, prev)
		if got, want := describe(err), "conflict expert_exists"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
		for subject, want := range map[string]string{"sub-jana": "jana", "sub-petr": "petr"} {
			if id, err := f.store.ExpertIDBySubject(ctx, subject); err != nil || id != want {
				t.Errorf("subject %s: got %q, %v, want %s", subject, id, err, want)
			}
		}
	})

	t.Run("ListExperts returns every expert by name", func(t *testing.T) {
		f := newFixture(t, nil)
		for _, id := range []string{"c", "a", "b"} {
			f.mustCreateExpert(expert(id, ""))
		}
		list, err := f.store.ListExperts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range list {
			got = append(got, e.ID)
		}
		if want := []string{"a", "b", "c"}; !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
}
