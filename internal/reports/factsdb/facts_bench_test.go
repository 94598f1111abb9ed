package factsdb_test

import (
	"context"
	"fmt"
	"maps"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/compile"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/reports/factsdb"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/workshops"
)

// BenchmarkFactsOverDynamoDB reads one month of 1k, 10k and 100k items
// (mostly bookings, with events and their registrations, ESF+ answers and
// survey responses) through Facts into a small streaming consumer that
// counts by form and region. The items are clones of ones the
// capabilities' own stores wrote (seedMonths), put with BatchWriteItem in
// parallel outside the timer. Metrics: items/op (facts delivered),
// read/op (items DynamoDB returned: the two are equal), ns/item, peak-MB
// (the highest heap in use, sampled while the timed read runs) and
// live-MB (the highest live heap after a GC at every page boundary of a
// second, untimed read). Memory must not grow with the month: live-MB of
// 100k within 20% of 1k's, or the benchmark fails.
//
//	go test -run XXX -bench FactsOverDynamoDB -benchtime 1x ./internal/reports/factsdb/
func BenchmarkFactsOverDynamoDB(b *testing.B) {
	live := map[string]float64{}
	for _, size := range []struct {
		name string
		n    int
	}{{"1k", 1_000}, {"10k", 10_000}, {"100k", 100_000}} {
		f := newFixture(b)
		templates := f.templates()
		start := time.Now()
		seeded := f.seedBulk(templates, size.n)
		b.Logf("%s: seeded %d items in %s", size.name, seeded, time.Since(start).Round(time.Millisecond))
		b.Run(size.name, func(b *testing.B) {
			r := factsdb.NewFacts(dynamo.New(f.counter, f.table), services)
			var delivered int
			var peak uint64
			loops := 0
			for b.Loop() {
				loops++
				f.counter.Reset()
				runtime.GC()
				stop := samplePeak(&peak)
				delivered = consume(b, r, nov, nil)
				stop()
			}
			if delivered != seeded {
				b.Fatalf("read %d facts, seeded %d", delivered, seeded)
			}
			read := f.counter.ItemsRead() // of the last read
			if read != delivered {
				b.Errorf("DynamoDB returned %d items for %d facts", read, delivered)
			}
			elapsed := b.Elapsed()
			b.StopTimer()
			// The untimed pass: the live heap after a GC at each page.
			var maxLive uint64
			consume(b, r, nov, func() {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				maxLive = max(maxLive, ms.HeapAlloc)
			})
			b.ReportMetric(float64(delivered), "items/op")
			b.ReportMetric(float64(read), "read/op")
			b.ReportMetric(float64(elapsed.Nanoseconds())/float64(loops)/float64(delivered), "ns/item")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
			b.ReportMetric(float64(maxLive)/(1<<20), "live-MB")
			live[size.name] = float64(maxLive)
		})
		// The whole month compiled from the table: the facts read as
		// above, streamed into the real compiler (November, with October's
		// snapshot).
		b.Run("compile-"+size.name, func(b *testing.B) {
			ctx := context.Background()
			r := factsdb.NewFacts(dynamo.New(f.counter, f.table), services)
			cat := catalogue.MustLoad()
			prev := reports.Snapshot{Month: nov.Prev(), Catalogue: cat.Version}
			var peak uint64
			var rep reports.Report
			loops := 0
			for b.Loop() {
				loops++
				f.counter.Reset()
				runtime.GC()
				stop := samplePeak(&peak)
				var err error
				rep, _, err = compile.Compile(ctx, cat, nov, r, prev, nil)
				stop()
				if err != nil {
					b.Fatal(err)
				}
			}
			read := f.counter.ItemsRead()
			if read != seeded {
				b.Errorf("the compile read %d items of a month of %d", read, seeded)
			}
			if len(rep.Indicators) != len(cat.Indicators) {
				b.Fatalf("compiled %d indicators", len(rep.Indicators))
			}
			elapsed := b.Elapsed()
			b.StopTimer()
			var maxLive uint64
			hooked := pageHook{Facts: r, at: func() {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				maxLive = max(maxLive, ms.HeapAlloc)
			}}
			if _, _, err := compile.Compile(ctx, cat, nov, hooked, prev, nil); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(read), "read/op")
			b.ReportMetric(float64(elapsed.Nanoseconds())/float64(loops)/float64(read), "ns/item")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
			b.ReportMetric(float64(maxLive)/(1<<20), "live-MB")
			live["compile-"+size.name] = float64(maxLive)
		})
		// Free DynamoDB Local's memory before the next size (the
		// fixture's cleanup accepts a table already gone).
		if _, err := f.client.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(f.table)}); err != nil {
			b.Fatal(err)
		}
	}
	for _, what := range []string{"", "compile-"} {
		if small, large := live[what+"1k"], live[what+"100k"]; small > 0 && large > 1.2*small {
			b.Errorf("%slive heap grows with the month: %.1f MB at 1k, %.1f MB at 100k (more than 20%%)", what, small/(1<<20), large/(1<<20))
		}
	}
}

// pageHook is Facts that calls at in the middle of every page of
// consultations and responses, every half page of events, and at the end
// of the consultations, for the live heap of a compile.
type pageHook struct {
	facts.Facts
	at func()
}

// Events calls at after every 25th event (half a page of events).
func (p pageHook) Events(ctx context.Context, m cz.Month, fn func(facts.Event, []facts.Registration) error) error {
	n := 0
	return p.Facts.Events(ctx, m, func(e facts.Event, regs []facts.Registration) error {
		n++
		if n%(factsdb.EventPageSize/2) == 0 {
			p.at()
		}
		return fn(e, regs)
	})
}

// Responses calls at in the middle of every page of a survey's responses.
func (p pageHook) Responses(ctx context.Context, survey string, m cz.Month, fn func(surveys.Response) error) error {
	n := 0
	return p.Facts.Responses(ctx, survey, m, func(r surveys.Response) error {
		n++
		if n%factsdb.PageSize == factsdb.PageSize/2 {
			p.at()
		}
		return fn(r)
	})
}

func (p pageHook) Consultations(ctx context.Context, m cz.Month, fn func(facts.Consultation) error) error {
	n := 0
	err := p.Facts.Consultations(ctx, m, func(c facts.Consultation) error {
		n++
		if n%factsdb.PageSize == factsdb.PageSize/2 {
			p.at()
		}
		return fn(c)
	})
	p.at()
	return err
}

// consume reads the month through every method of Facts as a report
// compiler would, keeping only counts; atPage (if not nil) is called in
// the middle of every page of consultations (its 500th of 1,000) and at
// the end. It returns the number of facts read.
func consume(b *testing.B, r *factsdb.Facts, m cz.Month, atPage func()) int {
	ctx := context.Background()
	n := 0
	byFormRegion := map[[2]string]int{}
	err := r.Consultations(ctx, m, func(c facts.Consultation) error {
		byFormRegion[[2]string{c.Form, c.Region}]++
		n++
		if atPage != nil && n%factsdb.PageSize == factsdb.PageSize/2 {
			atPage()
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var hours float64
	attended := 0
	if err := r.Events(ctx, m, func(e facts.Event, regs []facts.Registration) error {
		n += 1 + len(regs)
		hours += e.Hours
		for _, x := range regs {
			if x.CheckedIn {
				attended++
			}
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	byGender := map[string]int{}
	if err := r.Esf(ctx, m, func(a facts.EsfAnswer) error { byGender[a.Gender]++; n++; return nil }); err != nil {
		b.Fatal(err)
	}
	list, err := r.Surveys(ctx)
	if err != nil {
		b.Fatal(err)
	}
	byRegion := map[string]int{}
	for _, sf := range list {
		n++
		versions := map[int]bool{}
		if err := r.Responses(ctx, sf.Survey.ID, m, func(resp surveys.Response) error {
			byRegion[resp.Context.Region]++
			n++
			if !versions[resp.Version] {
				if _, err := sf.Version(ctx, resp.Version); err != nil {
					return err
				}
				versions[resp.Version] = true
				n++
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	if err := r.Services(ctx, func(reports.Service) error { return nil }); err != nil {
		b.Fatal(err)
	}
	if atPage != nil {
		atPage()
	}
	return n
}

// samplePeak records the highest heap in use (runtime/metrics, no
// stop-the-world) every millisecond until stop is called.
func samplePeak(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			*peak = max(*peak, s[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// template is one item as a capability's own store wrote it.
type template = map[string]types.AttributeValue

// templates writes one item of each kind with the capabilities' own stores
// (a November booking, event, registration, ESF+ answer; a survey and a
// response) and reads them back raw, for seedBulk to clone.
func (f *fixture) templates() map[string]template {
	f.tb.Helper()
	s := &seed{bookings: map[cz.Month][]string{}, regs: map[cz.Month][]string{}}
	f.survey(s, "povedomi", demo.Awareness())
	f.booking(s, "tpl", time.Date(2026, 11, 2, 9, 0, 0, 0, cz.Prague).UTC(), 60, 0)
	day := time.Date(2026, 11, 10, 9, 0, 0, 0, cz.Prague).UTC()
	f.event(s, "tpl", workshops.KindWorkshop, workshops.EventHeld, []workshops.Session{{Start: day, End: day.Add(3 * time.Hour)}}, 1)
	f.response(s, "povedomi", nov, 0)
	out := map[string]template{}
	for kind, pk := range map[string]string{"booking": "BOOKING#tpl", "event": "EVENT#tpl", "registration": "REGISTRATION#tpl-r0"} {
		out[kind] = f.rawItem(pk, map[string]string{"booking": "BOOKING", "event": "EVENT", "registration": "REGISTRATION"}[kind])
	}
	out["esf"] = f.firstOf(dynamo.IndexGSI2, "GSI2PK", "ESF#"+nov.String())
	out["response"] = f.firstOf("", "PK", surveydb.ResponsePartition("povedomi", nov.String()))
	for kind, it := range out {
		if len(it) == 0 {
			f.tb.Fatalf("no %s template", kind)
		}
	}
	return out
}

func (f *fixture) rawItem(pk, sk string) template {
	f.tb.Helper()
	out, err := f.client.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String(f.table),
		Key: dynamo.Key{PK: pk, SK: sk}.AV(), ConsistentRead: aws.Bool(true)})
	if err != nil {
		f.tb.Fatal(err)
	}
	return out.Item
}

func (f *fixture) firstOf(index, pkAttr, pk string) template {
	f.tb.Helper()
	in := &dynamodb.QueryInput{TableName: aws.String(f.table),
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": pkAttr},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S(pk)}, Limit: aws.Int32(1)}
	if index != "" {
		in.IndexName = aws.String(index)
	}
	out, err := f.client.Query(context.Background(), in)
	if err != nil {
		f.tb.Fatal(err)
	}
	if len(out.Items) == 0 {
		return nil
	}
	return out.Items[0]
}

// clone copies t with some attributes replaced.
func clone(t template, set map[string]types.AttributeValue) template {
	c := maps.Clone(t)
	maps.Copy(c, set)
	return c
}

var (
	benchForms   = []string{"online", "phone", "onsite"}
	benchRegions = []string{"CZ010", "CZ020", "CZ031", "CZ064", "CZ080", ""}
)

// seedBulk puts n November items in all (counting the templates and the
// survey's directory item and version): per 100 items, one event with
// five registrations, two ESF+ answers and two responses, the rest
// bookings. It returns the number of facts Facts will deliver for
// November: n.
func (f *fixture) seedBulk(t map[string]template, n int) int {
	f.tb.Helper()
	// The templates: survey + version, a booking, an event with one
	// registration and its ESF+ answer, one response.
	have := 7
	events := max(1, n/100) - 1
	regs := 5*(events+1) - 1
	esf := 2*(events+1) - 1
	responses := 2*max(1, n/100) - 1
	bookings := n - have - events - regs - esf - responses
	items := make(chan template, 256)
	var written atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f.batchWriter(items, &written); err != nil {
				select {
				case errs <- err:
				default:
				}
			}
		}()
	}
	month := nov.Start()
	ts := func(d time.Duration) types.AttributeValue { return dynamo.S(dynamo.Time(month.Add(d))) }
	for i := range bookings {
		id := fmt.Sprintf("bk%07d", i)
		start := month.Add(time.Duration(i%(29*24*4)) * 15 * time.Minute)
		items <- clone(t["booking"], map[string]types.AttributeValue{
			"PK": dynamo.S("BOOKING#" + id), "id": dynamo.S(id),
			"GSI1SK": dynamo.S(dynamo.Time(start) + "#" + id), "GSI2SK": dynamo.S(dynamo.Time(start) + "#" + id),
			"start": dynamo.S(dynamo.Time(start)), "end": dynamo.S(dynamo.Time(start.Add(time.Hour))),
			"form": dynamo.S(benchForms[i%len(benchForms)]), "region": dynamo.S(benchRegions[i%len(benchRegions)]),
		})
	}
	regN, esfN := 0, 0
	for e := range events + 1 {
		eid := "tpl"
		if e > 0 {
			eid = fmt.Sprintf("ev%05d", e)
			items <- clone(t["event"], map[string]types.AttributeValue{
				"PK": dynamo.S("EVENT#" + eid), "id": dynamo.S(eid), "GSI2SK": dynamo.S(dynamo.Time(month.Add(time.Duration(e)*time.Hour)) + "#" + eid),
			})
		}
		for r := range 5 {
			if e == 0 && r == 0 {
				continue // the template
			}
			rid := fmt.Sprintf("%s-r%d", eid, r)
			items <- clone(t["registration"], map[string]types.AttributeValue{
				"PK": dynamo.S("REGISTRATION#" + rid), "id": dynamo.S(rid), "eventId": dynamo.S(eid),
				"GSI2PK": dynamo.S("EVENT#" + eid + "#REGISTRATIONS"), "GSI2SK": ts(time.Duration(r) * time.Minute),
			})
			regN++
			if r < 2 {
				key := fmt.Sprintf("bench%027d", e*5+r)
				items <- clone(t["esf"], map[string]types.AttributeValue{
					"PK": dynamo.S("ESF#" + key), "eventId": dynamo.S(eid), "GSI2SK": dynamo.S(eid + "#" + key),
				})
				esfN++
			}
		}
	}
	for range responses {
		items <- clone(t["response"], map[string]types.AttributeValue{"SK": dynamo.S(surveydb.NewResponseID())})
	}
	close(items)
	wg.Wait()
	select {
	case err := <-errs:
		f.tb.Fatalf("seed: %v", err)
	default:
	}
	if regN != regs || esfN != esf {
		f.tb.Fatalf("seeded %d registrations (want %d), %d ESF+ (want %d)", regN, regs, esfN, esf)
	}
	return have + int(written.Load())
}

// batchWriter puts the items it receives with BatchWriteItem, 25 at a
// time, retrying what DynamoDB leaves unprocessed.
func (f *fixture) batchWriter(items <-chan template, written *atomic.Int64) error {
	ctx := context.Background()
	var batch []types.WriteRequest
	flush := func() error {
		req := map[string][]types.WriteRequest{f.table: batch}
		n := len(batch)
		for len(req) > 0 {
			out, err := f.client.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: req})
			if err != nil {
				return err
			}
			req = out.UnprocessedItems
		}
		written.Add(int64(n))
		batch = batch[:0]
		return nil
	}
	for it := range items {
		batch = append(batch, types.WriteRequest{PutRequest: &types.PutRequest{Item: it}})
		if len(batch) == 25 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if len(batch) > 0 {
		return flush()
	}
	return nil
}
