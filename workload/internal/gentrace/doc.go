// Command gentrace writes a small synthetic trace in the layout of the Azure
// Functions 2019 dataset (HashOwner,HashApp,HashFunction,Trigger,1..1440:
// invocations per minute of one day), for tests and built-in scenarios.
//
//	go run ./workload/internal/gentrace -seed 1 -functions 5 -o scenarios/spec/builtin/traces/azure-sample.csv
//
// The functions cycle through five shapes:
//
//	http   diurnal: Poisson, mean 6/min, peak 12/min at 18:00
//	queue  bursty: 0.2/min, and 40/min for the first 5 minutes of every 2 hours
//	timer  sparse: exactly 1 every 10 minutes
//	event  steady: Poisson, 2/min
//	others rare: Poisson, 0.02/min
//
// The output depends only on the flags.
//
// It imports no enisim package.
package main
