package iam

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Budgets that bound what one policy document may cost to read and to
// evaluate. Parse checks them before the JSON tokenizer runs, so no input
// reaches the recursive reader, or Evaluate, larger than they allow.
const (
	// MaxPolicyChars is the largest identity policy AWS stores: the inline
	// policies of a role may total 10,240 characters, more than any other
	// identity policy (managed 6,144, user inline 2,048, group inline
	// 5,120). IAM does not count white space
	// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html,
	// "IAM and AWS STS character limits"), and neither does this budget.
	// Everything a statement holds costs characters, so this bounds the
	// statements (the shortest, {"Effect":"Allow","Action":"*","Resource":"*"},
	// is 46 characters: at most 217 of them), conditions, values and
	// pattern lengths too.
	MaxPolicyChars = 10_240
	// MaxManagedPolicyChars is AWS's limit for one customer managed policy
	// (same page); the managed policies enisim embeds are checked against it.
	MaxManagedPolicyChars = 6_144
	// maxPolicyBytes bounds the raw document, white space included: white
	// space is free on AWS but not to the reader, and a document is held
	// in memory whole. 1 MiB leaves room for any indentation of a
	// 10,240-character policy (a hundred bytes of it per character).
	maxPolicyBytes = 1 << 20
	// maxDepth bounds how deeply a policy document may nest before the
	// reader recurses into it. A real policy nests six levels (document,
	// Statement list, statement, Condition, operator block, value list);
	// 32 is generous and keeps the recursion shallow whatever the input.
	maxDepth = 32
)

// checkBudget refuses a document that exceeds the size budgets or holds
// a character AWS refuses, at the first offending place.
func checkBudget(doc []byte) error {
	if len(doc) > maxPolicyBytes {
		return &ParseError{Statement: -1, Msg: fmt.Sprintf(
			"the document is %d bytes; enisim reads at most %d (1 MiB), white space included", len(doc), maxPolicyBytes)}
	}
	chars, line, col := 0, 1, 1
	for i := 0; i < len(doc); {
		r, size := utf8.DecodeRune(doc[i:])
		at := Pos{Line: line, Col: col, Offset: i}
		switch {
		case r == utf8.RuneError && size == 1:
			return &ParseError{Statement: -1, Pos: at, Msg: "invalid UTF-8: a policy document is a text"}
		case r == '\n':
			line, col = line+1, 0
		case r != '\t' && r != '\r' && (r < 0x20 || r > 0xff):
			// Character limits, same page: "Policy documents can contain
			// only ... tab, linefeed, carriage return, and characters in
			// the range U+0020 to U+00FF".
			return &ParseError{Statement: -1, Pos: at, Msg: fmt.Sprintf(
				"character %U: AWS policy documents hold only tab, line feed, carriage return and U+0020 to U+00FF", r)}
		}
		if !unicode.IsSpace(r) {
			if chars++; chars > MaxPolicyChars {
				return &ParseError{Statement: -1, Pos: at, Msg: fmt.Sprintf(
					"the policy is longer than %d characters (white space not counted), the most AWS allows for any identity policy (a role's inline policies together)",
					MaxPolicyChars)}
			}
		}
		i += size
		col += size
	}
	return nil
}

// chars is a document's size as IAM counts it against its quotas: its
// characters, white space not counted.
func chars(doc []byte) int {
	n := 0
	for _, r := range string(doc) {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}
