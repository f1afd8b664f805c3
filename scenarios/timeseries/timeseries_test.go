package timeseries

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
)

func run(t *testing.T, name string, step sim.Time) (*Recorder, *scenarios.Report) {
	t.Helper()
	s, err := spec.LoadBuiltin(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := scenarios.Build(s, scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Attach(x, step)
	if err != nil {
		t.Fatal(err)
	}
	// Run in uneven slices, as the CLI does, to show slicing changes nothing.
	for i := 1; i <= 7; i++ {
		if err := x.RunUntil(x.End * sim.Time(i) / 7); err != nil {
			t.Fatal(err)
		}
	}
	return r, x.Report()
}

// The CSV's means, integrated over their intervals, are the report's
// time-weighted means: the file and the report tell one story.
func TestCSVIntegratesToReportMeans(t *testing.T) {
	for _, tc := range []struct {
		name string
		step sim.Time
	}{
		{"pending-block", 0},
		{"pending-block", 7 * time.Second}, // does not divide the run
		{"shared-eni", 0},
		{"port-scaleout", 13 * time.Second},
		{"idle-reclaim", 0},
		{"subnet-exhaustion", 0},
	} {
		t.Run(tc.name+"/"+tc.step.String(), func(t *testing.T) {
			r, rep := run(t, tc.name, tc.step)
			var buf bytes.Buffer
			if err := r.WriteCSV(&buf); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) < 2 || len(rows) > DefaultRows+1 && tc.step == 0 {
				t.Fatalf("%d rows", len(rows))
			}
			integral := integrate(t, rows)
			if got := integralEnd(t, rows); got != rep.SimulatedSeconds {
				t.Fatalf("last row ends at %v, run at %v", got, rep.SimulatedSeconds)
			}
			T := rep.SimulatedSeconds
			want := map[string]float64{}
			for _, k := range rep.ENIs.ByKey {
				want["enis.mean:"+k.Subnet+"+["+strings.Join(k.SecurityGroups, ",")+"]"] = k.Mean
			}
			for _, s := range rep.Subnets {
				want["ips.mean:"+s.ID] = s.MeanIPsUsed
			}
			for _, f := range rep.Functions {
				want["concurrency.mean:"+f.Name] = f.Concurrency.Mean
				want["environments.mean:"+f.Name] = f.Environments.Mean
			}
			for col, mean := range want {
				got, ok := integral[col]
				if !ok {
					t.Fatalf("no column %q in %v", col, rows[0])
				}
				if math.Abs(got/T-mean) > 2e-6 {
					t.Errorf("%s integrates to mean %.9f, report says %.9f", col, got/T, mean)
				}
			}
			for col := range integral {
				if _, ok := want[col]; !ok && strings.Contains(col, ".mean:") {
					t.Errorf("column %s is not in the report", col)
				}
			}
		})
	}
}

func integrate(t *testing.T, rows [][]string) map[string]float64 {
	out := map[string]float64{}
	for _, row := range rows[1:] {
		a, b := parse(t, row[0]), parse(t, row[1])
		for j, col := range rows[0] {
			if strings.Contains(col, ".mean:") {
				out[col] += parse(t, row[j]) * (b - a)
			}
		}
	}
	return out
}

func integralEnd(t *testing.T, rows [][]string) float64 {
	prev := 0.0
	for i, row := range rows[1:] {
		if a := parse(t, row[0]); a != prev {
			t.Fatalf("row %d starts at %v, previous ended at %v", i+1, a, prev)
		}
		prev = parse(t, row[1])
	}
	return prev
}

func parse(t *testing.T, s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestStatesAndEnds(t *testing.T) {
	r, rep := run(t, "pending-block", 0)
	if r.Step != 250*time.Millisecond {
		t.Fatalf("default step for 5m = %v", r.Step)
	}
	st := r.States[0]
	if st.State[0] != "Pending" || st.Reason[0] != "Creating" || st.State[len(st.State)-1] != "Active" {
		t.Fatalf("states %v ... %v", st.State[:2], st.State[len(st.State)-1])
	}
	keys := r.Kind(ENIs)
	if len(keys) != len(rep.ENIs.ByKey) || len(r.Kind(Ports)) != len(keys) {
		t.Fatalf("%d key series, report %d", len(keys), len(rep.ENIs.ByKey))
	}
	if last := keys[0].End[len(keys[0].End)-1]; last != float64(rep.ENIs.ByKey[0].Final) {
		t.Fatalf("ENIs at the end %v, report %d", last, rep.ENIs.ByKey[0].Final)
	}
}

func TestDefaultStep(t *testing.T) {
	for _, tc := range []struct{ end, want sim.Time }{
		{time.Second, time.Millisecond},
		{5 * time.Minute, 250 * time.Millisecond},
		{2 * time.Hour, 5 * time.Second},
		{14 * 24 * time.Hour, 15 * time.Minute},
		{5000 * 24 * time.Hour, 96 * time.Hour},
	} {
		got := DefaultStep(tc.end)
		if got != tc.want || samples(tc.end, got) > DefaultRows {
			t.Errorf("DefaultStep(%v) = %v, want %v", tc.end, got, tc.want)
		}
	}
}

func TestBadResolution(t *testing.T) {
	s, err := spec.LoadBuiltin("pending-block", nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := scenarios.Build(s, scenarios.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Attach(x, -time.Second); err == nil {
		t.Fatal("negative resolution accepted")
	}
	if _, err := Attach(x, time.Nanosecond); err == nil {
		t.Fatal("3e11 samples accepted")
	}
}
