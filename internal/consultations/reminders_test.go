package consultations_test

import (
	"context"
	"os"
	"reflect"
	"sync"
	"testing"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/dynamotest"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

// countingStore counts the expert reads of the real store.
type countingStore struct {
	consultations.Store
	mu    sync.Mutex
	reads map[string]int
}

func (s *countingStore) GetExpert(ctx context.Context, id string) (consultations.Expert, error) {
	s.mu.Lock()
	s.reads[id]++
	s.mu.Unlock()
	return s.Store.GetExpert(ctx, id)
}

func TestQueueRemindersReadsEachExpertOnce(t *testing.T) {
	ctx := context.Background()
	env := apptest.New(t, apptest.Options{})
	const other = "eva-horakova" // also works on Tuesdays
	for _, s := range env.FreeSlots(apptest.Tuesday)[:3] {
		env.Book(s)
	}
	free, err := env.Deps.Service.FreeSlots(ctx, consultations.SlotQuery{From: apptest.Tuesday, To: apptest.Tuesday, ExpertID: other})
	if err != nil || len(free) < 2 {
		t.Fatalf("free slots of %s: got %d, %v, want at least 2", other, len(free), err)
	}
	for _, s := range free[:2] {
		env.Book(s.Start, func(body map[string]any) {
			body["expertId"], body["topic"], body["region"] = other, "case_management", "CZ010"
		})
	}

	store := &countingStore{Store: env.Deps.Service.Store, reads: map[string]int{}}
	svc := *env.Deps.Service
	svc.Store = store
	n, err := svc.QueueReminders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 5 {
		t.Errorf("queued: got %d, want 5", n)
	}
	if want := map[string]int{apptest.DemoExpertID: 1, other: 1}; !reflect.DeepEqual(store.reads, want) {
		t.Errorf("expert reads: got %v, want %v", store.reads, want)
	}
}
