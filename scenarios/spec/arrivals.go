package spec

import (
	"fmt"
	"math"
	"strings"
	"time"
)

var processes = []string{"constant", "poisson", "diurnal", "burst", "trace"}

// processKeys are the keys each arrival process takes.
var processKeys = map[string][]string{
	"constant": {"process", "rate", "start"},
	"poisson":  {"process", "rate", "start"},
	"diurnal":  {"process", "mean", "peak", "period", "phase", "start"},
	"burst":    {"process", "base", "burst", "every", "for", "start"},
	"trace":    {"process", "file", "format", "hashFunction", "row", "spread", "scale", "start"},
}

// arrivals decodes one arrival process or a list of them (superposed).
func (d *decoder) arrivals(n *node, path string) []Arrivals {
	if n.kind != seqNode {
		return []Arrivals{d.arrival(n, path)}
	}
	out := make([]Arrivals, 0, len(n.items))
	for i, item := range n.items {
		out = append(out, d.arrival(item, fmt.Sprintf("%s.%d", path, i)))
	}
	return out
}

func (d *decoder) arrival(n *node, path string) Arrivals {
	a := Arrivals{Pos: n.pos}
	if n.kind != mapNode {
		d.errorf(n.pos, "%s: expected {process: %s, ...}, got %s", path, strings.Join(processes, "|"), n.describe())
		return a
	}
	k := &fields{d: d, n: n, path: path}
	if k.require("process") == nil {
		return a
	}
	if a.Process = k.oneOf("process", "", processes...); a.Process == "" {
		return a
	}
	f := d.fields(n, path, processKeys[a.Process]...)
	a.Start = f.durOr("start", 0) // an extension: the process begins at start
	switch a.Process {
	case "constant", "poisson":
		a.Rate = f.reqRate("rate", false)
	case "diurnal":
		a.Mean, a.Peak = f.reqRate("mean", false), f.reqRate("peak", false)
		if a.Peak < a.Mean {
			d.errorf(n.pos, "%s: peak (%g/s) is less than mean (%g/s)", path, a.Peak, a.Mean)
		} else if a.Peak > 2*a.Mean {
			d.warnf(n.pos, "%s: peak (%g/s) is more than twice the mean (%g/s): the rate, mean + (peak - mean) sin, is 0 for part of each period, so it averages %.4g/s, not %g/s",
				path, a.Peak, a.Mean, clampedSineMean(a.Mean, a.Peak-a.Mean), a.Mean)
		}
		a.Period = positive(f, "period", 24*time.Hour)
		a.Phase = f.durOr("phase", 0)
	case "burst":
		a.Base, a.Burst = f.reqRate("base", true), f.reqRate("burst", false)
		a.Every, a.For = f.reqDur("every"), f.reqDur("for")
		if v := f.get("every"); v != nil && a.Every == 0 {
			d.errorf(v.pos, "%s: must be more than 0s", f.sub("every"))
		}
		if a.For > a.Every {
			d.errorf(n.pos, "%s: a burst of %v does not fit in every %v", path, a.For, a.Every)
		}
	case "trace":
		d.trace(f, &a)
	}
	return a
}

// positive is an optional duration that must be more than 0.
func positive(f *fields, key string, def time.Duration) time.Duration {
	v := f.durOr(key, def)
	if n := f.get(key); n != nil && v == 0 {
		f.d.errorf(n.pos, "%s: must be more than 0s", f.sub(key))
		return def
	}
	return v
}

// trace decodes a replayed trace: files (one path or a list, replayed in
// order), format and, for the per-minute format, which row and how.
func (d *decoder) trace(f *fields, a *Arrivals) {
	if v := f.require("file"); v != nil {
		names := []string{v.text}
		if v.kind != scalarNode {
			names = d.strings(v, f.sub("file"))
		}
		for _, name := range names {
			a.Files = append(a.Files, d.checkFile(v, f.sub("file"), name))
		}
		if v.kind == seqNode && len(v.items) == 0 {
			d.errorf(v.pos, "%s: the list of trace files is empty", f.sub("file"))
		}
	}
	if f.require("format") != nil {
		a.Format = f.oneOf("format", "", "timestamps", "per-minute")
	}
	perMinute := []string{"hashFunction", "row", "spread", "scale"}
	if a.Format != "per-minute" {
		for _, key := range perMinute {
			if v := f.get(key); v != nil && a.Format != "" {
				d.errorf(v.pos, "%s: only a per-minute trace takes %s", f.path, key)
			}
		}
		return
	}
	a.HashFunction = f.str("hashFunction")
	a.Row = f.intOr("row", 0, 1)
	if f.get("hashFunction") != nil && f.get("row") != nil {
		d.errorf(f.n.pos, "%s: a per-minute trace picks its function by hashFunction or by row (1-based), not both", f.path)
	}
	// With neither, the trace is the file's only function (a file with
	// more is refused when it is read).
	a.Spread = f.oneOf("spread", "even", "even", "poisson")
	a.Scale = 1
	if v := f.get("scale"); v != nil {
		if x, ok := d.float(v, f.sub("scale")); ok && x <= 0 {
			d.errorf(v.pos, "%s: must be more than 0", f.sub("scale"))
		} else if ok {
			a.Scale = x
		}
	}
}

// clampedSineMean is the average over a period of max(0, m + a sin t) for
// a > m > 0: (a sqrt(1 - c^2) + m (pi/2 + asin c)) / pi with c = m/a.
func clampedSineMean(m, a float64) float64 {
	c := m / a
	return (a*math.Sqrt(1-c*c) + m*(math.Pi/2+math.Asin(c))) / math.Pi
}
