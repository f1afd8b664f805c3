package spec

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem in a scenario, at a place in its file (or in a
// --set flag, whose Pos has the flag as File and no line).
type Error struct {
	Pos Pos
	Msg string
}

// Error formats the problem as file:line:col: msg.
func (e *Error) Error() string { return e.Pos.where() + ": " + e.Msg }

// String is "file:line:col", or the file alone when the position has no line.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// where formats the position as file:line:col, or file:line or file alone
// when the column or line is unknown.
func (p Pos) where() string {
	switch {
	case p.Line <= 0:
		return p.File
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// String formats the warning like an Error: file:line:col: msg.
func (w Warning) String() string { return w.Pos.where() + ": " + w.Msg }

// ErrorList is every problem found in a scenario, sorted by position. Parse
// returns one (as an error) rather than stopping at the first problem, so a
// user fixes a file in one pass.
type ErrorList []*Error

// Error joins the errors, one per line.
func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.As find the individual *Error values.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// comparePos orders positions by file, line and column; positions without
// a line (--set flags) sort after those with one in the same file.
func comparePos(a, b Pos) int {
	if c := cmp.Compare(a.File, b.File); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Line, b.Line); c != 0 {
		return c
	}
	return cmp.Compare(a.Col, b.Col)
}

// Sorted is the list in order of position, as an error; nil when empty.
func (l ErrorList) Sorted() error {
	if len(l) == 0 {
		return nil
	}
	l.sortByPos()
	return l
}

// sortByPos sorts the list by position in place (stable, so two problems
// at one place keep the order they were found in).
func (l ErrorList) sortByPos() {
	slices.SortStableFunc(l, func(a, b *Error) int { return comparePos(a.Pos, b.Pos) })
}

// SortWarnings orders warnings by position.
func SortWarnings(ws []Warning) { sortWarnings(ws) }

func sortWarnings(ws []Warning) {
	slices.SortStableFunc(ws, func(a, b Warning) int { return comparePos(a.Pos, b.Pos) })
}
