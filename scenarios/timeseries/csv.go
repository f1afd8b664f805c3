package timeseries

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"
)

// Column names: "start" and "end" (seconds) bound each interval; then one
// column per series and statistic, named KIND.STAT:ID, e.g.
// "enis.mean:subnet-a+[sg-app]", "ports.end:subnet-a+[sg-app]",
// "ips.mean:subnet-a", "concurrency.end:orders"; then per function
// "state:orders", "stateReason:orders" and "lastUpdateStatus:orders", its
// State ("" while it does not exist), StateReasonCode and LastUpdateStatus
// at the end of the interval.

// Header is the CSV header row.
func (r *Recorder) Header() []string {
	h := []string{"start", "end"}
	for _, s := range r.Series() {
		if s.HasMean {
			h = append(h, s.Kind+".mean:"+s.ID)
		}
		h = append(h, s.Kind+".end:"+s.ID)
	}
	for _, st := range r.States {
		h = append(h, "state:"+st.Function, "stateReason:"+st.Function, "lastUpdateStatus:"+st.Function)
	}
	return h
}

// WriteCSV writes one row per interval under Header.
func (r *Recorder) WriteCSV(w io.Writer) error {
	c := csv.NewWriter(w)
	if err := c.Write(r.Header()); err != nil {
		return err
	}
	series := r.Series()
	row := make([]string, 0, len(r.Header()))
	for i, t := range r.Times {
		row = append(row[:0], num(r.Start(i).Seconds()), num(t.Seconds()))
		for _, s := range series {
			if s.HasMean {
				row = append(row, num(s.Mean[i]))
			}
			row = append(row, num(s.End[i]))
		}
		for _, st := range r.States {
			row = append(row, st.State[i], st.Reason[i], st.LastUpdate[i])
		}
		if err := c.Write(row); err != nil {
			return err
		}
	}
	c.Flush()
	return c.Error()
}

// num prints v to nanounits: exact for the times (integer nanoseconds)
// and within 5e-10 for the means, without float noise in the file.
func num(v float64) string {
	r := math.Round(v*1e9) / 1e9
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
