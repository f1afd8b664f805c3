// Package scenarios is the simulator: it builds a decoded scenario
// (package spec) into the ENI model (package eni) and its workload (package
// workload) on one engine (package sim), runs it and reports.
//
//	s, err := spec.Open("default", nil)   // a file or a built-in
//	x, err := scenarios.Build(s, scenarios.Options{})
//	err = x.Run()
//	r := x.Report()                       // the JSON report's contract
//
// It also makes the decisions a scenario leaves to the simulator: whether
// the caller's IAM policies allow a control-plane call (caller.go) and what
// an execution role may do (execrole.go).
//
// scenarios may import spec, workload, eni and sim; the packages below it
// (explain, plan, html, charts, timeseries, importer) import it, never the
// other way round.
package scenarios
