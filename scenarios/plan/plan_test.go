package plan

import (
	"bytes"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios/spec"
)

func TestSummarize(t *testing.T) {
	// 1..10: mean 5.5, sample sd sqrt(55/6) = 3.0277, t(0.975, 9) = 2.2622
	// (any t table), half-width 2.2622 * 3.0277 / sqrt(10) = 2.1659.
	s := Summarize([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	if s.N != 10 || s.Mean != 5.5 || math.Abs(s.SD-3.02765) > 1e-5 || math.Abs(s.HalfWidth()-2.16589) > 1e-4 {
		t.Errorf("Summarize(1..10) = %+v, half-width %v", s, s.HalfWidth())
	}
	if q := TQuantile(1); math.Abs(q-12.7062) > 1e-3 {
		t.Errorf("TQuantile(1) = %v, want 12.706", q)
	}
	one := Summarize([]float64{3})
	if one.Defined() || one.Mean != 3 || one.SD != 0 || one.Lo != 3 || one.Hi != 3 {
		t.Errorf("Summarize([3]) = %+v", one)
	}
	same := Summarize([]float64{2, 2, 2})
	if same.SD != 0 || same.Lo != 2 || same.Hi != 2 {
		t.Errorf("Summarize([2 2 2]) = %+v", same)
	}
}

func TestSeeds(t *testing.T) {
	s := Seeds(42, 5)
	if s[0] != 42 || len(s) != 5 {
		t.Fatalf("Seeds(42, 5) = %v", s)
	}
	if !slices.Equal(Seeds(42, 3), s[:3]) {
		t.Errorf("Seeds(42, 3) is not a prefix of Seeds(42, 5)")
	}
	if slices.Equal(Seeds(43, 5)[1:], s[1:]) {
		t.Errorf("seeds do not depend on the base")
	}
}

func TestParseDim(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"a.b=1,2,3", []string{"1", "2", "3"}},
		{"a.rate=200/s, 400/s", []string{"200/s", "400/s"}},
		{"a.v=[1, 2],{x: 1, y: 2}", []string{"[1, 2]", "{x: 1, y: 2}"}},
		{`f.vpcConfig="SubnetIds=a,b,SecurityGroupIds=x","SubnetIds=a,SecurityGroupIds=x"`,
			[]string{`"SubnetIds=a,b,SecurityGroupIds=x"`, `"SubnetIds=a,SecurityGroupIds=x"`}},
		{"a.b=", []string{""}},
	} {
		d, err := ParseDim(tc.in)
		if err != nil || !slices.Equal(d.Values, tc.want) {
			t.Errorf("ParseDim(%q) = %q, %v; want %q", tc.in, d.Values, err, tc.want)
		}
	}
	for _, bad := range []string{"nopath", "a=1,,2", "a=1,", `a="x`, "a=[1,2"} {
		if _, err := ParseDim(bad); err == nil {
			t.Errorf("ParseDim(%q): no error", bad)
		}
	}
	g := Grid{{Path: "a", Values: []string{"1", "2"}}, {Path: "b", Values: []string{"x", "y", "z"}}}
	if g.Size() != 6 || g.Combination(4)[0].Value != "2" || g.Combination(4)[1].Value != "y" {
		t.Errorf("grid: size %d, combination 4 = %v", g.Size(), g.Combination(4))
	}
	if err := (Grid{{Path: "a", Values: []string{"1"}}, {Path: "a", Values: []string{"2"}}}).check(); err == nil {
		t.Errorf("a path given twice: no error")
	}
}

func TestParseShard(t *testing.T) {
	if s, err := ParseShard("2/3"); err != nil || s != (Shard{2, 3}) {
		t.Errorf("ParseShard(2/3) = %v, %v", s, err)
	}
	for _, bad := range []string{"3/3", "-1/3", "1/0", "1", "a/b", ""} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q): no error", bad)
		}
	}
}

func TestParseCriterion(t *testing.T) {
	for _, ok := range []string{"healthy", "coldstart-p99<=2s", "coldstart-max<500ms", "ip-share<=0.8", "ip-share<=80%"} {
		if _, err := ParseCriterion(ok); err != nil {
			t.Errorf("ParseCriterion(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "coldstart-p98<=2s", "coldstart-p99<=2", "ip-share<=1.5", "ip-share>=0.5", "speed<=1"} {
		if _, err := ParseCriterion(bad); err == nil {
			t.Errorf("ParseCriterion(%q): no error", bad)
		}
	}
}

func TestTargets(t *testing.T) {
	s, err := spec.LoadBuiltin("layouts", []spec.Override{{Path: "functions.orders.arrivals.rate", Value: "16/s"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Targets(s, []string{"functions.api.arrivals", "functions.orders.arrivals.rate", "region.scalingRate"})
	if err == nil {
		t.Fatalf("region.scalingRate is not in the file: want an error")
	}
	if !strings.Contains(err.Error(), "--scale region.scalingRate") {
		t.Errorf("error %q does not name the flag", err)
	}
	ts, err := Targets(s, []string{"functions.api.arrivals", "functions.orders.arrivals.rate"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tg := range ts {
		v, err := tg.At(2.5)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, tg.Path+"="+tg.Base+"->"+v)
	}
	want := []string{
		"functions.api.arrivals.rate=40/s->100/s",
		"functions.orders.arrivals.rate=16/s->40/s", // the --set value, not the file's
	}
	if !slices.Equal(got, want) {
		t.Errorf("targets:\n got %q\nwant %q", got, want)
	}
	for base, want := range map[string]string{"1000/10s": "1370/10s", "7": "10", "0.5": "0.685"} {
		if v, _ := (Target{Path: "x", Base: base}).At(1.37); v != want {
			t.Errorf("%s x 1.37 = %s, want %s", base, v, want)
		}
	}
}

// TestCompareIdenticalVariants: variants that change nothing (one sets a
// value to its default, one to what the file says) give columns identical
// to the base, and zero differences.
func TestCompareIdenticalVariants(t *testing.T) {
	s, err := spec.LoadBuiltin("layouts", []spec.Override{{Path: "duration", Value: "8m"}})
	if err != nil {
		t.Fatal(err)
	}
	same1, err := s.Reparse(spec.Override{Path: "hyperplane.scaleOutAt", Value: "0.8"})
	if err != nil {
		t.Fatal(err)
	}
	same2, err := s.Reparse(spec.Override{Path: "functions.api.arrivals.rate", Value: "40/s"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compare([]Layout{{"base", s}, {"same1", same1}, {"same2", same2}}, CompareOptions{Seed: 5, Replications: 3, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < 3; i++ {
		if !reflect.DeepEqual(c.Reports[0], c.Reports[i]) {
			t.Errorf("layout %s: reports differ from the base", c.Names[i])
		}
	}
	for _, r := range c.Rows() {
		for i, cell := range r.Cells {
			if cell.Value != r.Cells[0].Value || cell.Diff.Mean != 0 || cell.Diff.SD != 0 {
				t.Errorf("%s, layout %s: %+v, base %+v", r.Metric, c.Names[i], cell, r.Cells[0])
			}
		}
	}
}

// TestSweepWorkersAndShards: the records of a sweep are the same for 1 and
// 4 workers, and its three shards merge into exactly the unsharded
// JSON-lines output.
func TestSweepWorkersAndShards(t *testing.T) {
	s, err := spec.LoadBuiltin("layouts", []spec.Override{{Path: "duration", Value: "7m"}})
	if err != nil {
		t.Fatal(err)
	}
	grid := Grid{
		{Path: "functions.api.arrivals.rate", Values: []string{"20/s", "60/s"}},
		{Path: "hyperplane.creationDelay", Values: []string{"30s", "{dist: uniform, min: 60s, max: 90s}"}},
	}
	sw, err := NewSweep(s, grid, SweepOptions{Seed: 3, Replications: 3})
	if err != nil {
		t.Fatal(err)
	}
	jsonl := func(shard Shard, workers int) []byte {
		recs, err := sw.Run(shard, workers, nil)
		if err != nil {
			t.Fatal(err)
		}
		h := sw.Header
		h.Shard = shard.String()
		var b bytes.Buffer
		if err := WriteJSONL(&b, h, recs); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	one, four := jsonl(Shard{}, 1), jsonl(Shard{}, 4)
	if !bytes.Equal(one, four) {
		t.Fatalf("1 and 4 workers differ:\n%s\n%s", one, four)
	}
	var parts []Input
	for _, k := range []int{2, 0, 1} {
		parts = append(parts, Input{Name: "part", R: bytes.NewReader(jsonl(Shard{k, 3}, 2))})
	}
	h, recs, err := Merge(parts)
	if err != nil {
		t.Fatal(err)
	}
	var merged bytes.Buffer
	WriteJSONL(&merged, h, recs)
	if !bytes.Equal(merged.Bytes(), one) {
		t.Errorf("3 shards merged differ from the sweep:\n%s\n%s", merged.Bytes(), one)
	}
	res, err := Collect(h, recs)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Combinations) != 4 || res.Combinations[3].Stats[0].N != 3 {
		t.Errorf("result: %d combinations", len(res.Combinations))
	}
	// Replication r has the same seed in every combination.
	for _, r := range recs {
		if want := Seeds(3, r.Replication+1)[r.Replication]; r.Seed != want {
			t.Errorf("run %d: seed %d, want %d", r.Run, r.Seed, want)
		}
	}
	// Leaving out a shard is an error that says so.
	_, _, err = Merge([]Input{{Name: "a", R: bytes.NewReader(jsonl(Shard{0, 3}, 1))}})
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("a missing shard: %v", err)
	}
}
