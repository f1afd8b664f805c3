package importer

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
)

// ParseWorkload reads a --workload file: a YAML mapping from a function's
// name or logical id to its arrivals, e.g.
//
//	OrdersFunction: {process: poisson, rate: 200/s}
//	Reports: {process: diurnal, mean: 5/s, peak: 20/s, period: 24h}
//
// and returns each value as one line of flow YAML, ready for
// WriteOptions.Workload. The values are not checked here: the scenario
// loader checks them, with the file and line of the written scenario.
func ParseWorkload(file string, data []byte) (map[string]string, error) {
	var ms yaml.MapSlice
	if err := yaml.UnmarshalWithOptions(data, &ms, yaml.UseOrderedMap()); err != nil {
		return nil, fmt.Errorf("%s: %s", file, yaml.FormatError(err, false, false))
	}
	out := make(map[string]string, len(ms))
	for _, it := range ms {
		key := fmt.Sprint(it.Key)
		if it.Value == nil {
			return nil, fmt.Errorf("%s: %s: no arrivals given", file, key)
		}
		b, err := yaml.MarshalWithOptions(it.Value, yaml.Flow(true))
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", file, key, err)
		}
		out[key] = strings.TrimSpace(string(b))
	}
	return out, nil
}
