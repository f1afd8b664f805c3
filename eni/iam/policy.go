package iam

import "fmt"

// Effect is a statement's Effect element.
type Effect int

// The two effects a statement can have.
const (
	EffectAllow Effect = iota + 1
	EffectDeny
)

func (e Effect) String() string {
	switch e {
	case EffectAllow:
		return "Allow"
	case EffectDeny:
		return "Deny"
	}
	return fmt.Sprintf("Effect(%d)", int(e))
}

// Policy is one parsed policy document.
type Policy struct {
	// Name labels the policy in decisions and findings: a managed policy's
	// name, a file path, "inline[0]". Parse leaves it empty.
	Name       string
	Version    string // "2012-10-17", "2008-10-17" or "" when absent
	ID         string
	Statements []Statement
	// Duplicates lists keys that occur twice in one JSON object. AWS, like
	// encoding/json, keeps the last one, so the earlier one is silently
	// ignored; the linter reports them.
	Duplicates []Duplicate
}

// Duplicate is a key that occurs more than once in one JSON object.
type Duplicate struct {
	Path      string // JSON path of the object holding it
	Key       string
	Pos       Pos // the occurrence that is ignored
	Statement int // -1 outside a statement
}

// Statement is one statement of a policy.
type Statement struct {
	Index int    // position in the Statement list (0 when Statement is an object)
	Path  string // JSON path: "Statement[1]", or "Statement" for a lone object
	Pos   Pos
	Sid   string
	// Effect is EffectAllow or EffectDeny.
	Effect Effect
	// Exactly one of Action and NotAction is non-nil, and exactly one of
	// Resource and NotResource. A string element becomes a one-item list.
	Action, NotAction     []string
	Resource, NotResource []string
	// HasPrincipal records a Principal or NotPrincipal element, which only
	// resource-based policies have; Evaluate ignores it.
	HasPrincipal bool
	Conditions   []Condition
}

// Label names the statement for messages: `statement 1 (Sid "X")`.
func (s *Statement) Label() string {
	if s.Sid != "" {
		return fmt.Sprintf("statement %d (Sid %q)", s.Index, s.Sid)
	}
	return fmt.Sprintf("statement %d", s.Index)
}

// SetOp is a condition's set operator prefix.
type SetOp int

// The set operators for multivalued context keys.
const (
	NoSet        SetOp = iota
	ForAllValues       // "ForAllValues:"
	ForAnyValue        // "ForAnyValue:"
)

// Condition is one (operator, key) pair of a Condition block, with the
// values the policy lists for it. Conditions of a statement are ANDed;
// Values are ORed (NORed for a negated operator).
type Condition struct {
	Operator string // as written: "ForAllValues:StringEqualsIfExists"
	Base     string // canonical operator without prefix or suffix: "StringEquals"
	Set      SetOp
	IfExists bool
	Key      string // as written; keys compare case-insensitively
	Values   []string
	Path     string // JSON path of the key: `Statement[0].Condition.StringEquals["lambda:VpcIds"]`
	Pos      Pos    // where the key is written
	// ValuesIsList is true when the policy wrote the values as a JSON list,
	// even a one-item list.
	ValuesIsList bool

	op *operator
}

// ParseError is a policy document that AWS would refuse, or that enisim
// cannot evaluate. Statement is -1 when the problem is outside any
// statement.
type ParseError struct {
	Statement int
	Sid       string
	Path      string
	Pos       Pos
	Msg       string
}

func (e *ParseError) Error() string {
	s := ""
	if e.Pos.Line > 0 {
		s = fmt.Sprintf("line %d col %d: ", e.Pos.Line, e.Pos.Col)
	}
	if e.Statement >= 0 {
		st := Statement{Index: e.Statement, Sid: e.Sid}
		s += st.Label() + ": "
	}
	if e.Path != "" {
		s += e.Path + ": "
	}
	return s + e.Msg
}
