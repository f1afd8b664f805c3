// Package workload generates the traffic of a run — arrival processes,
// durations, traces — and runs it through execution environments.
//
// Environments follow what was measured on AWS (docs/aws-behaviour.md at
// the repository root): a warm request takes the most recently used idle
// environment; the function's reaper ends its idle environments once the
// whole function has been idle for KeepAlive plus a ReaperSlack draw;
// while it still serves, a surplus idle environment lives its own
// SurplusKeepAlive draw; an environment past its MaxLifetime is replaced
// after its invocation by one started ahead, whose first request waits
// ReplacementInit (expiry.go). Every cold start is charged to a Cause
// (cause.go).
//
// workload may import eni and sim; never scenarios or cmd/enisim.
package workload
