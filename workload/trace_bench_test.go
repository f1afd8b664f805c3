package workload

import (
	"path/filepath"
	"runtime"
	"testing"
)

// BenchmarkTimestampReplay replays a 1e6-line timestamps file from disk
// (page cache) and reports arrivals per second. Target: >= 2e6/s.
func BenchmarkTimestampReplay(b *testing.B) {
	const lines = 1_000_000
	path := filepath.Join(b.TempDir(), "trace.txt")
	writeTimestamps(b, path, lines)
	b.ReportAllocs()
	b.ResetTimer()
	total := 0
	for b.Loop() {
		a := NewTimestampTrace([]string{path})
		for {
			if _, ok := a.Next(); !ok {
				break
			}
			total++
		}
		if a.Err() != nil {
			b.Fatal(a.Err())
		}
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "arrivals/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(total), "ns/arrival")
}

// BenchmarkPerMinuteReplay replays the sample's busiest row with a Poisson
// spread, 30 days over (the same file each day).
func BenchmarkPerMinuteReplay(b *testing.B) {
	paths := make([]string, 30)
	for i := range paths {
		paths[i] = azureSample
	}
	total := 0
	for b.Loop() {
		a := NewPerMinuteTrace(paths, "", 1, SpreadPoisson, 1, distTestRand(1))
		for {
			if _, ok := a.Next(); !ok {
				break
			}
			total++
		}
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "arrivals/s")
}

// peakHeap replays path, sampling HeapInuse every 64Ki arrivals, and
// returns the largest sample and the bytes allocated.
func peakHeap(b *testing.B, path string) (peak, alloc uint64) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	start := ms.TotalAlloc
	peak = ms.HeapInuse
	a := NewTimestampTrace([]string{path})
	for n := 1; ; n++ {
		if _, ok := a.Next(); !ok {
			break
		}
		if n%(64<<10) == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	runtime.ReadMemStats(&ms)
	return max(peak, ms.HeapInuse), ms.TotalAlloc - start
}

// BenchmarkTraceMemoryFlat replays a 1e4-line and a 1e7-line timestamps
// trace (the latter ~100 MB, written to b.TempDir) and reports the peak
// heap in use during each; it fails if the long one's exceeds the short
// one's by more than 10%. Run with -benchtime=1x.
func BenchmarkTraceMemoryFlat(b *testing.B) {
	dir := b.TempDir()
	small, big := filepath.Join(dir, "small.txt"), filepath.Join(dir, "big.txt")
	writeTimestamps(b, small, 10_000)
	writeTimestamps(b, big, 10_000_000)
	b.ResetTimer()
	for b.Loop() {
		ps, as := peakHeap(b, small)
		start := b.Elapsed()
		pb, ab := peakHeap(b, big)
		b.ReportMetric(float64(ps), "peak-heap-1e4-B")
		b.ReportMetric(float64(pb), "peak-heap-1e7-B")
		b.ReportMetric(float64(as), "alloc-1e4-B")
		b.ReportMetric(float64(ab), "alloc-1e7-B")
		b.ReportMetric(1e7/(b.Elapsed()-start).Seconds(), "arrivals/s")
		if float64(pb) > 1.1*float64(ps) {
			b.Errorf("peak heap %d B for 1e7 lines, %d B for 1e4: more than 10%% apart", pb, ps)
		}
	}
}
