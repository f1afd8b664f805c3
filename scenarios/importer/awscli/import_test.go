package awscli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/enisim/enisim/scenarios/importer/internal/golden"
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

// TestRealworldCLI reads the CLI samples of the shared realworld folder.
func TestRealworldCLI(t *testing.T) {
	dir := filepath.Join(realworld.Dir(t), "cli")
	file := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	l, err := Import(file("aws-cli__lambda-list-functions.json"), file("aws-cli__ec2-describe-subnets-example2.json"), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Functions) != 3 || len(realworld.Keys(l)) != 0 {
		t.Errorf("list-functions: %d functions, keys %v; want 3 functions, none in a VPC", len(l.Functions), realworld.Keys(l))
	}
	// 172.31.80.0/20: 4091 usable, 4089 available.
	if s := l.VPCs[0].Subnets[0]; s.CIDR != "172.31.80.0/20" || s.UsedIPs != 2 {
		t.Errorf("subnet = %+v, want 172.31.80.0/20 with 2 used", s)
	}
	if l, err := Import(file("aws-cli__lambda-get-function-configuration.json"), file("botocore__ec2-describe-subnets-example-output.json"), nil, nil); err != nil || len(l.Functions) != 1 || l.VPCs[0].Subnets[0].UsedIPs != 0 {
		t.Errorf("get-function-configuration: %v %+v", err, l)
	}
	_, err = Import([]byte(`{"Functions": []}`), file("aws-cli__ec2-describe-subnets-example1.invalid-json.txt"), nil, nil)
	if err == nil || !regexp.MustCompile(`:17:\d+: invalid JSON`).MatchString(err.Error()) {
		t.Errorf("invalid example: err = %v, want line 17", err)
	}
	_, err = Import(file("awsdocs__lambda-functions-states__get-function-configuration-vpc.truncated.txt"), nil, nil, nil)
	if err == nil || !strings.Contains(err.Error(), ":18:") {
		t.Errorf("truncated example: err = %v, want line 18", err)
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
