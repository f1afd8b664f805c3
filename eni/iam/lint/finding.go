package lint

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity ranks findings.
type Severity int

// The severities, from least to most severe.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText writes the severity as its name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one problem found.
type Finding struct {
	Rule     string   `json:"rule"` // Rule.ID
	Severity Severity `json:"severity"`
	// File is the artifact the finding is in: a policy file, a scenario,
	// "managed:NAME" for an embedded managed policy; "" when unknown.
	File string `json:"file,omitempty"`
	// Line and Col locate the finding in File; 0 when unknown.
	Line int `json:"line,omitempty"`
	Col  int `json:"col,omitempty"`
	// Policy names the policy document (file, managed name, "inline[0]");
	// Statement is its index there, -1 for findings about no statement.
	Policy    string `json:"policy,omitempty"`
	Statement int    `json:"statement"`
	Sid       string `json:"sid,omitempty"`
	Path      string `json:"path,omitempty"` // JSON path in the policy
	Function  string `json:"function,omitempty"`
	Message   string `json:"message"` // what is wrong and why it matters
	Fix       string `json:"fix,omitempty"`
}

// Rule describes one check.
type Rule struct {
	ID       string
	Name     string
	Severity Severity // default; a finding may be more or less severe
	Summary  string
	HelpURI  string
}

const (
	uriVPC   = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html"
	uriMulti = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html"
)

// Rules lists every check, in ID order.
var Rules = []Rule{
	{"IAM000", "policy-does-not-parse", Error, "The policy document is not a valid IAM policy.", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"},
	{"IAM001", "multivalued-key-plain-operator", Error, "A multivalued condition key is compared with a single-valued operator.", uriMulti},
	{"IAM002", "forallvalues-allow-without-null", Warning, "An Allow uses ForAllValues without a Null guard, so a request without the key passes.", uriMulti},
	{"IAM003", "describe-scoped-to-resource", Error, "An EC2 Describe action is granted on specific resources; it only works on \"*\".", uriVPC},
	{"IAM004", "no-deny-for-function-code", Info, "The execution role grants the ENI actions without the Deny on lambda:SourceFunctionArn that AWS recommends.", uriVPC},
	{"IAM005", "source-instance-arn", Warning, "A condition uses ec2:SourceInstanceARN, which Lambda does not set; use lambda:SourceFunctionArn.", uriVPC},
	{"IAM006", "set-operator-single-valued-key", Warning, "A set operator is used with a single-valued condition key.", uriMulti},
	{"IAM007", "duplicate-key", Warning, "A key occurs twice in one JSON object; only the last one counts.", "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html"},
	{"IAM008", "role-cannot-manage-enis", Error, "The execution role does not allow the EC2 actions Lambda needs for a VPC function.", uriVPC},
	{"IAM009", "unknown-managed-policy", Warning, "enisim does not know this managed policy; its permissions are ignored.", ""},
	{"IAM010", "caller-cannot-describe", Warning, "The caller may not call the EC2 Describe actions needed to configure VPC settings.", uriVPC},
	{"LAY001", "split-security-groups", Warning, "Functions on the same subnets use different security-group sets, so each set needs its own Hyperplane ENIs.", uriVPC},
	{"LAY002", "single-az", Warning, "All of a function's subnets are in one Availability Zone.", uriVPC},
}

// rule returns the rule with id; it panics on an unknown id, a bug here.
func rule(id string) Rule {
	for _, r := range Rules {
		if r.ID == id {
			return r
		}
	}
	panic("lint: unknown rule " + id)
}

// Sort orders findings by file, line, column, rule and message, so that
// output never depends on map order.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
}

// Max returns the highest severity among fs, and false when fs is empty;
// a CLI exits non-zero when it is Error.
func Max(fs []Finding) (Severity, bool) {
	if len(fs) == 0 {
		return Info, false
	}
	m := Info
	for _, f := range fs {
		m = max(m, f.Severity)
	}
	return m, true
}
