package workload

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// azureSample is the generated sample trace the built-in scenarios ship.
const azureSample = "../scenarios/spec/builtin/traces/azure-sample.csv"

// traceTestFile writes content to a file in dir and returns its path.
func traceTestFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// drain reads a to its end and returns the arrivals and the error.
func drain(a Arrivals) ([]time.Duration, error) {
	var out []time.Duration
	for {
		at, ok := a.Next()
		if !ok {
			return out, a.Err()
		}
		out = append(out, at)
	}
}

func TestParseOffset(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
		why  string
	}{
		{"0", 0, ""},
		{"12.5", 12500 * time.Millisecond, ""},
		{".5", 500 * time.Millisecond, ""},
		{"7.", 7 * time.Second, ""},
		{"0.000000001", 1, ""},
		{"0.0000000015", 2, ""}, // the 10th decimal rounds half up
		{"0.0000000014", 1, ""},
		{"1e3", 1000 * time.Second, ""},
		{"1.5E-3", 1500 * time.Microsecond, ""},
		{"12.5s", 12500 * time.Millisecond, ""},
		{"250ms", 250 * time.Millisecond, ""},
		{"1.5us", 1500, ""},
		{"3µs", 3000, ""},
		{"2.25m", 135 * time.Second, ""},
		{"0.5h", 30 * time.Minute, ""},
		{"0.0000000005h", 1800, ""}, // 10 decimals with a unit: time.ParseDuration
		{"1m30s", 90 * time.Second, ""},
		{"1d", 24 * time.Hour, ""}, // a scenario's units: d and min too
		{"1.5d", 36 * time.Hour, ""},
		{"1d12h", 36 * time.Hour, ""},
		{"2min", 2 * time.Minute, ""},
		{"1dd", 0, badOffset},
		{"-0", 0, ""},
		{"-1", 0, negativeOffset},
		{"-250ms", 0, negativeOffset},
		{"", 0, badOffset},
		{".", 0, badOffset},
		{"abc", 0, badOffset},
		{"12,5", 0, badOffset},
		{"1 2", 0, badOffset},
		{"+1", 0, badOffset},
		{"inf", 0, badOffset},
		{"NaN", 0, badOffset},
		{"0x10", 0, badOffset},
		{"10d", 240 * time.Hour, ""},
		{"99999999999", 0, hugeOffset},
		{"1e300", 0, hugeOffset},
		{"9223372036.854775807", math.MaxInt64, ""},
		{"9223372036.854775808", 0, hugeOffset},
	} {
		got, why := parseOffset([]byte(c.in))
		if got != c.want || why != c.why {
			t.Errorf("parseOffset(%q) = %v, %q; want %v, %q", c.in, got, why, c.want, c.why)
		}
	}
}

func TestTimestampTraceExact(t *testing.T) {
	dir := t.TempDir()
	a := traceTestFile(t, dir, "a.txt", "# offsets\n0.5\n1\n\n1   # same second twice\n  2.25s \r\n")
	b := traceTestFile(t, dir, "b.txt", "2.25\n3000ms\n1h\n")
	got, err := drain(NewTimestampTrace([]string{a, b}))
	want := []time.Duration{500 * time.Millisecond, time.Second, time.Second, 2250 * time.Millisecond,
		2250 * time.Millisecond, 3 * time.Second, time.Hour}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("got %v, %v; want %v", got, err, want)
	}

	// N lines give N arrivals.
	const n = 10_000
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, "%d.%03d\n", i/1000, i%1000)
	}
	got, err = drain(NewTimestampTrace([]string{traceTestFile(t, dir, "n.txt", sb.String())}))
	if err != nil || len(got) != n || got[n-1] != 9999*time.Millisecond {
		t.Errorf("%d-line file: %d arrivals (last %v), %v", n, len(got), got[len(got)-1], err)
	}
}

func TestTimestampTraceErrors(t *testing.T) {
	dir := t.TempDir()
	ok1 := traceTestFile(t, dir, "ok.txt", "0.5\n0.75\n")
	for _, c := range []struct {
		name, content string
		wantN         int // arrivals before the error
		want          string
	}{
		{"malformed.txt", "1\n# fine\n2\nthree\n4\n", 2, "malformed.txt:4: malformed value"},
		{"decreasing.txt", "1\n5\n4\n", 2, "decreasing.txt:3: offset 4s is before the previous offset 5s"},
		{"negative.txt", "-1\n", 0, "negative.txt:1: negative value"},
		// Offsets are absolute across files, and must not decrease.
		{"restart.txt", "0.6\n", 0, "restart.txt:1: offset 600ms is before the previous offset 750ms"},
		{"long.txt", "1\n" + strings.Repeat("1", maxTraceLine+1) + "\n", 1, "long.txt:2: line longer than"},
	} {
		p := traceTestFile(t, dir, c.name, c.content)
		got, err := drain(NewTimestampTrace([]string{ok1, p}))
		if err == nil || !strings.Contains(err.Error(), c.want) || len(got) != 2+c.wantN {
			t.Errorf("%s: %d arrivals, err %v; want %d, and an error containing %q", c.name, len(got), err, 2+c.wantN, c.want)
		}
	}
	_, err := drain(NewTimestampTrace([]string{filepath.Join(dir, "missing.txt")}))
	if err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing file: err %v", err)
	}
}

// azureRows reads the sample's rows: hash and counts.
func azureRows(t *testing.T) (hashes []string, counts [][]int64) {
	t.Helper()
	f, err := os.Open(azureSample)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	sc.Scan() // header
	for sc.Scan() {
		fs := strings.Split(sc.Text(), ",")
		hashes = append(hashes, fs[2])
		var cs []int64
		for _, s := range fs[4:] {
			c, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			cs = append(cs, c)
		}
		counts = append(counts, cs)
	}
	return hashes, counts
}

func sum64(xs []int64) (s int64) {
	for _, x := range xs {
		s += x
	}
	return s
}

func TestPerMinuteTraceExact(t *testing.T) {
	hashes, counts := azureRows(t)
	if len(hashes) != 5 {
		t.Fatalf("sample has %d rows, want 5", len(hashes))
	}
	for i, h := range hashes {
		for _, spread := range []string{SpreadEven, SpreadPoisson} {
			got, err := drain(NewPerMinuteTrace([]string{azureSample}, h, 0, spread, 1, distTestRand(20)))
			if err != nil {
				t.Fatal(err)
			}
			if int64(len(got)) != sum64(counts[i]) {
				t.Errorf("row %d (%s), %s: %d arrivals, want the row's sum %d", i+1, h[:8], spread, len(got), sum64(counts[i]))
			}
			perMin := binCounts(got, time.Minute, 1440)
			for m, c := range counts[i] {
				if int64(perMin[m]) != c {
					t.Fatalf("row %d, %s: minute %d has %d arrivals, want %d", i+1, spread, m+1, perMin[m], c)
				}
			}
			if !slices.IsSorted(got) {
				t.Errorf("row %d, %s: arrivals out of order", i+1, spread)
			}
		}
	}
	// Even spread: n arrivals at (i+0.5)*60s/n into the minute; the timer
	// row (3) has exactly one in minute 1, at 30s.
	got, _ := drain(NewPerMinuteTrace([]string{azureSample}, "", 3, SpreadEven, 1, nil))
	if len(got) != 144 || got[0] != 30*time.Second || got[1] != 10*time.Minute+30*time.Second {
		t.Errorf("timer row: %d arrivals starting %v; want 144 starting 30s, 10m30s", len(got), got[:2])
	}
	// Two files are two days; the second starts at 24h.
	got, _ = drain(NewPerMinuteTrace([]string{azureSample, azureSample}, hashes[2], 0, SpreadEven, 1, nil))
	if len(got) != 288 || got[144] != 24*time.Hour+30*time.Second {
		t.Errorf("two days: %d arrivals, day 2 starts %v; want 288, 24h0m30s", len(got), got[144])
	}
}

func TestPerMinuteTraceScale(t *testing.T) {
	_, counts := azureRows(t)
	row := counts[3] // the steady event row: ~2 a minute
	for _, scale := range []float64{0.5, 0.3, 2.7} {
		got, err := drain(NewPerMinuteTrace([]string{azureSample}, "", 4, SpreadEven, scale, nil))
		if err != nil {
			t.Fatal(err)
		}
		// Total exactly round(scale*sum), every minute within one of c*scale.
		if want := int64(math.Floor(scale*float64(sum64(row)) + 0.5)); int64(len(got)) != want {
			t.Errorf("scale %v: %d arrivals, want %d", scale, len(got), want)
		}
		for m, n := range binCounts(got, time.Minute, 1440) {
			if d := float64(n) - scale*float64(row[m]); d <= -1 || d >= 1 {
				t.Fatalf("scale %v: minute %d has %d arrivals for count %d", scale, m+1, n, row[m])
			}
		}
	}
}

func TestPerMinuteTraceErrors(t *testing.T) {
	dir := t.TempDir()
	hdr := "HashOwner,HashApp,HashFunction,Trigger,1,2,3\n"
	for _, c := range []struct {
		name, content, hash string
		row                 int
		want                string
	}{
		{"nohash.csv", hdr + "o,a,f1,http,1,2,3\n", "f9", 0, `no function with HashFunction "f9"`},
		{"badcount.csv", hdr + "o,a,f1,http,1,2,3\no,a,f2,http,1,x2,3\n", "f2", 0, "badcount.csv:3:15: minute 2: malformed count"},
		{"negative.csv", hdr + "o,a,f1,http,1,-2,3\n", "f1", 0, "negative.csv:2:15: minute 2: malformed count"},
		{"short.csv", hdr + "o,a,f1,http,1,2\n", "f1", 0, "short.csv:2: row has 2 minute columns, header has 3"},
		{"long.csv", hdr + "o,a,f1,http,1,2,3,4\n", "f1", 0, "long.csv:2:19: more than the header's 3"},
		{"header.csv", "Owner,HashApp,HashFunction,Trigger,1\n", "f1", 0, `header.csv:1:1: header column 1 is "Owner"`},
		{"minutes.csv", "HashOwner,HashApp,HashFunction,Trigger,1,3\n", "f1", 0, `minutes.csv:1:42: header column 6 is "3", want "2"`},
		{"empty.csv", "", "f1", 0, "empty.csv: empty file"},
		{"norow.csv", hdr + "o,a,f1,http,1,2,3\n", "", 2, "norow.csv: no data row 2 (the file has 1)"},
		{"two.csv", hdr + "o,a,f1,http,1,2,3\no,a,f2,http,1,2,3\n", "", 0, "two.csv:3: the file has more than one function's row: pick one with row (1-based) or hashFunction"},
		{"none.csv", hdr, "", 0, "none.csv: no data row"},
	} {
		p := traceTestFile(t, dir, c.name, c.content)
		got, err := drain(NewPerMinuteTrace([]string{p}, c.hash, c.row, SpreadEven, 1, nil))
		if err == nil || !strings.Contains(err.Error(), c.want) || len(got) != 0 {
			t.Errorf("%s: %d arrivals, err %v; want an error containing %q", c.name, len(got), err, c.want)
		}
	}
	// Without row or hash, the file's only row (the scenario format's
	// per-minute trace as the contract writes it): 1, 2 and 3 arrivals in
	// minutes 1, 2 and 3, one file a day over two days.
	only := traceTestFile(t, dir, "only.csv", hdr+"o,a,f1,http,1,2,3\n")
	if got, err := drain(NewPerMinuteTrace([]string{only, only}, "", 0, SpreadEven, 1, nil)); err != nil || len(got) != 12 || got[0] != 30*time.Second {
		t.Errorf("the only row: %d arrivals, first %v, err %v; want 12, the first at 30s", len(got), got, err)
	}
	// A scale that overflows the count names the row's line.
	big := traceTestFile(t, dir, "big.csv", hdr+"o,a,f0,http,1,1,1\no,a,f1,http,5,5,5\n")
	if got, err := drain(NewPerMinuteTrace([]string{big}, "f1", 0, SpreadEven, 1e20, nil)); err == nil ||
		!strings.Contains(err.Error(), "big.csv:3: scaled count too large at minute 1") || len(got) != 0 {
		t.Errorf("scale 1e20: %d arrivals, %v", len(got), err)
	}
	// A day without the function is empty; only no day at all is an error.
	other := traceTestFile(t, dir, "other.csv", hdr+"o,a,f2,http,5,5,5\n")
	mine := traceTestFile(t, dir, "mine.csv", hdr+"o,a,f1,http,0,1,0\n")
	got, err := drain(NewPerMinuteTrace([]string{other, mine}, "f1", 0, SpreadEven, 1, nil))
	if err != nil || !slices.Equal(got, []time.Duration{24*time.Hour + 90*time.Second}) {
		t.Errorf("function on day 2 only: %v, %v; want [24h1m30s]", got, err)
	}
}

// replayAllocs returns the bytes and allocations of replaying a whole
// timestamps file.
func replayAllocs(t testing.TB, path string) (bytes, mallocs uint64, n int) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	a := NewTimestampTrace([]string{path})
	for {
		if _, ok := a.Next(); !ok {
			break
		}
		n++
	}
	runtime.ReadMemStats(&after)
	if err := a.Err(); err != nil {
		t.Fatal(err)
	}
	return after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs, n
}

// writeTimestamps writes n increasing offsets (ms resolution, as seconds).
func writeTimestamps(t testing.TB, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	buf := make([]byte, 0, 32)
	for i := range n {
		buf = strconv.AppendInt(buf[:0], int64(i/1000), 10)
		buf = append(buf, '.')
		ms := i % 1000
		buf = append(buf, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10), '\n')
		w.Write(buf)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func TestTimestampReplayAllocatesConstant(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 1e6-line file")
	}
	dir := t.TempDir()
	small, big := filepath.Join(dir, "small.txt"), filepath.Join(dir, "big.txt")
	writeTimestamps(t, small, 1_000)
	writeTimestamps(t, big, 1_000_000)
	sb, sm, sn := replayAllocs(t, small)
	bb, bm, bn := replayAllocs(t, big)
	if sn != 1_000 || bn != 1_000_000 {
		t.Fatalf("replayed %d and %d lines, want 1000 and 1000000", sn, bn)
	}
	// A replay allocates per file (the file, the scanner, its 64 KiB
	// buffer), not per line: the same count for 1e3 and 1e6 lines. The
	// slack of 4 allocations and 16 KiB covers runtime noise (the test
	// framework's goroutines allocate too); per-line allocation would
	// show as >= 1e6.
	if bm > sm+4 || bb > sb+16<<10 {
		t.Errorf("1e6 lines: %d allocations, %d bytes; 1e3 lines: %d, %d. Want the same", bm, bb, sm, sb)
	}
	t.Logf("1e3 lines: %d allocs, %d B; 1e6 lines: %d allocs, %d B", sm, sb, bm, bb)
}

func TestLimitClosesTrace(t *testing.T) {
	p := traceTestFile(t, t.TempDir(), "ts.txt", "1\n2\n3\n")
	tr := NewTimestampTrace([]string{p}).(*timestamps)
	got, err := drain(Limit(tr, 2*time.Second))
	if err != nil || len(got) != 2 || tr.files.f != nil {
		t.Errorf("Limit(2s): %v, %v, file still open: %v", got, err, tr.files.f != nil)
	}
}
