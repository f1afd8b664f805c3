package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/enisim/enisim/internal/realworld"
)

// TestImportSummaryIsTheRun imports each CloudFormation, SAM, CDK and
// Serverless case of the realworld folder through the CLI with
// --format json, then loads and runs the written file on its own (as
// 'enisim run' would): the keys and ENIs the import reported must be the
// run's, and the README's count.
func TestImportSummaryIsTheRun(t *testing.T) {
	rw := realworld.Dir(t)
	glob := func(patterns ...string) []string {
		var out []string
		for _, p := range patterns {
			m, _ := filepath.Glob(filepath.Join(rw, p))
			out = append(out, m...)
		}
		return out
	}
	cases := []struct {
		name, source string
		files        []string
		flags        []string
		enis         int // the README's expected ENIs
	}{
		{"1 nested stacks", "cloudformation", glob("YamazakiNorihito__*"),
			[]string{"--param", "EnvironmentName=apigateway-lambda", "--param", "TemplateKey=templates"}, 1},
		{"2 bookstore", "cloudformation", glob("aws-samples__aws-bookstore-demo-app__*"), nil, 4},
		{"3 list-manager", "cloudformation", glob("awsdocs__aws-lambda-developer-guide__sample-apps-list-manager-*"), nil, 2},
		{"5 rds proxy", "cloudformation", glob("aws-samples__serverless-rds-proxy-demo__*"),
			[]string{"--param", "Subnets=sub1Private,sub2Private,sub3Private", "--param", "CreateFunctionSecurityGroup=False",
				"--param", "LambdaSecurityGroupId=lambdaSg"}, 3},
		{"6 memorydb", "sam", glob("aws-samples__serverless-patterns__apigw-lambda-memorydb-template.yaml"), nil, 2},
		{"9 neptune", "cloudformation", glob("aws-samples__amazon-neptune-samples__*.json"),
			[]string{"--param", "PrivateSubnet1=subnet-01", "--param", "PrivateSubnet2=subnet-02", "--param", "NeptuneSecurityGroupId=sg-0n"}, 2},
		{"16 parent and child", "cloudformation", glob("gford1000-aws__*"),
			[]string{"--param", "VPCTemplateURL=https://s3.amazonaws.com/my-bucket/create_vpc.cform"}, 3},
		{"17 CDK", "cdk", glob("awslabs__aws-solutions-constructs__*.template.json"), nil, 4},
		{"18 serverless", "serverless", glob("alexdebrie__serverless-vpc-examples__vpc-endpoint-serverless.yml"), nil, 2},
		{"19 SAM globals", "sam", glob("aws__serverless-application-model__tests-translator-input-globals_for_function.yaml"), nil, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if len(c.files) == 0 {
				t.Fatalf("no file of this case in %s", rw)
			}
			out := filepath.Join(t.TempDir(), "scenario.yaml")
			args := append(append([]string{"import", c.source}, c.files...), c.flags...)
			code, stdout, stderr := enisim(append(args, "-o", out, "--format", "json")...)
			if code != 0 {
				t.Fatalf("exit %d; stderr:\n%s", code, stderr)
			}
			var r struct {
				Summary struct {
					Keys []string
					ENIs int64
				}
			}
			if err := json.Unmarshal([]byte(stdout), &r); err != nil {
				t.Fatalf("%v:\n%s", err, stdout)
			}
			run := runScenarioFile(t, out, "1h")
			var keys []string
			for k := range run {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			if !slices.Equal(r.Summary.Keys, keys) || r.Summary.ENIs != int64(c.enis) || len(keys) != c.enis {
				t.Errorf("import says keys %q and %d ENIs; the run has %q; the README %d", r.Summary.Keys, r.Summary.ENIs, keys, c.enis)
			}
		})
	}
}
