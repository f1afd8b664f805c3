package serverless

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzServerless imports mutated serverless.yml files under the product's
// budgets (MaxVarDepth, MaxVarSteps and the template evaluator's): a
// layout or an error, never a panic. Seeds: the fixtures and variable
// loops.
func FuzzServerless(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "serverless.yml"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	if len(files) == 0 {
		f.Fatal("no seed")
	}
	f.Add([]byte("service: s\ncustom: {a: '${self:custom.b}', b: '${self:custom.a}'}\nprovider: {name: aws, memorySize: '${self:custom.a}'}\nfunctions: {f: {handler: h}}\n"))
	f.Add([]byte("service: s\ncustom: {x: '${self:custom.x}${self:custom.x}'}\nprovider: {name: aws, stage: '${opt:stage, ${self:custom.x}}'}\nfunctions: {f: {handler: h, vpc: {subnetIds: ['${env:A, subnet-1}'], securityGroupIds: [sg-1]}}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := importBytes("serverless.yml", string(data), Options{Stage: "dev"})
		if err == nil && l == nil {
			t.Error("no layout and no error")
		}
	})
}
