package workload

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// exactSamples is how many values a Sketch keeps exactly before it folds
// them into logarithmic buckets; below it quantiles are exact, above it
// memory stays flat however long the run.
const exactSamples = 1 << 16

// bucketGrowth is the width of a bucket: quantiles past exactSamples are
// within 1% of the true value.
const bucketGrowth = 1.01

// Sketch collects a distribution of durations (seconds) for quantiles.
type Sketch struct {
	exact   []float64
	buckets []int64 // bucket i holds values in [b^(i-1), b^i) microseconds
	n       int64
	max     float64
}

// Add records v seconds.
func (s *Sketch) Add(v float64) {
	s.n++
	s.max = max(s.max, v)
	if s.buckets == nil && len(s.exact) < exactSamples {
		s.exact = append(s.exact, v)
		return
	}
	if s.buckets == nil {
		s.buckets = make([]int64, 64)
		for _, x := range s.exact {
			s.bucket(x)
		}
		s.exact = nil
	}
	s.bucket(v)
}

func (s *Sketch) bucket(v float64) {
	i := 0
	if us := v * 1e6; us >= 1 {
		i = 1 + int(math.Log(us)/math.Log(bucketGrowth))
	}
	for i >= len(s.buckets) {
		s.buckets = append(s.buckets, make([]int64, len(s.buckets))...)
	}
	s.buckets[i]++
}

// Max is the largest value.
func (s *Sketch) Max() float64 { return s.max }

// Quantile returns the p-quantile (0 <= p <= 1), 0 when empty.
func (s *Sketch) Quantile(p float64) float64 {
	if s.n == 0 {
		return 0
	}
	if s.buckets == nil {
		xs := slices.Clone(s.exact)
		slices.Sort(xs)
		return stat.Quantile(p, stat.Empirical, xs, nil)
	}
	rank := int64(math.Ceil(p * float64(s.n)))
	var seen int64
	for i, c := range s.buckets {
		seen += c
		if seen >= rank && c > 0 {
			if i == 0 {
				return 0
			}
			// The geometric middle of the bucket, capped at the max seen.
			return min(math.Pow(bucketGrowth, float64(i)-0.5)/1e6, s.max)
		}
	}
	return s.max
}
