package cloudformation

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// seedTemplates adds the golden test templates with the given extensions.
func seedTemplates(f *testing.F, exts ...string) {
	for _, ext := range exts {
		files, _ := filepath.Glob(filepath.Join("testdata", "cases", "*", "*"+ext))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
}

// fuzzImport imports data as one template: any outcome but a panic or a
// hang is fine.
func fuzzImport(t *testing.T, name string, data []byte) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		l, err := ImportBytes([]string{name}, [][]byte{data}, Options{})
		if err == nil && l == nil {
			t.Error("no layout and no error")
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("import of %q hangs", data)
	}
}

func FuzzYAMLTemplate(f *testing.F) {
	seedTemplates(f, ".yaml")
	f.Add([]byte("Resources:\n  A: &a\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !Select [0, !Cidr [10.0.0.0/8, 2, 8]]}\n  B: *a\n"))
	f.Add([]byte("Resources: {F: {Type: AWS::Lambda::Function, Properties: {Role: !Sub '${'}}}"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, "t.yaml", data) })
}

func FuzzJSONTemplate(f *testing.F) {
	seedTemplates(f, ".json")
	f.Add([]byte(`{"Resources": {"S": {"Type": "AWS::EC2::Subnet", "Properties": {"CidrBlock": {"Fn::Cidr": ["10.0.0.0/8", "300", "1"]}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, "t.json", data) })
}
