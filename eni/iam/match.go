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
func glob(pattern, s string) bool {
	ok, _ := globSteps(pattern, s)
	return ok
}

// globSteps is glob, also returning how many bytes of s it examined, so
// that tests can bound its work. The pattern is cut at its stars into
// segments: the first must match at the start of s, the last at its end,
// and each one between at its leftmost place after the one before. That
// greedy choice is safe because a segment has a fixed length in
// characters: matching it earlier never leaves less room for the rest.
// So nothing is ever retried: a segment without ? is found by
// strings.Index (linear in len(s)), one with ? by trying each start, at
// most len(s) times its length. The classic backtracking matcher was
// O(len(s)·len(pattern)) on "*aaaa…ab" against "aaaa…a".
func globSteps(pattern, s string) (bool, int) {
	star := strings.IndexByte(pattern, '*')
	if star < 0 {
		n, ok := matchPrefix(pattern, s)
		return ok && n == len(s), len(pattern)
	}
	n, ok := matchPrefix(pattern[:star], s)
	steps := star
	if !ok {
		return false, steps
	}
	s, pattern = s[n:], pattern[star+1:]
	last := strings.LastIndexByte(pattern, '*')
	final := pattern[last+1:] // the whole rest when last is -1
	pattern = pattern[:max(last, 0)]
	n, ok = matchSuffix(final, s)
	steps += len(final)
	if !ok {
		return false, steps
	}
	s = s[:len(s)-n]
	for pattern != "" {
		seg, rest, _ := strings.Cut(pattern, "*")
		pattern = rest
		at, n, st := findSegment(seg, s)
		steps += st
		if at < 0 {
			return false, steps
		}
		s = s[at+n:]
	}
	return true, steps
}

// matchPrefix reports whether s starts with seg (no stars; ? matches one
// character) and how many bytes of s that covers.
func matchPrefix(seg, s string) (int, bool) {
	j := 0
	for i := 0; i < len(seg); i++ {
		if j >= len(s) {
			return 0, false
		}
		if seg[i] == '?' {
			_, w := utf8.DecodeRuneInString(s[j:])
			j += w
			continue
		}
		if seg[i] != s[j] {
			return 0, false
		}
		j++
	}
	return j, true
}

// matchSuffix reports whether s ends with seg and how many bytes of s
// that covers.
func matchSuffix(seg, s string) (int, bool) {
	j := len(s)
	for i := len(seg) - 1; i >= 0; i-- {
		if j == 0 {
			return 0, false
		}
		if seg[i] == '?' {
			_, w := utf8.DecodeLastRuneInString(s[:j])
			j -= w
			continue
		}
		if seg[i] != s[j-1] {
			return 0, false
		}
		j--
	}
	return len(s) - j, true
}

// findSegment finds the leftmost place in s where seg matches: its byte
// offset (-1 if none), the bytes it covers, and the work it took.
func findSegment(seg, s string) (at, n, steps int) {
	if strings.IndexByte(seg, '?') < 0 {
		at = strings.Index(s, seg)
		if at < 0 {
			return -1, 0, len(s)
		}
		return at, len(seg), at + len(seg)
	}
	for at = 0; at < len(s); {
		steps += len(seg)
		if n, ok := matchPrefix(seg, s[at:]); ok {
			return at, n, steps
		}
		_, w := utf8.DecodeRuneInString(s[at:])
		at += w
	}
	return -1, 0, steps
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
