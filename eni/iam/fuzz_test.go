package iam

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that no document makes Parse panic or hang, that every
// refusal is a *ParseError with a message, and that whatever parses can be
// evaluated. Run: go test ./eni/iam -run '^$' -fuzz FuzzParse -fuzztime 30s
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	managed, _ := filepath.Glob("managed/*.json")
	for _, name := range append(files, managed...) {
		doc, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(doc)
	}
	for _, c := range conditionCases {
		f.Add([]byte(c.policy))
	}
	f.Add([]byte(`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"a":"b"},"StringEquals":{"c":1}}}]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, err := Parse(doc)
		if err != nil {
			pe, ok := err.(*ParseError)
			if !ok || pe.Error() == "" {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		for _, ctx := range []map[string][]string{nil, {"lambda:SubnetIds": {"subnet-1", "x"}, "a": {"b"}, "c": {"1"}}} {
			Evaluate([]*Policy{p}, Request{Action: "ec2:CreateNetworkInterface", Resource: "*", Context: ctx})
			Evaluate([]*Policy{p}, Request{Action: "lambda:CreateFunction", Resource: FunctionARN("f"), Context: ctx})
		}
	})
}
