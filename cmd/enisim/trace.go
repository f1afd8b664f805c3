package main

import (
	"strings"

	"github.com/enisim/enisim/workload"
)

const traceAbout = `Summarises a trace before you replay it: its span (first and last arrival),
the number of arrivals, the mean and the peak rate per minute. The files are
streamed, so a trace of any length takes the same memory. Several files are
read in order, as a scenario's trace replays them (per-minute files are
successive days). A per-minute trace is summed from its counts, minute by
minute, whatever they are; a timestamps trace is read line by line, at most
1e9 arrivals (MaxInspectArrivals).

Examples:
  enisim trace inspect arrivals.txt
  enisim trace inspect --trace-format per-minute --row 2 d01.csv d02.csv --format json`

func traceCmd(args []string, io *stdio) error {
	if len(args) == 0 || args[0] != "inspect" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h") {
			args = []string{"inspect", "--help"}
		} else {
			return usagef("trace: the only subcommand is 'inspect' (enisim trace inspect --help)%s", didYouMean(strings.Join(args[:min(len(args), 1)], ""), []string{"inspect"}))
		}
	}
	var traceFormat, format, hash string
	var row int
	fs := newFlags("trace inspect", "FILE...", traceAbout, io.err)
	fs.StringVar(&traceFormat, "trace-format", "timestamps", "the trace's format: timestamps (one offset per line) or per-minute (Azure Functions 2019 layout)")
	fs.StringVarP(&format, "format", "f", "text", "output format: text or json")
	fs.StringVar(&hash, "hash-function", "", "per-minute: the HashFunction of the row to read")
	fs.IntVar(&row, "row", 0, "per-minute: the 1-based data row to read (without it or --hash-function: the file's only row)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("trace inspect needs at least one FILE")
	}
	if format == workload.FormatPerMinute || format == workload.FormatTimestamps {
		return usagef("--format %q: --format is the output format (text or json); the trace's format is --trace-format %s", format, format)
	}
	if err := checkFormat(format, "text", "json"); err != nil {
		return err
	}
	switch traceFormat {
	case workload.FormatTimestamps:
	case workload.FormatPerMinute:
		if fs.Changed("row") && row < 1 {
			return usagef("--row %d: rows count from 1", row)
		}
		if hash != "" && fs.Changed("row") {
			return usagef("--hash-function and --row both name the row to read: give one (a scenario's trace takes one too)")
		}
	default:
		return usagef("--trace-format %q: want timestamps or per-minute", traceFormat)
	}
	if err := checkInputFiles(false, 0, "", fs.Args()...); err != nil {
		return err
	}
	sum, err := workload.InspectTrace(fs.Args(), traceFormat, hash, row)
	if err != nil {
		return usageError{err.Error()}
	}
	if sum.Count == 0 {
		return usagef("%s: the trace has no arrivals (an empty file?)", strings.Join(fs.Args(), ", "))
	}
	if format == "json" {
		return writeJSON(io, newTraceJSON(sum))
	}
	return sum.WriteText(io.out)
}

// traceJSON is inspect's JSON: times in seconds, as in the report.
type traceJSON struct {
	Files             []string `json:"files"`
	TraceFormat       string   `json:"traceFormat"`
	Arrivals          int64    `json:"arrivals"`
	FirstSeconds      float64  `json:"firstSeconds"`
	LastSeconds       float64  `json:"lastSeconds"`
	Minutes           int64    `json:"minutes"`
	MeanPerMinute     float64  `json:"meanPerMinute"`
	PeakPerMinute     int64    `json:"peakPerMinute"`
	PeakMinuteSeconds float64  `json:"peakMinuteSeconds"`
}

func newTraceJSON(s workload.TraceSummary) traceJSON {
	return traceJSON{s.Paths, s.Format, s.Count, s.First.Seconds(), s.Last.Seconds(), s.Minutes,
		s.MeanPerMinute, s.PeakPerMinute, s.PeakMinute.Seconds()}
}
