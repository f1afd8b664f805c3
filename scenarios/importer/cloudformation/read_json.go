package cloudformation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/enisim/enisim/scenarios/importer"
)

// readJSON reads a JSON template with encoding/json's tokenizer, which gives
// offsets for positions and exact syntax errors.
func readJSON(file string, data []byte) (*node, error) {
	r := &jsonReader{file: file, data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	r.dec.UseNumber()
	n, err := r.value(0)
	if err != nil {
		return nil, r.wrap(err)
	}
	if _, err := r.dec.Token(); err != io.EOF {
		return nil, r.wrap(errAt(r.here(), "data after the template's closing brace"))
	}
	return n, nil
}

type jsonReader struct {
	file  string
	data  []byte
	dec   *json.Decoder
	count int
	// off, line and col are the last position computed: tokens come in
	// order, so each position is counted on from the previous one (from
	// the start of the file each time, a one-line 200 KB file took
	// seconds).
	off, line, col int
}

// wrap names the line and column of a syntax error.
func (r *jsonReader) wrap(err error) error {
	var se *json.SyntaxError
	if err == io.EOF { // the file ends inside an object or array
		return errAt(r.here(), "unexpected end of JSON: an object or array is not closed")
	}
	if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
		return importer.JSONError(r.file, r.data, err)
	}
	return err
}

// here is the position of the next token: encoding/json's offset is the end
// of the previous one, so skip separators.
func (r *jsonReader) here() *node {
	off := int(r.dec.InputOffset())
	for off < len(r.data) && bytes.IndexByte([]byte(" \t\r\n,:"), r.data[off]) >= 0 {
		off++
	}
	// As importer.LineCol: at the end of the data, the last byte.
	off = max(min(off, len(r.data)-1), 0)
	if r.line == 0 || off < r.off {
		r.off, r.line, r.col = 0, 1, 1
	}
	for _, c := range r.data[r.off:off] {
		r.col++
		if c == '\n' {
			r.line, r.col = r.line+1, 1
		}
	}
	r.off = off
	return &node{file: r.file, line: r.line, col: r.col}
}

func (r *jsonReader) value(depth int) (*node, error) {
	at := r.here()
	r.count++
	if depth > maxDepth || r.count > maxNodes {
		return nil, errAt(at, "template nested too deeply or too large")
	}
	tok, err := r.dec.Token()
	if err == io.EOF {
		return nil, errAt(at, "unexpected end of JSON")
	}
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return r.object(at, depth)
		}
		if t == '[' {
			return r.array(at, depth)
		}
		return nil, errAt(at, "unexpected %q", t)
	case string:
		at.str = t
	case json.Number:
		at.str = t.String()
	case bool:
		at.str = fmt.Sprint(t)
	case nil:
		at.kind = nullNode
	}
	return at, nil
}

func (r *jsonReader) object(at *node, depth int) (*node, error) {
	at.kind = mapNode
	for r.dec.More() {
		kat := r.here()
		tok, err := r.dec.Token()
		if err != nil {
			return nil, err
		}
		k, _ := tok.(string) // the decoder only gives strings as keys
		if at.get(k) != nil {
			return nil, errAt(kat, "duplicate key %q", k)
		}
		v, err := r.value(depth + 1)
		if err != nil {
			return nil, err
		}
		at.keys = append(at.keys, k)
		at.vals = append(at.vals, v)
	}
	_, err := r.dec.Token() // '}'
	return at, err
}

func (r *jsonReader) array(at *node, depth int) (*node, error) {
	at.kind = seqNode
	for r.dec.More() {
		v, err := r.value(depth + 1)
		if err != nil {
			return nil, err
		}
		at.items = append(at.items, v)
	}
	_, err := r.dec.Token() // ']'
	return at, err
}
