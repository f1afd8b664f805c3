package iam

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// policySeeds are every policy this repository holds: the fixtures, the
// embedded managed policies, the scenario fixtures and the condition
// cases, so that the fuzzer starts from documents that reach Evaluate.
func policySeeds(f *testing.F) [][]byte {
	var names []string
	for _, glob := range []string{"testdata/*.json", "managed/*.json", "../../scenarios/spec/testdata/policies/*.json"} {
		m, _ := filepath.Glob(glob)
		names = append(names, m...)
	}
	var out [][]byte
	for _, name := range names {
		doc, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, doc)
	}
	for _, c := range conditionCases {
		out = append(out, []byte(c.policy))
	}
	return append(out,
		[]byte(`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"a":"b"},"StringEquals":{"c":1}}}]}`),
		[]byte(`{"Statement":{"Effect":"Deny","NotAction":"ec2:*a*a*a*b","NotResource":"arn:aws:lambda:*:*:function:?*","Condition":{"NumericLessThan":{"n":"1e3"}}}}`),
	)
}

// FuzzParse checks that no document makes Parse panic or hang, that every
// refusal is a *ParseError with a message, that what parses is within the
// budgets, and that it can be evaluated. Run:
// go test ./eni/iam -run '^$' -fuzz FuzzParse -fuzztime 30s
func FuzzParse(f *testing.F) {
	for _, doc := range policySeeds(f) {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, err := Parse(doc)
		if err != nil {
			pe, ok := err.(*ParseError)
			if !ok || pe.Error() == "" {
				t.Fatalf("error %T %v", err, err)
			}
			return
		}
		if n := chars(doc); n > MaxPolicyChars || len(doc) > maxPolicyBytes {
			t.Fatalf("accepted a document of %d characters, %d bytes", n, len(doc))
		}
		for _, ctx := range []map[string][]string{nil, {"lambda:SubnetIds": {"subnet-1", "x"}, "a": {"b"}, "c": {"1"}, "n": {"NaN"}}} {
			Evaluate([]*Policy{p}, Request{Action: "ec2:CreateNetworkInterface", Resource: "*", Context: ctx})
			Evaluate([]*Policy{p}, Request{Action: "lambda:CreateFunction", Resource: FunctionARN("f"), Context: ctx})
		}
	})
}

// FuzzGlob compares glob with the backtracking matcher it replaced and
// bounds its work by len(s) times the pattern (linear without ?).
func FuzzGlob(f *testing.F) {
	for _, c := range [][2]string{{"*", ""}, {"a*c", "abbbc"}, {"*a*a*a*", "aaaa"}, {"a?c", "aéc"},
		{"ec2:*NetworkInterface", "ec2:createnetworkinterface"}, {"*aaaa?b*", "aaaaaaaaab"}, {"?*?", "é"}} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, p, s string) {
		if !utf8.ValidString(p) || !utf8.ValidString(s) {
			return // policies and request values are text (checkBudget)
		}
		got, steps := globSteps(p, s)
		if want := globBacktrack(p, s); got != want {
			t.Fatalf("glob(%q, %q) = %v, backtracking says %v", p, s, got, want)
		}
		if limit := (len(s) + 1) * (len(p) + 1); steps > limit {
			t.Fatalf("glob(%q, %q) took %d steps, more than %d", p, s, steps, limit)
		}
	})
}
