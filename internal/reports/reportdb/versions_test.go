package reportdb_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/reportdb"
)

var (
	vNov = cz.Month{Year: 2026, Month: time.November}
	vDec = vNov.Next()
	vJan = vDec.Next()
	vAt  = time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
)

func newIndex(t *testing.T) *reportdb.Index {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	return reportdb.NewIndex(dynamo.New(client, table))
}

func versionInfo(m cz.Month, n int, hash string) reports.VersionInfo {
	return reports.VersionInfo{
		Month: m, Version: n, Catalogue: "2026-12", ContentHash: hash, CreatedAt: vAt.Add(time.Duration(n) * time.Hour),
		Trigger: reports.TriggerSchedule, By: "", Changes: n - 1,
		Files: []reports.ManifestFile{{Name: reports.FileJSON, Bytes: 120, SHA256: "ab"}, {Name: reports.FileCSV, Bytes: 80, SHA256: "cd"}},
	}
}

func TestVersionsAndLatest(t *testing.T) {
	ctx := context.Background()
	ix := newIndex(t)
	if list, err := ix.Latest(ctx); err != nil || len(list) != 0 {
		t.Fatalf("empty index: %v %v", list, err)
	}
	if vs, err := ix.Versions(ctx, vNov); err != nil || len(vs) != 0 {
		t.Fatalf("no versions: %v %v", vs, err)
	}
	stored := []reports.VersionInfo{versionInfo(vNov, 1, "h1"), versionInfo(vNov, 2, "h2"), versionInfo(vDec, 1, "h3"), versionInfo(vJan, 1, "h4"), versionInfo(vJan, 2, "h5"), versionInfo(vJan, 3, "h6")}
	stored[1].By, stored[1].Trigger = "admin-1", reports.TriggerRerun
	for _, v := range stored {
		if err := ix.PutVersion(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	// A snapshot in the month's partition is no version.
	if err := ix.PutSnapshot(ctx, reports.Snapshot{Month: vNov, Catalogue: "2026-12", Organisations: map[string]reports.OrgSeen{}}, 2, vAt); err != nil {
		t.Fatal(err)
	}
	vs, err := ix.Versions(ctx, vNov)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(vs, stored[:2]) {
		t.Errorf("versions of November:\n got %+v\nwant %+v", vs, stored[:2])
	}
	list, err := ix.Latest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []reports.VersionInfo{stored[5], stored[2], stored[1]}; !reflect.DeepEqual(list, want) {
		t.Errorf("latest:\n got %+v\nwant %+v", list, want)
	}
	if v, ok, err := ix.LatestOf(ctx, vJan); err != nil || !ok || v.Version != 3 {
		t.Errorf("latest of January: %+v %v %v", v, ok, err)
	}
	if _, ok, err := ix.LatestOf(ctx, vJan.Next()); err != nil || ok {
		t.Errorf("latest of February: %v %v", ok, err)
	}
	// A stored version is never overwritten.
	again := versionInfo(vNov, 2, "other")
	if err := ix.PutVersion(ctx, again); !errors.Is(err, reportdb.ErrVersionTaken) {
		t.Errorf("storing v2 again: %v, want ErrVersionTaken", err)
	}
	if vs, _ := ix.Versions(ctx, vNov); vs[1].ContentHash != "h2" {
		t.Errorf("v2 was overwritten: %+v", vs[1])
	}
}

// Of concurrent writers of one version, exactly one stores it.
func TestPutVersionRace(t *testing.T) {
	ctx := context.Background()
	ix := newIndex(t)
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = ix.PutVersion(ctx, versionInfo(vNov, 1, fmt.Sprint("h", i)))
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, reportdb.ErrVersionTaken):
			t.Errorf("unexpected error %v", err)
		}
	}
	if vs, err := ix.Versions(ctx, vNov); won != 1 || err != nil || len(vs) != 1 {
		t.Errorf("%d won, versions %v %v", won, vs, err)
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	ctx := context.Background()
	ix := newIndex(t)
	if _, ok, err := ix.Snapshot(ctx, vNov); ok || err != nil {
		t.Fatalf("no snapshot: %v %v", ok, err)
	}
	s := reports.Snapshot{Month: vNov, Catalogue: "2026-12", Organisations: map[string]reports.OrgSeen{
		"00006947": {Kind: "public_administration", Region: "CZ010", First: vNov},
		"27074358": {Kind: "provider", Region: "CZ064", First: vNov},
	}}
	if err := ix.PutSnapshot(ctx, s, 1, vAt); err != nil {
		t.Fatal(err)
	}
	got, ok, err := ix.Snapshot(ctx, vNov)
	if err != nil || !ok || !reflect.DeepEqual(got, s) {
		t.Errorf("snapshot: %+v %v %v", got, ok, err)
	}
	// A later version's snapshot replaces it.
	s.Organisations["25596641"] = reports.OrgSeen{Kind: "provider", Region: "CZ020", First: vNov}
	if err := ix.PutSnapshot(ctx, s, 2, vAt.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := ix.Snapshot(ctx, vNov); len(got.Organisations) != 3 {
		t.Errorf("replaced snapshot has %d organisations", len(got.Organisations))
	}
}

// TestSnapshotOf20000Organisations: a programme's worth of organisations
// (far beyond the few thousand expected) fits one item, stored on
// DynamoDB Local, which enforces the 400 KB limit.
func TestSnapshotOf20000Organisations(t *testing.T) {
	ctx := context.Background()
	ix := newIndex(t)
	rng := rand.New(rand.NewPCG(1, 2))
	regions := []string{"CZ010", "CZ020", "CZ031", "CZ032", "CZ041", "CZ042", "CZ051", "CZ052", "CZ053", "CZ063", "CZ064", "CZ071", "CZ072", "CZ080", "not_stated"}
	s := reports.Snapshot{Month: vJan, Catalogue: "2026-12", Organisations: map[string]reports.OrgSeen{}}
	for len(s.Organisations) < 20000 {
		kind := "provider"
		if rng.IntN(3) == 0 {
			kind = "public_administration"
		}
		s.Organisations[fmt.Sprintf("%08d", rng.IntN(100_000_000))] = reports.OrgSeen{Kind: kind, Region: regions[rng.IntN(len(regions))], First: vNov.Add(rng.IntN(3))}
	}
	data, err := reportdb.EncodeSnapshot(s)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("20,000 organisations: %d bytes gzip'd", len(data))
	if len(data) > reportdb.MaxSnapshotBytes {
		t.Fatalf("%d bytes, over %d", len(data), reportdb.MaxSnapshotBytes)
	}
	if err := ix.PutSnapshot(ctx, s, 1, vAt); err != nil {
		t.Fatal(err)
	}
	got, ok, err := ix.Snapshot(ctx, vJan)
	if err != nil || !ok || !reflect.DeepEqual(got, s) {
		t.Fatalf("read back: %d organisations, %v %v", len(got.Organisations), ok, err)
	}
}
