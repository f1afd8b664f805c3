package charts

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/enisim/enisim/scenarios/plan"
	"github.com/enisim/enisim/scenarios/spec"
)

// sweepAxis is where a sweep's first dimension puts its values on the X
// axis: at their numbers when every value is one (a plain number, a
// duration in seconds or a rate per second), else at 0, 1, 2... with the
// values as tick labels.
type sweepAxis struct {
	x       []float64
	label   string
	nominal []string // tick labels; nil for a numeric axis
	key     string   // for long labels: what #1, #2... stand for
}

func newSweepAxis(d plan.Dim) sweepAxis {
	a := sweepAxis{label: d.Path}
	for _, parse := range []struct {
		unit string
		f    func(string) (float64, error)
	}{
		{"", func(s string) (float64, error) { return strconv.ParseFloat(s, 64) }},
		{" (s)", func(s string) (float64, error) { d, err := spec.ParseDuration(s); return d.Seconds(), err }},
		{" (per second)", spec.ParseRate},
	} {
		xs := make([]float64, 0, len(d.Values))
		for _, v := range d.Values {
			x, err := parse.f(v)
			if err != nil {
				break
			}
			xs = append(xs, x)
		}
		if len(xs) == len(d.Values) {
			a.x, a.label = xs, d.Path+parse.unit
			return a
		}
	}
	long := false
	for i, v := range d.Values {
		a.x = append(a.x, float64(i))
		long = long || len(v) > 24
	}
	a.nominal = d.Values
	if long {
		a.nominal = nil
		var key []string
		for i, v := range d.Values {
			a.nominal = append(a.nominal, "#"+strconv.Itoa(i+1))
			key = append(key, "#"+strconv.Itoa(i+1)+" = "+v)
		}
		a.key = strings.Join(key, "; ")
	}
	return a
}

// ForSweep draws each metric of a sweep (enisim sweep --out) against the first dimension, a line per
// combination of the others, with 95% CIs as error bars; note says how
// the X axis is laid out.
func ForSweep(res *plan.Result, metrics []string) (out []*Chart, note string) {
	h := res.Header
	dims := h.Dims
	if len(dims) == 0 {
		dims = []plan.Dim{{Path: "(no --set)", Values: []string{"base"}}}
	}
	ax := newSweepAxis(dims[0])
	nx := len(dims[0].Values)
	lines := len(res.Combinations) / nx
	// Numeric X values are drawn in increasing order.
	order := make([]int, nx)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		return cmp.Compare(ax.x[i], ax.x[j])
	})
	idx := map[string]int{}
	for i, m := range res.Metrics {
		idx[m] = i
	}
	names := lineNames(dims[1:], lines, h.Scenario)
	for _, m := range metrics {
		k := plan.KindOf(m)
		scale, ylabel := 1.0, plan.Label(m)
		if k == plan.Share {
			scale, ylabel = 100, ylabel+" (%)"
		}
		var series []SweepSeries
		top := 0.0
		for l := range lines {
			s := SweepSeries{Name: names[l], IntervalN: "95% CI"}
			for _, xi := range order {
				st := res.Combinations[xi*lines+l].Stats[idx[m]]
				s.X = append(s.X, ax.x[xi])
				s.Y = append(s.Y, scale*st.Mean)
				top = max(top, scale*st.Hi)
				if h.Replications > 1 {
					s.Lo = append(s.Lo, max(0, scale*st.Lo))
					s.Hi = append(s.Hi, scale*st.Hi)
				}
			}
			series = append(series, s)
		}
		c := Sweep(fileStem(m), plan.Label(m)+" against "+lastSegment(dims[0].Path), ax.label, ylabel, series)
		if ax.nominal != nil {
			c.Plot.NominalX(ax.nominal...)
			c.Plot.X.Min, c.Plot.X.Max = -0.5, float64(nx)-0.5
		} else if pad := 0.04 * (c.Plot.X.Max - c.Plot.X.Min); pad > 0 {
			c.Plot.X.Min, c.Plot.X.Max = c.Plot.X.Min-pad, c.Plot.X.Max+pad
		}
		// Every metric is >= 0: the axis starts at 0, with room above.
		c.Plot.Y.Min, c.Plot.Y.Max = 0, max(c.Plot.Y.Max, top)*1.08
		if c.Plot.Y.Max <= 0 {
			c.Plot.Y.Max = 1
		}
		if top < 10 {
			c.DecimalY()
		}
		c.Caption = sweepCaption(h.Replications, ax.key)
		out = append(out, c)
	}
	switch {
	case ax.key != "":
		note = "The values of " + dims[0].Path + " are not numbers: they are placed at equal steps, labelled " + ax.key + "."
	case ax.nominal != nil:
		note = "The values of " + dims[0].Path + " are not numbers: they are placed at equal steps, in the order given."
	}
	return out, note
}

func sweepCaption(reps int, key string) string {
	s := "One run per point."
	if reps > 1 {
		s = fmt.Sprintf("A point is the mean over %d replications (the same seeds at every point), its error bar the 95%% Student-t confidence interval of the mean.", reps)
	}
	if key != "" {
		s += " " + key + "."
	}
	return s
}

// lineNames names the lines of a sweep chart after the values of the
// dimensions other than the first: "rate=20/s, creationDelay=30s"; with
// one dimension, the one line is named after the scenario. Long values are
// cut to what tells them apart (see distinct).
func lineNames(dims []plan.Dim, lines int, scenario string) []string {
	if len(dims) == 0 {
		return []string{scenario}
	}
	g := plan.Grid(dims)
	short := map[string]int{}
	shown := map[string]map[string]string{} // path -> value -> as shown
	for _, d := range dims {
		short[lastSegment(d.Path)]++
		shown[d.Path] = distinct(d.Values)
	}
	out := make([]string, lines)
	for l := range lines {
		var parts []string
		for _, o := range g.Combination(l) {
			p := lastSegment(o.Path)
			if short[p] > 1 {
				p = o.Path
			}
			parts = append(parts, p+"="+shown[o.Path][o.Value])
		}
		out[l] = strings.Join(parts, ", ")
	}
	return out
}

// maxValueLabel is the most runes a value gets in a line's name.
const maxValueLabel = 30

// distinct maps each value to a label of at most maxValueLabel runes that
// keeps what differs: values that share a long beginning
// ("SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-app" and ...sg-orders)
// are shown from just after it ("...SecurityGroupIds=sg-app"), so two lines
// never get the same name where their values differ.
func distinct(values []string) map[string]string {
	out := map[string]string{}
	trimmed := make([][]rune, len(values))
	long := false
	for i, v := range values {
		trimmed[i] = []rune(strings.Trim(v, `"'`))
		long = long || len(trimmed[i]) > maxValueLabel
	}
	cut := 0
	if long && len(values) > 1 {
		cut = commonPrefix(trimmed)
		// Back up to the start of the field the values differ in.
		for cut > 0 && !strings.ContainsRune(",; ", trimmed[0][cut-1]) {
			cut--
		}
	}
	for i, v := range values {
		r, label := trimmed[i][cut:], ""
		if cut > 0 {
			label = "..."
		}
		if len(label)+len(r) > maxValueLabel {
			r = append(r[:maxValueLabel-len(label)-3:maxValueLabel-len(label)-3], []rune("...")...)
		}
		out[v] = label + string(r)
	}
	return out
}

// commonPrefix is the number of leading runes all of vs share.
func commonPrefix(vs [][]rune) int {
	n := len(vs[0])
	for _, v := range vs[1:] {
		n = min(n, len(v))
		for i := range n {
			if v[i] != vs[0][i] {
				n = i
				break
			}
		}
	}
	return n
}

func lastSegment(path string) string { return path[strings.LastIndexByte(path, '.')+1:] }

var notStem = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// fileStem is a metric's chart file name: enis.peak -> enis-peak.
func fileStem(metric string) string { return notStem.ReplaceAllString(metric, "-") }
