package spec

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Limits that keep a hostile or broken file from hanging the loader. The
// go-yaml parser's time grows faster than linearly with nesting depth and
// with the number of keys of one block mapping, and aliases can expand
// exponentially; real scenarios are far below every limit.
const (
	maxFileSize    = 2 << 20
	maxDepth       = 64
	maxKeysPerMap  = 1000
	maxNodes       = 200_000
	maxVariants    = 64
	maxErrorsShown = 200
)

// precheck refuses what is not a YAML text, or is shaped to make the
// parser slow, with the line and column of the first offending byte,
// before the parser sees it.
func precheck(file string, data []byte) error {
	if len(data) > maxFileSize {
		return &Error{Pos: Pos{File: file}, Msg: fmt.Sprintf("file is %d bytes; a scenario is at most %d", len(data), maxFileSize)}
	}
	var keys keyCounter
	line, col, depth := 1, 1, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		fail := func(format string, args ...any) error {
			return &Error{Pos: Pos{File: file, Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}
		}
		if col == 1 {
			if blockDepth(data[i:]) > maxDepth {
				return fail("nesting deeper than %d levels", maxDepth)
			}
			if keys.line(data[i:]) > maxKeysPerMap {
				return fail("more than %d keys in one mapping", maxKeysPerMap)
			}
		}
		switch {
		case r == 0:
			return fail("binary content (a NUL byte): not a YAML text")
		case r == utf8.RuneError && size == 1:
			return fail("binary content (invalid UTF-8): not a YAML text")
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f:
			return fail("binary content (control character %U): not a YAML text", r)
		case r == '\n':
			line, col = line+1, 0
		case r == '[' || r == '{':
			if depth++; depth > maxDepth {
				return fail("nesting deeper than %d levels", maxDepth)
			}
		case r == ']' || r == '}':
			depth = max(0, depth-1)
		}
		i += size
		col++
	}
	return nil
}

// blockDepth counts the block-sequence indicators ("- - - x") that open a
// line: each one nests a list inside the previous.
func blockDepth(line []byte) int {
	n := 0
	for i := 0; i < len(line) && line[i] != '\n'; i++ {
		if line[i] == '-' && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t') {
			n++
		} else if line[i] != ' ' && line[i] != '\t' {
			break
		}
	}
	return n
}

// keyCounter estimates, line by line, how many keys the block mapping at
// each indentation has so far. It is a heuristic (it does not parse
// quotes or block scalars), generous enough never to refuse a real file.
type keyCounter struct {
	counts []int // by indentation of the key
}

// line takes the next line and returns the count for its mapping.
func (k *keyCounter) line(b []byte) int {
	if end := bytes.IndexByte(b, '\n'); end >= 0 {
		b = b[:end]
	}
	indent, item := 0, false
	for indent < len(b) && (b[indent] == ' ' || b[indent] == '-' && (indent+1 == len(b) || b[indent+1] == ' ')) {
		item = item || b[indent] == '-'
		indent++
	}
	rest := b[indent:]
	if len(rest) == 0 || rest[0] == '#' {
		return 0
	}
	if len(k.counts) > indent+1 {
		k.counts = k.counts[:indent+1] // deeper mappings have ended
	}
	for len(k.counts) <= indent {
		k.counts = append(k.counts, 0)
	}
	if item {
		k.counts[indent] = 0 // a list item starts a new mapping
	}
	if c := bytes.IndexByte(rest, ':'); c >= 0 && (c+1 == len(rest) || rest[c+1] == ' ') {
		k.counts[indent]++
	}
	return k.counts[indent]
}
