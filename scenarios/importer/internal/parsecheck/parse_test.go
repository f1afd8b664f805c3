package parsecheck

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios/importer"
	"github.com/enisim/enisim/scenarios/importer/awscli"
	"github.com/enisim/enisim/scenarios/importer/cloudformation"
	"github.com/enisim/enisim/scenarios/importer/internal/realworld"
	"github.com/enisim/enisim/scenarios/spec"
)

// parse writes l and loads it back.
func parse(t *testing.T, name string, l *importer.Layout, opts importer.WriteOptions) *spec.Scenario {
	t.Helper()
	var buf bytes.Buffer
	if err := importer.WriteScenario(&buf, l, opts); err != nil {
		t.Fatal(err)
	}
	s, err := spec.Parse(name+".yaml", buf.Bytes(), t.TempDir(), nil)
	if err != nil {
		t.Fatalf("written scenario does not load: %v\n%s", err, buf.Bytes())
	}
	return s
}

func TestGoldenCasesParse(t *testing.T) {
	dirs, _ := filepath.Glob("../../cloudformation/testdata/cases/*")
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			params := map[string]string{}
			if b, err := os.ReadFile(filepath.Join(dir, "params.txt")); err == nil {
				for _, ln := range strings.Fields(string(b)) {
					k, v, _ := strings.Cut(ln, "=")
					params[k] = v
				}
			}
			l, err := cloudformation.Import([]string{dir}, cloudformation.Options{Params: params})
			if err != nil {
				t.Skipf("import fails on purpose: %v", err)
			}
			parse(t, filepath.Base(dir), l, importer.WriteOptions{})
		})
	}
}

// TestImportValueGivenRuns: an unresolved Fn::ImportValue writes a
// placeholder; once --param supplies the export, the scenario still loads
// and the function uses the given subnet.
func TestImportValueGivenRuns(t *testing.T) {
	dir := "../../cloudformation/testdata/cases/missing-import"
	l, err := cloudformation.Import([]string{dir}, cloudformation.Options{Params: map[string]string{
		"shared-net-private-a": "subnet-0aa", "shared-net-private-b": "subnet-0bb", "shared-net-lambda-sg": "sg-0cc"}})
	if err != nil {
		t.Fatal(err)
	}
	s := parse(t, "given", l, importer.WriteOptions{})
	if got := s.Functions[0].VPCConfig.SubnetIDs; len(got) != 2 || got[0] != "subnet-0aa" {
		t.Errorf("subnets = %v", got)
	}
}

func TestWorkloadOption(t *testing.T) {
	l, err := cloudformation.Import([]string{"../../cloudformation/testdata/cases/nested"}, cloudformation.Options{})
	if err != nil {
		t.Fatal(err)
	}
	wl, err := importer.ParseWorkload("wl.yaml", []byte("Api/Function: {process: poisson, rate: 20/s}\nworker-fn:\n  process: constant\n  rate: 5/min\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := parse(t, "wl", l, importer.WriteOptions{Workload: wl})
	for _, f := range s.Functions {
		if len(f.Arrivals) != 1 {
			t.Fatalf("%s: arrivals %+v", f.Name, f.Arrivals)
		}
		a := f.Arrivals[0]
		if f.Name == "api-function" && (a.Process != "poisson" || a.Rate != 20) ||
			f.Name == "worker-function" && (a.Process != "constant" || a.Rate != 5.0/60) {
			t.Errorf("%s: %+v", f.Name, a)
		}
	}
	var buf bytes.Buffer
	if err := importer.WriteScenario(&buf, l, importer.WriteOptions{Workload: map[string]string{"Nope": "{}"}}); err == nil {
		t.Error("a workload key that matches no function must be an error")
	}
}

func TestAWSCLIParse(t *testing.T) {
	read := func(n string) []byte {
		b, err := os.ReadFile(filepath.Join("../../awscli/testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	l, err := awscli.Import(read("list-functions.json"), read("describe-subnets.json"),
		read("describe-security-groups.json"), read("describe-network-interfaces.json"))
	if err != nil {
		t.Fatal(err)
	}
	parse(t, "account", l, importer.WriteOptions{})
}

// TestRealworldParse loads the scenario of every realworld case that
// imports (#8 must not).
func TestRealworldParse(t *testing.T) {
	dir := realworld.Dir(t)
	glob := func(p string) []string { m, _ := filepath.Glob(filepath.Join(dir, p)); return m }
	cases := map[string]struct {
		files  []string
		params map[string]string
	}{
		"1":  {glob("YamazakiNorihito__*"), nil},
		"2":  {glob("aws-samples__aws-bookstore-demo-app__*"), nil},
		"3":  {glob("awsdocs__aws-lambda-developer-guide__sample-apps-list-manager-*"), nil},
		"5":  {glob("aws-samples__serverless-rds-proxy-demo__*"), nil},
		"5p": {glob("aws-samples__serverless-rds-proxy-demo__*"), map[string]string{"Subnets": "sub1Private,sub2Private,sub3Private", "CreateFunctionSecurityGroup": "False", "LambdaSecurityGroupId": "lambdaSg"}},
		"6":  {glob("aws-samples__serverless-patterns__apigw-lambda-memorydb-template.yaml"), nil},
		"9":  {glob("aws-samples__amazon-neptune-samples__*.json"), nil},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			l, err := cloudformation.Import(c.files, cloudformation.Options{Params: c.params})
			if err != nil {
				t.Fatal(err)
			}
			parse(t, "rw"+name, l, importer.WriteOptions{})
		})
	}
}
