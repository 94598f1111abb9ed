package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/ddblocal"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/pow"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

var (
	rushN       = flag.Int("rush.n", 1000, "BenchmarkRush: registrations")
	rushSeats   = flag.Int("rush.seats", 30, "BenchmarkRush: seats")
	rushWorkers = flag.Int("rush.workers", 32, "BenchmarkRush: requests in flight at once")
)

// rushResult is one registration of the rush as the client saw it.
type rushResult struct {
	code   int
	id     string
	status workshops.RegistrationStatus
	took   time.Duration
}

// BenchmarkRush is issue 9's rush on the local stack: -rush.n
// registrations over HTTP (the local gateway on loopback, the events
// function, DynamoDB Local) for an event of -rush.seats seats, with
// -rush.workers requests in flight at once. Every request carries its own
// solved proof of work, fetched and solved before the clock starts, so the
// latencies are the registration's alone. It fails unless exactly
// -rush.seats are confirmed and the rest waitlisted, and reports p50, p90,
// p99 and max, with the rounds the slow registrations took
// (workshops.Observe). Run it once per stack:
//
//	go test -run '^$' -bench Rush -benchtime 1x ./infra/local
func BenchmarkRush(b *testing.B) {
	cfg := testConfig(b, filepath.Join(b.TempDir(), ".data"))
	// No timers during the rush (the outbox sender would compete for
	// DynamoDB Local): the registrations alone.
	cfg.Every = map[string]time.Duration{}
	for _, f := range registry.Functions() {
		cfg.Every[f.Name] = 24 * time.Hour
	}
	info, stop := startStack(b, cfg)
	defer stop()
	ctx := context.Background()
	ddb, err := ddblocal.NewClient(ctx, info.DynamoDBEndpoint)
	if err != nil {
		b.Fatal(err)
	}
	store := workshopdb.New(dynamo.New(ddb, info.Table))

	traces := map[string]workshops.Trace{}
	var mu sync.Mutex
	workshops.Observe = func(t workshops.Trace) {
		mu.Lock()
		traces[t.RegistrationID] = t
		mu.Unlock()
	}
	defer func() { workshops.Observe = nil }()

	n, seats, workers := *rushN, *rushSeats, *rushWorkers
	for round := range b.N {
		b.StopTimer()
		id := fmt.Sprintf("rush-%d", round)
		if err := store.PutEvent(ctx, rushEvent(id, seats), 0); err != nil {
			b.Fatal(err)
		}
		solutions := solveChallenges(b, info.URL, n)
		clear(traces)
		b.StartTimer()
		results := rush(b, info.URL+"/v1/events/"+id+"/registrations", n, workers, solutions)
		b.StopTimer()
		report(b, results, traces, seats, workers)
	}
}

// rushEvent is a published in-person workshop in thirty days with room
// for seats, registration open.
func rushEvent(id string, seats int) workshops.Event {
	now := time.Now().UTC().Truncate(time.Second)
	d := cz.DateOf(now.AddDate(0, 0, 30))
	start, end := d.At(9*60).UTC(), d.At(12*60).UTC()
	return workshops.Event{
		ID: id, Kind: workshops.KindWorkshop,
		Title:             workshops.Text{CS: "Nával", EN: "Rush"},
		Description:       workshops.Text{CS: "Měření."},
		Topics:            []programme.Topic{programme.Topic("community_services")},
		TargetGroups:      []programme.TargetGroup{programme.TargetGroup("client")},
		Region:            "CZ064",
		Sessions:          []workshops.Session{{Start: start, End: end}},
		Mode:              workshops.ModeInPerson,
		Venue:             workshops.Venue{Name: "Krajský úřad", Address: "Žerotínovo nám. 3, Brno"},
		Capacity:          workshops.Capacity{InPerson: seats},
		RegistrationOpens: now.Add(-time.Hour), RegistrationCloses: start.Add(-24 * time.Hour),
		Organiser: "MPSV", Owner: "organiser-1", Status: workshops.EventPublished,
		Version: 1, CreatedAt: now, UpdatedAt: now,
	}
}

// solveChallenges fetches n challenges and solves them, two at a time.
func solveChallenges(b *testing.B, url string, n int) []string {
	out := make([]string, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	next := make(chan int)
	for range 2 {
		wg.Go(func() {
			for i := range next {
				resp, err := client.Get(url + "/v1/challenge")
				if err != nil {
					errs <- err
					continue
				}
				var ch pow.Challenge
				err = json.NewDecoder(resp.Body).Decode(&ch)
				resp.Body.Close()
				if err == nil {
					out[i], err = pow.Solve(ch)
				}
				if err != nil {
					errs <- err
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	return out
}

// rush sends the n registrations, workers at a time, and times each.
func rush(b *testing.B, url string, n, workers int, solutions []string) []rushResult {
	results := make([]rushResult, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				body, _ := json.Marshal(map[string]any{
					"contact":     map[string]string{"name": fmt.Sprintf("Účastník %d", i), "email": fmt.Sprintf("ucastnik%d@example.cz", i)},
					"targetGroup": "client", "region": "CZ064",
					"consent": map[string]any{"accepted": true, "noticeVersion": workshops.PrivacyNoticeVersion},
				})
				req, _ := http.NewRequest("POST", url, bytes.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set(pow.Header, solutions[i])
				req.Header.Set("Idempotency-Key", fmt.Sprintf("00000000-0000-4000-8000-%012d", i))
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					b.Errorf("registration %d: %v", i, err)
					continue
				}
				raw, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				r := rushResult{code: resp.StatusCode, took: time.Since(t0)}
				var v struct {
					Registration struct {
						ID     string                       `json:"id"`
						Status workshops.RegistrationStatus `json:"status"`
					} `json:"registration"`
				}
				if r.code == http.StatusCreated && json.Unmarshal(raw, &v) == nil {
					r.id, r.status = v.Registration.ID, v.Registration.Status
				} else {
					b.Logf("registration %d: %d %s", i, r.code, raw)
				}
				results[i] = r
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// report checks the counts and reports the latencies and the rounds.
func report(b *testing.B, results []rushResult, traces map[string]workshops.Trace, seats, workers int) {
	var confirmed, waitlisted, failed int
	took := make([]time.Duration, 0, len(results))
	for _, r := range results {
		switch r.status {
		case workshops.RegConfirmed:
			confirmed++
		case workshops.RegWaitlisted:
			waitlisted++
		default:
			failed++
		}
		took = append(took, r.took)
	}
	if confirmed != seats || waitlisted != len(results)-seats {
		b.Fatalf("%d confirmed, %d waitlisted, %d failed; want %d confirmed and %d waitlisted",
			confirmed, waitlisted, failed, seats, len(results)-seats)
	}
	slices.Sort(took)
	q := func(p float64) time.Duration { return took[min(len(took)-1, int(p*float64(len(took))))] }
	p50, p90, p99, max := q(0.50), q(0.90), q(0.99), took[len(took)-1]
	b.Logf("rush: %d registrations, %d seats, %d in flight: %d confirmed, %d waitlisted; p50 %v p90 %v p99 %v max %v (p99/p50 %.2f)",
		len(results), seats, workers, confirmed, waitlisted, p50.Round(time.Millisecond), p90.Round(time.Millisecond),
		p99.Round(time.Millisecond), max.Round(time.Millisecond), float64(p99)/float64(p50))
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p90), "p90-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(ms(max), "max-ms")
	b.ReportMetric(float64(p99)/float64(p50), "p99/p50")

	// Latency by the order requests were sent, in tenths: a median that
	// grows with the order is work growing with the waiting list.
	var byOrder []string
	for d := range 10 {
		part := slices.Clone(results[d*len(results)/10 : (d+1)*len(results)/10])
		sort.Slice(part, func(i, j int) bool { return part[i].took < part[j].took })
		byOrder = append(byOrder, part[len(part)/2].took.Round(time.Millisecond).String())
	}
	b.Logf("median latency by tenth of the send order: %v", byOrder)
	var ahead time.Duration
	var aheadN int
	for _, t := range traces {
		if t.AheadTook > 0 {
			ahead += t.AheadTook
			aheadN++
		}
	}
	if aheadN > 0 {
		b.Logf("reading the waiting-list place: mean %v over %d", (ahead / time.Duration(aheadN)).Round(time.Microsecond), aheadN)
	}

	// The rounds, for all and for the slowest 1 %.
	byTook := slices.Clone(results)
	sort.Slice(byTook, func(i, j int) bool { return byTook[i].took < byTook[j].took })
	rounds := func(name string, rs []rushResult) {
		var seat, wait, retries, traced int
		hist := map[int]int{}
		conflicts := map[string]int{}
		for _, r := range rs {
			t, ok := traces[r.id]
			if !ok {
				continue
			}
			traced++
			seat += t.SeatTx
			wait += t.WaitTx
			retries += t.Retries
			hist[t.SeatTx+t.WaitTx]++
			for k, v := range t.Conflicts {
				conflicts[k] += v
			}
		}
		if traced == 0 {
			return
		}
		b.Logf("%s (%d traced): seat tx %.2f, waiting-list tx %.2f, contention retries %.2f per registration; transactions per registration %v; failed on %v",
			name, traced, float64(seat)/float64(traced), float64(wait)/float64(traced), float64(retries)/float64(traced), hist, conflicts)
	}
	rounds("all", byTook)
	rounds("confirmed", slices.DeleteFunc(slices.Clone(byTook), func(r rushResult) bool { return r.status != workshops.RegConfirmed }))
	rounds("fastest half", byTook[:len(byTook)/2])
	rounds("slowest 10 %", byTook[len(byTook)*9/10:])
	rounds("slowest 1 %", byTook[len(byTook)*99/100:])
}
