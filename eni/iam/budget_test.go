package iam

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// minimalStatement is the shortest statement: 46 characters.
const minimalStatement = `{"Effect":"Allow","Action":"*","Resource":"*"}`

func policyOf(n int, sep string) string {
	sts := make([]string, n)
	for i := range sts {
		sts[i] = minimalStatement
	}
	return `{"Statement":[` + strings.Join(sts, ","+sep) + `]}`
}

func parseErr(t *testing.T, doc string) *ParseError {
	t.Helper()
	_, err := Parse([]byte(doc))
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("Parse(%.60q) = %v, want a *ParseError", doc, err)
	}
	return pe
}

func TestPolicySizeBudget(t *testing.T) {
	if len(minimalStatement) != 46 {
		t.Fatalf("minimal statement is %d characters; the budget comment says 46", len(minimalStatement))
	}
	// 16 + 217*46 + 216 commas = 10,214 <= 10,240; one more is 10,261.
	fits := (MaxPolicyChars - len(`{"Statement":[]}`) + 1) / (len(minimalStatement) + 1)
	if fits != 217 {
		t.Fatalf("%d statements fit, want 217 (hand count)", fits)
	}
	if _, err := Parse([]byte(policyOf(fits, ""))); err != nil {
		t.Fatalf("%d statements (%d characters): %v", fits, len(policyOf(fits, "")), err)
	}
	pe := parseErr(t, policyOf(fits+1, ""))
	if !strings.Contains(pe.Msg, "longer than 10240 characters") || pe.Pos.Col != MaxPolicyChars+1 {
		t.Errorf("one statement too many: %v (col %d, want %d)", pe, pe.Pos.Col, MaxPolicyChars+1)
	}
	// White space is free: the same 217 statements indented heavily
	// (over 100 KB) still parse, as AWS would take them.
	padded := policyOf(fits, "\n"+strings.Repeat(" ", 500))
	if len(padded) < 100_000 {
		t.Fatalf("padded policy is only %d bytes", len(padded))
	}
	if _, err := Parse([]byte(padded)); err != nil {
		t.Errorf("padded policy: %v", err)
	}
	// But not without end: the raw document is bounded too.
	huge := `{"Statement":[` + minimalStatement + strings.Repeat(" ", maxPolicyBytes) + `]}`
	if pe := parseErr(t, huge); !strings.Contains(pe.Msg, "enisim reads at most 1048576") {
		t.Errorf("1 MiB of white space: %v", pe)
	}
}

func TestPolicyCharacters(t *testing.T) {
	for _, tt := range []struct {
		doc       string
		line, col int
		want      string
	}{
		{"{\"Statement\":\n  {\"Sid\":\"caf\u00e9\u4e2d\"}}", 2, 16, // columns count bytes
			"character U+4E2D"},
		{"{\"Statement\":\"\x00\"}", 1, 15, "character U+0000"},
		{"{\"Statement\":\"\xff\"}", 1, 15, "invalid UTF-8"},
	} {
		pe := parseErr(t, tt.doc)
		if pe.Pos.Line != tt.line || pe.Pos.Col != tt.col || !strings.Contains(pe.Msg, tt.want) {
			t.Errorf("%q: %v at %d:%d, want %q at %d:%d", tt.doc, pe, pe.Pos.Line, pe.Pos.Col, tt.want, tt.line, tt.col)
		}
	}
}

func TestPolicyDepthBudget(t *testing.T) {
	// Condition values nest at depth 6. The value at depth 33 (the root
	// is 0) is refused where it starts, before the reader goes deeper.
	doc := strings.Repeat(`{"a":`, maxDepth+1) + "1" + strings.Repeat("}", maxDepth+1)
	pe := parseErr(t, doc)
	if !strings.Contains(pe.Msg, "nested more than 32 levels") || pe.Pos.Col != 5*(maxDepth+1)+1 {
		t.Errorf("got %v at col %d, want the value at depth %d, col %d", pe, pe.Pos.Col, maxDepth+1, 5*(maxDepth+1)+1)
	}
	// A real condition block is well inside the limit.
	ok := `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringLike":{"k":["a*","b?"]}}}]}`
	if _, err := Parse([]byte(ok)); err != nil {
		t.Error(err)
	}
}

func TestManagedPoliciesWithinAWSLimit(t *testing.T) {
	for _, name := range ManagedPolicyNames {
		doc, err := managedFS.ReadFile("managed/" + name + ".json")
		if err != nil {
			t.Fatal(err)
		}
		if n := chars(doc); n > MaxManagedPolicyChars || n < 100 {
			t.Errorf("%s is %d characters; AWS allows a managed policy %d", name, n, MaxManagedPolicyChars)
		}
	}
}

func TestRoleInlineAggregate(t *testing.T) {
	half := []byte(policyOf(120, "\n")) // 16 + 120*46 + 119 commas = 5,655 characters
	if n := chars(half); n != 5655 {
		t.Fatalf("chars = %d, want 5655", n)
	}
	if _, err := RolePolicies(nil, nil, [][]byte{half}); err != nil {
		t.Fatal(err)
	}
	_, err := RolePolicies(nil, nil, [][]byte{half, half})
	if err == nil || !strings.Contains(err.Error(), "inline policy 1: the role's inline policies total 11310 characters") {
		t.Errorf("two inline policies of 5,655 characters: %v", err)
	}
}

func TestNumericConditionValues(t *testing.T) {
	for _, v := range []string{"NaN", "Inf", "-Infinity", "0x10", "1_000", "1e", ".", "+", "1e999"} {
		doc := fmt.Sprintf(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"k":%q}}}}`, v)
		pe := parseErr(t, doc)
		if !strings.Contains(pe.Msg, "NumericLessThan") || pe.Pos.Line != 1 {
			t.Errorf("%q: %v", v, pe)
		}
	}
	for _, v := range []string{"10", "-1.5", "+2", "1e3", ".5", "5.", "1E-3"} {
		doc := fmt.Sprintf(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"k":%q}}}}`, v)
		if _, err := Parse([]byte(doc)); err != nil {
			t.Errorf("%q: %v", v, err)
		}
	}
}
