package spec

import (
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// withArrivals is net plus arrivals and a timeline, for overrides.
const withArrivals = net + `    arrivals: {process: poisson, rate: 200/s}
timeline:
  - {at: 30m, action: UpdateFunctionCode, function: f}
`

func set(path, value string) Override { return Override{Path: path, Value: value} }

func TestOverrides(t *testing.T) {
	s, err := parseSrc(withArrivals,
		set("functions.f.arrivals.rate", "400/s"),
		set("functions.f.vpcConfig", "SubnetIds=subnet-a,SecurityGroupIds=sg-a"),
		set("vpcs.vpc-a.subnets.subnet-a.cidr", "10.0.0.0/26"),
		set("hyperplane.scaleOutAt", "0.7"), // no hyperplane section: added
		set("duration", "2h"),
		set("region.concurrency", "500"),
		set("functions.f.init", "{dist: uniform, min: 1ms, max: 2ms}"),
		set("timeline.0.at", "5m"),
		set("functions.0.memory", "1024"),
		set("description", "fix #12: faster"),
		set("vpcs.vpc-a.securityGroups", "[sg-a, sg-b]"),
	)
	if err != nil {
		t.Fatal(err)
	}
	fn := s.Functions[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"rate", fn.Arrivals[0].Rate, 400.0},
		{"subnets", fn.VPCConfig.SubnetIDs, []string{"subnet-a"}},
		{"cidr", s.VPCs[0].Subnets[0].CIDR, netip.MustParsePrefix("10.0.0.0/26")},
		{"scaleOutAt", s.Hyperplane.ScaleOutAt, 0.7},
		{"portsPerEni still default", s.Hyperplane.PortsPerENI, 65000},
		{"duration", s.Duration, 2 * time.Hour},
		{"concurrency", s.Region.Concurrency, 500},
		{"init", fn.Init, Dist{Kind: "uniform", Min: time.Millisecond, Max: 2 * time.Millisecond, Pos: Pos{File: "--set functions.f.init={dist: uniform, min: 1ms, max: 2ms}"}}},
		{"timeline", s.Timeline[0].At, 5 * time.Minute},
		{"memory by index", fn.Memory, 1024},
		{"description kept as written", s.Description, "fix #12: faster"},
		{"security groups", s.VPCs[0].SecurityGroups, []string{"sg-a", "sg-b"}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	if len(s.Overrides) != 11 || s.Overrides[0] != set("functions.f.arrivals.rate", "400/s") {
		t.Errorf("Overrides = %v", s.Overrides)
	}
}

func TestOverrideValues(t *testing.T) {
	for _, c := range []struct{ value, want string }{
		{`"quoted"`, "quoted"},
		{`'single'`, "single"},
		{``, ""},
		{`  spaced  `, "spaced"},
		{`a # not a comment`, "a # not a comment"},
		{`"a # in quotes"`, "a # in quotes"},
	} {
		s, err := parseSrc(net, set("description", c.value))
		if err != nil {
			t.Errorf("description=%s: %v", c.value, err)
			continue
		}
		if s.Description != c.want {
			t.Errorf("description=%s gives %q, want %q", c.value, s.Description, c.want)
		}
	}
}

func TestOverrideErrors(t *testing.T) {
	cases := []struct {
		o    Override
		want string
	}{
		{set("functions.g.memory", "256"),
			`--set functions.g.memory=256: functions has no element "g"; valid names: f`},
		{set("vpcs.vpc-a.subnets.subnet-z.cidr", "10.0.0.0/26"),
			`--set vpcs.vpc-a.subnets.subnet-z.cidr=10.0.0.0/26: vpcs.vpc-a.subnets has no element "subnet-z"; valid names: subnet-a, subnet-b`},
		{set("timeline.3.at", "1m"),
			`--set timeline.3.at=1m: timeline has no element "3"; valid names: 0`},
		{set("variants.0.name", "x"),
			`--set variants.0.name=x: variants is not in the scenario, so it has no element 0: a --set changes what is there; write the list in the file`},
		{set("hyperplane.scaleOutAtt", "0.7"),
			`--set hyperplane.scaleOutAtt=0.7: hyperplane: unknown key "scaleOutAtt"; valid keys: model, portsPerEni, creationDelay, scaleOutAt, idleReclaim, deleteDelay, reaperSlack, legacyEniDelay, scaleOutRetry; did you mean scaleOutAt?`},
		{set("hyperplane.scaleOutAt", "2"),
			`--set hyperplane.scaleOutAt=2: hyperplane.scaleOutAt: 2 is not in (0, 1]: it is a share of the ENIs' ports`},
		{set("duration", "90"),
			`--set duration=90: duration: "90" has no unit: durations need a unit, e.g. 90s`},
		{set("functions.f.arrivals.rate", "-1/s"),
			`--set functions.f.arrivals.rate=-1/s: functions.f.arrivals.rate: rate "-1/s" is negative`},
		{set("name.x", "1"),
			`--set name.x=1: name is "t", which has nothing named "x" inside; set the whole value instead`},
		{set("functions.f.init", "{dist: uniform"),
			`--set functions.f.init={dist: uniform: value "{dist: uniform": not valid YAML: could not find flow mapping end token '}'`},
		{set("functions.f.vpcConfig", "SubnetIds=subnet-x,SecurityGroupIds=sg-a"),
			`--set functions.f.vpcConfig=SubnetIds=subnet-x,SecurityGroupIds=sg-a: functions.f.vpcConfig: subnet "subnet-x" is not defined by any VPC; subnets: subnet-a, subnet-b`},
		{set("functions.f.arrivals", "{process: poisson}"),
			`--set functions.f.arrivals={process: poisson}: functions.f.arrivals: missing required key "rate"`},
	}
	for _, c := range cases {
		_, err := parseSrc(withArrivals, c.o)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s=%s:\n got  %v\n want %s", c.o.Path, c.o.Value, err, c.want)
		}
	}
}

func TestParseOverride(t *testing.T) {
	good := map[string]Override{
		"hyperplane.scaleOutAt=0.7": set("hyperplane.scaleOutAt", "0.7"),
		"functions.orders.vpcConfig=SubnetIds=subnet-a,SecurityGroupIds=sg-app": set("functions.orders.vpcConfig", "SubnetIds=subnet-a,SecurityGroupIds=sg-app"),
		"description=":     set("description", ""),
		" duration =1h":    set("duration", "1h"),
		"a.b={x: 1, y: 2}": set("a.b", "{x: 1, y: 2}"),
	}
	for in, want := range good {
		if got, err := ParseOverride(in); err != nil || got != want {
			t.Errorf("ParseOverride(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, msg := range map[string]string{
		"duration":     "want PATH=VALUE",
		"=1h":          "want PATH=VALUE",
		"a..b=1":       `empty name in path "a..b"`,
		"functions.=1": "empty name in path",
		".duration=1h": "empty name in path",
	} {
		if _, err := ParseOverride(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseOverride(%q): %v; want error containing %q", in, err, msg)
		}
	}
}

const withVariants = withArrivals + `variants:
  - name: fast
    set:
      functions.f.arrivals.rate: 800/s
      functions.f.init: {dist: fixed, value: 1s}
      description: "a: b"
`

func TestVariantsAndReparse(t *testing.T) {
	s, err := parseSrc(withVariants)
	if err != nil {
		t.Fatal(err)
	}
	v := s.Variants[0]
	want := []Override{set("functions.f.arrivals.rate", "800/s"), set("functions.f.init", "{dist: fixed, value: 1s}"), set("description", `"a: b"`)}
	if v.Name != "fast" || !reflect.DeepEqual(v.Set, want) || v.Pos.Line != 16 {
		t.Fatalf("variant = %+v", v)
	}
	fast, err := s.Reparse(v.Set...)
	if err != nil {
		t.Fatal(err)
	}
	if fast.Functions[0].Arrivals[0].Rate != 800 || fast.Functions[0].Init.Value != time.Second || fast.Description != "a: b" {
		t.Errorf("variant not applied: %+v", fast.Functions[0])
	}
	if s.Functions[0].Arrivals[0].Rate != 200 || s.Description != "" {
		t.Errorf("Reparse changed the original")
	}
	// The same through Parse, as the contract describes it.
	again, err := Parse(s.File, s.Source, s.BaseDir, append(s.Overrides, v.Set...))
	if err != nil || again.Functions[0].Arrivals[0].Rate != 800 {
		t.Errorf("Parse with variant: %v", err)
	}
}

// TestVariantErrors: a variant's mistakes are found when the file loads,
// at the line of the variant's setting.
func TestVariantErrors(t *testing.T) {
	src := withArrivals + `variants:
  - name: bad
    set:
      hyperplane.scaleOutAt: 2
      functions.nope.memory: 256
`
	_, err := parseSrc(src)
	checkErrors(t, err,
		`s.yaml:18:7: in variant bad: hyperplane.scaleOutAt: 2 is not in (0, 1]`,
		`s.yaml:19:7: in variant bad: functions has no element "nope"; valid names: f`)
	_, err = parseSrc(withArrivals + "variants:\n  - {name: a, set: {}}\n  - {name: a, set: []}\n")
	checkErrors(t, err,
		`s.yaml:17:5: variants: two variants are named "a"`,
		`s.yaml:17:20: variants.1.set: expected a mapping of PATH: VALUE, got a list`)
}

func TestParseFS(t *testing.T) {
	fsys := fstest.MapFS{
		"dir/ts.txt": {Data: []byte("1s\n")},
	}
	src := net + "    arrivals: {process: trace, file: ts.txt, format: timestamps}\n"
	s, err := ParseFS(fsys, "builtin:x", []byte(src), "dir", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Functions[0].Arrivals[0].Files; !reflect.DeepEqual(got, []string{"dir/ts.txt"}) {
		t.Errorf("files = %v", got)
	}
	_, err = ParseFS(fsys, "builtin:x", []byte(strings.Replace(src, "ts.txt", "nope.txt", 1)), "dir", nil)
	checkErrors(t, err, "builtin:x:12:38: file nope.txt (resolved against the scenario's directory): file does not exist")
	// Reparse keeps reading from the same file system.
	if _, err := s.Reparse(set("seed", "9")); err != nil {
		t.Errorf("Reparse: %v", err)
	}
}
