package terraform

import (
	"bytes"
	"fmt"
	"strings"
)

// checkNesting refuses a file whose expressions nest deeper than
// MaxNesting before the parser recurses into them: brackets and template
// interpolations, and within one level the operators and conditionals
// (the parser and the evaluator recurse once per operator: 2,000,000 "!"
// overflowed the stack). It scans the bytes once, in memory bounded by
// MaxNesting (the HCL lexer's tokens took 600 MB for a 2 MB file);
// comments, strings and heredocs do not count, their interpolations do.
func checkNesting(name string, src []byte) error {
	n := &nestScan{src: src, line: 1, col: 1, levels: []nestLevel{{}}}
	for n.i < len(src) {
		n.step()
		if n.depth > MaxNesting {
			return fmt.Errorf("%s:%d:%d: expressions nest deeper than the limit MaxNesting = %d (brackets, operators and conditionals): %w",
				name, n.line, n.col, MaxNesting, errBudget)
		}
	}
	return nil
}

// nestLevel is one open bracket (or the top level): its opening byte,
// the operators seen in its current item, and for a string or heredoc
// level, how it ends.
type nestLevel struct {
	open   byte // 0 for the top, '{', '[', '(', 'i' for an interpolation, '"' for a string, 'h' for a heredoc
	ops    int
	marker string // a heredoc's closing identifier
}

type nestScan struct {
	src       []byte
	i         int
	line, col int
	levels    []nestLevel
	depth     int // open levels plus the operators of each
}

func (n *nestScan) advance(k int) {
	for ; k > 0 && n.i < len(n.src); k-- {
		if n.src[n.i] == '\n' {
			n.line, n.col = n.line+1, 0
		}
		n.i++
		n.col++
	}
}

func (n *nestScan) push(open byte, marker string) {
	n.levels = append(n.levels, nestLevel{open: open, marker: marker})
	n.depth++
}

func (n *nestScan) pop() {
	if len(n.levels) > 1 {
		n.depth -= 1 + n.levels[len(n.levels)-1].ops
		n.levels = n.levels[:len(n.levels)-1]
	}
}

func (n *nestScan) op() {
	n.levels[len(n.levels)-1].ops++
	n.depth++
}

func (n *nestScan) endItem() {
	top := &n.levels[len(n.levels)-1]
	n.depth -= top.ops
	top.ops = 0
}

func (n *nestScan) has(s string) bool { return bytes.HasPrefix(n.src[n.i:], []byte(s)) }

// step consumes one token, or one byte of a string or heredoc.
func (n *nestScan) step() {
	top := n.levels[len(n.levels)-1]
	if top.open == '"' || top.open == 'h' {
		n.stepText(top)
		return
	}
	c := n.src[n.i]
	switch {
	case c == '#' || n.has("//"):
		for n.i < len(n.src) && n.src[n.i] != '\n' {
			n.advance(1)
		}
	case n.has("/*"):
		for n.advance(2); n.i < len(n.src) && !n.has("*/"); {
			n.advance(1)
		}
		n.advance(2)
	case c == '"':
		n.advance(1)
		n.push('"', "")
	case n.has("<<"):
		n.heredoc()
	case isIdentStart(c):
		for n.advance(1); n.i < len(n.src) && (isIdentStart(n.src[n.i]) || n.src[n.i] == '-' || isDigit(n.src[n.i])); {
			n.advance(1)
		}
	case isDigit(c):
		for n.advance(1); n.i < len(n.src) && (isDigit(n.src[n.i]) || n.src[n.i] == '.' || n.src[n.i] == 'e' || n.src[n.i] == 'E' ||
			((n.src[n.i] == '-' || n.src[n.i] == '+') && (n.src[n.i-1] == 'e' || n.src[n.i-1] == 'E'))); {
			n.advance(1)
		}
	case c == '{' || c == '[' || c == '(':
		n.advance(1)
		n.push(c, "")
	case c == '}' || c == ']' || c == ')':
		n.advance(1)
		n.pop()
	case c == ',' || (c == '\n' && (top.open == 0 || top.open == '{')):
		n.advance(1)
		n.endItem()
	case n.has("&&") || n.has("||") || n.has("==") || n.has("!=") || n.has("<=") || n.has(">="):
		n.advance(2)
		n.op()
	case strings.IndexByte("!-+*/%<>?", c) >= 0:
		n.advance(1)
		n.op()
	default:
		n.advance(1)
	}
}

// stepText consumes a string's or heredoc's text, opening interpolations.
func (n *nestScan) stepText(top nestLevel) {
	switch {
	case n.has("${") || n.has("%{"):
		n.advance(2)
		n.push('i', "")
	case top.open == '"' && n.src[n.i] == '\\':
		n.advance(2)
	case top.open == '"' && n.src[n.i] == '"':
		n.advance(1)
		n.pop()
	case top.open == 'h' && n.src[n.i] == '\n':
		n.advance(1)
		rest := n.src[n.i:]
		end := bytes.IndexByte(rest, '\n')
		if end < 0 {
			end = len(rest)
		}
		if strings.TrimSpace(string(rest[:end])) == top.marker {
			n.advance(end)
			n.pop()
		}
	default:
		n.advance(1)
	}
}

// heredoc opens <<ID or <<-ID up to its line's end; otherwise "<<" is
// taken as two operators.
func (n *nestScan) heredoc() {
	j := n.i + 2
	if j < len(n.src) && n.src[j] == '-' {
		j++
	}
	k := j
	for k < len(n.src) && (isIdentStart(n.src[k]) || isDigit(n.src[k]) || n.src[k] == '-') {
		k++
	}
	if k == j {
		n.advance(1)
		n.op()
		return
	}
	marker := string(n.src[j:k])
	for n.i < len(n.src) && n.src[n.i] != '\n' {
		n.advance(1)
	}
	n.push('h', marker)
}

func isIdentStart(c byte) bool { return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
