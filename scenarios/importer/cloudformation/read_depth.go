package cloudformation

import "fmt"

// checkFlowDepth refuses YAML whose flow collections ([ and {) nest deeper
// than maxDepth, before the YAML library parses it: the parser recurses
// per level and took gigabytes on 200,000 '['. It reads brackets outside
// quoted scalars and comments; a bracket inside a plain scalar (a[b) is
// counted too, which can only make the check stricter than needed, and
// real templates nest a few levels.
func checkFlowDepth(file string, data []byte) error {
	depth, line, col := 0, 1, 0
	var quote byte
	comment := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		col++
		switch {
		case c == '\n':
			line, col, comment = line+1, 0, false
			if quote == '\'' || quote == '"' {
				continue // quoted scalars may span lines
			}
		case comment:
		case quote == '\'':
			if c == '\'' {
				if i+1 < len(data) && data[i+1] == '\'' {
					i++ // '' is a quote inside the scalar
					col++
				} else {
					quote = 0
				}
			}
		case quote == '"':
			if c == '\\' {
				i++
				col++
			} else if c == '"' {
				quote = 0
			}
		case c == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\t'):
			comment = true
		case c == '\'' || c == '"':
			if i == 0 || isFlowStart(data[i-1]) {
				quote = c
			}
		case c == '[' || c == '{':
			if depth++; depth > maxDepth {
				return fmt.Errorf("%s:%d:%d: flow collections nested more than %d deep (maxDepth); a template nests a few levels", file, line, col, maxDepth)
			}
		case (c == ']' || c == '}') && depth > 0:
			depth--
		}
	}
	return nil
}

// isFlowStart: a quote after one of these starts a quoted scalar.
func isFlowStart(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '[', '{', ',', ':', '-':
		return true
	}
	return false
}
