package terraform

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enisim/enisim/internal/realworld"
	"github.com/enisim/enisim/scenarios/importer"
)

// realworldDir is <repo root>/../shared/realworld, where the real
// templates its README.md lists live: the test is skipped
// when it is absent, or fails under CI. They are copied into a temporary
// directory at test time, never into the repository.
func realworldDir(t *testing.T) string {
	t.Helper()
	return realworld.Dir(t)
}

// assemble copies realworld files (flattened names) into a temporary
// directory under the relative paths Terraform needs, and returns it. A
// missing file fails the test: the README lists every one.
func assemble(t *testing.T, rw string, files map[string]string) string {
	t.Helper()
	tmp := t.TempDir()
	for dst, src := range files {
		data, err := os.ReadFile(filepath.Join(rw, src))
		if err != nil {
			t.Fatalf("real-world file missing: %v", err)
		}
		p := filepath.Join(tmp, dst)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return tmp
}

// files maps "<dir>/<name>" to the realworld file "<prefix><name with / as ->".
func files(dir, prefix string, names ...string) map[string]string {
	m := map[string]string{}
	for _, n := range names {
		m[filepath.Join(dir, n)] = prefix + strings.ReplaceAll(n, "/", "-")
	}
	return m
}

func merged(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// rwCase is one realworld README case: how to import it and what the run
// of the written scenario must give (README "Expected ENIs" and subnet
// capacities; used = the run's peak addresses in use: ENIs plus the other
// users the README lists).
type rwCase struct {
	name   string
	files  map[string]string
	kind   string // "tf", "terragrunt", "plan"
	root   string // directory or file imported, relative to the temp dir
	opts   func(dir string) Options
	keys   int
	subnet map[string]subnetWant // by CIDR
}

type subnetWant struct{ capacity, used int }

// realworldCases are every Terraform, Terragrunt and plan case of the
// realworld README (4, 7, 10, 11, 12, 13, 14, 15).
func realworldCases() []rwCase {
	const j, js, tj = "joshuansu0897__TerraformPracticeAWS__", "jcub-i0__tf-juice-lab__", "cds-snc__url-shortener__terragrunt-"
	return []rwCase{{
		name: "4 terraform-aws-lambda with-vpc", kind: "tf", root: "examples/with-vpc", keys: 3,
		// source = "../../" is the lambda module itself, absent here: it
		// is modelled as terraform-aws-modules/lambda/aws from its inputs.
		files:  map[string]string{"examples/with-vpc/main.tf": "terraform-aws-modules__terraform-aws-lambda__examples-with-vpc-main.tf"},
		subnet: map[string]subnetWant{"10.10.101.0/24": {251, 1}, "10.10.102.0/24": {251, 1}, "10.10.103.0/24": {251, 1}},
	}, {
		name: "7 lambda-aurora-serverless", kind: "tf", root: ".", keys: 2,
		files: map[string]string{
			"main.tf":      "aws-samples__serverless-patterns__terraform-lambda-aurora-serverless-main.tf",
			"variables.tf": "aws-samples__serverless-patterns__terraform-lambda-aurora-serverless-variables.tf",
		},
		// The one Aurora instance takes an address of the first subnet.
		subnet: map[string]subnetWant{"10.100.0.0/24": {251, 1}, "10.100.1.0/24": {251, 2}, "10.100.2.0/24": {251, 1}},
	}, {
		name: "10 chime alternat", kind: "tf", root: "examples", keys: 2,
		files: map[string]string{
			"lambda.tf":             "chime__terraform-aws-alternat__lambda.tf",
			"examples/main.tf":      "chime__terraform-aws-alternat__examples-main.tf",
			"examples/variables.tf": "chime__terraform-aws-alternat__examples-variables.tf",
		},
		// The module's EC2 interface endpoint (README: one per AZ's first
		// private subnet) is in its main.tf, which the folder does not
		// have: only the ENI is counted.
		subnet: map[string]subnetWant{"10.10.20.0/24": {251, 1}, "10.10.21.0/24": {251, 1}},
	}, {
		name: "11 TerraformPracticeAWS (dev.auto.tfvars)", kind: "tf", root: ".", keys: 2,
		files: merged(map[string]string{"main.tf": j + "main.tf", "variables.tf": j + "variables.tf", "dev.auto.tfvars": j + "dev.auto.tfvars"},
			files("modules", j+"modules-", "vps/main.tf", "vps/output.tf", "vps/data.tf", "vps/variables.tf",
				"lambda/lambda.tf", "lambda/roles.tf", "lambda/variables.tf",
				"instances/security_group.tf", "instances/output.tf", "instances/variables.tf")),
		// The private ELB and ASG of the README are in files the folder
		// does not have: only the ENI is counted.
		subnet: map[string]subnetWant{"10.0.3.0/24": {251, 1}, "10.0.4.0/24": {251, 1}},
	}, {
		name: "12 url-shortener terragrunt", kind: "terragrunt", root: "terragrunt/env/staging/api", keys: 3,
		files: merged(map[string]string{
			"terragrunt/env/terragrunt.hcl":                 tj + "env-terragrunt.hcl",
			"terragrunt/env/common/common_variables.tf":     tj + "env-common-common_variables.tf",
			"terragrunt/env/staging/env_vars.hcl":           tj + "env-staging-env_vars.hcl",
			"terragrunt/env/staging/api/terragrunt.hcl":     tj + "env-staging-api-terragrunt.hcl",
			"terragrunt/env/staging/network/terragrunt.hcl": tj + "env-staging-network-terragrunt.hcl",
			"terragrunt/aws/api/lambda.tf":                  tj + "aws-api-lambda.tf",
			"terragrunt/aws/api/inputs.tf":                  tj + "aws-api-inputs.tf",
			"terragrunt/aws/network/vpc.tf":                 tj + "aws-network-vpc.tf",
			"terragrunt/aws/network/security_groups.tf":     tj + "aws-network-security_groups.tf",
			"terragrunt/aws/network/outputs.tf":             tj + "aws-network-outputs.tf",
		}, files("modules", "cds-snc__terraform-modules__", "vpc/main.tf", "vpc/locals.tf", "vpc/inputs.tf",
			"lambda/main.tf", "lambda/vpc_policies.tf", "lambda/input.tf")),
		opts: func(dir string) Options {
			return Options{ModuleDirs: map[string]string{"github.com/cds-snc/terraform-modules": filepath.Join(dir, "modules")}}
		},
		// One private subnet per AZ of ca-central-1, each with the logs
		// interface endpoint; the staging NAT gateway in public subnet 0.
		subnet: map[string]subnetWant{"10.0.0.0/24": {251, 2}, "10.0.1.0/24": {251, 2}, "10.0.2.0/24": {251, 2}, "10.0.3.0/24": {251, 1}},
	}, {
		name: "13 tf-juice-lab", kind: "tf", root: ".", keys: 3,
		files: merged(map[string]string{"main.tf": js + "main.tf", "variables.tf": js + "variables.tf"},
			files("modules", js+"modules-", "network/main.tf", "network/variables.tf", "network/outputs.tf",
				"lambda/main.tf", "lambda/variables.tf", "endpoints/main.tf", "endpoints/variables.tf",
				"endpoints/outputs.tf", "iam/data.tf", "iam/main.tf")),
		// Three ENIs and eight interface endpoints: 11 of 251.
		subnet: map[string]subnetWant{"10.0.2.0/24": {251, 11}, "10.0.1.0/28": {11, 1}},
	}, {
		name: "14 terraform-compliance issue_522 plan", kind: "plan", root: "plan.json", keys: 3,
		files: map[string]string{"plan.json": "terraform-compliance__cli__tests-functional-test_issue_522-plan.out.json"},
	}, {
		name: "15 terraform-compliance issue-249 plan", kind: "plan", root: "plan.json", keys: 2,
		files: map[string]string{"plan.json": "terraform-compliance__cli__tests-functional-test_issue-249-plan.out.json"},
	}}
}

// TestRealWorld imports every case, writes the scenario, and runs it as
// written (importer.Verify): the keys, the ENIs, no refused function, and
// the subnets' capacities and addresses in use.
func TestRealWorld(t *testing.T) {
	rw := realworldDir(t)
	for _, c := range realworldCases() {
		t.Run(c.name, func(t *testing.T) {
			dir := assemble(t, rw, c.files)
			opts := Options{}
			if c.opts != nil {
				opts = c.opts(dir)
			}
			path := filepath.Join(dir, c.root)
			var l *importer.Layout
			var err error
			switch c.kind {
			case "terragrunt":
				l, err = ImportTerragrunt(path, opts)
			case "plan":
				l, err = ImportPlan(path)
			default:
				l, err = Import([]string{path}, opts)
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := len(pairs(l)); got != c.keys {
				t.Errorf("import: %d ENI keys %q, want %d\n%s", got, pairs(l), c.keys, describe(l))
			}
			var buf bytes.Buffer
			if err := importer.WriteScenario(&buf, l, importer.WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			sum, err := importer.Verify("case.yaml", buf.Bytes(), dir)
			if err != nil {
				t.Fatalf("written scenario: %v\n%s", err, buf.String())
			}
			if len(sum.Keys) != c.keys || sum.ENIs != int64(c.keys) || len(sum.Refused) != 0 {
				t.Errorf("run: %s (refused %v), want %d keys and ENIs", sum.Line(), sum.Refused, c.keys)
			}
			cidrs := subnetCIDRs(l)
			byID := map[string]importer.SubnetSummary{}
			for _, s := range sum.Subnets {
				byID[s.ID] = s
			}
			for cidr, want := range c.subnet {
				found := false
				for id, got := range cidrs {
					if got != cidr {
						continue
					}
					found = true
					if s := byID[id]; s.CapacityIPs != want.capacity || s.PeakIPsUsed != int64(want.used) {
						t.Errorf("subnet %s (%s): capacity %d, peak used %d; want %d and %d", id, cidr, s.CapacityIPs, s.PeakIPsUsed, want.capacity, want.used)
					}
				}
				if !found {
					t.Errorf("no subnet %s; have %v", cidr, cidrs)
				}
			}
		})
	}
}
