package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// brief renders findings as "RULE severity line:col" lines, for comparing.
func brief(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Rule + " " + f.Severity.String() + " " + f.Location() + " " + f.Subject() + "\n")
	}
	return b.String()
}

// TestDocsProsePolicyIsFlagged is the acceptance test: the Lambda
// docs' prose says "use StringEquals to check the value of the
// lambda:SubnetIds condition"; written that way the Deny is flagged.
func TestDocsProsePolicyIsFlagged(t *testing.T) {
	fs := LintPolicy("lambda-deny-subnets-plain.json", readTestdata(t, "lambda-deny-subnets-plain.json"))
	want := "IAM001 error lambda-deny-subnets-plain.json:14:11 statement 0 (Sid \"EnforceOutOfSubnet\")\n"
	if got := brief(fs); got != want {
		t.Fatalf("got\n%swant\n%s", got, want)
	}
	if f := fs[0]; f.Path != `Statement[0].Condition.StringEquals["lambda:SubnetIds"]` ||
		!strings.Contains(f.Fix, "ForAnyValue:StringEquals") {
		t.Errorf("finding %+v", f)
	}
}

// TestDocsExamples lints the JSON of the Lambda docs' examples: the Deny
// examples are clean, the ForAllValues Allow examples lack the Null guard
// the IAM guide recommends.
func TestDocsExamples(t *testing.T) {
	tests := map[string]string{
		"lambda-only-vpc-functions.json": "",
		"lambda-deny-vpcs.json":          "",
		"lambda-deny-subnets-sgs.json":   "",
		"lambda-allow-vpcs.json":         "",
		"lambda-allow-subnets.json":      "IAM002 warning lambda-allow-subnets.json:14:11 statement 0 (Sid \"EnforceStayInSpecificSubnets\")\n",
		"lambda-allow-sgs.json":          "IAM002 warning lambda-allow-sgs.json:14:11 statement 0 (Sid \"EnforceStayInSpecificSecurityGroup\")\n",
		"role-recommended-deny.json":     "",
		"caller-base.json":               "",
	}
	for name, want := range tests {
		if got := brief(LintPolicy(name, readTestdata(t, name))); got != want {
			t.Errorf("%s:\n got\n%s want\n%s", name, got, want)
		}
	}
}

func TestStatementRules(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"plain operator in an Allow is a warning",
			`{"Statement":{"Effect":"Allow","Action":"lambda:CreateFunction","Resource":"*","Condition":{"StringEquals":{"lambda:SecurityGroupIds":"sg-1"}}}}`,
			"IAM001 warning p.json:1:109 statement 0\n"},
		{"Null on a multivalued key is fine",
			`{"Statement":{"Effect":"Deny","Action":"lambda:CreateFunction","Resource":"*","Condition":{"Null":{"lambda:SubnetIds":"true"}}}}`, ""},
		{"ForAllValues with a Null guard is fine",
			`{"Statement":{"Effect":"Allow","Action":"lambda:*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"lambda:SubnetIds":["a"]},"Null":{"lambda:SubnetIds":"false"}}}}`, ""},
		{"DescribeNetworkInterfaces on a resource",
			"{\"Statement\":[\n{\"Effect\":\"Allow\",\"Action\":\"ec2:Describe*\",\"Resource\":\"arn:aws:ec2:*:*:subnet/*\"}]}",
			"IAM003 error p.json:2:1 statement 0\n"},
		{"a bare * action is not an EC2 grant", `{"Statement":{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/*"}}`, ""},
		{"ec2:SourceInstanceARN in the Deny",
			`{"Statement":[{"Effect":"Allow","Action":"ec2:CreateNetworkInterface","Resource":"*"},{"Effect":"Deny","Action":"ec2:CreateNetworkInterface","Resource":"*","Condition":{"ArnEquals":{"ec2:SourceInstanceARN":"arn:aws:lambda:*:*:function:*"}}}]}`,
			"IAM004 info p.json:1:15 statement 0\nIAM005 warning p.json:1:183 statement 1\n"},
		{"set operator on lambda:VpcIds",
			`{"Statement":{"Effect":"Allow","Action":"lambda:*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"lambda:VpcIds":"vpc-1"}}}}`,
			"IAM006 warning p.json:1:108 statement 0\n"},
		{"duplicate operator",
			`{"Statement":{"Effect":"Deny","Action":"lambda:*","Resource":"*","Condition":{"StringEquals":{"lambda:VpcIds":"a"},"StringEquals":{"lambda:VpcIds":"b"}}}}`,
			"IAM007 warning p.json:1:79 statement 0\n"},
		{"does not parse", "{\"Statement\":\n[{\"Effect\":\"allow\"}]}", "IAM000 error p.json:2:12 statement 0\n"},
		{"DeleteNetworkInterface on one named ENI",
			"{\"Statement\":[\n{\"Effect\":\"Allow\",\"Action\":\"ec2:DeleteNetworkInterface\",\"Resource\":\"arn:aws:ec2:us-east-1:123456789012:network-interface/eni-0abc\"}]}",
			"IAM011 error p.json:2:1 statement 0\n"},
		{"DeleteNetworkInterface on a subnet",
			`{"Statement":{"Effect":"Allow","Action":"ec2:*NetworkInterface","Resource":["arn:aws:ec2:*:*:subnet/*"]}}`,
			"IAM011 error p.json:1:14 statement 0\n"},
		{"DeleteNetworkInterface on every resource of the account, as AWS advises",
			`{"Statement":{"Effect":"Allow","Action":"ec2:DeleteNetworkInterface","Resource":"arn:aws:ec2:eu-west-1:999999999999:*/*"}}`, ""},
		{"DeleteNetworkInterface on every ENI id",
			`{"Statement":{"Effect":"Allow","Action":"ec2:DeleteNetworkInterface","Resource":["arn:aws:ec2:*:*:subnet/*","arn:aws:ec2:*:*:network-interface/eni-*"]}}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := brief(LintPolicy("p.json", []byte(tt.doc))); got != tt.want {
				t.Errorf("got\n%swant\n%s", got, tt.want)
			}
		})
	}
}

// An UpdateRole that takes ec2:DeleteNetworkInterface away leaves the
// function's ENIs to be orphaned (IAM012), and IAM008 says what fails
// later rather than what CreateFunction does.
func TestLintUpdateRole(t *testing.T) {
	keep := Role{Name: "orders", File: "s.yaml", Line: 40, Managed: []string{"AWSLambdaVPCAccessExecutionRole"}}
	if got := brief(LintUpdateRole(keep)); got != "IAM004 info s.yaml:40 function orders\n" {
		t.Errorf("a role that keeps the permissions:\n%s", got)
	}
	lose := Role{Name: "orders", File: "s.yaml", Line: 40, Managed: []string{"AWSLambdaBasicExecutionRole"}, Actions: []string{"ec2:CreateNetworkInterface"}}
	fs := LintUpdateRole(lose)
	want := "IAM004 info s.yaml:40 function orders\nIAM008 error s.yaml:40 function orders\nIAM012 warning s.yaml:40 function orders\n"
	if got := brief(fs); got != want {
		t.Fatalf("a role that loses them:\n%s", got)
	}
	if !strings.Contains(fs[1].Message, "after this UpdateRole") || !strings.Contains(fs[2].Message, "orphaned") || fs[2].Fix == "" {
		t.Errorf("messages: %q / %q (fix %q)", fs[1].Message, fs[2].Message, fs[2].Fix)
	}
}

func TestLintRole(t *testing.T) {
	deny := Document{Name: "inline[0]", Line: 20, JSON: readTestdata(t, "role-recommended-deny.json")}
	tests := []struct {
		name string
		role Role
		want string
	}{
		{"the default role: only the recommendation",
			Role{Name: "orders", File: "s.yaml", Line: 12, Managed: []string{"AWSLambdaVPCAccessExecutionRole"}},
			"IAM004 info s.yaml:12 function orders\n"},
		{"with the recommended Deny: clean",
			Role{Name: "orders", File: "s.yaml", Line: 12, Managed: []string{"AWSLambdaVPCAccessExecutionRole"}, Docs: []Document{deny}}, ""},
		{"basic role: CreateFunction will fail",
			Role{Name: "orders", File: "s.yaml", Line: 12, Managed: []string{"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}},
			"IAM008 error s.yaml:12 function orders\n"},
		{"the older three actions: a warning",
			Role{Name: "orders", File: "s.yaml", Line: 12, Docs: []Document{deny},
				Actions: []string{"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface"}},
			"IAM008 warning s.yaml:12 function orders\n"},
		{"unknown managed policy",
			Role{Name: "orders", File: "s.yaml", Line: 12, Managed: []string{"AWSLambdaVPCAccessExecutionRole", "MyPolicy"}, Docs: []Document{deny}},
			"IAM009 warning s.yaml:12 function orders\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := LintRole(tt.role)
			if got := brief(fs); got != tt.want {
				t.Errorf("got\n%swant\n%s", got, tt.want)
			}
			for _, f := range fs {
				if f.Rule == "IAM008" && f.Severity == Error &&
					!strings.Contains(f.Message, "The provided execution role does not have permissions to call CreateNetworkInterface on EC2") {
					t.Errorf("IAM008 message: %s", f.Message)
				}
			}
		})
	}
}

func TestLintCaller(t *testing.T) {
	c := Caller{File: "s.yaml", Line: 5, Docs: []Document{{Name: "caller[0]", Line: 6,
		JSON: []byte(`{"Statement":{"Effect":"Allow","Action":["lambda:*","ec2:DescribeSubnets"],"Resource":"*"}}`)}}}
	fs := LintCaller(c)
	if got := brief(fs); got != "IAM010 warning s.yaml:5 -\n" || !strings.Contains(fs[0].Message, "ec2:DescribeSecurityGroups, ec2:DescribeVpcs") {
		t.Errorf("got %s %+v", got, fs)
	}
	c.Docs[0].JSON = readTestdata(t, "caller-base.json")
	if fs := LintCaller(c); len(fs) != 0 {
		t.Errorf("base caller: %+v", fs)
	}
}

func TestLintLayout(t *testing.T) {
	az := map[string]string{"a1": "us-east-1a", "a2": "us-east-1a", "b1": "us-east-1b"}
	fns := []LayoutFunction{
		{Name: "orders", Subnets: []string{"a1", "b1"}, SGs: []string{"sg-app"}, SubnetAZ: az, File: "s.yaml", Line: 10},
		{Name: "billing", Subnets: []string{"b1", "a1"}, SGs: []string{"sg-app"}, SubnetAZ: az, File: "s.yaml", Line: 20},
		{Name: "reports", Subnets: []string{"a1", "b1"}, SGs: []string{"sg-db", "sg-app"}, SubnetAZ: az, File: "s.yaml", Line: 30},
		{Name: "batch", Subnets: []string{"a1", "a2"}, SGs: []string{"sg-app"}, SubnetAZ: az, File: "s.yaml", Line: 40},
		{Name: "unknown-az", Subnets: []string{"zz"}, SGs: []string{"sg-app"}, SubnetAZ: az, File: "s.yaml", Line: 50},
		{Name: "detached", File: "s.yaml", Line: 60},
	}
	fs := LintLayout(fns)
	want := "LAY001 warning s.yaml:30 function reports\nLAY002 warning s.yaml:40 function batch\n"
	if got := brief(fs); got != want {
		t.Fatalf("got\n%swant\n%s", got, want)
	}
	if !strings.Contains(fs[0].Message, "orders, billing (sg-app) and reports (sg-app, sg-db)") ||
		!strings.Contains(fs[0].Message, "at least 4 Hyperplane ENIs instead of 2") {
		t.Errorf("LAY001 message: %s", fs[0].Message)
	}
}

// A function whose create is refused holds no ENIs: it does not split the
// subnets it names (LAY001), though the AZ rule still speaks of it.
func TestRefusedFunctionDoesNotSplitSubnets(t *testing.T) {
	az := map[string]string{"a": "az1", "b": "az2"}
	fns := []LayoutFunction{
		{Name: "ok", Subnets: []string{"a", "b"}, SGs: []string{"sg-1"}, SubnetAZ: az},
		{Name: "other", Subnets: []string{"a", "b"}, SGs: []string{"sg-2"}, SubnetAZ: az},
	}
	count := func(fs []Finding) (n int) {
		for _, f := range fs {
			if f.Rule == "LAY001" {
				n++
			}
		}
		return n
	}
	if n := count(LintLayout(fns)); n != 1 {
		t.Fatalf("two sets on one subnet pair: %d LAY001, want 1", n)
	}
	fns[1].Refused = true
	if n := count(LintLayout(fns)); n != 0 {
		t.Errorf("with the second function's create refused: %d LAY001, want 0", n)
	}
}
