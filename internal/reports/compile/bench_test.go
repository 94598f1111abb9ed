package compile

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/reportstest"
)

// peakHeap compiles a month of n facts made as they are read
// (reportstest.Stream) and returns the peak live heap: the heap after a
// collection, sampled 32 times during the read and once after it with the
// report live, less the heap before. A first, unmeasured compilation of
// the largest month warms up what the process grows once and keeps (about
// 32 KB of runtime and library caches after the first big run), so that
// it is not counted as the compiler's. November is compiled with the
// snapshot of October (octoberSnapshot), as a run compiles it.
func peakHeap(tb testing.TB, n int) uint64 {
	octSnap := octoberSnapshot(tb, n)
	if _, _, err := Compile(context.Background(), catalogue.MustLoad(), reportstest.November, &reportstest.Stream{N: 100_000}, octSnap, nil); err != nil {
		tb.Fatal(err)
	}
	var peak uint64
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	sample := func() {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		if ms.HeapAlloc > base && ms.HeapAlloc-base > peak {
			peak = ms.HeapAlloc - base
		}
	}
	r, _, err := Compile(context.Background(), catalogue.MustLoad(), reportstest.November, &reportstest.Stream{N: n, Every: n / 32, Sample: sample}, octSnap, nil)
	if err != nil {
		tb.Fatal(err)
	}
	sample()
	runtime.KeepAlive(r)
	return peak
}

// octoberSnapshot compiles October 2026, the programme's first month (the
// zero snapshot), of a Stream of n facts (all in November: October is
// empty) and returns its snapshot, the one November is compiled with.
func octoberSnapshot(tb testing.TB, n int) reports.Snapshot {
	tb.Helper()
	_, snap, err := Compile(context.Background(), catalogue.MustLoad(), reportstest.October, &reportstest.Stream{N: n}, reports.Snapshot{}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return snap
}

// TestMemoryIsFlat: a month of 100,000 facts takes no more memory than a
// month of 1,000 (within 20 %): the compiler keeps sums, not facts.
func TestMemoryIsFlat(t *testing.T) {
	small, large := peakHeap(t, 1_000), peakHeap(t, 100_000)
	if float64(large) > 1.2*float64(small) {
		t.Errorf("peak live heap %d B at 100k facts, %d B at 1k: more than 20 %% apart", large, small)
	}
}

// BenchmarkCompile compiles months of 1k, 10k and 100k facts and reports
// the peak live heap (peakHeap, one measured run) beside the time of the
// unmeasured runs. The heap stays flat; the time grows with the facts.
func BenchmarkCompile(b *testing.B) {
	cat := catalogue.MustLoad()
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("facts=%d", n), func(b *testing.B) {
			peak := peakHeap(b, n)
			octSnap := octoberSnapshot(b, n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, _, err := Compile(context.Background(), cat, reportstest.November, &reportstest.Stream{N: n}, octSnap, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(peak), "peak-heap-B")
		})
	}
}
