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
	c := New("enis", "ENIs per key (subnet + security groups)", u.label, "ENIs (any state)")
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
	c := New("ports", "Ports in use per key", u.label, "ports (connections)")
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
// Lambda's ENIs) against its capacity.
func IPsPerSubnet(rec *timeseries.Recorder, u timeAxis, end sim.Time) *Chart {
	c := New("ips", "IPs used per subnet", u.label, "IP addresses")
	c.Caption = "Each Hyperplane ENI holds one IP of its subnet from the start of its creation to its deletion; dashed: the subnet's usable addresses (2^(32-prefix) - 5)."
	grid(c.Plot)
	subnets := rec.Kind(timeseries.IPs)
	top := 1.0
	x1 := u.x(end)
	dash := []vg.Length{vg.Points(5), vg.Points(3)}
	for i, s := range subnets {
		pts := steps(series(rec, s, u, false))
		l := line(pts, i, len(subnets), plotter.PostStep)
		c.Plot.Add(chunked{l})
		c.Legend.Add(fmt.Sprintf("%s (%d usable)", s.ID, s.Capacity), l)
		top = math.Max(top, float64(s.Capacity))
	}
	// Capacities on top of the data: a full subnet's line runs along its
	// capacity, and the dashes show it is full.
	for i, s := range subnets {
		capl := hline(float64(s.Capacity), 0, x1, Color(i), dash)
		capl.LineStyle.Width = vg.Points(1.5)
		c.Plot.Add(capl)
		if i == 0 {
			gray := hline(0, 0, 0, refColor, dash)
			c.Legend.Add("dashed: the subnet's capacity", gray)
		}
	}
	noData(c, len(subnets), "no subnets in this scenario")
	c.Plot.Y.Min, c.Plot.Y.Max = 0, top*1.1
	c.Plot.Y.Tick.Marker = thousands{}
	return c
}

// ConcurrencyPerFunction is each function's invocations executing, as the
// time-weighted mean of each interval.
func ConcurrencyPerFunction(rec *timeseries.Recorder, u timeAxis) *Chart {
	c := New("concurrency", "Concurrency per function (interval means)", u.label, "invocations executing")
	c.Caption = "Time-weighted mean per interval: the integral of these lines is the report's mean concurrency."
	grid(c.Plot)
	fs := rec.Kind(timeseries.Concurrency)
	for i, s := range fs {
		pts := series(rec, s, u, true)
		if len(pts) > 1 {
			pts[0].Y = pts[1].Y // each mean holds over its interval, the first from 0
		}
		pts = flat(pts)
		l := line(pts, i, len(fs), plotter.PreStep)
		l.LineStyle.Width = vg.Points(1.2) // noisy: thin lines, no stripes
		c.Plot.Add(chunked{l})
		c.Legend.Add(s.ID, l)
	}
	noData(c, len(fs), "no functions in this scenario")
	c.Plot.Y.Min = 0
	c.Plot.Y.Tick.Marker = thousands{}
	return c
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
