package charts

import (
	"fmt"
	"math"
	"strings"

	"github.com/enisim/enisim/scenarios/plan"
)

// headline is a chart of compare --out: the headline metrics it shows
// (one bar group each) and how its axis reads.
type headline struct {
	name, title, ylabel string
	metrics             []string
}

// compareHeadlines are compare --out's charts, one per headline metric
// (errors and throttles share one: both are invokes callers saw fail).
var compareHeadlines = []headline{
	{"enis-peak", "Peak ENIs at once", "ENIs", []string{"enis.peak"}},
	{"enis-created", "ENI creations", "ENIs created", []string{"enis.created"}},
	{"ip-share", "Peak IP share of the fullest subnet", "% of the subnet's IPs", []string{"ipShare.max"}},
	{"pending", "Time functions spent Pending", "seconds, summed over functions", []string{"pendingSeconds"}},
	{"coldstart-p99", "Cold-start p99 of the slowest function", "seconds", []string{"coldStartP99.max"}},
	{"errors", "Errors and throttles callers got", "invokes", []string{"errors", "throttled"}},
}

// ForCompare draws each headline of a comparison (enisim compare --out)
// as bars, one series (colour) per layout (summary formats a cell for the
// caption); with replications a bar is the mean and its whisker the 95% CI.
func ForCompare(c *plan.Comparison, summary func(plan.Kind, plan.Summary) string) []*Chart {
	cells := map[string]plan.Row{}
	for _, r := range c.Rows() {
		cells[r.Metric] = r
	}
	reps := len(c.Seeds)
	var out []*Chart
	for _, h := range compareHeadlines {
		var cats []string
		series := make([]BarSeries, len(c.Names))
		lo, hi := make([][]float64, len(c.Names)), make([][]float64, len(c.Names))
		var notes []string
		top := 0.0
		for _, m := range h.metrics {
			cats = append(cats, plan.Label(m))
			k := plan.KindOf(m)
			scale := 1.0
			if k == plan.Share {
				scale = 100
			}
			var cellText []string
			for i, name := range c.Names {
				series[i].Name = name
				cell := cells[m].Cells[i]
				v := cell.Value
				if !cell.Present {
					series[i].Values = append(series[i].Values, math.NaN())
					cellText = append(cellText, name+" -")
					continue
				}
				series[i].Values = append(series[i].Values, scale*v.Mean)
				top = max(top, scale*v.Hi)
				if reps > 1 {
					lo[i] = append(lo[i], scale*v.Lo)
					hi[i] = append(hi[i], scale*v.Hi)
				}
				cellText = append(cellText, name+" "+summary(k, v))
			}
			notes = append(notes, plan.Label(m)+": "+strings.Join(cellText, ", "))
		}
		var ch *Chart
		if reps > 1 {
			ch = BarsCI(h.name, h.title, h.ylabel, cats, series, lo, hi)
		} else {
			ch = Bars(h.name, h.title, h.ylabel, cats, series)
		}
		if top < 10 {
			ch.DecimalY()
		}
		ch.Caption = compareCaption(c) + " " + strings.Join(notes, "; ") + "."
		out = append(out, ch)
	}
	return out
}

func compareCaption(c *plan.Comparison) string {
	if reps := len(c.Seeds); reps > 1 {
		return fmt.Sprintf("A bar is the mean over %d replications (the same seeds in every layout), its whisker the 95%% Student-t confidence interval of the mean. The paired differences in the table are tighter than overlapping whiskers suggest.", reps)
	}
	return fmt.Sprintf("One run per layout, on seed %d.", c.Seeds[0])
}
