package surveyapi_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"runtime/metrics"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/surveys"
)

// BenchmarkResultsOverDynamoDB aggregates n responses of one survey in
// one month (one partition, read page by page) from DynamoDB Local through
// the survey-results handler, by region. Besides time and allocations per
// request it reports the peak live heap while the request runs
// (peak-live-B: after each page of the Query, a GC, then the heap in use,
// less the heap in use before the request), and the items the Queries
// returned (items/op). The peak must stay flat as n grows 10× (the
// aggregator keeps counters, the reader one page); the items must be n.
func BenchmarkResultsOverDynamoDB(b *testing.B) {
	for _, n := range []int{2000, 20000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			c := &pageMeter{}
			env := apptest.New(b, apptest.Options{Wrap: func(api dynamo.API) dynamo.API { c.API = api; return c }, Quiet: true})
			seedSurvey(b, env)
			rs := make([]surveys.Response, 0, n)
			for i := range n {
				rs = append(rs, response("2026-10", []string{"CZ010", "CZ020", "CZ064", ""}[i%4], 1+i%5))
			}
			putResponses(b, env, rs)
			rs = nil
			handle := apptest.Handler[func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)](env, routes.FnSurveyResults)
			ev := apptest.Event(b, "staff-survey-results")
			ev.QueryStringParameters = map[string]string{"from": "2026-10", "to": "2026-10", "by": "region"}
			ev = apptest.ThroughCloudFront(ev)

			var peak uint64
			for b.Loop() {
				runtime.GC()
				c.start(liveHeap())
				resp, err := handle(context.Background(), ev)
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("got %d %v", resp.StatusCode, err)
				}
				peak = max(peak, c.peak)
			}
			if c.items != n {
				b.Fatalf("items read: got %d, want %d", c.items, n)
			}
			b.ReportMetric(float64(peak), "peak-live-B")
			b.ReportMetric(float64(c.items), "items/op")
			b.ReportMetric(float64(c.pages), "pages/op")
		})
	}
}

// pageMeter counts the items and pages of the Queries of one request and
// measures the live heap after each page (with a GC first).
type pageMeter struct {
	dynamo.API
	base, peak   uint64
	items, pages int
}

func (m *pageMeter) start(base uint64) { m.base, m.peak, m.items, m.pages = base, 0, 0, 0 }

func (m *pageMeter) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	out, err := m.API.Query(ctx, in, opts...)
	if err == nil {
		m.items += len(out.Items)
		m.pages++
		runtime.GC()
		if h := liveHeap(); h > m.base {
			m.peak = max(m.peak, h-m.base)
		}
	}
	return out, err
}

// liveHeap is the heap's bytes in live objects (after a GC).
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
