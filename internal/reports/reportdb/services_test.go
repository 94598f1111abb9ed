package reportdb_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/register"
	"github.com/mpsv/brana/internal/reports/reportdb"
)

var servicesNow = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

func newServices(t *testing.T) *reportdb.Services {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	return reportdb.NewServices(dynamo.New(client, table))
}

func newService(t *testing.T, id, name string) reports.Service {
	t.Helper()
	s, err := register.New(id, register.CreateInput{Name: name, Ico: "00564222", Region: "CZ063", RegistryID: "7364519", Joined: "2026-10-21"}, "admin-1", servicesNow)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestServicesCreateGetSaveList(t *testing.T) {
	ctx := context.Background()
	st := newServices(t)
	s := newService(t, "svc-b", "Žirovnice domov")
	if err := st.Create(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := st.Create(ctx, s); !apperr.Is(err, apperr.Conflict, register.ReasonServiceExists) {
		t.Fatalf("second create: got %v, want service_exists", err)
	}
	got, err := st.Get(ctx, "svc-b")
	if err != nil || !reflect.DeepEqual(got, s) {
		t.Fatalf("get: got %+v, %v, want %+v", got, err, s)
	}
	if _, err := st.Get(ctx, "nobody"); !apperr.Is(err, apperr.NotFound, register.ReasonServiceNotFound) {
		t.Fatalf("get missing: %v", err)
	}
	if _, err := st.Get(ctx, string(make([]byte, 300))); !apperr.Is(err, apperr.NotFound, register.ReasonServiceNotFound) {
		t.Fatalf("get of a long id: %v", err)
	}

	// A phase change with a correction's reason round-trips.
	next, err := register.ChangePhase(s, register.PhaseInput{Phase: "plan_drafted", Date: "2026-11-02", Version: 1}, "admin-2", servicesNow)
	if err != nil {
		t.Fatal(err)
	}
	back, err := register.ChangePhase(next, register.PhaseInput{Phase: "joined", Date: "2026-11-03", Reason: "Omyl v datu.", Version: 2}, "admin-2", servicesNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Save(ctx, next, 1); err != nil {
		t.Fatal(err)
	}
	if err := st.Save(ctx, next, 1); !apperr.Is(err, apperr.Conflict, register.ReasonServiceChanged) {
		t.Fatalf("save from a stale version: got %v, want service_changed", err)
	}
	if err := st.Save(ctx, back, 2); err != nil {
		t.Fatal(err)
	}
	got, err = st.Get(ctx, "svc-b")
	if err != nil || !reflect.DeepEqual(got, back) {
		t.Fatalf("after the correction: got %+v, %v, want %+v", got, err, back)
	}
	// A service deleted (or never stored) cannot be saved.
	ghost := newService(t, "svc-ghost", "Nikde")
	ghost.Version = 2
	if err := st.Save(ctx, ghost, 1); !apperr.Is(err, apperr.Conflict, register.ReasonServiceChanged) {
		t.Fatalf("save of a missing service: %v", err)
	}

	// The list is by folded name: "Azalka" < "Čtyřlístek" < "Žirovnice".
	for _, x := range []reports.Service{newService(t, "svc-c", "Čtyřlístek"), newService(t, "svc-a", "Azalka")} {
		if err := st.Create(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	list, err := st.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, x := range list {
		ids = append(ids, x.ID)
	}
	if fmt.Sprint(ids) != "[svc-a svc-c svc-b]" {
		t.Errorf("list order: %v", ids)
	}
	// An error of fn stops the stream.
	stop := errors.New("stop")
	n := 0
	if err := st.EachService(ctx, func(reports.Service) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachService: %v after %d", err, n)
	}
}

// TestServicePhaseRace: eight admins change the same service's phase at
// once, each from version 1: exactly one change is stored, the others
// are Conflicts, and the history has exactly one new entry.
func TestServicePhaseRace(t *testing.T) {
	ctx := context.Background()
	st := newServices(t)
	s := newService(t, "svc-race", "Domov Ráček")
	if err := st.Create(ctx, s); err != nil {
		t.Fatal(err)
	}
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			// Every admin read the service at version 1.
			cur := s
			next, err := register.ChangePhase(cur, register.PhaseInput{Phase: "plan_drafted", Date: "2026-11-02", Version: 1}, fmt.Sprintf("admin-%d", i), servicesNow)
			if err != nil {
				errs[i] = err
				return
			}
			errs[i] = st.Save(ctx, next, cur.Version)
		}()
	}
	close(start)
	wg.Wait()
	won := 0
	for i, err := range errs {
		switch {
		case err == nil:
			won++
		case apperr.Is(err, apperr.Conflict, register.ReasonServiceChanged):
		default:
			t.Errorf("admin %d: %v", i, err)
		}
	}
	if won != 1 {
		t.Fatalf("%d changes stored, want exactly 1", won)
	}
	got, err := st.Get(ctx, "svc-race")
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 || len(got.History) != 2 || got.Phase != reports.PhasePlanDrafted {
		t.Errorf("after the race: %+v", got)
	}
}

func TestSeedDemo(t *testing.T) {
	ctx := context.Background()
	st := newServices(t)
	for i, want := range []int{10, 0} {
		n, err := st.SeedDemo(ctx)
		if err != nil || n != want {
			t.Fatalf("seed %d: %d, %v, want %d", i+1, n, err, want)
		}
	}
	list, err := st.List(ctx)
	if err != nil || len(list) != 10 {
		t.Fatalf("list: %d, %v", len(list), err)
	}
	demo := map[string]reports.Service{}
	for _, d := range register.Demo() {
		demo[d.ID] = d
	}
	for _, s := range list {
		if !reflect.DeepEqual(s, demo[s.ID]) {
			t.Errorf("%s: stored %+v, demo %+v", s.ID, s, demo[s.ID])
		}
	}
}
