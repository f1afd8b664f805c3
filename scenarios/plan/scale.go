package plan

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/enisim/enisim/scenarios/spec"
	"github.com/goccy/go-yaml"
)

// Target is one scenario value that Headroom multiplies: a rate (200/s
// becomes 400/s at factor 2, 1000/10s becomes 2000/10s) or a plain number
// (a whole number stays whole, rounded).
type Target struct {
	Path string `json:"path"`
	Base string `json:"base"` // as written (after --set)
}

// rateKeys are the keys of an arrival process that Targets scales when a
// path names the whole process.
var rateKeys = []string{"rate", "mean", "peak", "base", "burst", "scale"}

// Targets resolves paths (as --set writes them) to the values they name in
// s, after its --set overrides. A path to an arrival process (a mapping) or
// a list of them names each of its rates (rate, mean, peak, base, burst)
// and a trace's scale.
func Targets(s *spec.Scenario, paths []string) ([]Target, error) {
	var root any
	if err := yaml.UnmarshalWithOptions(s.Source, &root, yaml.UseOrderedMap()); err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	var out []Target
	for _, p := range paths {
		v, err := lookup(root, s.Overrides, p)
		if err != nil {
			return nil, fmt.Errorf("--scale %s: %w", p, err)
		}
		ts, err := expand(p, v)
		if err != nil {
			return nil, fmt.Errorf("--scale %s: %w", p, err)
		}
		for _, t := range ts {
			// A --set of the value itself, below p, wins over the file.
			if leaf, err := lookup(root, s.Overrides, t.Path); err == nil {
				t.Base = fmt.Sprint(leaf)
			}
			if _, err := t.At(1); err != nil {
				return nil, fmt.Errorf("--scale %s: %w", p, err)
			}
			out = append(out, t)
		}
	}
	return out, nil
}

// lookup finds the value at path: in the last --set that sets it or a
// mapping or list around it, else in the file.
func lookup(root any, overrides []spec.Override, path string) (any, error) {
	for i := len(overrides) - 1; i >= 0; i-- {
		o := overrides[i]
		if o.Path == path {
			return parseScalar(o.Value), nil
		}
		if rest, ok := strings.CutPrefix(path, o.Path+"."); ok {
			var v any
			if err := yaml.UnmarshalWithOptions([]byte(o.Value), &v, yaml.UseOrderedMap()); err != nil {
				return nil, fmt.Errorf("--set %s: %w", o.Path, err)
			}
			return walk(v, rest, o.Path)
		}
	}
	return walk(root, path, "")
}

func parseScalar(s string) any {
	var v any
	if err := yaml.UnmarshalWithOptions([]byte(s), &v, yaml.UseOrderedMap()); err != nil || v == nil {
		return s
	}
	return v
}

// walk follows dot-separated keys; list elements are named by their id or
// name, or by index.
func walk(v any, path, at string) (any, error) {
	for _, seg := range strings.Split(path, ".") {
		where := strings.TrimPrefix(at+"."+seg, ".")
		switch x := v.(type) {
		case yaml.MapSlice:
			found := false
			for _, it := range x {
				if fmt.Sprint(it.Key) == seg {
					v, found = it.Value, true
					break
				}
			}
			if !found {
				return nil, fmt.Errorf("the scenario does not set %s (a default cannot be scaled: set it with --set first)", where)
			}
		case []any:
			j := -1
			for k, item := range x {
				if m, ok := item.(yaml.MapSlice); ok && (fmt.Sprint(get(m, "id")) == seg || fmt.Sprint(get(m, "name")) == seg) {
					j = k
					break
				}
			}
			if j < 0 {
				if k, err := strconv.Atoi(seg); err == nil && k >= 0 && k < len(x) {
					j = k
				}
			}
			if j < 0 {
				return nil, fmt.Errorf("%s has no element named %q", strings.TrimPrefix(at, "."), seg)
			}
			v = x[j]
		default:
			return nil, fmt.Errorf("%s is a single value, with nothing named %q inside", at, seg)
		}
		at = where
	}
	return v, nil
}

func get(m yaml.MapSlice, key string) any {
	for _, it := range m {
		if fmt.Sprint(it.Key) == key {
			return it.Value
		}
	}
	return nil
}

// expand turns the value at path into scalar targets.
func expand(path string, v any) ([]Target, error) {
	switch x := v.(type) {
	case yaml.MapSlice:
		var out []Target
		for _, k := range rateKeys {
			if val := get(x, k); val != nil {
				ts, err := expand(path+"."+k, val)
				if err != nil {
					return nil, err
				}
				out = append(out, ts...)
			}
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("%s has no rate to scale (rate, mean, peak, base, burst or scale)", path)
		}
		return out, nil
	case []any:
		var out []Target
		for i, item := range x {
			ts, err := expand(path+"."+strconv.Itoa(i), item)
			if err != nil {
				return nil, err
			}
			out = append(out, ts...)
		}
		return out, nil
	}
	t := Target{Path: path, Base: fmt.Sprint(v)}
	if _, err := t.At(1); err != nil {
		return nil, err
	}
	return []Target{t}, nil
}

// At is the target's value multiplied by f, as a --set value.
func (t Target) At(f float64) (string, error) {
	b := strings.TrimSpace(t.Base)
	if _, per, ok := strings.Cut(b, "/"); ok {
		n, _, err := spec.ParseRateParts(b)
		if err != nil {
			return "", fmt.Errorf("%s: %w", t.Path, err)
		}
		return decimal(n*f) + "/" + strings.TrimSpace(per), nil
	}
	if i, err := strconv.ParseInt(b, 10, 64); err == nil {
		return strconv.FormatInt(int64(math.Round(float64(i)*f)), 10), nil
	}
	if x, err := strconv.ParseFloat(b, 64); err == nil && !math.IsInf(x, 0) && !math.IsNaN(x) {
		return decimal(x * f), nil
	}
	return "", fmt.Errorf("%s is %q, which is neither a rate (200/s) nor a number", t.Path, t.Base)
}

// decimal prints x without an exponent, to 9 significant digits, which
// the scenario's rate parser accepts.
func decimal(x float64) string {
	x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 9, 64), 64)
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// overrides are the targets' values at factor f.
func overrides(ts []Target, f float64) ([]spec.Override, error) {
	out := make([]spec.Override, len(ts))
	for i, t := range ts {
		v, err := t.At(f)
		if err != nil {
			return nil, err
		}
		out[i] = spec.Override{Path: t.Path, Value: v}
	}
	return out, nil
}
