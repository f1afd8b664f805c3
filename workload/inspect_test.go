package workload

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestInspectTrace(t *testing.T) {
	p := traceTestFile(t, t.TempDir(), "ts.txt", "30\n61\n62\n63\n125.5\n")
	s, err := InspectTrace([]string{p}, FormatTimestamps, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	// Minutes 0..2 hold 1, 3, 1 arrivals: 5 over 3 minutes, peak 3 in minute 1.
	if s.Count != 5 || s.First != 30*time.Second || s.Last != 125500*time.Millisecond ||
		s.Minutes != 3 || s.MeanPerMinute != 5.0/3 || s.PeakPerMinute != 3 || s.PeakMinute != time.Minute {
		t.Errorf("summary %+v", s)
	}
	var b strings.Builder
	s.WriteText(&b)
	want := "trace:       " + p + " (timestamps)\n" +
		"arrivals:    5\n" +
		"span:        00:00:30.000 .. 00:02:05.500 (3 min)\n" +
		"mean rate:   1.67/min\n" +
		"peak rate:   3/min in the minute from 00:01:00.000\n"
	if b.String() != want {
		t.Errorf("WriteText:\n%s\nwant:\n%s", b.String(), want)
	}

	// The queue row of the sample: its bursts of ~40/min open every 2 hours.
	_, counts := azureRows(t)
	s, err = InspectTrace([]string{azureSample}, FormatPerMinute, "", 2)
	if err != nil {
		t.Fatal(err)
	}
	peak, at := int64(0), 0
	for m, c := range counts[1] {
		if c > peak {
			peak, at = c, m
		}
	}
	if s.Count != sum64(counts[1]) || s.PeakPerMinute != peak || s.PeakMinute != time.Duration(at)*time.Minute {
		t.Errorf("queue row: count %d, peak %d at %v; want %d, %d at minute %d", s.Count, s.PeakPerMinute, s.PeakMinute, sum64(counts[1]), peak, at)
	}

	if _, err := InspectTrace([]string{azureSample}, FormatPerMinute, "nope", 0); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("missing hash: %v", err)
	}
	if _, err := InspectTrace([]string{filepath.Join(t.TempDir(), "x")}, "csv", "", 0); err == nil {
		t.Error("unknown format accepted")
	}
}

// Summing a per-minute trace's counts gives what stepping through its
// arrivals gives, on every row of the sample.
func TestInspectPerMinuteSumsAsStepping(t *testing.T) {
	for row := 1; row <= 3; row++ {
		sum, err := InspectTrace([]string{azureSample, azureSample}, FormatPerMinute, "", row)
		if err != nil {
			t.Fatal(err)
		}
		var step TraceSummary
		step.Paths, step.Format = sum.Paths, sum.Format
		if err := step.stepArrivals(NewPerMinuteTrace([]string{azureSample, azureSample}, "", row, SpreadEven, 1, nil), MaxInspectArrivals); err != nil {
			t.Fatal(err)
		}
		if sum.Count == 0 || !reflect.DeepEqual(sum, step) {
			t.Errorf("row %d: summed %+v, stepped %+v", row, sum, step)
		}
	}
}

// A row with a count of 9e12 in one minute is summarised from its count
// at once (stepping through it took hours): the first arrival at
// 30s/9e12 (0 ns), the last at (2n-1) 30s/n = 1 min - 30s/n, truncated to
// 59.999999999 s.
func TestInspectHugeCount(t *testing.T) {
	hdr := "HashOwner,HashApp,HashFunction,Trigger,1,2,3\n"
	p := traceTestFile(t, t.TempDir(), "d01.csv", hdr+"o,a,f,http,0,9000000000000,5\n")
	start := time.Now()
	s, err := InspectTrace([]string{p}, FormatPerMinute, "f", 0)
	if err != nil {
		t.Fatal(err)
	}
	if s.Count != 9000000000005 || s.First != time.Minute || s.Last != 2*time.Minute+54*time.Second ||
		s.PeakPerMinute != 9e12 || s.PeakMinute != time.Minute || s.Minutes != 2 {
		t.Errorf("summary %+v", s)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %v: it stepped through the arrivals", took)
	}
}

// A header of more than 1440 minutes says why it is refused.
func TestPerMinuteHeaderTooLong(t *testing.T) {
	var b strings.Builder
	b.WriteString("HashOwner,HashApp,HashFunction,Trigger")
	for m := 1; m <= 1441; m++ {
		fmt.Fprintf(&b, ",%d", m)
	}
	p := traceTestFile(t, t.TempDir(), "long.csv", b.String()+"\n")
	_, err := InspectTrace([]string{p}, FormatPerMinute, "", 1)
	want := `long.csv:1:` // column of "1441"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), `header column 1445 is "1441": a day has at most 1440 minute columns`) {
		t.Errorf("err %v", err)
	}
}

// A timestamps trace longer than the budget is refused with an error that
// names the files and the limit, not read on for hours.
func TestInspectBudget(t *testing.T) {
	p := traceTestFile(t, t.TempDir(), "ts.txt", "1\n2\n3\n4\n")
	s := TraceSummary{Paths: []string{p}}
	err := s.stepArrivals(NewTimestampTrace([]string{p}), 3)
	if !errors.Is(err, ErrInspectBudget) || !strings.Contains(err.Error(), "ts.txt: more than 3 arrivals (MaxInspectArrivals)") {
		t.Errorf("err %v", err)
	}
	s = TraceSummary{Paths: []string{p}}
	if err := s.stepArrivals(NewTimestampTrace([]string{p}), 4); err != nil || s.Count != 4 {
		t.Errorf("at the budget: %v, %d arrivals", err, s.Count)
	}
}
