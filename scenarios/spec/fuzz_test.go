package spec

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The fuzz targets check that no input makes the loader panic or hang, and
// that what it accepts is well formed. Plain `go test` runs only the seed
// corpus; run one with e.g. go test -run '^$' -fuzz 'FuzzParse$' -fuzztime 3m ./scenarios/spec

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"250ms", "90s", "30m", "2h", "14d", "1h30m", "1.5s", "90", "-5s", "0", "5 s", "µs", "1e3s",
		"9223372036854775807ns", "9223372036854775808ns", "106751d23h47m16.854775807s", "0.1ns", "0.5ns", "1e308s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			return
		}
		if d < 0 {
			t.Fatalf("ParseDuration(%q) = %v, negative", s, d)
		}
		// Go's own rendering uses units we accept, so it must read back.
		if back, err := ParseDuration(d.String()); err != nil || back != d {
			t.Fatalf("ParseDuration(%q) = %v, but %q reads back as %v, %v", s, d, d.String(), back, err)
		}
	})
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"200/s", "5/min", "1000/10s", "0.5/h", "200", "-5/s", "1/0s", "3/2h30m", "1/d",
		"1" + strings.Repeat("0", 308) + "/ns", "0." + strings.Repeat("0", 320) + "5/106751d", "1/0.1ns", "10000000/s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, per, err := ParseRateParts(s)
		r, rerr := ParseRate(s)
		if (err == nil) != (rerr == nil) {
			t.Fatalf("ParseRateParts and ParseRate disagree on %q: %v, %v", s, err, rerr)
		}
		if err != nil {
			return
		}
		if n < 0 || per <= 0 || math.IsInf(r, 0) || math.IsNaN(r) || r < 0 || (n > 0) != (r > 0) {
			t.Fatalf("ParseRateParts(%q) = %v, %v (rate %v)", s, n, per, r)
		}
	})
}

func FuzzParseVPCConfig(f *testing.F) {
	for _, s := range []string{
		"SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-app",
		"SubnetIds=subnet-a,SecurityGroupIds=sg-app,sg-db",
		"SubnetIds=[],SecurityGroupIds=[]",
		"SubnetIds=[a,b],SecurityGroupIds=[x],Ipv6AllowedForDualStack=true",
		"SecurityGroupIds=x,SubnetIds=a",
		"SubnetIds=a,,b", "=", "[", "SubnetIds=[a,SecurityGroupIds=x]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseVPCConfig(s)
		if err != nil {
			return
		}
		if (len(c.SubnetIDs) == 0) != (len(c.SecurityGroupIDs) == 0) {
			t.Fatalf("%q: subnets without security groups or the reverse: %+v", s, c)
		}
		for _, id := range append(append([]string{}, c.SubnetIDs...), c.SecurityGroupIDs...) {
			if id == "" || strings.ContainsAny(id, ",=[] \t") {
				t.Fatalf("%q gave id %q", s, id)
			}
		}
		// What was read must read back the same when written canonically.
		canon := "SubnetIds=[" + strings.Join(c.SubnetIDs, ",") + "],SecurityGroupIds=[" + strings.Join(c.SecurityGroupIDs, ",") + "]"
		if c.IPv6DualStack {
			canon += ",Ipv6AllowedForDualStack=true"
		}
		back, err := ParseVPCConfig(canon)
		if err != nil || !reflect.DeepEqual(back, c) {
			t.Fatalf("%q -> %+v; canonical %q -> %+v, %v", s, c, canon, back, err)
		}
	})
}

// fuzzSeeds are the contract's examples, the built-in scenarios and every
// scenario file in the repository's test fixtures (good and bad ones), so
// that the fuzzer starts from inputs that reach every part of the loader.
func fuzzSeeds(f *testing.F) []string {
	seeds := []string{net, withArrivals, withVariants, "", "a: 1", "- x", "a: &x [*x]", "<<: 1",
		"name: t\nduration: 1h\nfunctions: [{name: f, role: {actions: [ec2:X]}}]",
		"name: t\nduration: 106751d23h47m16.854775807s\nfunctions: [{name: f, arrivals: {process: poisson, rate: 10000000/ns}}]"}
	builtins, err := Builtins()
	if err != nil {
		f.Fatal(err)
	}
	for _, b := range builtins {
		data, err := builtinFS.ReadFile("builtin/" + b.Name + ".yaml")
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, string(data))
	}
	var files []string
	for _, glob := range []string{"testdata/*.yaml", "../testdata/*/*.yaml", "../*/testdata/*.yaml", "../../cmd/enisim/testdata/*/*.yaml"} {
		m, _ := filepath.Glob(glob)
		files = append(files, m...)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, string(data))
	}
	return seeds
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		s, err := Parse("f.yaml", data, "testdata", nil)
		if took := time.Since(start); took > 20*time.Second {
			t.Fatalf("Parse took %v on %d bytes", took, len(data))
		}
		checkParseResult(t, data, s, err)
	})
}

// FuzzOverride applies one --set to a valid scenario.
func FuzzOverride(f *testing.F) {
	for _, o := range []string{"functions.f.arrivals.rate=400/s", "vpcs.vpc-a.subnets.subnet-a.cidr=10.0.0.0/26",
		"hyperplane.scaleOutAt=0.7", "timeline.0.at=1m", "functions.f.init={dist: uniform, min: 1ms, max: 2ms}",
		"functions.g.x=1", "name.x=1", "functions.f.vpcConfig=SubnetIds=[],SecurityGroupIds=[]", "variants.fast.set=[]"} {
		f.Add(o)
	}
	f.Fuzz(func(t *testing.T, flag string) {
		o, err := ParseOverride(flag)
		if err != nil {
			return
		}
		s, err := parseSrc(withVariants, o)
		checkParseResult(t, []byte(withVariants), s, err)
	})
}

// checkParseResult checks the shape of what Parse returned: a scenario or
// an ErrorList of errors at places that exist.
func checkParseResult(t *testing.T, data []byte, s *Scenario, err error) {
	t.Helper()
	if err == nil {
		if s == nil {
			t.Fatal("no scenario and no error")
		}
		return
	}
	var list ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %v (%T) is not a non-empty ErrorList", err, err)
	}
	// YAML breaks lines at LF, CR and CRLF.
	lines := strings.Count(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") + strings.Count(string(data), "\r") -
		strings.Count(string(data), "\r\n") + 1
	for _, e := range list {
		switch {
		case strings.HasPrefix(e.Pos.File, "--set "):
		case e.Pos.File != "f.yaml" && e.Pos.File != "s.yaml":
			t.Fatalf("error in file %q: %v", e.Pos.File, e)
		case e.Pos.Line < 1 || e.Pos.Line > lines || e.Pos.Col < 0:
			t.Fatalf("error at a place that does not exist (%d lines): %v", lines, e)
		}
		if e.Msg == "" {
			t.Fatalf("empty message at %v", e.Pos)
		}
	}
}
