package cloudformation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedFiles adds every fixture file matching the patterns (under testdata)
// as a seed: the structured inputs the fuzzer mutates from.
func seedFiles(f *testing.F, patterns ...string) {
	n := 0
	for _, p := range patterns {
		files, _ := filepath.Glob(filepath.Join("testdata", p))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
				n++
			}
		}
	}
	if n == 0 {
		f.Fatalf("no seed matches %v", patterns)
	}
}

// hostileSeeds are the hostile inputs of issue 12: cycles, growth, bombs.
var hostileSeeds = []string{
	"Resources:\n  A:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !Sub \"${A.CidrBlock}\"}\n",
	"Resources:\n  A: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !GetAtt B.CidrBlock}}\n  B: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !GetAtt A.CidrBlock}}\n",
	"Resources:\n  A: &a\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !Select [0, !Cidr [10.0.0.0/8, 2, 8]]}\n  B: *a\n",
	"Resources: {F: {Type: AWS::Lambda::Function, Properties: {Role: !Sub '${'}}}",
	"x: &x [a, a]\ny: &y [*x, *x, *x, *x]\nz: &z [*y, *y, *y, *y]\nResources: {V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Join ['', *z]}}}\n",
	"Conditions: {C: !Equals [a, a]}\nResources: {T: {Type: AWS::SNS::Topic, Condition: C, Properties: {TopicName: !If [C, !Ref AWS::NoValue, x]}}}\n",
	"Resources: " + strings.Repeat("[", 250) + strings.Repeat("]", 250) + "\n",
	"Resources:\n  T:\n    Type: AWS::SNS::Topic\n    DependsOn: [T]\n",
}

// fuzzImport imports data as one template under the product's budgets:
// any outcome but a panic is fine, and an import must give a layout or
// an error. No deadline here: the budgets are what bound the work (the
// fuzzer reports an input that runs past its own timeout).
func fuzzImport(t *testing.T, name string, data []byte) {
	l, err := ImportBytes([]string{name}, [][]byte{data}, Options{})
	if err == nil && l == nil {
		t.Error("no layout and no error")
	}
}

func FuzzYAMLTemplate(f *testing.F) {
	seedFiles(f, "cases/*/*.yaml", "cases/*/*.yml")
	for _, s := range hostileSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, "t.yaml", data) })
}

func FuzzJSONTemplate(f *testing.F) {
	seedFiles(f, "cases/*/*.json", "cdk.out/*.template.json")
	f.Add([]byte(`{"Resources": {"S": {"Type": "AWS::EC2::Subnet", "Properties": {"CidrBlock": {"Fn::Cidr": ["10.0.0.0/8", "300", "1"]}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, "t.json", data) })
}

// FuzzCloudFormation imports a parent and a child template together, so
// the fuzzer reaches nested stacks, exports and the restart of the import
// when a root turns out to be nested. The seeds are the fixtures' pairs.
func FuzzCloudFormation(f *testing.F) {
	pairs := [][2]string{
		{"cases/nested/root.yaml", "cases/nested/network.yaml"},
		{"cases/nested-findinmap/root.yaml", "cases/nested-findinmap/app-stack.yaml"},
		{"cases/nested-join/root.yaml", "cases/nested-join/app-stack.yaml"},
		{"cases/exports/network.yaml", "cases/exports/app.json"},
		{"cdk.out/CdkApp.template.json", "cdk.out/CdkAppDataNestedStackDataNestedStackResource8A3E1B2C.nested.template.json"},
		{"cases/other-ip-users/template.yaml", "cases/sam-app/template.yaml"},
	}
	for _, p := range pairs {
		a, err1 := os.ReadFile(filepath.Join("testdata", p[0]))
		b, err2 := os.ReadFile(filepath.Join("testdata", p[1]))
		if err1 != nil || err2 != nil {
			f.Fatalf("seed %v: %v %v", p, err1, err2)
		}
		f.Add(a, b)
	}
	// A hostile parent with an ordinary child, and the reverse.
	child, _ := os.ReadFile(filepath.Join("testdata", "cases", "nested-findinmap", "app-stack.yaml"))
	for _, h := range hostileSeeds {
		f.Add([]byte(h), child)
		f.Add(child, []byte(h))
	}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		// Named so that a TemplateURL ending in app-stack.yaml or
		// network.yaml finds the second.
		names := []string{"root.yaml", "app-stack.yaml"}
		if len(b) > 0 && b[0] == '{' {
			names[1] = "network.json"
		}
		l, err := ImportBytes(names, [][]byte{a, b}, Options{Params: map[string]string{"AppTemplateURL": "https://b/app-stack.yaml"}})
		if err == nil && l == nil {
			t.Error("no layout and no error")
		}
	})
}
