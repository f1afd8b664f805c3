package main

import (
	"slices"

	"github.com/enisim/enisim/internal/inputfile"
	"github.com/enisim/enisim/scenarios/plan"
	"github.com/spf13/pflag"
)

const mergeAbout = `Combines the shards of a sweep (each written by 'enisim sweep --shard K/N
--format jsonl') into exactly the output the unsharded sweep would have
printed, in any --format. The files may be given in any order; they must
be shards of the same sweep (same scenario, seed, replications, duration
and grid) and together hold every run once. "-" reads standard input.

Example:
  for k in 0 1 2; do enisim sweep my.yaml --set ... --shard $k/3 -f jsonl > part-$k.jsonl; done
  enisim merge part-*.jsonl`

func mergeCmd(args []string, io *stdio) error {
	var format string
	var metrics []string
	fs := newFlags("merge", "FILE...", mergeAbout, io.err)
	fs.StringVarP(&format, "format", "f", "table", "output format: table, csv, json or jsonl")
	fs.StringSliceVar(&metrics, "metric", nil, "metrics the table shows (as for sweep)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("merge needs the shards' files, e.g. enisim merge part-*.jsonl")
	}
	if err := checkFormat(format, "table", "csv", "json", "jsonl"); err != nil {
		return err
	}
	return runMerge(fs, format, metrics, io)
}

func runMerge(fs *pflag.FlagSet, format string, metrics []string, io *stdio) error {
	var inputs []plan.Input
	for _, name := range fs.Args() {
		if name == "-" {
			if slices.ContainsFunc(inputs, func(in plan.Input) bool { return in.Name == "<stdin>" }) {
				return usagef("merge: - (standard input) is given twice")
			}
			inputs = append(inputs, plan.Input{Name: "<stdin>", R: io.in})
			continue
		}
		f, err := inputfile.Open(name)
		if err != nil {
			return usageError{err.Error()}
		}
		defer f.Close()
		inputs = append(inputs, plan.Input{Name: name, R: f})
	}
	h, recs, err := plan.Merge(inputs)
	if err != nil {
		return usageError{err.Error()}
	}
	return writeSweep(io, format, h, recs, metrics)
}
