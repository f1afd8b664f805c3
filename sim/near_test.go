package sim

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// sortBucket must give exactly the order of a comparison sort, latest
// first, for buckets small (insertion sort alone) and large (counting sort
// first, more entries than sub-buckets too), with many equal times, whose
// order is the sequence number's.
func TestSortBucketMatchesSort(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	counts := make([]int32, 64)
	for _, shift := range []uint{20, 2} { // the default, and buckets of 4 ns (fewer bits than sub-buckets)
		start := Time(7) << shift
		for _, n := range []int{0, 1, 2, 15, 16, 17, 100, 1000} {
			for _, spread := range []Time{1 << shift, 50, 1} { // distinct times, few, one
				spread = min(spread, 1<<shift)
				src := make([]entry, n)
				for k := range src {
					src[k] = entry{at: start + Time(r.Int64N(int64(spread))), order: r.Uint64()}
				}
				want := slices.Clone(src)
				slices.SortFunc(want, func(a, b entry) int {
					if a.before(&b) {
						return 1
					}
					if b.before(&a) {
						return -1
					}
					return 0
				})
				got := make([]entry, n)
				if n <= smallBucket {
					copy(got, src)
					insertionSort(got) // as load does
				} else {
					sortBucket(got, src, start, shift, counts)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("shift %d, %d entries, times spread over %d ns: order differs from a sort", shift, n, spread)
				}
			}
		}
	}
}
