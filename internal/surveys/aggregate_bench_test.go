package surveys

import (
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkAggregator feeds n responses, made one at a time, to an
// aggregator broken down by region, and reports what the aggregator
// retains afterwards (retained-B: the live heap with the aggregator,
// less the live heap before it): it must not grow with n.
func BenchmarkAggregator(b *testing.B) {
	regions := []string{"CZ010", "CZ020", "CZ031", "CZ064", "CZ080", ""}
	for _, n := range []int{2000, 20000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			v := testVersion()
			var retained uint64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				a, _ := NewAggregator(v, ByRegion)
				for i := range n {
					r := resp("", map[string]Value{
						"q1_choice": codes(1 + i%2), "q2_multi": codes(1, 1+i%3), "q3_likert": codes(1 + i%5),
						"q5_nps": codes(i % 11), "q6_age": {Number: f64(float64(15 + i%85))}, "q7_note": {Text: "text"},
					})
					r.Context.Region = regions[i%len(regions)]
					a.Add(r)
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				retained = after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
				runtime.KeepAlive(a)
			}
			b.ReportMetric(float64(retained), "retained-B")
		})
	}
}
