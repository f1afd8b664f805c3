package workload

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// maxObservations bounds an empirical distribution's file: its durations
// are held in memory for resampling, 8 bytes each, so 10 million is 80 MB.
// More adds nothing a run could see: with 10 million observations every
// quantile is already exact to one part in ten million.
const maxObservations = 10_000_000

// empirical resamples observed durations.
type empirical struct {
	obs  []time.Duration // sorted
	mean time.Duration
	r    *rand.Rand
}

// NewEmpirical returns the distribution of the durations observed in the
// file at path, drawing from r: each sample is one of the observations,
// chosen uniformly (a bootstrap resample), so the distribution reproduces
// the file's exactly, ties and tails included. The file holds one duration
// a line, in seconds ("0.085") or with a unit ("85ms"); '#' starts a
// comment; blank lines are skipped. Errors name path:line. The observations
// are held in memory (8 bytes each), at most maxObservations of them.
func NewEmpirical(path string, r *rand.Rand) (Dist, error) {
	return NewEmpiricalFrom(path, openFile, r)
}

// NewEmpiricalFrom is NewEmpirical reading through open.
func NewEmpiricalFrom(path string, open Opener, r *rand.Rand) (Dist, error) {
	mustRand(r)
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readEmpirical(path, f, r)
}

func readEmpirical(name string, rd io.Reader, r *rand.Rand) (Dist, error) {
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 0, 64<<10), maxTraceLine)
	var obs []time.Duration
	var sum float64
	line := 0
	for sc.Scan() {
		line++
		b := traceLine(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		d, why := parseOffset(b)
		if why != "" {
			return nil, fmt.Errorf("%s:%d: %s: %q", name, line, why, b)
		}
		if len(obs) == maxObservations {
			return nil, fmt.Errorf("%s:%d: more than %d durations: an empirical distribution holds them all in memory; sample the file down", name, line, maxObservations)
		}
		obs = append(obs, d)
		sum += float64(d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if len(obs) == 0 {
		return nil, fmt.Errorf("%s: no durations", name)
	}
	slices.Sort(obs)
	return &empirical{obs: obs, mean: nanos(sum/float64(len(obs)) + 0.5), r: r}, nil
}

func (e *empirical) Sample() time.Duration { return e.obs[e.r.IntN(len(e.obs))] }
func (e *empirical) Mean() time.Duration   { return e.mean }

// Quantile is the smallest observation at or above a share p of them (the
// stat.Empirical convention of gonum).
func (e *empirical) Quantile(p float64) time.Duration {
	checkP(p)
	n := len(e.obs)
	i := int(math.Ceil(p*float64(n))) - 1
	return e.obs[min(max(i, 0), n-1)]
}
