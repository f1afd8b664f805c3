package iam

import (
	"errors"
	"strings"
	"testing"
)

func TestParseShapes(t *testing.T) {
	// Statement as an object, string Action and Resource.
	p, err := Parse([]byte(`{"Version":"2012-10-17","Id":"x","Statement":{"Sid":"One","Effect":"Deny","Action":"ec2:*","NotResource":["a","b"]}}`))
	if err != nil {
		t.Fatal(err)
	}
	st := p.Statements[0]
	if p.Version != "2012-10-17" || p.ID != "x" || st.Path != "Statement" || st.Sid != "One" || st.Effect != EffectDeny ||
		len(st.Action) != 1 || st.NotResource[1] != "b" || st.Resource != nil {
		t.Errorf("got %+v", p)
	}
	// A Principal is read (resource-based policy) and ignored.
	p, err = Parse([]byte(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}]}`))
	if err != nil || !p.Statements[0].HasPrincipal || p.Version != "" {
		t.Errorf("got %+v, %v", p, err)
	}
}

func TestParseConditionPositions(t *testing.T) {
	doc := "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\",\n" +
		"     \"Condition\": {\"ForAllValues:StringEqualsIfExists\": {\"lambda:SubnetIds\": [\"a\"]}}}\n  ]\n}"
	p, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	c := p.Statements[0].Conditions[0]
	// Line 4 is `     "Condition": {"ForAllValues:...": {"lambda:SubnetIds": ...`:
	// the key's quote is at column 58.
	if c.Operator != "ForAllValues:StringEqualsIfExists" || c.Base != "StringEquals" || c.Set != ForAllValues ||
		!c.IfExists || c.Key != "lambda:SubnetIds" || !c.ValuesIsList ||
		c.Path != `Statement[0].Condition.ForAllValues:StringEqualsIfExists["lambda:SubnetIds"]` ||
		c.Pos.Line != 4 || c.Pos.Col != 58 {
		t.Errorf("got %+v", c)
	}
	if p.Statements[0].Pos.Line != 3 || p.Statements[0].Pos.Col != 5 {
		t.Errorf("statement at %+v", p.Statements[0].Pos)
	}
}

func TestParseDuplicates(t *testing.T) {
	p, err := Parse([]byte(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{
		"StringEquals":{"aws:a":"1"},"StringEquals":{"aws:b":"2"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	// The last StringEquals wins, as encoding/json would have it.
	cs := p.Statements[0].Conditions
	if len(cs) != 1 || cs[0].Key != "aws:b" {
		t.Errorf("conditions %+v", cs)
	}
	if len(p.Duplicates) != 1 || p.Duplicates[0].Key != "StringEquals" || p.Duplicates[0].Pos.Line != 2 {
		t.Errorf("duplicates %+v", p.Duplicates)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ doc, want string }{
		{``, "unexpected end of JSON"},
		{`[]`, "a policy document must be a JSON object"},
		{`{"Statement":`, "unexpected end of JSON"},
		{`{"Statement":{}} x`, "line 1 col 18: unexpected data after the policy document"},
		{`{"Statement":[}`, "line 1 col 15: invalid JSON"},
		{`{"Statement":[]}{}`, "unexpected data after the policy document"},
		{`{"Version":"2020-01-01","Statement":[]}`, `Version must be "2012-10-17" or "2008-10-17"`},
		{`{"Statements":[]}`, `unknown element "Statements"`},
		{`{"Version":"2012-10-17"}`, "missing Statement"},
		{`{"Statement":"x"}`, "Statement must be an object or a list"},
		{`{"Statement":[1]}`, "statement 0: Statement[0]: a statement must be a JSON object"},
		{`{"Statement":[{"Sid":"A","Effect":"Allow","Action":"*"}]}`, `statement 0 (Sid "A"): Statement[0]: a statement needs exactly one of Resource and NotResource`},
		{`{"Statement":[{"Effect":"Allow","Action":"*","NotAction":"x","Resource":"*"}]}`, "exactly one of Action and NotAction"},
		{`{"Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}`, "Action must not be empty"},
		{`{"Statement":[{"Effect":"Allow","Action":[1],"Resource":"*"}]}`, "want a string or a list of strings"},
		{`{"Statement":[{"Effect":"Allow","Actions":"*","Resource":"*"}]}`, `unknown element "Actions"`},
		{`{"Statement":[{"Effect":"Permit","Action":"*","Resource":"*"}]}`, `Effect must be "Allow" or "Deny"`},
		{`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualz":{"k":"v"}}}]}`, `unknown condition operator "StringEqualz"`},
		{`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ForEveryValue:StringEquals":{"k":"v"}}}]}`, "unknown set operator"},
		{`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}]}`, "enisim does not evaluate it"},
		{`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NullIfExists":{"k":"true"}}}]}`, "Null takes neither"},
		{`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Null":{"k":"yes"}}}]}`, "Null needs true or false"},
		{`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"k":"ten"}}}]}`, "NumericLessThan needs a number"},
		{`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":[]}}}]}`, "no values"},
		{`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":{"a":1}}}}]}`, "want a string, number or boolean"},
		{`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":"k"}}]}`, "an operator needs an object"},
		{strings.Repeat("[", 100), "nested more than 32 levels deep"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.doc))
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%.40q): got %v, want a *ParseError", tt.doc, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%.60q):\n got  %v\n want …%s…", tt.doc, err, tt.want)
		}
	}
}

func TestGlob(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"*", "", true}, {"", "", true}, {"", "a", false}, {"a*c", "abbbc", true}, {"a*c", "abbbd", false},
		{"*a*a*a*", "aaaa", true}, {"a?c", "aéc", true}, {"**", "x", true}, {"a*", "a", true},
		{"ec2:*NetworkInterface", "ec2:createnetworkinterface", false},
	}
	for _, tt := range tests {
		if got := glob(tt.p, tt.s); got != tt.want {
			t.Errorf("glob(%q, %q) = %v", tt.p, tt.s, got)
		}
	}
}
