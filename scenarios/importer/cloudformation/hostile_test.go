package cloudformation

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// importOne imports data as the template t.yaml.
func importOne(data string) error {
	_, err := ImportBytes([]string{"t.yaml"}, [][]byte{[]byte(data)}, Options{})
	return err
}

// wantErr checks that the import fails with an error holding each of want.
func wantErr(t *testing.T, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("imported; want an error naming %q", want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not name %q:\n%v", w, err)
		}
	}
}

// TestResourceCycles: a resource whose properties refer to itself, or
// GetAtt loops of two and three resources, are refused as CloudFormation
// refuses them, naming the chain and the place (before, the evaluator
// recursed until the stack overflowed).
func TestResourceCycles(t *testing.T) {
	vpc := func(name, cidr string) string {
		return "  " + name + ":\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: " + cidr + "\n"
	}
	cases := []struct {
		name, tpl string
		want      []string
	}{
		{"Sub of itself", "Resources:\n" + vpc("A", `!Sub "${A.CidrBlock}"`),
			[]string{"t.yaml:5:22", "Circular dependency between resources [A]", "A.CidrBlock -> A"}},
		{"GetAtt of itself", "Resources:\n" + vpc("A", "!GetAtt A.CidrBlock"),
			[]string{"t.yaml:5:25", "[A]", "A.CidrBlock -> A"}},
		{"two", "Resources:\n" + vpc("A", "!GetAtt B.CidrBlock") + vpc("B", "!GetAtt A.CidrBlock"),
			[]string{"[A, B]", "A: B.CidrBlock -> B: A.CidrBlock -> A"}},
		{"three, long form", "Resources:\n" + vpc("A", `{"Fn::GetAtt": [B, CidrBlock]}`) + vpc("B", `!Select [0, [!GetAtt C.CidrBlock]]`) + vpc("C", `!Join ["", [!GetAtt A.CidrBlock]]`),
			[]string{"[A, B, C]", "A: B.CidrBlock -> B: C.CidrBlock -> C: A.CidrBlock -> A"}},
		{"Ref through DependsOn", "Resources:\n  A:\n    Type: AWS::EC2::VPC\n    DependsOn: B\n    Properties: {CidrBlock: 10.0.0.0/16}\n" + vpc("B", `!Sub "${A}"`),
			[]string{"[A, B]", "A: DependsOn B -> B: A -> A"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wantErr(t, importOne(c.tpl), c.want...) })
	}
	// A Sub variable named like the resource is not a reference to it.
	ok := "Resources:\n" + vpc("A", `!Sub ["${A}", {A: 10.0.0.0/16}]`)
	if err := importOne(ok); err != nil {
		t.Errorf("a Sub variable was taken for a resource: %v", err)
	}
}

// TestBudgets: each named budget stops what would otherwise allocate
// gigabytes, with the limit's name and the place.
func TestBudgets(t *testing.T) {
	// 2^16 copies of a 64 KB scalar, joined: 4 GB unless refused.
	var b strings.Builder
	b.WriteString("big: &a00 " + strings.Repeat("x", 1<<16) + "\n")
	b.WriteString("l01: &a01 [*a00, *a00]\n")
	for i := 2; i <= 16; i++ {
		fmt.Fprintf(&b, "l%02d: &a%02d [*a%02d, *a%02d]\n", i, i, i-1, i-1)
	}
	b.WriteString("Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Join ['', *a16]\n")
	err := importOne(b.String())
	wantErr(t, err, "V.CidrBlock")
	if !errors.Is(err, ErrBudget) {
		t.Errorf("not a budget error: %v", err)
	}
	if !strings.Contains(err.Error(), "MaxStringLen") && !strings.Contains(err.Error(), "MaxEvalBytes") && !strings.Contains(err.Error(), "MaxCollection") {
		t.Errorf("the error names no budget: %v", err)
	}

	// Fn::Split of 20,000 commas makes a list past MaxCollection.
	split := "Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Select [0, !Split [',', '" + strings.Repeat(",", 20_000) + "']]\n"
	wantErr(t, importOne(split), "t.yaml:5:", "MaxCollection = 10000")

	// Fn::Sub that doubles a string 30 times: 1 GB unless refused.
	var sub strings.Builder
	sub.WriteString("Parameters:\n  P0: {Type: String, Default: xxxxxxxxxxxxxxxx}\nResources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: ")
	expr := "!Ref P0"
	for range 30 {
		expr = "!Join ['', [" + expr + ", " + expr + "]]"
		if len(expr) > 4000 {
			break
		}
	}
	sub.WriteString(expr + "\n")
	if err := importOne(sub.String()); err != nil && !errors.Is(err, ErrBudget) {
		t.Errorf("doubling joins: %v", err)
	}
}

// TestTooManyResources: CloudFormation's limit is 500 resources a
// template; more is refused with that message, not imported into a
// scenario the loader then refuses.
func TestTooManyResources(t *testing.T) {
	var b strings.Builder
	b.WriteString("Resources:\n")
	for i := range MaxResources + 1 {
		fmt.Fprintf(&b, "  R%d: {Type: AWS::SNS::Topic}\n", i)
	}
	wantErr(t, importOne(b.String()), "t.yaml:2:", "501 resources", "at most 500 per template")
	b.Reset()
	b.WriteString("Resources:\n")
	for i := range MaxResources {
		fmt.Fprintf(&b, "  R%d: {Type: AWS::SNS::Topic}\n", i)
	}
	if err := importOne(b.String()); err != nil {
		t.Errorf("500 resources refused: %v", err)
	}
}

// TestStrictLikeCloudFormation: what CloudFormation rejects wherever it
// is written (here in properties the importer never evaluates) is an
// error with file:line:col, not a warning.
func TestStrictLikeCloudFormation(t *testing.T) {
	topic := func(prop string) string {
		return "Conditions:\n  Yes: !Equals [a, a]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: " + prop + "\n"
	}
	cases := []struct{ name, tpl, want string }{
		{"If on an undefined condition", topic("!If [Nope, a, b]"), "t.yaml:7:22: Fn::If: condition Nope is not defined"},
		{"unknown intrinsic", topic(`{"Fn::Frobnicate": [a]}`), "t.yaml:7:18: Fn::Frobnicate is not a CloudFormation intrinsic function"},
		{"Ref to nothing", topic("!Ref Missing"), "t.yaml:7:22: Ref Missing: neither a parameter nor a resource"},
		{"GetAtt of nothing", topic("!GetAtt Missing.Arn"), "Fn::GetAtt Missing: not a resource"},
		{"DependsOn nothing", "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    DependsOn: [Gone]\n", "t.yaml:4:17: resource T: DependsOn Gone is not a resource"},
		{"resource Condition undefined", "Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Condition: Nope\n", "t.yaml:4:16: resource T: Condition Nope is not defined"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wantErr(t, importOne(c.tpl), c.want) })
	}
	if err := importOne(topic("!If [Yes, a, !Ref AWS::NoValue]")); err != nil {
		t.Errorf("a valid template was refused: %v", err)
	}
}

// TestExportCycleNamesStacks: two templates whose outputs import each
// other are refused with both stacks named (it said "output O of  depends
// on itself").
func TestExportCycleNamesStacks(t *testing.T) {
	a := "Resources:\n  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}\nOutputs:\n  O:\n    Value: !ImportValue b-out\n    Export: {Name: a-out}\n"
	b := "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: arn:aws:iam::123456789012:role/r\n      VpcConfig: {SubnetIds: [!ImportValue a-out], SecurityGroupIds: [sg-1]}\nOutputs:\n  P:\n    Value: !ImportValue a-out\n    Export: {Name: b-out}\n"
	_, err := ImportBytes([]string{"a.yaml", "b.yaml"}, [][]byte{[]byte(a), []byte(b)}, Options{})
	wantErr(t, err, "output O of stack a (a.yaml) -> output P of stack b (b.yaml) -> output O of stack a (a.yaml)")
}

// TestDeepFlowNesting: 200,000 nested '[' are refused before the YAML
// library parses them (its parser took gigabytes and died), in a template
// and in a serverless.yml; quoted and commented brackets do not count.
func TestDeepFlowNesting(t *testing.T) {
	deep := strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000)
	wantErr(t, importOne("Resources: "+deep+"\n"), "t.yaml:1:212", "nested more than 200 deep (maxDepth)")
	_, err := ImportServerless("serverless.yml", []byte("service: s\nprovider: "+deep+"\n"), ServerlessOptions{})
	wantErr(t, err, "serverless.yml:2:211", "maxDepth")
	many := strings.Repeat("[", 300)
	ok := "# " + many + "\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: '" + many + "', DisplayName: \"" + many + "\"}\n"
	if err := importOne(ok); err != nil {
		t.Errorf("brackets in comments and quoted strings were counted: %v", err)
	}
}

// TestLongAttributeChain: 500 VPCs (CloudFormation's most), each CIDR the
// previous one's through Fn::Join and Fn::GetAtt, is a valid template and
// imports within the budgets: each link is evaluated once, not once per
// reader (that was quadratic, 125,000 evaluations).
func TestLongAttributeChain(t *testing.T) {
	var b strings.Builder
	b.WriteString("Resources:\n  R0: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}\n")
	for i := 1; i < MaxResources; i++ {
		fmt.Fprintf(&b, "  R%d: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Join ['', [!Select [0, [!GetAtt R%d.CidrBlock]]]]}}\n", i, i-1)
	}
	l, err := ImportBytes([]string{"t.yaml"}, [][]byte{[]byte(b.String())}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range l.VPCs {
		if v.CIDR != "10.0.0.0/16" {
			t.Fatalf("VPC %s has CIDR %q, want the first one's 10.0.0.0/16", v.ID, v.CIDR)
		}
	}
}
