package plan

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Summary describes a sample of one metric: its size, mean, sample
// standard deviation, and the 95% Student-t confidence interval for the
// mean, [Lo, Hi]. With fewer than two values the standard deviation and
// the interval are undefined: SD is 0 and Lo = Hi = Mean, and Defined
// reports false.
type Summary struct {
	N      int
	Mean   float64
	SD     float64
	Lo, Hi float64
}

// Defined reports whether SD and the interval are meaningful (N >= 2).
func (s Summary) Defined() bool { return s.N >= 2 }

// HalfWidth is half the width of the confidence interval.
func (s Summary) HalfWidth() float64 { return (s.Hi - s.Lo) / 2 }

// Summarize computes the Summary of xs, in the order given (the sums are
// taken in that order, so equal inputs give bit-identical summaries).
func Summarize(xs []float64) Summary {
	s := Summary{N: len(xs)}
	switch len(xs) {
	case 0:
		return s
	case 1:
		s.Mean, s.Lo, s.Hi = xs[0], xs[0], xs[0]
		return s
	}
	s.Mean, s.SD = stat.MeanStdDev(xs, nil)
	hw := TQuantile(len(xs)-1) * s.SD / math.Sqrt(float64(len(xs)))
	s.Lo, s.Hi = s.Mean-hw, s.Mean+hw
	return s
}

// TQuantile is the 0.975 quantile of Student's t distribution with df
// degrees of freedom: the multiplier of the standard error in a two-sided
// 95% confidence interval (12.706 for df = 1, 2.262 for df = 9).
func TQuantile(df int) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(0.975)
}
