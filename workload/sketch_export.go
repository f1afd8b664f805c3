package workload

import (
	"math"
	"slices"
)

// CDF returns at most n points of the empirical distribution function of
// the values, for charts: xs ascending (seconds) and ps the share of values
// at or below each x, ending at 1. Exact values give exact steps; past the
// sketch's exact range the points are bucket middles (within 1%). An empty
// sketch, or n < 1, gives no points. The sketch is not changed.
func (s *Sketch) CDF(n int) (xs, ps []float64) {
	if s.n == 0 || n < 1 {
		return nil, nil
	}
	var vals []float64
	var cum []int64
	if s.buckets == nil {
		sorted := slices.Clone(s.exact)
		slices.Sort(sorted)
		for i, v := range sorted {
			if i+1 < len(sorted) && sorted[i+1] == v {
				continue // one point per distinct value
			}
			vals = append(vals, v)
			cum = append(cum, int64(i+1))
		}
	} else {
		var seen int64
		for i, c := range s.buckets {
			if c == 0 {
				continue
			}
			seen += c
			v := 0.0
			if i > 0 {
				v = min(math.Pow(bucketGrowth, float64(i)-0.5)/1e6, s.max)
			}
			vals = append(vals, v)
			cum = append(cum, seen)
		}
	}
	step := max(1, (len(vals)+n-1)/n)
	for i := step - 1; ; i += step {
		if i >= len(vals) {
			i = len(vals) - 1
		}
		xs = append(xs, vals[i])
		ps = append(ps, float64(cum[i])/float64(s.n))
		if i == len(vals)-1 {
			break
		}
	}
	return xs, ps
}
