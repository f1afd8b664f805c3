package plan

import (
	"fmt"
	"strings"

	"github.com/enisim/enisim/scenarios/spec"
)

// Dim is one dimension of a sweep: a scenario path and the values it
// takes, in the order given.
type Dim struct {
	Path   string   `json:"path"`
	Values []string `json:"values"`
}

// ParseDim parses a sweep's --set flag, PATH=V1,V2,...: the values are
// split at commas that are outside brackets, braces and quotes, so a flow
// list or mapping is one value, and a value that holds commas of its own
// (a vpcConfig shorthand) can be quoted: PATH="SubnetIds=a,b,...","...".
// A single value is a dimension of size one (a plain override).
func ParseDim(flag string) (Dim, error) {
	o, err := spec.ParseOverride(flag)
	if err != nil {
		return Dim{}, err
	}
	vals, err := splitValues(o.Value)
	if err != nil {
		return Dim{}, fmt.Errorf("--set %s: %w", flag, err)
	}
	return Dim{Path: o.Path, Values: vals}, nil
}

// splitValues splits s at top-level commas.
func splitValues(s string) ([]string, error) {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed quote %c", quote)
	}
	if depth != 0 {
		return nil, fmt.Errorf("unbalanced brackets in %q", s)
	}
	out = append(out, strings.TrimSpace(s[start:]))
	for i, v := range out {
		if v == "" && len(out) > 1 {
			return nil, fmt.Errorf("value %d of %d is empty (two commas in a row, or one at an end?)", i+1, len(out))
		}
	}
	return out, nil
}

// Grid is the combinations of some dimensions: combination c takes, in
// each dimension, the value at the digit of c in the mixed radix of the
// dimension sizes, the last dimension varying fastest (as nested loops in
// the order of the flags).
type Grid []Dim

// Size is the number of combinations (1 for no dimensions).
func (g Grid) Size() int {
	n := 1
	for _, d := range g {
		n *= len(d.Values)
	}
	return n
}

// Combination returns the settings of combination c.
func (g Grid) Combination(c int) []spec.Override {
	out := make([]spec.Override, len(g))
	for i := len(g) - 1; i >= 0; i-- {
		n := len(g[i].Values)
		out[i] = spec.Override{Path: g[i].Path, Value: g[i].Values[c%n]}
		c /= n
	}
	return out
}

// check rejects a grid that names a path twice or is too large.
func (g Grid) check() error {
	seen := map[string]bool{}
	total := 1
	for _, d := range g {
		if seen[d.Path] {
			//lint:ignore ST1005 the message ends with the flag's syntax, "V1,V2,...", which users see verbatim
			return fmt.Errorf("--set %s is given twice: give all its values in one flag, %s=V1,V2,...", d.Path, d.Path)
		}
		seen[d.Path] = true
		// Every run of a sweep draws its seed from the base seed and its
		// replication (so that combinations share seeds), and the header
		// reports one duration: a grid over either was ignored, or
		// misreported.
		switch d.Path {
		case "seed":
			return fmt.Errorf("--set seed: a sweep's runs take their seeds from the base seed (--seed) and the replication (-n); set --seed instead")
		case "duration":
			return fmt.Errorf("--set duration: a sweep's runs share one duration; set --duration, and run one sweep per duration")
		}
		if len(d.Values) == 0 {
			return fmt.Errorf("--set %s has no values", d.Path)
		}
		total *= len(d.Values)
		if total > maxCombinations {
			return fmt.Errorf("the grid has more than %d combinations; sweep fewer values at a time", maxCombinations)
		}
	}
	return nil
}

const maxCombinations = 100_000
