package iam

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// operator is one base condition operator. Citations are to
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// ("Condition operators" below).
type operator struct {
	name string
	// negated operators (StringNotEquals, ArnNotLike, ...) hold when the
	// value matches none of the policy values: "If a single negated
	// matching condition operator includes multiple values for a context
	// key, those values are evaluated using a logical NOR"
	// (.../reference_policies_condition-logic-multiple-context-keys-or-values.html).
	negated bool
	null    bool
	// match compares one request value with one policy value; ok is false
	// when the request value cannot be compared (not a number).
	match func(req, pol string) (m, ok bool)
	// check validates a policy value when the policy is parsed.
	check func(pol string) error
}

func always(m bool) (bool, bool) { return m, true }

var operators = map[string]*operator{}

func init() {
	eq := func(r, p string) (bool, bool) { return always(r == p) }
	fold := func(r, p string) (bool, bool) { return always(strings.EqualFold(r, p)) }
	like := func(r, p string) (bool, bool) { return always(glob(p, r)) }
	arn := func(r, p string) (bool, bool) { return always(matchARN(p, r)) }
	add := func(name string, negated bool, m func(r, p string) (bool, bool)) {
		operators[strings.ToLower(name)] = &operator{name: name, negated: negated, match: m}
	}
	// Condition operators, "String condition operators": Equals is exact
	// and case-sensitive, IgnoreCase folds case, Like allows * and ?.
	add("StringEquals", false, eq)
	add("StringNotEquals", true, eq)
	add("StringEqualsIgnoreCase", false, fold)
	add("StringNotEqualsIgnoreCase", true, fold)
	add("StringLike", false, like)
	add("StringNotLike", true, like)
	// "ARN condition operators": ArnEquals and ArnLike behave the same,
	// both compare each ARN part with wildcards.
	add("ArnEquals", false, arn)
	add("ArnLike", false, arn)
	add("ArnNotEquals", true, arn)
	add("ArnNotLike", true, arn)
	// "Boolean condition operators": the values are "true" and "false".
	add("Bool", false, fold)
	addNumeric()
	operators["null"] = &operator{name: "Null", null: true}
}

// addNumeric adds the "Numeric condition operators". The policy value must
// be a number; a request value that is not one matches nothing.
func addNumeric() {
	cmp := map[string]func(a, b float64) bool{
		"NumericEquals":            func(a, b float64) bool { return a == b },
		"NumericNotEquals":         func(a, b float64) bool { return a == b },
		"NumericLessThan":          func(a, b float64) bool { return a < b },
		"NumericLessThanEquals":    func(a, b float64) bool { return a <= b },
		"NumericGreaterThan":       func(a, b float64) bool { return a > b },
		"NumericGreaterThanEquals": func(a, b float64) bool { return a >= b },
	}
	for name, f := range cmp {
		operators[strings.ToLower(name)] = &operator{
			name:    name,
			negated: name == "NumericNotEquals",
			match: func(r, p string) (bool, bool) {
				a, err1 := strconv.ParseFloat(r, 64)
				b, err2 := strconv.ParseFloat(p, 64)
				if err1 != nil || err2 != nil {
					return false, false
				}
				return f(a, b), true
			},
			check: func(p string) error {
				if !isDecimal(p) {
					return fmt.Errorf("%s needs a number, not %q", name, p)
				}
				if f, err := strconv.ParseFloat(p, 64); err != nil || math.IsInf(f, 0) {
					return fmt.Errorf("%s: %q is beyond the range of a number", name, p)
				}
				return nil
			},
		}
	}
}

// isDecimal reports whether s is a plain decimal number: an optional sign,
// digits with at most one point, an optional exponent. strconv.ParseFloat
// also reads "NaN", "Inf", "0x1p4" and "1_000"; AWS compares numbers, and
// NaN would make every comparison false, so those are refused.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits, dot := 0, false
	for ; i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' && !dot); i++ {
		if s[i] == '.' {
			dot = true
		} else {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// unsupported operators are valid on AWS but not evaluated by enisim; Parse
// refuses them by name rather than calling them unknown.
var unsupported = map[string]bool{
	"dateequals": true, "datenotequals": true, "datelessthan": true,
	"datelessthanequals": true, "dategreaterthan": true, "dategreaterthanequals": true,
	"ipaddress": true, "notipaddress": true, "binaryequals": true,
}

// parseOperator splits "ForAllValues:StringEqualsIfExists" into its parts.
func parseOperator(s string) (op *operator, set SetOp, ifExists bool, err error) {
	base := s
	if pre, rest, ok := strings.Cut(s, ":"); ok {
		switch strings.ToLower(pre) {
		case "forallvalues":
			set = ForAllValues
		case "foranyvalue":
			set = ForAnyValue
		default:
			return nil, 0, false, fmt.Errorf("unknown set operator %q (want ForAllValues: or ForAnyValue:)", pre+":")
		}
		base = rest
	}
	lower := strings.ToLower(base)
	if strings.HasSuffix(lower, "ifexists") && lower != "ifexists" {
		ifExists, lower = true, strings.TrimSuffix(lower, "ifexists")
	}
	if unsupported[lower] {
		return nil, 0, false, fmt.Errorf("condition operator %q is valid on AWS but enisim does not evaluate it", s)
	}
	op = operators[lower]
	switch {
	case op == nil:
		return nil, 0, false, fmt.Errorf("unknown condition operator %q", s)
	case op.null && (ifExists || set != NoSet):
		// Condition operators, "Condition operator to check existence of
		// condition keys": Null takes no prefix or suffix.
		return nil, 0, false, fmt.Errorf("condition operator %q: Null takes neither IfExists nor a set operator", s)
	}
	return op, set, ifExists, nil
}

// holds reports whether the condition holds for the request's values of
// its key; vals is empty when the key is missing (see Request).
func (c *Condition) holds(vals []string) bool {
	if c.op.null {
		return c.nullHolds(len(vals) > 0)
	}
	if len(vals) == 0 {
		return c.missing()
	}
	switch c.Set {
	case ForAllValues:
		// Single-valued vs. multivalued context keys, "ForAllValues": true
		// if every request value matches a policy value.
		for _, v := range vals {
			if !c.one(v) {
				return false
			}
		}
		return true
	case ForAnyValue:
		// ..., "ForAnyValue": true if at least one request value matches.
		for _, v := range vals {
			if c.one(v) {
				return true
			}
		}
		return false
	}
	// A plain operator on a key with several values: AWS says only that
	// "multivalued context keys require a condition set operator"
	// (.../reference_policies_condition-single-vs-multi-valued-context-keys.html)
	// and users observe that the bare operator then matches nothing
	// (boogy/iam-policy-validator#161). Model: the condition is false,
	// negated or not. The linter flags such policies (rule IAM001).
	if len(vals) > 1 {
		return false
	}
	return c.one(vals[0])
}

// missing is the outcome when the request lacks the key.
func (c *Condition) missing() bool {
	switch {
	case c.IfExists:
		// Condition operators, "...IfExists condition operators": "If the
		// key is not present, evaluate the condition element as true."
		return true
	case c.Set == ForAllValues:
		// Single-valued vs. multivalued context keys: ForAllValues "also
		// returns true if there are no context keys in the request", and
		// the Null guard it recommends covers "context keys with empty
		// values" too.
		return true
	case c.Set == ForAnyValue:
		// Same page: ForAnyValue "For no matching context key or if the key
		// does not exist, the condition returns false."
		return false
	}
	// Condition operators, "Important": a missing key does not match, but
	// "If the policy condition requires that the key is not matched, such
	// as StringNotLike or ArnNotLike, and the right key is not present, the
	// condition is true."
	return c.op.negated
}

// one compares one request value with the policy values: ORed for a plain
// operator, NORed for a negated one. A request value that cannot be
// compared (a Numeric operator on "abc") makes the comparison false.
func (c *Condition) one(v string) bool {
	hit := false
	for _, p := range c.Values {
		m, ok := c.op.match(v, p)
		if !ok {
			return false
		}
		if m {
			hit = true
			break
		}
	}
	return hit != c.op.negated
}

// nullHolds evaluates Null: "true" holds when the key is absent (or null),
// "false" when it is present (Condition operators, "Condition operator to
// check existence of condition keys"). Several values are ORed.
func (c *Condition) nullHolds(present bool) bool {
	for _, p := range c.Values {
		if strings.EqualFold(p, "true") != present {
			return true
		}
	}
	return false
}
