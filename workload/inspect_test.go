package workload

import (
	"path/filepath"
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
