package awscli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/enisim/enisim/internal/golden"
	"github.com/enisim/enisim/scenarios/importer"
	"github.com/enisim/enisim/scenarios/importer/internal/realworld"
)

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// render is what a golden file holds: the scenario, then the observed ENIs
// and the warnings the CLI prints to stderr.
func render(t *testing.T, l *importer.Layout) []byte {
	var buf bytes.Buffer
	if err := importer.WriteScenario(&buf, l, importer.WriteOptions{Output: "account.yaml"}); err != nil {
		t.Fatal(err)
	}
	buf.WriteString("# ---- observed ----\n")
	for _, o := range l.Observed {
		fmt.Fprintf(&buf, "# %s {%s}: %d\n", o.Subnet, strings.Join(o.SGs, ","), o.ENIs)
	}
	buf.WriteString("# ---- stderr ----\n")
	for _, w := range l.Warnings {
		fmt.Fprintf(&buf, "# %s\n", w)
	}
	return buf.Bytes()
}

func TestGoldenAccount(t *testing.T) {
	l, err := Import(read(t, "list-functions.json"), read(t, "describe-subnets.json"),
		read(t, "describe-security-groups.json"), read(t, "describe-network-interfaces.json"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "account.golden"), render(t, l))
}

func TestGoldenFunctionsOnly(t *testing.T) {
	l, err := Import(read(t, "list-functions.json"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "functions-only.golden"), render(t, l))
}

func TestObservedAndUsedIPs(t *testing.T) {
	l, err := Import(read(t, "list-functions.json"), read(t, "describe-subnets.json"), nil,
		read(t, "describe-network-interfaces.json"))
	if err != nil {
		t.Fatal(err)
	}
	// subnet-0a: a /24 holds 251 usable addresses; 240 free, so 11 in use,
	// of which 1 is a Lambda ENI the simulation recreates: 10.
	used := map[string]int{}
	for _, v := range l.VPCs {
		for _, s := range v.Subnets {
			used[s.ID] = s.UsedIPs
		}
	}
	if used["subnet-0a"] != 10 || used["subnet-0b"] != 59-50-2 {
		t.Errorf("usedIPs = %v", used)
	}
	if len(l.Observed) != 3 || l.Observed[0].Subnet != "subnet-0a" || strings.Join(l.Observed[0].SGs, ",") != "sg-0app,sg-0db" {
		t.Errorf("observed = %+v", l.Observed)
	}
}

func TestInvalidJSONNamesLineAndColumn(t *testing.T) {
	bad := []byte("{\n  \"Functions\": [\n    {\"FunctionName\": 'x'}\n  ]\n}\n")
	_, err := Import(bad, nil, nil, nil)
	if err == nil || !strings.Contains(err.Error(), ":3:22:") {
		t.Fatalf("err = %v, want line 3 column 22", err)
	}
	_, err = Import([]byte(`{"Functions": []}`), []byte(`{"Subnets": [`), nil, nil)
	if err == nil || !strings.Contains(err.Error(), "describe-subnets") {
		t.Fatalf("err = %v", err)
	}
	_, err = Import([]byte(`{"Something": 1}`), nil, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "list-functions") {
		t.Fatalf("err = %v", err)
	}
}

// TestRealworldCLI reads every CLI sample of the shared realworld folder
// (README "AWS CLI output samples"), each as the output it is, with what
// the README says of it. The folder missing fails the test under CI.
func TestRealworldCLI(t *testing.T) {
	if os.Getenv("CI") != "" {
		if _, err := os.Stat(filepath.Join("..", "..", "..", "..", "shared", "realworld", "cli")); err != nil {
			t.Fatalf("CI is set and the realworld CLI samples are missing: %v", err)
		}
	}
	dir := filepath.Join(realworld.Dir(t), "cli")
	file := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	noFns := []byte(`{"Functions": []}`)
	cases := []struct {
		name              string
		functions, subnet string // files; "" for none
		fns               int    // functions imported
		cidr              string // of the one subnet
		used              int
		err               string // regexp of the error, "" for none
	}{
		// Three functions, none in a VPC; 172.31.80.0/20: 4091 usable, 4089 available.
		{"list-functions + describe-subnets 2", "aws-cli__lambda-list-functions.json", "aws-cli__ec2-describe-subnets-example2.json", 3, "172.31.80.0/20", 2, ""},
		// Version 2 of a function with an empty VpcConfig; an empty /24: 251 of 251 free.
		{"get-function-configuration + botocore subnets", "aws-cli__lambda-get-function-configuration.json", "botocore__ec2-describe-subnets-example-output.json", 1, "10.0.1.0/24", 0, ""},
		// Single quotes on line 17 of the docs' example.
		{"invalid describe-subnets 1", "", "aws-cli__ec2-describe-subnets-example1.invalid-json.txt", 0, "", 0, `:17:39: invalid JSON`},
		// The docs cut the output with "..." on line 18.
		{"truncated VPC function", "awsdocs__lambda-functions-states__get-function-configuration-vpc.truncated.txt", "", 0, "", 0, `:18:`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fns, sns := noFns, []byte(nil)
			if c.functions != "" {
				fns = file(c.functions)
			}
			if c.subnet != "" {
				sns = file(c.subnet)
			}
			l, err := Import(fns, sns, nil, nil)
			if c.err != "" {
				if err == nil || !regexp.MustCompile(c.err).MatchString(err.Error()) {
					t.Fatalf("err = %v, want %s", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Functions) != c.fns || len(realworld.Keys(l)) != 0 {
				t.Errorf("%d functions, keys %v; want %d, none in a VPC", len(l.Functions), realworld.Keys(l), c.fns)
			}
			if s := l.VPCs[0].Subnets[0]; s.CIDR != c.cidr || s.UsedIPs != c.used {
				t.Errorf("subnet = %+v, want %s with %d used", s, c.cidr, c.used)
			}
		})
	}
}

// TestDuplicateFunctions: the same function twice is one function and a
// warning; the same name with another ARN is an error. Before, the second
// became a function named f-2 silently, doubling its ENIs' functions.
func TestDuplicateFunctions(t *testing.T) {
	one := `{"FunctionName": "f", "FunctionArn": "arn:aws:lambda:us-east-1:111122223333:function:f",
	  "VpcConfig": {"SubnetIds": ["subnet-0a"], "SecurityGroupIds": ["sg-0a"], "VpcId": "vpc-0a"}}`
	other := strings.Replace(one, "us-east-1", "eu-west-1", 1)
	l, err := Import([]byte(`{"Functions": [`+one+`, `+one+`]}`), nil, nil, nil)
	if err != nil || len(l.Functions) != 1 || !strings.Contains(fmt.Sprint(l.Warnings), "listed twice") {
		t.Errorf("same function twice: %v, %d functions, warnings %v", err, len(l.Functions), l.Warnings)
	}
	_, err = Import([]byte(`{"Functions": [`+one+`, `+other+`]}`), nil, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "function f is listed twice (entries 1 and 2) with the ARNs") {
		t.Errorf("two functions named f: err = %v", err)
	}
}

// TestAvailableAboveCapacity: more free addresses than the CIDR holds is
// an error naming the subnet; before, it was taken silently (usedIPs 0).
func TestAvailableAboveCapacity(t *testing.T) {
	subnets := `{"Subnets": [{"SubnetId": "subnet-0a", "VpcId": "vpc-0a", "CidrBlock": "10.0.0.0/24",
	  "AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": 252}]}`
	_, err := Import([]byte(`{"Functions": []}`), []byte(subnets), nil, nil)
	if err == nil || !strings.Contains(err.Error(), "subnet subnet-0a: AvailableIpAddressCount 252 is not between 0 and the 251 usable addresses") {
		t.Errorf("err = %v", err)
	}
	ok := strings.Replace(subnets, "252", "251", 1)
	if _, err := Import([]byte(`{"Functions": []}`), []byte(ok), nil, nil); err != nil {
		t.Errorf("251 free of 251: %v", err)
	}
}
