// Package workload generates the traffic of a run — arrival processes,
// durations, traces — and runs it through execution environments.
//
// workload may import eni and sim; never scenarios or cmd/enisim.
package workload
