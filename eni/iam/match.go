package iam

import (
	"strings"
	"unicode/utf8"
)

// glob reports whether s matches pattern, where * matches any run of
// characters (also none) and ? exactly one. These are the only wildcards
// in Action, Resource and StringLike/ArnLike values
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html,
// .../reference_policies_elements_condition_operators.html#Conditions_String).
//
// It backtracks only to the last *, so it runs in O(len(s)·len(pattern))
// at worst: no input can make it explode.
func glob(pattern, s string) bool {
	p, i := 0, 0
	starP, starI := -1, 0
	for i < len(s) {
		if p < len(pattern) {
			pc, pw := utf8.DecodeRuneInString(pattern[p:])
			_, sw := utf8.DecodeRuneInString(s[i:])
			switch {
			case pc == '*':
				starP, starI = p, i
				p += pw
				continue
			case pc == '?' || pattern[p:p+pw] == s[i:i+sw]:
				p += pw
				i += sw
				continue
			}
		}
		if starP < 0 {
			return false
		}
		// Let the last * swallow one more character and retry after it.
		_, sw := utf8.DecodeRuneInString(s[starI:])
		starI += sw
		p, i = starP+1, starI
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// matchAction reports whether an Action/NotAction pattern covers action.
// Action names are case-insensitive: "ec2:describe*" covers
// "ec2:DescribeSubnets"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html:
// "Action ... values are case-insensitive").
func matchAction(pattern, action string) bool {
	return glob(strings.ToLower(pattern), strings.ToLower(action))
}

// matchARN reports whether value matches an ARN pattern the way Resource
// and ArnLike/ArnEquals compare: case-sensitively, each of the six
// colon-separated parts on its own, each part allowing * and ?
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN,
// .../reference_policies_elements_resource.html). The sixth part is the
// rest of the ARN, colons included, as in "function:orders:prod".
// A pattern or value that is not a six-part ARN ("*") is globbed whole.
func matchARN(pattern, value string) bool {
	pp := strings.SplitN(pattern, ":", 6)
	vp := strings.SplitN(value, ":", 6)
	if len(pp) != 6 || len(vp) != 6 {
		return glob(pattern, value)
	}
	for i := range pp {
		if !glob(pp[i], vp[i]) {
			return false
		}
	}
	return true
}

// anyMatch reports whether any pattern matches s.
func anyMatch(patterns []string, s string, match func(p, s string) bool) bool {
	for _, p := range patterns {
		if match(p, s) {
			return true
		}
	}
	return false
}
