package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
)

// importRealworldDir is <repo root>/../shared/realworld, the real templates that
// /work/shared/realworld/README.md describes; tests that need it are
// skipped, naming the path, when it is absent. The files are read where
// they are (or copied into a temporary directory when Terraform needs its
// module layout), never into the repository.
func importRealworldDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Skip("realworld: no go.mod above the working directory")
		}
		dir = up
	}
	rw := filepath.Join(dir, "..", "shared", "realworld")
	if fi, err := os.Stat(rw); err != nil || !fi.IsDir() {
		if os.Getenv("CI") != "" { // CI must not pass without the real templates
			t.Fatalf("realworld folder %s is absent", rw)
		}
		t.Skipf("realworld folder %s is absent", rw)
	}
	return rw
}

// TestImportRealworld imports every real template through the CLI, loads
// what it wrote, runs it for 10 simulated minutes and checks the run's ENIs
// per (subnet, security-group set) key against the README: the number of
// keys, and one ENI at the peak for each (the placeholder workload of
// 1 request/s never needs a second).
func TestImportRealworld(t *testing.T) {
	rw := importRealworldDir(t)
	glob := func(pattern string) []string {
		m, _ := filepath.Glob(filepath.Join(rw, pattern))
		return m
	}
	// tf copies realworld files (flattened names) into a temporary
	// directory under the paths the configuration expects, and returns the
	// directory to import.
	tf := func(t *testing.T, root string, files map[string]string) []string {
		tmp := t.TempDir()
		for dst, src := range files {
			data, err := os.ReadFile(filepath.Join(rw, src))
			if err != nil {
				t.Fatalf("realworld file missing: %v", err)
			}
			p := filepath.Join(tmp, dst)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return []string{filepath.Join(tmp, root)}
	}
	cases := []struct {
		name   string
		source string // cloudformation | terraform
		files  func(t *testing.T) []string
		flags  []string
		keys   int // the README's expected ENIs
		// wantErr are what the import error must name; it must fail.
		wantErr []string
	}{
		{name: "1 nested stacks", source: "cloudformation",
			files: func(*testing.T) []string { return glob("YamazakiNorihito__*") },
			flags: []string{"--param", "EnvironmentName=apigateway-lambda", "--param", "TemplateKey=templates"},
			keys:  1},
		{name: "2 bookstore", source: "cloudformation",
			files: func(*testing.T) []string { return glob("aws-samples__aws-bookstore-demo-app__*") }, keys: 4},
		{name: "3 list-manager", source: "cloudformation",
			files: func(*testing.T) []string {
				return glob("awsdocs__aws-lambda-developer-guide__sample-apps-list-manager-*")
			},
			keys: 2},
		{name: "4 terraform-aws-lambda with-vpc", source: "terraform",
			files: func(t *testing.T) []string {
				return tf(t, "examples/with-vpc", map[string]string{
					"examples/with-vpc/main.tf": "terraform-aws-modules__terraform-aws-lambda__examples-with-vpc-main.tf"})
			},
			keys: 3},
		{name: "5 rds proxy with the companion VPC", source: "cloudformation",
			files: func(*testing.T) []string { return glob("aws-samples__serverless-rds-proxy-demo__*") },
			flags: []string{"--param", "Subnets=sub1Private,sub2Private,sub3Private",
				"--param", "CreateFunctionSecurityGroup=False", "--param", "LambdaSecurityGroupId=lambdaSg"},
			keys: 3},
		{name: "6 memorydb", source: "cloudformation",
			files: func(*testing.T) []string {
				return glob("aws-samples__serverless-patterns__apigw-lambda-memorydb-template.yaml")
			},
			keys: 2},
		{name: "7 aurora serverless", source: "terraform",
			files: func(t *testing.T) []string {
				return tf(t, ".", map[string]string{
					"main.tf":      "aws-samples__serverless-patterns__terraform-lambda-aurora-serverless-main.tf",
					"variables.tf": "aws-samples__serverless-patterns__terraform-lambda-aurora-serverless-variables.tf"})
			},
			keys: 2},
		{name: "8 ADConnector", source: "cloudformation",
			files:   func(*testing.T) []string { return glob("aws-cloudformation__*ADCONNECTOR.cfn.yaml") },
			wantErr: []string{"ADConnectorLambdaFunction", "ADConnectorDomainMembersSG", "PrivateSubnet1ID"}},
		{name: "9 neptune JSON", source: "cloudformation",
			files: func(*testing.T) []string { return glob("aws-samples__amazon-neptune-samples__*.json") },
			flags: []string{"--param", "PrivateSubnet1=subnet-01", "--param", "PrivateSubnet2=subnet-02",
				"--param", "NeptuneSecurityGroupId=sg-0n"},
			keys: 2},
		{name: "10 alternat", source: "terraform",
			files: func(t *testing.T) []string {
				return tf(t, "examples", map[string]string{
					"lambda.tf":             "chime__terraform-aws-alternat__lambda.tf",
					"examples/main.tf":      "chime__terraform-aws-alternat__examples-main.tf",
					"examples/variables.tf": "chime__terraform-aws-alternat__examples-variables.tf"})
			},
			keys: 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := c.files(t)
			if len(files) == 0 {
				t.Fatalf("no file of this case in %s", rw)
			}
			out := filepath.Join(t.TempDir(), "scenario.yaml")
			args := append(append([]string{"import", c.source}, files...), c.flags...)
			args = append(args, "-o", out)
			code, _, stderr := enisim(args...)
			if c.wantErr != nil {
				if code != 2 {
					t.Fatalf("exit %d, want 2 (CloudFormation rejects the template); stderr:\n%s", code, stderr)
				}
				for _, s := range c.wantErr {
					if !strings.Contains(stderr, s) {
						t.Errorf("the error does not name %s:\n%s", s, stderr)
					}
				}
				return
			}
			if code != 0 {
				t.Fatalf("exit %d; stderr:\n%s", code, stderr)
			}
			t.Log(stderr)
			keys := runScenarioFile(t, out, "10m")
			if len(keys) != c.keys {
				t.Errorf("%d ENI keys %v, want %d", len(keys), keys, c.keys)
			}
			for k, peak := range keys {
				if peak != 1 {
					t.Errorf("key %s: peak %d ENIs, want 1", k, peak)
				}
			}
		})
	}
}

// runScenarioFile loads (and so validates) the scenario at path, runs it
// for duration and returns the run's peak ENIs per key, as
// "subnet|sg1,sg2".
func runScenarioFile(t *testing.T, path, duration string) map[string]int64 {
	t.Helper()
	s, err := spec.Load(path, nil)
	if err != nil {
		t.Fatalf("the written scenario does not load: %v", err)
	}
	d, err := spec.ParseDuration(duration)
	if err != nil {
		t.Fatal(err)
	}
	x, err := scenarios.Build(s, scenarios.Options{Duration: d})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if err := x.Run(); err != nil {
		t.Fatalf("run: %v", err)
	}
	keys := map[string]int64{}
	for _, k := range x.Report().ENIs.ByKey {
		keys[spec.ENIKey(k.Subnet, k.SecurityGroups)] = k.Peak
	}
	return keys
}
