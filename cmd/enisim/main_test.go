package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"github.com/enisim/enisim/scenarios"
	"os"
	"strconv"
	"strings"
	"testing"

	goldenfile "github.com/enisim/enisim/internal/golden"
)

// Bad input is refused with file:line:col and exit 2, never a panic.
func TestBadScenariosExit2WithPosition(t *testing.T) {
	cases := map[string]string{
		"bare-number.yaml":   "bare-number.yaml:2:11: duration",
		"unknown-key.yaml":   `unknown-key.yaml:3:1: top level: unknown key "functons"`,
		"undefined-id.yaml":  `undefined-id.yaml:10:16: functions.f.vpcConfig: subnet "subnet-x" is not defined`,
		"bad-cidr.yaml":      "bad-cidr.yaml:6:46:",
		"bad-shorthand.yaml": `bad-shorthand.yaml:10:16: functions.f.vpcConfig: unknown key "SecurityGroups"`,
		"negative-rate.yaml": "negative-rate.yaml:5:40:",
		"empty.yaml":         "empty.yaml:1:1: the file is empty",
		"binary.yaml":        "binary.yaml:1:1: binary content",
	}
	for file, want := range cases {
		for _, cmd := range []string{"run", "validate"} {
			code, out, errs := enisim(cmd, "testdata/bad/"+file)
			if code != 2 || out != "" || !strings.Contains(errs, want) {
				t.Errorf("%s %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", cmd, file, code, out, errs, want)
			}
		}
	}
}

func TestUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Usage:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"rn"}, 2, `unknown command "rn"; did you mean "run"?`},
		{[]string{"sweeep"}, 2, `did you mean "sweep"?`},
		{[]string{"run", "defalt"}, 2, `defalt: no such file, and no built-in scenario of that name (enisim list shows them); did you mean "default"?`},
		{[]string{"compare", "layout"}, 2, `did you mean "layouts"?`},
		{[]string{"trace", "inspetc"}, 2, `did you mean "inspect"?`},
		{[]string{"run", "--format", "xml"}, 2, `--format "xml"`},
		{[]string{"run", "--duration", "90"}, 2, "--duration"},
		{[]string{"run", "--seed", "minus"}, 2, "invalid argument"},
		{[]string{"run", "no-such-scenario"}, 2, "no such file, and no built-in scenario"},
		{[]string{"run", "a", "b"}, 2, "one scenario"},
		{[]string{"run", "pending-block", "--set", "nopath"}, 2, "--set nopath"},
		{[]string{"run", "pending-block", "--set", "functions.nobody.memory=512"}, 2, "orders"},
		{[]string{"run", "pending-block", "--set", "functions.orders.arrivals.rate=100000000/s"}, 2, "far beyond what a Lambda account serves"},
		{[]string{"validate"}, 2, "validate takes one scenario"},
		{[]string{"list", "extra"}, 2, "no arguments"},
	}
	for _, c := range cases {
		code, _, errs := enisim(c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("enisim %v: exit %d, stderr %q; want %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
}

// Every command's --help explains its flags on stdout (so that
// `enisim sweep --help | less` shows it) and exits 0; `enisim help NAME`
// prints the same.
func TestHelp(t *testing.T) {
	for _, c := range commands() {
		code, out, errs := enisim(c.name, "--help")
		if code != 0 || errs != "" || !strings.Contains(out, "Usage: enisim "+c.name) {
			t.Errorf("%s --help: exit %d, stdout %q, stderr %q", c.name, code, out, errs)
		}
		code, out2, _ := enisim("help", c.name)
		if code != 0 || out2 != out {
			t.Errorf("help %s: exit %d, and not what %s --help prints:\n%s", c.name, code, c.name, out2)
		}
	}
	if code, _, errs := enisim("help", "rn"); code != 2 || !strings.Contains(errs, `did you mean "run"?`) {
		t.Errorf("help rn: exit %d, %q", code, errs)
	}
	code, out, _ := enisim("help")
	if code != 0 || !strings.Contains(out, "run") {
		t.Errorf("help: exit %d, %q", code, out)
	}
}

func TestRunTableGolden(t *testing.T) {
	code, out, errs := enisim("run", "pending-block")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "run/pending-block.txt", []byte(out))
}

func TestRunCSVGolden(t *testing.T) {
	code, out, errs := enisim("run", "subnet-exhaustion", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "run/subnet-exhaustion.csv", []byte(out))
}

// JSON output has the contract's fields and is the same for the same seed.
func TestRunJSONContract(t *testing.T) {
	_, a, _ := enisim("run", "shared-eni", "--format", "json", "--seed", "9")
	_, b, _ := enisim("run", "shared-eni", "--format", "json", "--seed", "9")
	if a != b {
		t.Fatal("same seed, different JSON")
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(a), &r); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"scenario", "seed", "simulatedSeconds", "enis", "subnets", "functions", "engine"} {
		if _, ok := r[k]; !ok {
			t.Errorf("no %q in the report", k)
		}
	}
	if r["seed"].(float64) != 9 {
		t.Errorf("seed %v, want 9", r["seed"])
	}
	f := r["functions"].([]any)[0].(map[string]any)
	for _, k := range []string{"name", "state", "stateReasonCode", "invocations", "succeeded", "throttled", "inFlight",
		"errors", "retries", "concurrency", "environments", "coldStarts", "coldStartDelay", "eniWait", "pendingSeconds", "controlPlane"} {
		if _, ok := f[k]; !ok {
			t.Errorf("no %q in a function", k)
		}
	}
}

func TestDurationFlag(t *testing.T) {
	_, out, _ := enisim("run", "pending-block", "--format", "json", "--duration", "90s")
	var r struct {
		SimulatedSeconds float64
		Functions        []struct{ Invocations int }
	}
	if err := json.NewDecoder(bytes.NewReader([]byte(out))).Decode(&r); err != nil {
		t.Fatal(err)
	}
	if r.SimulatedSeconds != 90 || r.Functions[0].Invocations != 900 {
		t.Errorf("simulated %v s, %d invocations; want 90, 900", r.SimulatedSeconds, r.Functions[0].Invocations)
	}
}

// The functions table adds up as the report's conservation law does:
// invocations = succeeded + errors + throttled + in flight, on a run whose
// callers retry (layouts) and one whose do not (pending-block).
func TestFunctionsTableAddsUp(t *testing.T) {
	for _, name := range []string{"layouts", "pending-block", "default"} {
		_, out, _ := enisim("run", name, "--duration", "10m")
		i := strings.Index(out, "Functions (delays in seconds)")
		if i < 0 {
			t.Fatalf("%s: no functions table", name)
		}
		rows := 0
		for _, line := range strings.Split(out[i:], "\n")[4:] {
			if !strings.HasPrefix(line, "|") {
				break
			}
			c := strings.Split(line, "|")
			n := func(k int) int64 {
				v, err := strconv.ParseInt(strings.TrimSpace(c[k]), 10, 64)
				if err != nil {
					t.Fatalf("%s: column %d of %q: %v", name, k, line, err)
				}
				return v
			}
			inv, sum := n(3), n(4)+n(5)+n(6)+n(7)
			if inv != sum {
				t.Errorf("%s: %q: %d invocations, %d in the columns", name, line, inv, sum)
			}
			if inv > 0 {
				rows++
			}
		}
		if rows == 0 {
			t.Errorf("%s: no function was invoked", name)
		}
	}
}

// A run of years is cut into slices for progress and memory sampling; the
// slices' ends must reach the run's end exactly. (End*i/50 overflowed past
// 5.8 years: a 10-year run stopped at 50,808 hours and said so.)
func TestLongRunReachesItsEnd(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		duration string
		seconds  float64
	}{{"3650d", 3650 * 86400}, {"106751d", 106751 * 86400},
		// The longest of all is the engine's Forever: the clock still
		// moves to it (it stopped at the last event, 98%), and the text
		// header does not wrap negative.
		{"9223372036854775807ns", 9223372036.854775807}} {
		p := writeIn(t, dir, "long.yaml", `name: long
duration: `+c.duration+`
functions:
  - {name: f, arrivals: {process: constant, rate: 1/100000h}}
`)
		code, out, stderr := enisim("run", p, "--format", "json")
		var r struct{ SimulatedSeconds float64 }
		if err := json.Unmarshal([]byte(out), &r); code != 0 || err != nil {
			t.Fatalf("%s: exit %d, %v: %s", c.duration, code, err, stderr)
		}
		if r.SimulatedSeconds != c.seconds {
			t.Errorf("%s: simulated %v s, want %v", c.duration, r.SimulatedSeconds, c.seconds)
		}
		if _, text, _ := enisim("run", p); strings.Contains(strings.SplitN(text, "\n", 2)[0], "-") {
			t.Errorf("%s: header %q", c.duration, strings.SplitN(text, "\n", 2)[0])
		}
	}
}

// fullVPC is a VPC whose two subnets have no free address: a function in
// it goes Failed and every invoke fails.
const fullVPC = `vpcs:
  - id: vpc-full
    subnets:
      - {id: subnet-a, az: us-east-1a, cidr: 10.0.0.0/28, usedIPs: 11}
      - {id: subnet-b, az: us-east-1b, cidr: 10.0.1.0/28, usedIPs: 11}
    securityGroups: [sg-1]
`

// Delays from a user's file of up to 292 years, added to a late clock,
// used to wrap round to a negative time and panic the engine ("time ... is
// before now"): a retry's doubling backoff 146 years into a run, a
// keep-alive as long as the run. They now saturate, and the run ends.
func TestCenturiesOfDelayDoNotWrap(t *testing.T) {
	dir := t.TempDir()
	for name, fn := range map[string]string{
		"retry": `{name: f, vpcConfig: "SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-1", arrivals: {process: poisson, rate: 1/1000d}, retry: {attempts: 100, backoff: 1s}}`,
		"keep":  `{name: f, keepAlive: 106751d, arrivals: {process: poisson, rate: 1/1000d}}`,
	} {
		p := writeIn(t, dir, name+".yaml", "name: "+name+"\nduration: 106751d\n"+fullVPC+"functions:\n  - "+fn+"\n")
		code, out, stderr := enisim("run", p, "--format", "json")
		var r struct{ SimulatedSeconds float64 }
		if err := json.Unmarshal([]byte(out), &r); code != 0 || err != nil || r.SimulatedSeconds != 106751*86400 {
			t.Errorf("%s: exit %d, simulated %v s, %v: %s", name, code, r.SimulatedSeconds, err, stderr)
		}
	}
}

// A retry due past the end of time is no retry (the spec: "a wait that
// would pass the end of time means no further attempt"): the attempt is
// the request's last and its error is counted, not left in flight.
func TestRetryPastTheEndOfTimeIsNoRetry(t *testing.T) {
	p := writeIn(t, t.TempDir(), "r.yaml", "name: r\nduration: 1m\n"+fullVPC+`functions:
  - {name: f, vpcConfig: "SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-1", arrivals: {process: constant, rate: 1/s}, retry: {attempts: 5, backoff: 9223372036854775807ns}}
`)
	_, out, stderr := enisim("run", p, "--format", "json")
	var r struct {
		Functions []struct {
			Invocations, Retries, InFlight int64
			Errors                         map[string]int64
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, stderr)
	}
	f := r.Functions[0]
	if f.Invocations != 60 || f.Retries != 0 || f.InFlight != 0 || f.Errors["SubnetIPAddressLimitReachedException"] != 60 {
		t.Errorf("%d invocations, %d retries, %d in flight, errors %v; want 60 failed, no retry", f.Invocations, f.Retries, f.InFlight, f.Errors)
	}
}

// list --show prints a built-in's source, byte for byte, which loads as
// the built-in does (a template to copy).
func TestListShow(t *testing.T) {
	want, err := os.ReadFile("../../scenarios/spec/builtin/layouts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := enisim("list", "--show", "layouts")
	if code != 0 || out != string(want) {
		t.Errorf("list --show layouts: exit %d, not the file's bytes:\n%s", code, goldenfile.FirstDiff(string(want), out))
	}
	if code, _, errs := enisim("list", "--show", "layout"); code != 2 || !strings.Contains(errs, `did you mean "layouts"?`) {
		t.Errorf("list --show layout: exit %d, %q", code, errs)
	}
}

// A report's lists are [] when empty, never null (a scenario with no
// function, no VPC, no ENI).
func TestReportListsAreNeverNull(t *testing.T) {
	p := writeIn(t, t.TempDir(), "e.yaml", "name: e\nduration: 1m\nfunctions: []\n")
	_, out, stderr := enisim("run", p, "--format", "json")
	if strings.Contains(out, "null") || !strings.Contains(out, `"functions": []`) {
		t.Errorf("%s%s", out, stderr)
	}
}

// The CSV carries the JSON report's values (help and README promise "the
// same values"): the ones it once left out, checked against the JSON.
func TestRunCSVHasTheJSONValues(t *testing.T) {
	const file = "../../scenarios/testdata/permissions/update-role-scaleout.yaml" // a key blocked
	_, js, _ := enisim("run", file, "--format", "json")
	_, cs, _ := enisim("run", file, "--format", "csv")
	var r scenarios.Report
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(cs)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	value := map[[3]string]string{}
	for _, row := range rows {
		value[[3]string{row[0], row[1], row[2]}] = row[3]
	}
	k, s, f := r.ENIs.ByKey[0], r.Subnets[0], r.Functions[0]
	for _, b := range r.ENIs.ByKey {
		if b.Blocked != "" {
			k = b
			break
		}
	}
	key := k.Subnet + "+[" + strings.Join(k.SecurityGroups, ",") + "]"
	for _, c := range []struct {
		section, id, metric, want string
	}{
		{"enis", "all", "final", strconv.FormatInt(r.ENIs.Final, 10)},
		{"key", key, "final", strconv.FormatInt(k.Final, 10)},
		{"key", key, "blocked", k.Blocked},
		{"subnet", s.ID, "meanIPsUsed", strconv.FormatFloat(s.MeanIPsUsed, 'f', 6, 64)},
		{"subnet", s.ID, "cidr", s.CIDR},
		{"function", f.Name, "lastUpdateStatus", f.LastUpdateStatus},
		{"function", f.Name, "keys", strings.Join(f.Keys, " ")},
		{"function", f.Name, "eniWaitP50", strconv.FormatFloat(f.ENIWait.P50, 'f', 6, 64)},
		{"function", f.Name, "controlPlane.CreateFunction.ok", strconv.Itoa(f.ControlPlane["CreateFunction"]["ok"])},
	} {
		if got, ok := value[[3]string{c.section, c.id, c.metric}]; !ok || got != c.want {
			t.Errorf("CSV %s %s %s: %q (present %v), want the JSON's %q", c.section, c.id, c.metric, got, ok, c.want)
		}
	}
	if k.Blocked == "" {
		t.Errorf("no key of the scenario is blocked: the check of blocked checks nothing")
	}
}
