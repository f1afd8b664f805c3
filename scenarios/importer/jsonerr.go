package importer

import (
	"encoding/json"
	"errors"
	"fmt"
)

// JSONError rewrites an encoding/json error about data so that it names
// the line and column, as "file:line:col: msg"; other errors get the file
// name only.
func JSONError(file string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line, col := LineCol(data, se.Offset)
		return fmt.Errorf("%s:%d:%d: invalid JSON: %w", file, line, col, se)
	case errors.As(err, &te):
		line, col := LineCol(data, te.Offset)
		return fmt.Errorf("%s:%d:%d: %w", file, line, col, te)
	}
	return fmt.Errorf("%s: %w", file, err)
}

// LineCol turns a byte offset of data into a 1-based line and column; the
// column counts bytes. encoding/json reports the offset just past the byte
// that was wrong, so the column points at that byte.
func LineCol(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col = 1, 1
	for _, c := range data[:max(off-1, 0)] {
		col++
		if c == '\n' {
			line++
			col = 1
		}
	}
	return line, col
}
