// Package charts draws enisim's pictures with gonum/plot: for a run, ENIs
// per key, ports per key against the 65,000-per-ENI capacity, IPs per
// subnet against capacity, function states, concurrency and the cold-start
// delay CDF; for comparisons, bars per layout and a metric against a
// parameter with confidence intervals.
//
// Every chart is rendered as SVG (text kept as <text>, fonts not embedded)
// or PNG. Rendering is deterministic: the same chart gives the same bytes.
// Legends are drawn in a strip right of the plot so they never hide data;
// each series has one legend entry.
//
// charts may import scenarios, spec, timeseries and the model packages
// (workload, eni, sim) whose values it plots; never cmd/enisim. The chart
// layouts of the CLI's sweep and compare commands still live in cmd/enisim.
package charts
