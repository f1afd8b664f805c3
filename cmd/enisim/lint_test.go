package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// The lint goldens: go test ./cmd/enisim -run Lint -update rewrites them.
// The policies are the Lambda Developer Guide's examples in
// eni/iam/testdata (its README says where each comes from).
var lintGoldens = []struct {
	golden string
	args   []string
	code   int
}{
	// The subnet Deny as the docs' prose reads it: plain StringEquals with
	// a list on the multivalued lambda:SubnetIds. IAM001, exit 1.
	{"deny-subnets-plain.golden", []string{"../../eni/iam/testdata/lambda-deny-subnets-plain.json"}, 1},
	// The docs' JSON for the same Deny (ForAnyValue): nothing to report.
	{"deny-subnets-sgs.golden", []string{"../../eni/iam/testdata/lambda-deny-subnets-sgs.json"}, 0},
	// ForAllValues in an Allow without a Null guard: IAM002, a warning.
	{"allow-subnets.golden", []string{"../../eni/iam/testdata/lambda-allow-subnets.json"}, 0},
	{"orders.golden", []string{"testdata/lint/orders.yaml"}, 1},
	{"orders.json.golden", []string{"testdata/lint/orders.yaml", "--format", "json"}, 1},
	{"orders.sarif.golden", []string{"testdata/lint/orders.yaml", "-f", "sarif"}, 1},
	// A built-in scenario by name: infos and a warning only, exit 0.
	{"default.golden", []string{"default"}, 0},
}

func TestLintGolden(t *testing.T) {
	for _, g := range lintGoldens {
		t.Run(g.golden, func(t *testing.T) {
			code, out, errs := enisim(append([]string{"lint"}, g.args...)...)
			if code != g.code {
				t.Errorf("exit %d, want %d; stderr %q", code, g.code, errs)
			}
			if want := "enisim: lint: "; (code == 1) != strings.HasPrefix(errs, want) {
				t.Errorf("stderr %q", errs)
			}
			golden(t, "lint/"+g.golden, []byte(out))
		})
	}
}

func TestLintUsage(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{nil, "lint takes one scenario or policy file, got 0"},
		{[]string{"a.json", "b.json"}, "got 2 arguments"},
		{[]string{"testdata/lint/orders.yaml", "--format", "xml"}, `--format "xml"`},
		{[]string{"testdata/lint/missing.json"}, "no such file"},
		{[]string{"no-such-scenario"}, "no such file, and no built-in scenario"},
		{[]string{"testdata/bad/unknown-key.yaml"}, `unknown key "functons"`},
	}
	for _, c := range cases {
		code, out, errs := enisim(append([]string{"lint"}, c.args...)...)
		if code != 2 || out != "" || !strings.Contains(errs, c.want) {
			t.Errorf("lint %v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, out, errs, c.want)
		}
	}
	code, errs, _ := enisim("lint", "--help")
	if code != 0 || !strings.Contains(errs, "Exit status: 0 when no finding is an error") {
		t.Errorf("--help: exit %d, %q", code, errs)
	}
}

// TestLintSARIF checks the SARIF log's structure: the 2.1.0 version and
// schema, one run whose driver lists each rule once, and results whose
// ruleId and ruleIndex point at a rule, with a SARIF level, a message and
// a location with a line.
func TestLintSARIF(t *testing.T) {
	_, out, _ := enisim("lint", "testdata/lint/orders.yaml", "--format", "sarif")
	var log struct {
		Version string `json:"version"`
		Schema  string `json:"$schema"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name           string `json:"name"`
					InformationURI string `json:"informationUri"`
					Rules          []struct {
						ID                   string `json:"id"`
						Name                 string `json:"name"`
						ShortDescription     struct{ Text string }
						HelpURI              string `json:"helpUri"`
						DefaultConfiguration struct{ Level string }
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct{ StartLine, StartColumn int }
					}
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&log); err != nil {
		t.Fatalf("not the SARIF subset expected: %v", err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("version %q, schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	levels := []string{"error", "warning", "note"}
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.Name == "" || r.ShortDescription.Text == "" || !slices.Contains(levels, r.DefaultConfiguration.Level) || slices.Contains(ids, r.ID) {
			t.Errorf("rule %+v", r)
		}
		ids = append(ids, r.ID)
	}
	if run.Tool.Driver.Name != "enisim" || len(run.Results) != 9 {
		t.Fatalf("driver %q, %d results, want enisim and the 9 findings of orders.golden", run.Tool.Driver.Name, len(run.Results))
	}
	errorsSeen := 0
	for _, r := range run.Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(ids) || ids[r.RuleIndex] != r.RuleID {
			t.Errorf("result %s: ruleIndex %d does not point at its rule", r.RuleID, r.RuleIndex)
		}
		if !slices.Contains(levels, r.Level) || r.Message.Text == "" {
			t.Errorf("result %s: level %q, message %q", r.RuleID, r.Level, r.Message.Text)
		}
		if len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != "testdata/lint/orders.yaml" ||
			r.Locations[0].PhysicalLocation.Region == nil || r.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			t.Errorf("result %s: locations %+v", r.RuleID, r.Locations)
		}
		if r.Level == "error" {
			errorsSeen++
		}
	}
	if errorsSeen != 3 {
		t.Errorf("%d error results, want 3 (IAM001, IAM008 twice)", errorsSeen)
	}
}

// validate checks region.caller too: a policy that does not parse is a
// scenario error (exit 2), a caller without the EC2 Describe actions a
// warning among the loader's, in file order.
func TestValidateCaller(t *testing.T) {
	code, out, errs := enisim("validate", "../../scenarios/testdata/permissions/caller-allow-vpcs.yaml")
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != 0 || !strings.Contains(out, "3 warnings") || len(lines) != 3 ||
		!strings.Contains(lines[0], "caller-allow-vpcs.yaml:12:5: warning: region.caller: may not call ec2:DescribeSecurityGroups") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
	code, _, errs = enisim("validate", "../../scenarios/testdata/permissions/caller-bad-policy.yaml")
	if code != 2 || !strings.Contains(errs, `caller-bad-policy.yaml:6:9: region.caller.policies.0: statement 0: Statement[0]: unknown element "Actions"`) {
		t.Errorf("bad policy: exit %d, stderr %q", code, errs)
	}
}

// A function whose create AWS refuses holds no ENIs: the layout rules
// do not count it (run shows 2 ENIs, not 4).
func TestLintSkipsRefusedCreates(t *testing.T) {
	_, out, errs := enisim("lint", "testdata/lint/refused.yaml")
	if strings.Contains(out, "LAY001") {
		t.Errorf("lint counted a refused create's security groups:\n%s%s", out, errs)
	}
	_, run, _ := enisim("run", "testdata/lint/refused.yaml", "--format", "json")
	var r struct {
		ENIs struct{ Peak int } `json:"enis"`
	}
	if err := json.Unmarshal([]byte(run), &r); err != nil || r.ENIs.Peak != 2 {
		t.Errorf("run: peak %d ENIs (%v), want 2: the refused function makes none", r.ENIs.Peak, err)
	}
}
