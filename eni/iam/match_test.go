package iam

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// globBacktrack is the classic matcher glob replaced: correct, but
// O(len(s)·len(pattern)). It is the oracle for TestGlobAgreesWithBacktracking.
func globBacktrack(pattern, s string) bool {
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
		_, sw := utf8.DecodeRuneInString(s[starI:])
		starI += sw
		p, i = starP+1, starI
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

func randomWord(r *rand.Rand, alphabet []string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

func TestGlobAgreesWithBacktracking(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 1))
	pat := []string{"a", "b", "é", "*", "?", "a", "*"}
	txt := []string{"a", "b", "é", "a"}
	for i := range 200_000 {
		p := randomWord(r, pat, r.IntN(9))
		s := randomWord(r, txt, r.IntN(12))
		if got, want := glob(p, s), globBacktrack(p, s); got != want {
			t.Fatalf("case %d: glob(%q, %q) = %v, backtracking says %v", i, p, s, got, want)
		}
	}
}

// TestGlobWorkIsLinear feeds the inputs that make backtracking quadratic
// and bounds the bytes examined: without ? a match reads each byte of the
// value and the pattern a bounded number of times.
func TestGlobWorkIsLinear(t *testing.T) {
	const n = 100_000
	long := strings.Repeat("a", n)
	for _, tt := range []struct {
		name, p, s string
		want       bool
	}{
		{"stars between letters, no b", strings.Repeat("a*", n/2) + "b", long, false},
		{"stars around a long run", "*" + strings.Repeat("a", n/2) + "b*", long, false},
		{"many short segments", "*" + strings.Repeat("a*", n/4) + "b*", long, false},
		{"ARN with a long wildcard tail", "arn:aws:lambda:*:*:function:" + strings.Repeat("*a", n/4) + "*b", "arn:aws:lambda:us-east-1:1:function:" + long + "b", true},
	} {
		ok, steps := globSteps(tt.p, tt.s)
		if ok != tt.want {
			t.Errorf("%s: match = %v, want %v", tt.name, ok, tt.want)
		}
		if limit := 2 * (len(tt.p) + len(tt.s)); steps > limit {
			t.Errorf("%s: %d steps for %d+%d bytes, want at most %d", tt.name, steps, len(tt.p), len(tt.s), limit)
		}
		if !strings.HasPrefix(tt.name, "ARN") && globBacktrack(tt.p[:min(len(tt.p), 200)], tt.s[:200]) != glob(tt.p[:min(len(tt.p), 200)], tt.s[:200]) {
			t.Errorf("%s: the matchers disagree on a 200-byte cut", tt.name)
		}
	}
	// With ?, a segment is tried at each start: work is bounded by
	// len(s) times the segment, never more.
	p := "*" + strings.Repeat("a", 30) + "?b*"
	ok, steps := globSteps(p, long)
	if ok || steps > n*32 {
		t.Errorf("? segment: %v after %d steps, want false within %d", ok, steps, n*32)
	}
}
