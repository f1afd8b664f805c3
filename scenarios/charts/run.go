package charts

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/timeseries"
	"github.com/enisim/enisim/sim"
)

// ForRun draws the charts of a finished run x sampled by rec, in the order
// report.html shows them: ENIs per key, ports per key, IPs per subnet,
// function states, concurrency, cold-start delay CDF.
func ForRun(x *scenarios.Sim, rec *timeseries.Recorder) []*Chart {
	end := x.Eng.Now()
	u := timeUnit(end)
	return []*Chart{
		ENIsPerKey(rec, u),
		PortsPerKey(rec, u, x.Model.PortsPerENI, x.Model.ScaleOutAt, end),
		IPsPerSubnet(rec, u, end),
		States(x, u, end),
		ConcurrencyPerFunction(rec, u),
		ColdStartCDF(x),
	}
}

// series turns one recorded series into points: the value at time 0, then
// each interval's end value (or mean) at the interval's end.
func series(rec *timeseries.Recorder, s *timeseries.Series, u timeAxis, mean bool) plotter.XYs {
	pts := make(plotter.XYs, 0, len(rec.Times)+1)
	pts = append(pts, plotter.XY{X: 0, Y: s.Start})
	vals := s.End
	if mean && s.HasMean {
		vals = s.Mean
	}
	for i, t := range rec.Times {
		pts = append(pts, plotter.XY{X: u.x(t), Y: vals[i]})
	}
	return pts
}

// ENIsPerKey is the number of ENIs of each (subnet, security groups) key
// over time, as steps.
func ENIsPerKey(rec *timeseries.Recorder, u timeAxis) *Chart {
	c := newTimeChart("enis", "ENIs per key (subnet + security groups)", u, "ENIs (any state)")
	c.Caption = "One Hyperplane ENI per key and subnet is the rule; a step up is a creation (60-90 s before it is ready) or a scale-out past 80% of 65,000 ports; a step down is a deletion."
	grid(c.Plot)
	keys := rec.Kind(timeseries.ENIs)
	peak := 1.0
	for i, s := range keys {
		pts := steps(series(rec, s, u, false))
		for _, p := range pts {
			peak = math.Max(peak, p.Y)
		}
		l := line(pts, i, len(keys), plotter.PostStep)
		c.Plot.Add(chunked{l})
		c.Legend.Add(s.ID, l)
	}
	noData(c, len(keys), "no ENIs in this run")
	c.Plot.Y.Min, c.Plot.Y.Max = 0, peak+0.5
	c.Plot.Y.Tick.Marker = intTicks{}
	return c
}

// PortsPerKey is the ports in use on each key, sampled at the resolution,
// with the capacity of 1, 2, ... ENIs (65,000 ports each on AWS) and the
// scale-out threshold.
func PortsPerKey(rec *timeseries.Recorder, u timeAxis, perENI int, scaleOutAt float64, end sim.Time) *Chart {
	c := newTimeChart("ports", "Ports in use per key", u, "ports (connections)")
	c.Caption = fmt.Sprintf("No ENI carries more than %s ports; past %.0f%% of a key's capacity Lambda adds an ENI (dashed lines: the capacity of 1, 2, ... ENIs).", group(int64(perENI)), 100*scaleOutAt)
	grid(c.Plot)
	keys := rec.Kind(timeseries.Ports)
	enis := rec.Kind(timeseries.ENIs)
	top, most := 0.0, 1.0
	for i, s := range keys {
		pts := flat(series(rec, s, u, false))
		for _, p := range pts {
			top = math.Max(top, p.Y)
		}
		for _, v := range enis[i].End {
			most = math.Max(most, v)
		}
		l := line(pts, i, len(keys), plotter.NoStep)
		l.LineStyle.Width = vg.Points(1.2 + 0.7*float64(len(keys)-1-i)) // noisy: narrower stripes
		c.Plot.Add(chunked{l})
		c.Legend.Add(s.ID, l)
	}
	noData(c, len(keys), "no ENIs in this run")
	x1 := u.x(end)
	dash := []vg.Length{vg.Points(5), vg.Points(3)}
	for k := 1.0; k <= most; k++ {
		l := hline(k*float64(perENI), 0, x1, refColor, dash)
		c.Plot.Add(chunked{l})
		if k == 1 {
			c.Legend.Add(fmt.Sprintf("capacity, %s per ENI", group(int64(perENI))), l)
		}
	}
	th := hline(scaleOutAt*float64(perENI), 0, x1, refColor, []vg.Length{vg.Points(1), vg.Points(2)})
	c.Plot.Add(th)
	c.Legend.Add(fmt.Sprintf("scale-out at %.0f%% of one ENI", 100*scaleOutAt), th)
	c.Plot.Y.Min = 0
	c.Plot.Y.Max = math.Max(top, most*float64(perENI)) * 1.05
	c.Plot.Y.Tick.Marker = thousands{}
	return c
}

// IPsPerSubnet is each subnet's used addresses (other resources plus
// Lambda's ENIs) as a share of its usable addresses, one line per subnet:
// a full /28 shows as full, not as a flat line at the bottom of a scale
// shared with a /16.
func IPsPerSubnet(rec *timeseries.Recorder, u timeAxis, end sim.Time) *Chart {
	c := newTimeChart("ips", "IPs used per subnet, share of its usable addresses", u, "IPs used (% of usable)")
	c.Caption = "Each Hyperplane ENI holds one IP of its subnet from the start of its creation to its deletion; 100% (dashed) is every usable address (2^(32-prefix) - 5) in use: no ENI can be added."
	grid(c.Plot)
	subnets := rec.Kind(timeseries.IPs)
	full := hline(100, 0, u.x(end), refColor, []vg.Length{vg.Points(5), vg.Points(3)})
	c.Plot.Add(full) // under the data: a full subnet's line runs along it
	for i, s := range subnets {
		l := line(ipShares(rec, s, u), i, len(subnets), plotter.PostStep)
		c.Plot.Add(chunked{l})
		c.Legend.Add(fmt.Sprintf("%s (%s usable)", s.ID, group(int64(s.Capacity))), l)
	}
	c.Legend.Add("100%: the subnet is full", full)
	noData(c, len(subnets), "no subnets in this scenario")
	c.Plot.Y.Min, c.Plot.Y.Max = 0, 105
	c.Plot.Y.Tick.Marker = percentTicks{}
	return c
}

// ipShares is a subnet's IPs in use as a percentage of its usable ones.
func ipShares(rec *timeseries.Recorder, s *timeseries.Series, u timeAxis) plotter.XYs {
	pts := steps(series(rec, s, u, false))
	for j := range pts {
		pts[j].Y = 100 * pts[j].Y / float64(max(s.Capacity, 1))
	}
	return pts
}

// ConcurrencyPerFunction is each function's invocations executing, as the
// time-weighted mean of each interval. When one function's peak dwarfs
// another's (dwarfRatio), each function gets a panel of its own scale, so
// the small ones are not flat lines along the axis.
func ConcurrencyPerFunction(rec *timeseries.Recorder, u timeAxis) *Chart {
	const title = "Concurrency per function (interval means)"
	c := newTimeChart("concurrency", title, u, "invocations executing")
	c.Caption = "Time-weighted mean per interval (at most 120 intervals across the run): the integral of these lines is the report's mean concurrency."
	grid(c.Plot)
	fs := rec.Kind(timeseries.Concurrency)
	lines := make([]*plotter.Line, len(fs))
	lo, hi := math.Inf(1), 0.0
	for i, s := range fs {
		pts := rebin(series(rec, s, u, true), maxConcurrencyBins)
		if len(pts) > 1 {
			pts[0].Y = pts[1].Y // each mean holds over its interval, the first from 0
		}
		pts = flat(pts)
		peak := 0.0
		for _, p := range pts {
			peak = math.Max(peak, p.Y)
		}
		if peak > 0 {
			lo, hi = math.Min(lo, peak), math.Max(hi, peak)
		}
		l := line(pts, i, len(fs), plotter.PreStep)
		l.LineStyle.Width = vg.Points(1.2 + 0.7*float64(len(fs)-1-i)) // noisy: narrow stripes, so equal lines stay visible
		lines[i] = l
		c.Plot.Add(chunked{l})
		c.Legend.Add(s.ID, l)
	}
	noData(c, len(fs), "no functions in this scenario")
	c.Plot.Y.Min = 0
	c.Plot.Y.Tick.Marker = thousands{}
	if len(fs) > 1 && hi > dwarfRatio*lo {
		smallMultiples(c, fs, lines, u)
		c.Caption += fmt.Sprintf(" One panel per function, each on its own scale: the busiest peaks %s times higher than the quietest.", group(int64(hi/lo)))
	}
	return c
}

// maxConcurrencyBins is the most intervals a concurrency line shows:
// finer, the means of a function invoked now and then alternate between 0
// and a fraction at every step and a line turns into a solid block.
const maxConcurrencyBins = 120

// rebin merges consecutive intervals of a series of interval means (pts[0]
// at the start, then each interval's mean at its end) into at most bins
// intervals, each the time-weighted mean of those it merges: the integral,
// hence the mean concurrency, does not change.
func rebin(pts plotter.XYs, bins int) plotter.XYs {
	n := len(pts) - 1
	if n <= bins {
		return pts
	}
	k := (n + bins - 1) / bins
	out := plotter.XYs{pts[0]}
	for i := 1; i <= n; i += k {
		j := min(i+k-1, n)
		sum, w := 0.0, 0.0
		for m := i; m <= j; m++ {
			dt := pts[m].X - pts[m-1].X
			sum, w = sum+pts[m].Y*dt, w+dt
		}
		y := pts[j].Y
		if w > 0 {
			y = sum / w
		}
		out = append(out, plotter.XY{X: pts[j].X, Y: y})
	}
	return out
}

// dwarfRatio is how many times higher one function's peak concurrency
// must be than another's for each to get a panel of its own.
const dwarfRatio = 20

// smallMultiples replaces c's plot by one panel per function, stacked,
// sharing the time axis.
func smallMultiples(c *Chart, fs []*timeseries.Series, lines []*plotter.Line, u timeAxis) {
	c.Legend = plot.NewLegend() // each panel names its function
	c.Height = vg.Length(math.Max(4, 0.3+1.25*float64(len(fs)))) * vg.Inch
	for i, s := range fs {
		p := newTimeChart(c.Name, "", u, s.ID).Plot
		if i == 0 {
			p.Title.Text = c.Plot.Title.Text
			p.Title.TextStyle = c.Plot.Title.TextStyle
			p.Title.Padding = c.Plot.Title.Padding
		}
		if i < len(fs)-1 {
			p.X.Label.Text = ""
			p.X.Tick.Marker = unlabelled{p.X.Tick.Marker} // one time axis, at the bottom
		}
		grid(p)
		l := *lines[i]
		l.LineStyle.Dashes = nil           // the panel names its function: no need for dashes
		l.LineStyle.Width = vg.Points(1.5) // nor for stripes
		p.Add(chunked{&l})
		p.Y.Min = 0
		p.Y.Tick.Marker = thousands{}
		c.panels = append(c.panels, p)
	}
}

// noData gives an empty chart a legend line that says so, and a range.
func noData(c *Chart, n int, msg string) {
	if n > 0 {
		return
	}
	c.Legend.Add(msg)
	c.Plot.X.Min, c.Plot.X.Max, c.Plot.Y.Min, c.Plot.Y.Max = 0, 1, 0, 1
}

var _ plot.Ticker = intTicks{}
