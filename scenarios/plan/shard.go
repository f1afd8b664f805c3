package plan

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// Shard is one of N parts of a sweep: part K (0-based) runs the runs i
// with i % N == K, so that every part gets a fair mix of combinations.
// The zero Shard is the whole sweep.
type Shard struct{ K, N int }

// ParseShard parses K/N, 0 <= K < N (the index a Kubernetes Indexed Job or
// an AWS Batch array job gives, which count from 0).
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	K, err1 := strconv.Atoi(strings.TrimSpace(k))
	N, err2 := strconv.Atoi(strings.TrimSpace(n))
	switch {
	case !ok || err1 != nil || err2 != nil:
		return Shard{}, fmt.Errorf("--shard %q: want K/N, e.g. 0/3 (K counts from 0)", s)
	case N < 1:
		return Shard{}, fmt.Errorf("--shard %q: N must be at least 1", s)
	case K < 0 || K >= N:
		return Shard{}, fmt.Errorf("--shard %q: K must be from 0 to %d (it counts from 0, like JOB_COMPLETION_INDEX)", s, N-1)
	}
	return Shard{K, N}, nil
}

// Owns reports whether run i belongs to the shard.
func (s Shard) Owns(i int) bool { return s.N <= 1 || i%s.N == s.K }

func (s Shard) String() string {
	if s.N <= 1 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.K, s.N)
}

// WriteJSONL writes a sweep (or a shard of one) as JSON lines: the header,
// then one line per run in run order.
func WriteJSONL(w io.Writer, h Header, recs []Record) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	if err := enc.Encode(h); err != nil {
		return err
	}
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ReadJSONL reads one file written by WriteJSONL; name is used in errors.
func ReadJSONL(name string, r io.Reader) (Header, []Record, error) {
	var h Header
	var recs []Record
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var probe struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(b, &probe); err != nil {
			return h, nil, fmt.Errorf("%s:%d: not a sweep's JSON line: %w", name, line, err)
		}
		switch {
		case probe.Type == "sweep" && h.Type == "":
			if err := strictDecode(b, &h); err != nil {
				return h, nil, fmt.Errorf("%s:%d: %w", name, line, err)
			}
		case probe.Type == "sweep":
			return h, nil, fmt.Errorf("%s:%d: a second sweep header (concatenated files? give them as separate arguments)", name, line)
		case probe.Type == "run" && h.Type != "":
			var rec Record
			if err := strictDecode(b, &rec); err != nil {
				return h, nil, fmt.Errorf("%s:%d: %w", name, line, err)
			}
			recs = append(recs, rec)
		case probe.Type == "run":
			return h, nil, fmt.Errorf("%s:%d: a run before the sweep header: the file must start with the header line", name, line)
		default:
			return h, nil, fmt.Errorf("%s:%d: unknown line type %q (want sweep or run)", name, line, probe.Type)
		}
	}
	if err := sc.Err(); err != nil {
		return h, nil, fmt.Errorf("%s: %w", name, err)
	}
	if h.Type == "" {
		return h, nil, fmt.Errorf("%s: no sweep header: is it the output of `enisim sweep --format jsonl`?", name)
	}
	if g := Grid(h.Dims); h.Replications < 1 || g.check() != nil || h.Runs != g.Size()*h.Replications || h.Runs > MaxRuns {
		return h, nil, fmt.Errorf("%s: the sweep header is inconsistent (runs %d, replications %d; at most %d runs)", name, h.Runs, h.Replications, MaxRuns)
	}
	seeds := Seeds(h.Seed, h.Replications)
	for _, r := range recs {
		if r.Run < 0 || r.Run >= h.Runs {
			return h, nil, fmt.Errorf("%s: run %d is outside the sweep's %d runs", name, r.Run, h.Runs)
		}
		c, rep := r.Run/h.Replications, r.Run%h.Replications
		if r.Combination != c || r.Replication != rep || r.Seed != seeds[rep] {
			return h, nil, fmt.Errorf("%s: run %d has combination %d, replication %d, seed %d; in this sweep it is combination %d, replication %d, seed %d (an edited file?)",
				name, r.Run, r.Combination, r.Replication, r.Seed, c, rep, seeds[rep])
		}
		seen := map[string]bool{}
		for _, m := range r.Metrics {
			if seen[m.Name] {
				return h, nil, fmt.Errorf("%s: run %d has metric %s twice", name, r.Run, m.Name)
			}
			seen[m.Name] = true
		}
	}
	return h, recs, nil
}

func strictDecode(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// Input is one file given to Merge.
type Input struct {
	Name string
	R    io.Reader
}

// Merge reads the shards of one sweep and returns the header of the whole
// sweep and every run, in run order: exactly what the unsharded sweep
// produces. The shards must agree on everything but their shard, and
// cover every run once.
func Merge(files []Input) (Header, []Record, error) {
	var h Header
	var all []Record
	from := map[int]string{}
	for i, f := range files {
		fh, recs, err := ReadJSONL(f.Name, f.R)
		if err != nil {
			return h, nil, err
		}
		fh.Shard = ""
		if i == 0 {
			h = fh
		} else if !reflect.DeepEqual(h, fh) {
			return h, nil, fmt.Errorf("%s is not a shard of the same sweep as %s (%s)", f.Name, files[0].Name, headerDiff(h, fh))
		}
		for _, r := range recs {
			if prev, ok := from[r.Run]; ok {
				return h, nil, fmt.Errorf("%s: run %d is also in %s (the same shard given twice?)", f.Name, r.Run, prev)
			}
			from[r.Run] = f.Name
		}
		all = append(all, recs...)
	}
	if len(files) == 0 {
		return h, nil, fmt.Errorf("no files to merge")
	}
	sorted := make([]Record, h.Runs)
	for _, r := range all {
		if r.Run < 0 || r.Run >= h.Runs {
			return h, nil, fmt.Errorf("%s: run %d is outside the sweep's %d runs", from[r.Run], r.Run, h.Runs)
		}
		sorted[r.Run] = r
	}
	if len(all) != h.Runs {
		for i, r := range sorted {
			if r.Type == "" {
				return h, nil, fmt.Errorf("%d of %d runs are missing (first: run %d, combination %d, replication %d): is a shard's file left out?",
					h.Runs-len(all), h.Runs, i, i/h.Replications, i%h.Replications)
			}
		}
	}
	return h, sorted, nil
}

func headerDiff(a, b Header) string {
	switch {
	case a.Scenario != b.Scenario:
		return "scenario " + a.Scenario + " vs " + b.Scenario
	case a.Source != b.Source:
		return "the scenario file or its fixed --set values differ"
	case a.Seed != b.Seed:
		return fmt.Sprintf("seed %d vs %d", a.Seed, b.Seed)
	case a.Replications != b.Replications:
		return fmt.Sprintf("replications %d vs %d", a.Replications, b.Replications)
	case a.Seconds != b.Seconds:
		return fmt.Sprintf("duration %gs vs %gs", a.Seconds, b.Seconds)
	}
	return "the --set grids differ"
}
