package main

import (
	"github.com/enisim/enisim/workload"
)

func traceCmd(args []string, io *stdio) error {
	if len(args) == 0 || args[0] != "inspect" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			args = []string{"inspect", "--help"}
		} else {
			return usagef("trace: the only subcommand is 'inspect' (enisim trace inspect --help)")
		}
	}
	var format, hash string
	var row int
	fs := newFlags("trace inspect", "FILE...",
		"Summarises a trace before you replay it: its span (first and last arrival),\nthe number of arrivals, the mean and the peak rate per minute. The files are\nstreamed, so a trace of any length takes the same memory. Several files are\nread in order, as a scenario's trace replays them (per-minute files are\nsuccessive days).", io.err)
	fs.StringVar(&format, "format", "timestamps", "trace format: timestamps (one offset per line) or per-minute (Azure Functions 2019 layout)")
	fs.StringVar(&hash, "hash-function", "", "per-minute: the HashFunction of the row to read")
	fs.IntVar(&row, "row", 0, "per-minute: the 1-based data row to read (when --hash-function is not given)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("trace inspect needs at least one FILE")
	}
	switch format {
	case workload.FormatTimestamps:
	case workload.FormatPerMinute:
		if hash == "" && row < 1 {
			return usagef("a per-minute trace needs --hash-function or --row (1-based)")
		}
	default:
		return usagef("--format %q: want timestamps or per-minute", format)
	}
	sum, err := workload.InspectTrace(fs.Args(), format, hash, row)
	if err != nil {
		return usageError{err.Error()}
	}
	return sum.WriteText(io.out)
}
