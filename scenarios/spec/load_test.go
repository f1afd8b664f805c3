package spec

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// net is a valid scenario of 11 lines; cases append lines 12 and on, or
// replace a line, so positions in the expectations can be counted.
const net = `name: t
duration: 1h
vpcs:
  - id: vpc-a
    subnets:
      - {id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/24}
      - {id: subnet-b, az: us-east-1b, cidr: 10.0.1.0/24}
    securityGroups: [sg-a]
functions:
  - name: f
    vpcConfig: SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-a
`

// edit returns net with line n (1-based) replaced by text.
func edit(n int, text string) string {
	lines := strings.Split(net, "\n")
	lines[n-1] = text
	return strings.Join(lines, "\n")
}

func TestNetIsValid(t *testing.T) {
	s, err := parseSrc(net)
	if err != nil {
		t.Fatal(err)
	}
	checkWarnings(t, s)
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"bare number duration", edit(2, "duration: 90"),
			[]string{`s.yaml:2:11: duration: "90" has no unit: durations need a unit, e.g. 90s`}},
		{"bare float duration", edit(2, "duration: 1.5"),
			[]string{`s.yaml:2:11: "1.5" has no unit`}},
		{"zero duration", edit(2, "duration: 0s"),
			[]string{`s.yaml:2:11: duration: a scenario must run for more than 0s`}},
		{"unknown top-level key", net + "hyperplan: {}\n",
			[]string{`s.yaml:12:1: top level: unknown key "hyperplan"; valid keys: version, name, description, seed, duration, region, vpcs, functions, timeline, hyperplane, variants, observed`}},
		{"unknown function key", net + "    keepalive: 5m\n",
			[]string{`s.yaml:12:5: functions.f: unknown key "keepalive" (did you mean keepAlive?); valid keys: name, vpcConfig,`}},
		{"unknown arrivals key", net + "    arrivals: {process: poisson, rat: 5/s}\n",
			[]string{`s.yaml:12:15: functions.f.arrivals: missing required key "rate"`,
				`s.yaml:12:34: functions.f.arrivals: unknown key "rat"; valid keys: process, rate`}},
		{"unknown subnet key", edit(6, "      - {id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/24, size: 3}"),
			[]string{`s.yaml:6:59: vpcs.vpc-a.subnets.subnet-a: unknown key "size"; valid keys: id, az, cidr, usedIPs`}},
		{"negative rate", net + "    arrivals: {process: poisson, rate: -5/s}\n",
			[]string{`s.yaml:12:40: functions.f.arrivals.rate: rate "-5/s" is negative`}},
		{"zero rate", net + "    arrivals: {process: constant, rate: 0/s}\n",
			[]string{`s.yaml:12:41: functions.f.arrivals.rate: rate must be more than 0`}},
		{"bare rate", net + "    arrivals: {process: poisson, rate: 200}\n",
			[]string{`s.yaml:12:40: "200" has no unit: rates are N/s`}},
		{"undefined subnet", edit(11, "    vpcConfig: SubnetIds=subnet-a,subnet-c,SecurityGroupIds=sg-a"),
			[]string{`s.yaml:11:16: functions.f.vpcConfig: subnet "subnet-c" is not defined by any VPC; subnets: subnet-a, subnet-b`}},
		{"undefined security group", edit(11, "    vpcConfig: {subnetIds: [subnet-a], securityGroupIds: [sg-a, sg-x]}"),
			[]string{`s.yaml:11:16: functions.f.vpcConfig: security group "sg-x" is not defined by any VPC; security groups: sg-a`}},
		{"malformed shorthand", edit(11, "    vpcConfig: SubnetIds=subnet-a,SecurityGroups=sg-a"),
			[]string{`s.yaml:11:16: functions.f.vpcConfig: unknown key "SecurityGroups"; valid keys: SubnetIds, SecurityGroupIds, Ipv6AllowedForDualStack`}},
		{"shorthand without security groups", edit(11, "    vpcConfig: SubnetIds=subnet-a"),
			[]string{`s.yaml:11:16: functions.f.vpcConfig: SecurityGroupIds is missing`}},
		{"long form missing key", edit(11, "    vpcConfig: {subnetIds: [subnet-a]}"),
			[]string{`s.yaml:11:16: functions.f.vpcConfig: missing required key "securityGroupIds"`}},
		{"bad CIDR", edit(6, "      - {id: subnet-a, az: us-east-1a, cidr: 10.0.0.300/24}"),
			[]string{`s.yaml:6:46: vpcs.vpc-a.subnets.subnet-a.cidr: "10.0.0.300/24" is not a CIDR block like 10.0.0.0/24`}},
		{"IPv6 CIDR", edit(6, "      - {id: subnet-a, az: us-east-1a, cidr: '2001:db8::/64'}"),
			[]string{`s.yaml:6:46: 2001:db8::/64 is not an IPv4 block`}},
		{"prefix too long", edit(6, "      - {id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/29}"),
			[]string{`s.yaml:6:46: /29 is outside the subnet sizes AWS allows (/16 to /28)`}},
		{"prefix too short", edit(6, "      - {id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/15}"),
			[]string{`s.yaml:6:46: /15 is outside the subnet sizes AWS allows (/16 to /28)`}},
		{"used IPs over capacity", edit(6, "      - {id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/24, usedIPs: 252}"),
			[]string{`s.yaml:6:68: vpcs.vpc-a.subnets.subnet-a.usedIPs: 252 addresses used but 10.0.0.0/24 has only 251 usable`}},
		{"negative used IPs", edit(6, "      - {id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/24, usedIPs: -1}"),
			[]string{`s.yaml:6:68: vpcs.vpc-a.subnets.subnet-a.usedIPs: -1 is less than 0`}},
		{"overlapping subnets", edit(7, "      - {id: subnet-b, az: us-east-1b, cidr: 10.0.0.128/25}"),
			[]string{`s.yaml:7:9: vpcs.vpc-a.subnets.subnet-b: 10.0.0.128/25 overlaps subnet subnet-a (10.0.0.0/24)`}},
		{"duplicate subnet id", edit(7, "      - {id: subnet-a, az: us-east-1b, cidr: 10.0.1.0/24}"),
			[]string{`s.yaml:7:9: subnet subnet-a is already defined at line 6`,
				`s.yaml:11:16: subnet "subnet-b" is not defined`}},
		{"security group listed twice", edit(8, "    securityGroups: [sg-a, sg-a]"),
			[]string{`s.yaml:8:28: vpcs.vpc-a.securityGroups: security group sg-a is already defined at line 8`}},
		{"security group in two VPCs", edit(3, "vpcs:\n  - {id: vpc-b, securityGroups: [sg-a]}"),
			[]string{`s.yaml:9:22: vpcs.vpc-a.securityGroups: security group sg-a is already defined at line 4`}},
		{"default security group not in the VPC", edit(3, "vpcs:\n  - {id: vpc-b, securityGroups: [sg-x], defaultSecurityGroup: sg-y}"),
			[]string{`s.yaml:4:63: vpcs.vpc-b.defaultSecurityGroup: "sg-y" is not one of the VPC's securityGroups (sg-x)`}},
		{"two default VPCs", edit(3, "vpcs:\n  - {id: vpc-b, default: true}\n  - {id: vpc-c, default: true}"),
			[]string{`s.yaml:5:26: vpcs.vpc-c.default: vpc-b is already the default VPC; an account has one`}},
		{"duplicate VPC id", edit(3, "vpcs:\n  - {id: vpc-a}"),
			[]string{`s.yaml:5:5: vpcs: vpc-a is defined twice (first at line 4)`}},
		{"duplicate function", net + "  - name: f\n",
			[]string{`s.yaml:12:5: functions: f is defined twice (first at line 10)`}},
		{"bad function name", edit(10, "  - name: f.g"),
			[]string{`s.yaml:10:11: functions.0.name: "f.g" is not a valid name (letters, digits, _ and -)`}},
		{"bad scenario name", edit(1, "name: Orders"),
			[]string{`s.yaml:1:7: name: "Orders" is not a valid name (lowercase letters, digits and -)`}},
		{"missing duration and name", strings.Join(strings.Split(net, "\n")[2:], "\n"),
			[]string{`s.yaml:1:1: top level: missing required key "name"`, `s.yaml:1:1: top level: missing required key "duration"`}},
		{"missing functions", "name: t\nduration: 1h\n",
			[]string{`s.yaml:1:1: top level: missing required key "functions"`}},
		{"missing function name", net + "  - memory: 256\n",
			[]string{`s.yaml:12:5: functions.1: missing required key "name"`}},
		{"functions not a list", "name: t\nduration: 1h\nfunctions: {name: f}\n",
			[]string{`s.yaml:3:12: functions: expected a list, got a mapping`}},
		{"timeline undefined function", net + "timeline:\n  - {at: 1m, action: DeleteFunction, function: g}\n",
			[]string{`s.yaml:13:5: timeline.0: function "g" is not defined; functions: f`}},
		{"timeline unknown action", net + "timeline:\n  - {at: 1m, action: Delete, function: f}\n",
			[]string{`s.yaml:13:22: timeline.0.action: "Delete" is not one of CreateFunction, UpdateFunctionConfiguration,`}},
		{"timeline vpcConfig on the wrong action", net + "timeline:\n  - {at: 1m, action: UpdateFunctionCode, function: f, vpcConfig: 'SubnetIds=[],SecurityGroupIds=[]'}\n",
			[]string{`s.yaml:13:66: timeline.0: only UpdateFunctionConfiguration and CreateFunction take a vpcConfig`}},
		{"timeline bad vpcConfig", net + "timeline:\n  - {at: 1m, action: UpdateFunctionConfiguration, function: f, vpcConfig: 'SubnetIds=subnet-z,SecurityGroupIds=sg-a'}\n",
			[]string{`s.yaml:13:75: timeline.0.vpcConfig: subnet "subnet-z" is not defined`}},
		{"timeline publish on the wrong action", net + "timeline:\n  - {at: 1m, action: PublishVersion, function: f, publish: true}\n",
			[]string{`s.yaml:13:60: timeline.0: only CreateFunction and UpdateFunctionCode take publish`}},
		{"timeline publish not a boolean", net + "timeline:\n  - {at: 1m, action: UpdateFunctionCode, function: f, publish: 2}\n",
			[]string{`s.yaml:13:64: timeline.0.publish: expected true or false`}},
		{"timeline version on the wrong action", net + "timeline:\n  - {at: 1m, action: PublishVersion, function: f, version: 1}\n",
			[]string{`s.yaml:13:60: timeline.0: only DeleteFunction takes a version`}},
		{"timeline version 0", net + "timeline:\n  - {at: 1m, action: DeleteFunction, function: f, version: 0}\n",
			[]string{`s.yaml:13:60: timeline.0.version: 0 is less than 1`}},
		{"UpdateRole without role", net + "timeline:\n  - {at: 1m, action: UpdateRole, function: f}\n",
			[]string{`s.yaml:13:5: timeline.0: UpdateRole needs the new role`}},
		{"scaleOutAt too big", net + "hyperplane: {scaleOutAt: 1.5}\n",
			[]string{`s.yaml:12:26: hyperplane.scaleOutAt: 1.5 is not in (0, 1]`}},
		{"scaleOutAt zero", net + "hyperplane: {scaleOutAt: 0}\n",
			[]string{`s.yaml:12:26: hyperplane.scaleOutAt: 0 is not in (0, 1]`}},
		{"portsPerEni zero", net + "hyperplane: {portsPerEni: 0}\n",
			[]string{`s.yaml:12:27: hyperplane.portsPerEni: 0 is less than 1`}},
		{"unknown model", net + "hyperplane: {model: legacy}\n",
			[]string{`s.yaml:12:21: hyperplane.model: "legacy" is not one of hyperplane, per-environment`}},
		{"connections exceed an ENI", net + "    connections: {perEnvironment: 40000, perInvocation: 30000}\n",
			[]string{`s.yaml:10:5: functions.f.connections: an environment and one invocation hold 70000 ports`}},
		{"negative concurrency", net + "region: {concurrency: -1}\n",
			[]string{`s.yaml:12:23: region.concurrency: -1 is less than 0`}},
		{"scaling rate under one", net + "region: {scalingRate: 0.5/h}\n",
			[]string{`s.yaml:12:23: region.scalingRate: 0.5/h lets less than one environment start per period`}},
		{"memory out of range", net + "    memory: 64\n",
			[]string{`s.yaml:12:13: functions.f.memory: Lambda allows 128 to 10240 MB, not 64`}},
		{"memory not a number", net + "    memory: lots\n",
			[]string{`s.yaml:12:13: functions.f.memory: expected a whole number, got "lots"`}},
		{"createAt bare number", net + "    createAt: 5\n",
			[]string{`s.yaml:12:15: functions.f.createAt (a duration, or never): "5" has no unit`}},
		{"keepAlive zero", net + "    keepAlive: 0s\n",
			[]string{`s.yaml:12:16: functions.f.keepAlive: must be more than 0s`}},
		{"seed negative", net + "seed: -3\n",
			[]string{`s.yaml:12:7: seed: expected a whole number from 0 to 2^64-1, got the number -3`}},
		{"version 2", net + "version: 2\n",
			[]string{`s.yaml:12:10: version: this is version 1 of the format; version 2 does not exist`}},
		{"retry without attempts", net + "    retry: {backoff: 1s}\n",
			[]string{`s.yaml:12:12: functions.f.retry: missing required key "attempts"`}},
		{"retry attempts without bound", net + "    retry: {attempts: 1000000000000, backoff: 0s}\n",
			[]string{`s.yaml:12:23: functions.f.retry.attempts: at most 100, not 1000000000000: after 64 doublings the backoff is past any run, and at a backoff of 0s every attempt falls in one instant`}},
		{"uniform min over max", net + "    init: {dist: uniform, min: 2s, max: 1s}\n",
			[]string{`s.yaml:12:11: functions.f.init: min 2s is more than max 1s`}},
		{"lognormal p99 under median", net + "    duration: {dist: lognormal, median: 80ms, p99: 50ms}\n",
			[]string{`s.yaml:12:15: functions.f.duration: need 0 < median < p99, got median 80ms and p99 50ms`}},
		{"lognormal mixed", net + "    duration: {dist: lognormal, median: 80ms, sigma: 1}\n",
			[]string{`s.yaml:12:15: give median and p99, or mu and sigma, not both`}},
		{"unknown dist", net + "    init: {dist: normal, mean: 1s}\n",
			[]string{`s.yaml:12:18: functions.f.init.dist: "normal" is not one of fixed, uniform, exponential, lognormal, percentiles, empirical`}},
		{"dist key missing", net + "    init: {mean: 1s}\n",
			[]string{`s.yaml:12:11: functions.f.init: missing required key "dist"`}},
		{"dist unknown key", net + "    init: {dist: exponential, mean: 1s, median: 1s}\n",
			[]string{`s.yaml:12:41: functions.f.init: unknown key "median"; valid keys: dist, mean`}},
		{"dist bare number", net + "    init: 300\n",
			[]string{`s.yaml:12:11: functions.f.init: "300" has no unit`}},
		{"percentiles decreasing", net + "    duration: {dist: percentiles, p50: 40ms, p99: 30ms}\n",
			[]string{`s.yaml:12:15: functions.f.duration: p99 (30ms) is less than p50 (40ms); values must not decrease`}},
		{"percentiles one point", net + "    duration: {dist: percentiles, p50: 40ms}\n",
			[]string{`s.yaml:12:15: a percentiles distribution needs at least two points`}},
		{"percentiles bad key", net + "    duration: {dist: percentiles, p50: 40ms, p101: 1s, q1: 1s}\n",
			[]string{`s.yaml:12:15: needs at least two points`, `s.yaml:12:46: unknown key "p101"`, `s.yaml:12:56: unknown key "q1"`}},
		{"empirical missing file", net + "    duration: {dist: empirical, file: nope.txt}\n",
			[]string{`s.yaml:12:39: functions.f.duration.file: file nope.txt (resolved against the scenario's directory): no such file or directory`}},
		{"diurnal peak under mean", net + "    arrivals: {process: diurnal, mean: 10/s, peak: 5/s}\n",
			[]string{`s.yaml:12:15: functions.f.arrivals: peak (5/s) is less than mean (10/s)`}},
		{"burst longer than period", net + "    arrivals: {process: burst, base: 0/s, burst: 9/s, every: 1m, for: 2m}\n",
			[]string{`s.yaml:12:15: functions.f.arrivals: a burst of 2m0s does not fit in every 1m0s`}},
		{"arrivals list element", net + "    arrivals: [{process: poisson, rate: 1/s}, {process: poison, rate: 1/s}]\n",
			[]string{`s.yaml:12:57: functions.f.arrivals.1.process: "poison" is not one of constant, poisson, diurnal, burst, trace`}},
		{"trace missing file", net + "    arrivals: {process: trace, file: none.txt, format: timestamps}\n",
			[]string{`s.yaml:12:38: functions.f.arrivals.file: file none.txt (resolved against the scenario's directory): no such file`}},
		{"per-minute trace with row and hashFunction", net + "    arrivals: {process: trace, file: traces/minutes.csv, format: per-minute, row: 1, hashFunction: f1}\n",
			[]string{`s.yaml:12:15: functions.f.arrivals: a per-minute trace picks its function by hashFunction or by row (1-based), not both`}},
		{"timestamps trace with row", net + "    arrivals: {process: trace, file: traces/ts.txt, format: timestamps, row: 1}\n",
			[]string{`s.yaml:12:78: functions.f.arrivals: only a per-minute trace takes row`}},
		{"role unknown key", net + "    role: {managedPolicy: [X]}\n",
			[]string{`s.yaml:12:12: functions.f.role: unknown key "managedPolicy"; valid keys: managedPolicies, actions, policies, policyFiles`}},
		{"role bad action", net + "    role: {actions: [CreateNetworkInterface]}\n",
			[]string{`s.yaml:12:22: functions.f.role.actions: "CreateNetworkInterface" is not an IAM action`}},
		{"policy file not JSON", net + "    role: {policyFiles: [policies/bad.json]}\n",
			[]string{`s.yaml:12:26: functions.f.role.policyFiles: policies/bad.json is not a JSON policy document`}},
		{"policy file without Statement", net + "    role: {policyFiles: [policies/nostatement.json]}\n",
			[]string{`s.yaml:12:26: policies/nostatement.json: a policy document needs a Statement`}},
		{"inline policy not a mapping", net + "    role: {policies: [allow-all]}\n",
			[]string{`s.yaml:12:23: functions.f.role.policies.0: expected a policy document`}},
		{"errors sorted by position", edit(11, "    vpcConfig: SubnetIds=subnet-q,SecurityGroupIds=sg-a") + "    memory: 1\n" + "seed: x\n",
			[]string{`s.yaml:11:16: subnet "subnet-q" is not defined`, `s.yaml:12:13: Lambda allows 128 to 10240 MB`, `s.yaml:13:7: seed: expected a whole number`}},
		{"unsupported tag", edit(1, "name: !Ref x"),
			[]string{`s.yaml:1:7: YAML tag !Ref is not supported`}},
		{"undefined alias", net + "    init: *nothing\n",
			[]string{`s.yaml:12:11: alias *nothing names no anchor defined before it`}},
		{"duplicate key", net + "name: u\n",
			[]string{`s.yaml:12:1: not valid YAML: mapping key "name" already defined at [1:1]`}},
		{"unclosed flow", net + "hyperplane: {model: x\n",
			[]string{`s.yaml:12:13: not valid YAML:`}},
		{"bad indentation", "name: t\nfunctions:\n  - name: a\n - name: b\n",
			[]string{`s.yaml:4:2: not valid YAML:`}},
		{"second document", net + "---\nname: u\n",
			[]string{`s.yaml:12:1: a scenario file holds one YAML document; found a second one`}},
		{"not a mapping", "- name: t\n", []string{`s.yaml:1:1: a scenario is a YAML mapping (name: ..., duration: ..., functions: ...), not a list`}},
		{"a plain string", "hello\n", []string{`s.yaml:1:1: a scenario is a YAML mapping`}},
		{"empty file", "", []string{`s.yaml:1:1: the file is empty`}},
		{"only comments", "# nothing here\n\n", []string{`s.yaml:1:1: the file is empty`}},
		{"NUL byte", "name: t\nduration: 1h\x00\n", []string{`s.yaml:2:13: binary content (a NUL byte)`}},
		{"invalid UTF-8", "name: t\n  \xff\xfe", []string{`s.yaml:2:3: binary content (invalid UTF-8)`}},
		{"deep nesting", "a: " + strings.Repeat("[", 100), []string{`s.yaml:1:68: nesting deeper than 64 levels`}},
		{"deep block lists", "a:\n" + strings.Repeat("- ", 100) + "x", []string{`s.yaml:2:1: nesting deeper than 64 levels`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := parseSrc(c.src)
			if err == nil {
				t.Fatalf("no error; warnings %v; want %q", s.Warnings, c.want)
			}
			checkErrors(t, err, c.want...)
		})
	}
}

func TestErrorFormat(t *testing.T) {
	_, err := parseSrc(edit(2, "duration: 90"))
	want := `s.yaml:2:11: duration: "90" has no unit: durations need a unit, e.g. 90s`
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v; want %s", err, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Pos != (Pos{File: "s.yaml", Line: 2, Col: 11}) {
		t.Errorf("errors.As(*Error) = %+v", e)
	}
}

// TestBinaryFile reads a real binary (a gzip header and noise), which must
// be refused with a position, not parsed.
func TestBinaryFile(t *testing.T) {
	data := []byte{0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 'a', '\n'}
	_, err := Parse("x.gz", data, ".", nil)
	checkErrors(t, err, "x.gz:1:1: binary content")
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load("testdata/does-not-exist.yaml", nil)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(missing) = %v; want a not-exist error", err)
	}
}

func TestDefaults(t *testing.T) {
	s, err := Load("testdata/minimal.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Seed != 1 || s.Duration != time.Hour || s.Name != "minimal" {
		t.Errorf("seed, duration, name = %d, %v, %q", s.Seed, s.Duration, s.Name)
	}
	wantRegion := Region{ENIQuota: 5000, Concurrency: 1000, ScalingRate: 100, ScalingBurst: 1000}
	if !reflect.DeepEqual(s.Region, wantRegion) {
		t.Errorf("region = %+v; want %+v", s.Region, wantRegion)
	}
	wantHP := Hyperplane{
		Model: "hyperplane", PortsPerENI: 65000,
		CreationDelay: Dist{Kind: "uniform", Min: 60 * time.Second, Max: 90 * time.Second},
		ScaleOutAt:    0.8, IdleReclaim: 14 * 24 * time.Hour,
		// The contract's defaults (scenario-format.md, hyperplane), written
		// out here rather than read from the named constants.
		DeleteDelay:    logn(10*time.Minute, 35*time.Minute),
		ReaperSlack:    Dist{Kind: "uniform", Min: 0, Max: time.Minute},
		LegacyENIDelay: logn(7*time.Second, 18*time.Second),
		ScaleOutRetry:  5 * time.Minute,
	}
	if !reflect.DeepEqual(s.Hyperplane, wantHP) {
		t.Errorf("hyperplane = %+v; want %+v", s.Hyperplane, wantHP)
	}
	fn := s.Functions[0]
	fn.Pos = Pos{}
	want := Function{
		Name: "hello", Memory: 128, ReservedConcurrency: -1, KeepAlive: 10 * time.Minute,
		SurplusKeepAlive: Dist{Kind: "uniform", Min: 15 * time.Minute, Max: 26 * time.Minute},
		MaxLifetime:      Dist{Kind: "uniform", Min: 110 * time.Minute, Max: 125 * time.Minute},
		ReplacementInit:  Dist{Kind: "fixed", Value: 100 * time.Millisecond},
		Init:             Dist{Kind: "fixed", Value: 300 * time.Millisecond},
		Duration:         Dist{Kind: "fixed", Value: 100 * time.Millisecond},
		Connections:      Connections{PerEnvironment: 1, PerInvocation: 1},
	}
	if !reflect.DeepEqual(fn, want) {
		t.Errorf("function = %+v\nwant %+v", fn, want)
	}
	if s.VPCs != nil || s.Timeline != nil || s.Variants != nil || s.Warnings != nil {
		t.Errorf("unexpected sections: %+v", s)
	}
}

// logn is the lognormal with this median and p99, computed here from the
// definition (p99 = exp(mu + z*sigma), z the 0.99 normal quantile).
func logn(median, p99 time.Duration) Dist {
	mu := math.Log(median.Seconds())
	const z = 2.3263478740408408 // the 0.99 quantile of N(0, 1)
	return Dist{Kind: "lognormal", Mu: mu, Sigma: (math.Log(p99.Seconds()) - mu) / z}
}

func TestFullExample(t *testing.T) {
	s, err := Load("testdata/full.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Region.Caller == nil || len(s.Region.Caller.Policies) != 2 {
		t.Fatalf("caller = %+v", s.Region.Caller)
	}
	inline := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:*","Resource":"*"}]}`
	if got := string(s.Region.Caller.Policies[0].JSON); got != inline {
		t.Errorf("inline policy JSON = %s\nwant %s", got, inline)
	}
	if f := s.Region.Caller.Policies[1].File; f != "testdata/policies/caller.json" {
		t.Errorf("policy file = %q", f)
	}
	v := s.VPCs[0]
	if v.ID != "vpc-app" || !v.NATGateway || v.ENIQuota != 250 || v.Subnets[0].UsedIPs != 10 ||
		v.Subnets[1].CIDR != netip.MustParsePrefix("10.0.1.0/24") || !reflect.DeepEqual(v.SecurityGroups, []string{"sg-app", "sg-db"}) {
		t.Errorf("vpc = %+v", v)
	}
	orders, reports, plain := s.Functions[0], s.Functions[1], s.Functions[2]
	if orders.Memory != 512 || orders.ReservedConcurrency != 100 || orders.Retry == nil || *orders.Retry != (Retry{3, time.Second}) {
		t.Errorf("orders = %+v", orders)
	}
	// lognormal from median 80ms and p99 600ms: exp(mu) is the median and
	// exp(mu + 2.326*sigma) the p99.
	d := orders.Duration
	if d.Kind != "lognormal" || math.Abs(math.Exp(d.Mu)-0.080) > 1e-12 || math.Abs(math.Exp(d.Mu+z99*d.Sigma)-0.600) > 1e-12 {
		t.Errorf("lognormal = %+v", d)
	}
	if !reports.Never || reports.VPCConfig == nil || len(reports.VPCConfig.SecurityGroupIDs) != 2 {
		t.Errorf("reports = %+v", reports)
	}
	wantPts := []Percentile{{0, 10 * time.Millisecond}, {50, 40 * time.Millisecond}, {99, 900 * time.Millisecond}, {100, 2 * time.Second}}
	if !reflect.DeepEqual(reports.Duration.Points, wantPts) {
		t.Errorf("percentiles = %+v", reports.Duration.Points)
	}
	a := reports.Arrivals
	if len(a) != 5 || a[0].Rate != 5.0/60 || a[1].Peak != 30 || a[1].Phase != 6*time.Hour ||
		a[2].Base != 1 || a[2].For != 5*time.Minute || a[3].Files[0] != "testdata/traces/ts.txt" ||
		a[4].Format != "per-minute" || a[4].Row != 1 || a[4].Spread != "poisson" || a[4].Scale != 0.5 {
		t.Errorf("arrivals = %+v", a)
	}
	if plain.Duration.File != "testdata/traces/durations.txt" || plain.Init.Mean != 250*time.Millisecond {
		t.Errorf("plain = %+v", plain)
	}
	tl := s.Timeline
	if len(tl) != 6 || tl[0].At != 30*time.Minute || tl[0].VPCConfig == nil || len(tl[0].VPCConfig.SecurityGroupIDs) != 2 ||
		tl[3].Role == nil || tl[5].Action != "CreateFunction" {
		t.Errorf("timeline = %+v", tl)
	}
	wantVariants := []Override{{"functions.orders.arrivals.rate", "400/s"}, {"functions.orders.init", "{dist: fixed, value: 1s}"}}
	if len(s.Variants) != 2 || s.Variants[0].Name != "low-scale-out" || !reflect.DeepEqual(s.Variants[1].Set, wantVariants) {
		t.Errorf("variants = %+v", s.Variants)
	}
}

// TestAnchorsAndMerge checks that aliases are copies (an override of one
// use leaves the other alone) and that merge keys yield to explicit keys.
func TestAnchorsAndMerge(t *testing.T) {
	src := `name: t
duration: 1h
functions:
  - &base {name: a, memory: 256, keepAlive: 5m}
  - <<: *base
    name: b
    memory: 512
`
	s, err := parseSrc(src, Override{Path: "functions.a.keepAlive", Value: "1m"})
	if err != nil {
		t.Fatal(err)
	}
	a, b := s.Functions[0], s.Functions[1]
	if a.Memory != 256 || b.Memory != 512 || b.Name != "b" || a.KeepAlive != time.Minute || b.KeepAlive != 5*time.Minute {
		t.Errorf("a = %+v\nb = %+v", a, b)
	}
}

func TestExpandingAliasesIsBounded(t *testing.T) {
	// A "billion laughs": each anchor lists the previous one twice, so the
	// last stands for 2^31 values.
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x]\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d]\n", i, i, i-1, i-1)
	}
	_, err := parseSrc(b.String())
	checkErrors(t, err, "s.yaml:16:18: document too large: more than 200000 values")
}

// TestComplexKeys: "? key" syntax works for a plain key, and a key that is
// a list or mapping is refused (go-yaml refuses it first).
func TestComplexKeys(t *testing.T) {
	for src, want := range map[string]string{
		"? [a]\n: 1\n":    "s.yaml:2:1: not valid YAML: found an invalid key for this map",
		"? {a: 1}\n: x\n": "s.yaml:2:1: not valid YAML: found an invalid key for this map",
		"? a\n: 1\n":      `s.yaml:1:3: top level: unknown key "a"`,
		"[a]: 1\n":        "s.yaml:1:4: not valid YAML: found an invalid key for this map",
	} {
		_, err := parseSrc(src)
		var list ErrorList
		if !errors.As(err, &list) || !strings.HasPrefix(list[0].Error(), want) {
			t.Errorf("%q: %v; want first %s", src, err, want)
		}
	}
}

// A variant may not set the seed or the duration: compare runs every
// variant on the same seeds for the same time, and ignored them.
func TestVariantCannotSetSeedOrDuration(t *testing.T) {
	for _, key := range []string{"seed", "duration"} {
		src := "name: v\nduration: 1m\nfunctions:\n  - name: f\nvariants:\n  - name: x\n    set: {" + key + ": 2}\n"
		_, err := Parse("v.yaml", []byte(src), ".", nil)
		if err == nil || !strings.Contains(err.Error(), "v.yaml:7:11: variants.0.set."+key+": variants are compared on the same seeds and duration") {
			t.Errorf("%s: %v", key, err)
		}
	}
}

// A diurnal peak above twice the mean clamps the rate at 0 for part of
// each period, so the average is above "mean": the loader says so, with
// the average, which matches a numeric integral of max(0, m + a sin t).
func TestDiurnalClampWarns(t *testing.T) {
	src := "name: d\nduration: 1h\nfunctions:\n  - name: f\n    arrivals: {process: diurnal, mean: 1/s, peak: 100/s, period: 1h}\n"
	s, err := Parse("d.yaml", []byte(src), ".", nil)
	if err != nil {
		t.Fatal(err)
	}
	const n = 1_000_000
	sum := 0.0
	for i := range n {
		sum += max(0, 1+99*math.Sin(2*math.Pi*(float64(i)+0.5)/n))
	}
	want := fmt.Sprintf("averages %.4g/s, not 1/s", sum/n)
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0].Msg, want) {
		t.Errorf("warnings %v, want one saying %q", s.Warnings, want)
	}
}

// A %YAML or %TAG directive before the document is not a second document.
func TestYAMLDirectiveIsNotADocument(t *testing.T) {
	for _, dir := range []string{"%YAML 1.2\n---\n", "%TAG !e! tag:example.com,2026:\n---\n"} {
		if _, err := Parse("s.yaml", []byte(dir+net), ".", nil); err != nil {
			t.Errorf("%q: %v", dir, err)
		}
	}
}
