// Package timeseries samples a running scenario at a fixed resolution: ENIs
// and ports per key, IPs per subnet, and per function its concurrency,
// execution environments and state.
//
// A Recorder samples with a timer of the run's own engine, after every
// other event of the instant, so it sees each interval complete. For every
// quantity kept as an eni.Level it records the interval's exact
// time-weighted mean (the difference of two Level.Area values over the
// interval's length) and the value at the end of the interval. So the sum
// of mean x length over the rows of timeseries.csv is the report's
// time-weighted mean x run length, whatever the resolution. Ports are not a
// Level in the model: they are sampled at the end of each interval only.
//
// Memory is O(samples x series): nothing is kept per event.
//
// timeseries may import scenarios, spec and the model packages (workload,
// eni, sim); never cmd/enisim or the packages that draw what it records
// (charts, html).
package timeseries
