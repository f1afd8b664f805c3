package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// importTranscript is what a golden file holds: the command, its exit code, its
// stdout and its stderr.
func importTranscript(args []string, code int, stdout, stderr string) string {
	return fmt.Sprintf("$ %s\n# exit %d\n# ---- stdout ----\n%s# ---- stderr ----\n%s",
		commandLine(append([]string{"enisim"}, args...)), code, importNL(stdout), importNL(stderr))
}

func importNL(s string) string {
	if s != "" && !strings.HasSuffix(s, "\n") {
		return s + "\n"
	}
	return s
}

// importGolden is one CLI call checked against a golden importTranscript.
func importGolden(t *testing.T, name string, wantCode int, args ...string) (stdout, stderr string) {
	t.Helper()
	code, stdout, stderr := enisim(args...)
	tr := importTranscript(args, code, stdout, stderr)
	golden(t, "import/"+name+".golden", []byte(tempPath.ReplaceAllString(tr, "$$TMP/")))
	if code != wantCode {
		t.Errorf("enisim %s: exit %d, want %d; stderr:\n%s", strings.Join(args, " "), code, wantCode, stderr)
	}
	return stdout, stderr
}

// tempPath matches the test's temporary directories, which change from
// run to run, so that the golden files do not.
var tempPath = regexp.MustCompile(regexp.QuoteMeta(os.TempDir()) + `/Test[^/ ]*/[0-9]+/`)

const importTD = "testdata/import/"

func TestImportCloudFormation(t *testing.T) {
	// Without the shared network stack, its export is a placeholder and a
	// warning that names it, and the scenario still runs.
	stdout, stderr := importGolden(t, "cfn-orders", 0, "import", "cloudformation", importTD+"orders.yaml")
	if !strings.Contains(stderr, "warning: ") || !strings.Contains(stderr, "shared-network-DbClientSg") {
		t.Errorf("no warning names the unresolved Fn::ImportValue:\n%s", stderr)
	}
	keys := runScenarioFile(t, importTemp(t, "orders.yaml", stdout), "10m")
	if len(keys) != 3 {
		t.Errorf("placeholder run: keys %v, want 3", keys)
	}

	// Given with --param, the value is used and nothing is left to warn about.
	stdout, stderr = importGolden(t, "cfn-orders-param", 0, "import", "cloudformation", importTD+"orders.yaml",
		"--param", "shared-network-DbClientSg=sg-0db", "--region", "eu-west-1", "--name", "orders-eu")
	if strings.Contains(stderr, "warning: ") && strings.Contains(stderr, "ImportValue") {
		t.Errorf("a warning is left although the export was given:\n%s", stderr)
	}
	keys = runScenarioFile(t, importTemp(t, "orders.yaml", stdout), "10m")
	want := map[string]int64{"private-a|app-sg": 1, "private-b|app-sg": 1, "private-a|app-sg,sg-0db": 1}
	if !importKeysEqual(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
}

func TestImportTerraform(t *testing.T) {
	stdout, _ := importGolden(t, "tf-reports", 0, "import", "terraform", importTD+"reports-tf",
		"--var", "vpc_cidr=10.60.0.0/16", "--workload", importTD+"reports-workload.yaml")
	for _, s := range []string{"cidr: 10.60.10.0/24", "cidr: 10.60.11.0/24", "rate: 20/s"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("the scenario has no %q", s)
		}
	}
	keys := runScenarioFile(t, importTemp(t, "reports.yaml", stdout), "10m")
	if want := map[string]int64{"subnet-private-0|sg-reports": 1, "subnet-private-1|sg-reports": 1}; !importKeysEqual(keys, want) {
		t.Errorf("keys %v, want %v", keys, want)
	}
}

// TestImportAWSThenCheck imports an account with its ENIs, then checks the
// scenario against them: one key matches, one has more ENIs than the run
// predicts, and one belongs to no function of the scenario (exit 1); with
// the account's steady state, every key matches (exit 0).
func TestImportAWSThenCheck(t *testing.T) {
	args := []string{"import", "aws", "--functions", importTD + "functions.json", "--subnets", importTD + "subnets.json",
		"--security-groups", importTD + "security-groups.json"}
	stdout, _ := importGolden(t, "aws-shop", 0, append(args, "--enis", importTD+"enis.json")...)
	if !strings.Contains(stdout, "observed:\n") {
		t.Fatal("the scenario keeps no observed ENIs")
	}
	scen := importTemp(t, "shop.yaml", stdout)
	out, _ := importGolden(t, "check-shop", 1, "check", scen, "--duration", "10m")
	for _, s := range []string{" ok |", "more observed", "no function uses it", "2 of 3 keys differ"} {
		if !strings.Contains(out, s) {
			t.Errorf("check output has no %q", s)
		}
	}

	stdout, _ = importGolden(t, "aws-shop-steady", 0, append(args, "--enis", importTD+"enis-steady.json")...)
	scen = importTemp(t, "shop.yaml", stdout)
	importGolden(t, "check-shop-steady", 0, "check", scen, "--duration", "10m")
	importGolden(t, "check-shop-steady-json", 0, "check", scen, "--duration", "10m", "--format", "json")
}

func TestImportErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\n  \"Functions\": [\n    {\"FunctionName\": \"a\",}\n  ]\n}\n"), 0o644)
	code, _, stderr := enisim("import", "aws", "--functions", bad)
	if code != 2 || !strings.Contains(stderr, bad+":3:26: invalid JSON") {
		t.Errorf("bad JSON: exit %d, stderr %q; want 2 and %s:3:26", code, stderr, bad)
	}
	wrongType := filepath.Join(dir, "subnets.json")
	os.WriteFile(wrongType, []byte("{\"Subnets\": [\n {\"SubnetId\": 7}]}\n"), 0o644)
	code, _, stderr = enisim("import", "aws", "--functions", importTD+"functions.json", "--subnets", wrongType)
	if code != 2 || !strings.Contains(stderr, wrongType+":2:") {
		t.Errorf("wrong type: exit %d, stderr %q; want 2 and %s:2:", code, stderr, wrongType)
	}
	badYAML := filepath.Join(dir, "t.yaml")
	os.WriteFile(badYAML, []byte("Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n   Properties: {\n"), 0o644)
	code, _, stderr = enisim("import", "cloudformation", badYAML)
	if code != 2 || !strings.Contains(stderr, badYAML+":") {
		t.Errorf("bad YAML: exit %d, stderr %q; want 2 and the file:line", code, stderr)
	}
	badTF := filepath.Join(dir, "tf")
	os.Mkdir(badTF, 0o755)
	os.WriteFile(filepath.Join(badTF, "main.tf"), []byte("resource \"aws_vpc\" \"a\" {\n  cidr_block = \n}\n"), 0o644)
	code, _, stderr = enisim("import", "terraform", badTF)
	if code != 2 || !strings.Contains(stderr, "main.tf:") {
		t.Errorf("bad HCL: exit %d, stderr %q; want 2 and main.tf:line", code, stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "aws", "--functions", filepath.Join(dir, "absent.json")}, "absent.json"},
		{[]string{"import", "aws"}, "--functions"},
		{[]string{"import", "cloudformation"}, "at least one template"},
		{[]string{"import", "pulumi"}, `unknown source "pulumi"`},
		{[]string{"import", "cloudformation", importTD + "orders.yaml", "--param", "Stage"}, "want NAME=VALUE"},
		{[]string{"import", "cloudformation", importTD + "orders.yaml", "--param", "Stage=a", "--param", "Stage=b"}, "given twice"},
		{[]string{"import", "terraform", importTD + "reports-tf", "--workload", importTD + "orders.yaml"}, "match(es) no function"},
		{[]string{"check", importTD + "absent.yaml", "--format", "csv"}, `--format "csv"`},
	} {
		code, _, stderr := enisim(c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("enisim %s: exit %d, stderr %q; want 2 and %q", strings.Join(c.args, " "), code, stderr, c.want)
		}
	}
}

// TestImportHelp keeps the manual of every import source and of check.
func TestImportHelp(t *testing.T) {
	importGolden(t, "help-import", 0, "import", "--help")
	importGolden(t, "help-import-cloudformation", 0, "import", "cloudformation", "--help")
	importGolden(t, "help-import-serverless", 0, "import", "serverless", "--help")
	importGolden(t, "help-import-terraform", 0, "import", "terraform", "--help")
	importGolden(t, "help-import-aws", 0, "import", "aws", "--help")
	importGolden(t, "help-check", 0, "check", "--help")
}

func importTemp(t *testing.T, name, data string) string {
	t.Helper()
	return writeIn(t, t.TempDir(), name, data)
}

func importKeysEqual(got, want map[string]int64) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

// TestImportRefused: a function whose CreateFunction the written scenario
// refuses is named on stderr, with why, and the import exits 1 (so CI
// notices); --allow-refused exits 0 with the same summary; --format json
// gives the run's summary, assumptions and the scenario to tools.
func TestImportRefused(t *testing.T) {
	tpl := importTD + "refused.yaml"
	code, _, stderr := enisim("import", "cloudformation", tpl)
	if code != 1 || !strings.Contains(stderr, "refused: in-vpc: InvalidParameterValueException") ||
		!strings.Contains(stderr, "2 functions, 0 ENI keys, 0 ENIs when run as written, 1 refused") {
		t.Errorf("exit %d, stderr:\n%s\nwant 1, in-vpc refused, and the summary of the run", code, stderr)
	}
	code, _, stderr = enisim("import", "cloudformation", tpl, "--allow-refused")
	if code != 0 || !strings.Contains(stderr, "refused: in-vpc:") {
		t.Errorf("--allow-refused: exit %d, stderr:\n%s\nwant 0 and in-vpc still named", code, stderr)
	}
	code, stdout, _ := enisim("import", "cloudformation", tpl, "--allow-refused", "--format", "json")
	var r struct {
		Summary struct {
			Functions int
			ENIs      int64
			Refused   []struct{ Function, Error string }
		}
		Assumptions []struct{ What, Override string }
		Scenario    string
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil || code != 0 {
		t.Fatalf("--format json: exit %d, %v:\n%s", code, err, stdout)
	}
	if r.Summary.Functions != 2 || r.Summary.ENIs != 0 || len(r.Summary.Refused) != 1 || r.Summary.Refused[0].Function != "in-vpc" {
		t.Errorf("summary %+v; want 2 functions, 0 ENIs, in-vpc refused", r.Summary)
	}
	// The placeholder workloads, nothing else, are assumed.
	if len(r.Assumptions) != 1 || !strings.Contains(r.Scenario, "name: refused") {
		t.Errorf("assumptions %+v and scenario %q; want the placeholder workloads and the scenario", r.Assumptions, r.Scenario)
	}
}
