// Package workload generates the traffic of a run — arrival processes,
// durations, traces — and runs it through execution environments.
package workload
