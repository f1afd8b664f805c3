package spec

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// z99 is the 0.99 quantile of the standard normal distribution: a
// lognormal's p99 is exp(mu + z99*sigma).
const z99 = 2.3263478740408408

var distKinds = []string{"fixed", "uniform", "exponential", "lognormal", "percentiles", "empirical"}

// dist decodes a distribution of durations: a plain duration (fixed) or a
// mapping {dist: KIND, ...}.
func (d *decoder) dist(n *node, path string) Dist {
	switch n.kind {
	case scalarNode:
		v, _ := d.duration(n, path)
		return Dist{Kind: "fixed", Value: v, Pos: n.pos}
	case mapNode:
	default:
		d.errorf(n.pos, "%s: expected a duration or {dist: %s, ...}, got %s", path, strings.Join(distKinds, "|"), n.describe())
		return Dist{Kind: "fixed", Pos: n.pos}
	}
	out := Dist{Pos: n.pos}
	k := &fields{d: d, n: n, path: path}
	if v := k.require("dist"); v != nil {
		out.Kind = k.oneOf("dist", "", distKinds...)
	}
	switch out.Kind {
	case "fixed":
		f := d.fields(n, path, "dist", "value")
		out.Value = f.reqDur("value")
	case "uniform":
		f := d.fields(n, path, "dist", "min", "max")
		out.Min, out.Max = f.reqDur("min"), f.reqDur("max")
		if out.Min > out.Max {
			d.errorf(n.pos, "%s: min %v is more than max %v", path, out.Min, out.Max)
		}
	case "exponential":
		f := d.fields(n, path, "dist", "mean")
		if out.Mean = f.reqDur("mean"); out.Mean == 0 && f.get("mean") != nil {
			d.errorf(f.get("mean").pos, "%s.mean: must be more than 0s", path)
		}
	case "lognormal":
		d.lognormal(n, path, &out)
	case "percentiles":
		d.percentiles(n, path, &out)
	case "empirical":
		f := d.fields(n, path, "dist", "file")
		if name := f.reqStr("file"); name != "" {
			out.File = d.checkFile(f.get("file"), f.sub("file"), name)
		}
	default:
		out.Kind = "fixed" // already reported; keep the result usable
	}
	return out
}

// lognormal takes either median and p99 (durations) or mu and sigma (in
// log-seconds).
func (d *decoder) lognormal(n *node, path string, out *Dist) {
	f := d.fields(n, path, "dist", "median", "p99", "mu", "sigma")
	if f.get("mu") != nil || f.get("sigma") != nil {
		if f.get("median") != nil || f.get("p99") != nil {
			d.errorf(n.pos, "%s: give median and p99, or mu and sigma, not both", path)
			return
		}
		if v := f.require("mu"); v != nil {
			out.Mu, _ = d.float(v, f.sub("mu"))
		}
		if v := f.require("sigma"); v != nil {
			if s, ok := d.float(v, f.sub("sigma")); ok && s < 0 {
				d.errorf(v.pos, "%s: must not be negative", f.sub("sigma"))
			} else {
				out.Sigma = s
			}
		}
		return
	}
	median, p99 := f.reqDur("median"), f.reqDur("p99")
	if f.get("median") == nil || f.get("p99") == nil {
		return
	}
	if median <= 0 || p99 <= median {
		d.errorf(n.pos, "%s: need 0 < median < p99, got median %v and p99 %v", path, median, p99)
		return
	}
	l := lognormalDist(median, p99)
	out.Mu, out.Sigma = l.Mu, l.Sigma
}

// lognormalDist is the lognormal distribution with this median and p99.
func lognormalDist(median, p99 time.Duration) Dist {
	mu := math.Log(median.Seconds())
	return Dist{Kind: "lognormal", Mu: mu, Sigma: (math.Log(p99.Seconds()) - mu) / z99}
}

// percentiles reads {dist: percentiles, p50: D, p99: D, ...}: at least two
// points whose values do not decrease as p grows.
func (d *decoder) percentiles(n *node, path string, out *Dist) {
	seen := map[float64]bool{}
	for i, k := range n.keys {
		if k.text == "dist" {
			continue
		}
		p, ok := percentileKey(k.text)
		if !ok {
			d.errorf(k.pos, "%s: unknown key %q; valid keys: dist, and pNN for a percentile NN from 0 to 100 (p0, p50, p99.9, p100)", path, k.text)
			continue
		}
		if seen[p] {
			d.errorf(k.pos, "%s: percentile %v is given twice", path, p)
			continue
		}
		seen[p] = true
		v, ok := d.duration(n.vals[i], path+"."+k.text)
		if ok {
			out.Points = append(out.Points, Percentile{P: p, Value: v})
		}
	}
	slices.SortFunc(out.Points, func(a, b Percentile) int { return cmp.Compare(a.P, b.P) })
	if len(out.Points) < 2 {
		d.errorf(n.pos, "%s: a percentiles distribution needs at least two points (e.g. p0 and p100)", path)
		return
	}
	for i := 1; i < len(out.Points); i++ {
		a, b := out.Points[i-1], out.Points[i]
		if b.Value < a.Value {
			d.errorf(n.pos, "%s: p%v (%v) is less than p%v (%v); values must not decrease", path, b.P, b.Value, a.P, a.Value)
		}
	}
}

// percentileKey parses "p99.9" into 99.9.
func percentileKey(key string) (float64, bool) {
	num, ok := strings.CutPrefix(key, "p")
	if !ok || num == "" {
		return 0, false
	}
	if n, rest := splitNumber(num); n != num || rest != "" {
		return 0, false
	}
	p, err := strconv.ParseFloat(num, 64)
	return p, err == nil && p >= 0 && p <= 100
}

// fixedDist is a constant distribution (defaults).
func fixedDist(v time.Duration) Dist { return Dist{Kind: "fixed", Value: v} }
