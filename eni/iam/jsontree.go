package iam

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// Pos is a place in a policy document: a 1-based line and column (in bytes)
// and the byte offset. The zero Pos means "unknown".
type Pos struct {
	Line, Col, Offset int
}

// node is one JSON value with where it starts, so that parse errors and
// lint findings can name a line. encoding/json's Unmarshal forgets
// positions; walking the token stream keeps them.
type node struct {
	kind  byte // '{' object, '[' array, 's' string, 'n' number, 'b' bool, 'z' null
	pos   Pos
	str   string // string, number literal, "true"/"false"
	keys  []member
	elems []*node
}

// member is one key of an object, in document order.
type member struct {
	key string
	pos Pos // where the key starts
	val *node
}

// get returns the last member named key (encoding/json keeps the last of
// duplicates too) and how many times key occurs.
func (n *node) get(key string) (*node, int) {
	var v *node
	count := 0
	for _, m := range n.keys {
		if m.key == key {
			v, count = m.val, count+1
		}
	}
	return v, count
}

// treeReader turns a token stream into nodes.
type treeReader struct {
	src   []byte
	dec   *json.Decoder
	lines []int // byte offset at which each line starts
}

// parseTree reads exactly one JSON value from src.
func parseTree(src []byte) (*node, error) {
	r := &treeReader{src: src, dec: json.NewDecoder(bytes.NewReader(src))}
	r.dec.UseNumber()
	r.lines = append(r.lines, 0)
	for i, c := range src {
		if c == '\n' {
			r.lines = append(r.lines, i+1)
		}
	}
	root, err := r.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := r.dec.Token(); err != io.EOF {
		return nil, &ParseError{Statement: -1, Pos: r.pos(int(r.dec.InputOffset())),
			Msg: "unexpected data after the policy document"}
	}
	return root, nil
}

// pos converts a byte offset into a Pos, skipping the separators that
// Decoder.InputOffset leaves in front of a token.
func (r *treeReader) pos(off int) Pos {
	for off < len(r.src) && bytes.IndexByte([]byte(" \t\r\n,:"), r.src[off]) >= 0 {
		off++
	}
	line := sort.SearchInts(r.lines, off+1) - 1 // last line starting at or before off
	return Pos{Line: line + 1, Col: off - r.lines[line] + 1, Offset: off}
}

// token reads the next token, turning a syntax error into a ParseError
// with a line and column.
func (r *treeReader) token() (json.Token, Pos, error) {
	p := r.pos(int(r.dec.InputOffset()))
	t, err := r.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			p = r.pos(int(se.Offset))
		case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
			return nil, p, &ParseError{Statement: -1, Pos: p, Msg: "unexpected end of JSON"}
		}
		return nil, p, &ParseError{Statement: -1, Pos: p, Msg: "invalid JSON: " + err.Error()}
	}
	return t, p, nil
}

// value reads one value at nesting depth d.
func (r *treeReader) value(d int) (*node, error) {
	t, p, err := r.token()
	if err != nil {
		return nil, err
	}
	return r.fromToken(t, p, d)
}

func (r *treeReader) fromToken(t json.Token, p Pos, d int) (*node, error) {
	if d > maxDepth {
		return nil, &ParseError{Statement: -1, Pos: p, Msg: fmt.Sprintf("nested more than %d levels deep", maxDepth)}
	}
	switch v := t.(type) {
	case json.Delim:
		if v == '{' {
			return r.object(p, d)
		}
		if v == '[' {
			return r.array(p, d)
		}
		return nil, &ParseError{Statement: -1, Pos: p, Msg: fmt.Sprintf("unexpected %q", rune(v))}
	case string:
		return &node{kind: 's', pos: p, str: v}, nil
	case json.Number:
		return &node{kind: 'n', pos: p, str: v.String()}, nil
	case bool:
		return &node{kind: 'b', pos: p, str: fmt.Sprint(v)}, nil
	default: // nil
		return &node{kind: 'z', pos: p}, nil
	}
}

func (r *treeReader) object(p Pos, d int) (*node, error) {
	n := &node{kind: '{', pos: p}
	for {
		t, kp, err := r.token()
		if err != nil {
			return nil, err
		}
		if t == json.Delim('}') {
			return n, nil
		}
		key, _ := t.(string) // the decoder guarantees a string key here
		v, err := r.value(d + 1)
		if err != nil {
			return nil, err
		}
		n.keys = append(n.keys, member{key: key, pos: kp, val: v})
	}
}

func (r *treeReader) array(p Pos, d int) (*node, error) {
	n := &node{kind: '[', pos: p}
	for {
		t, ep, err := r.token()
		if err != nil {
			return nil, err
		}
		if t == json.Delim(']') {
			return n, nil
		}
		v, err := r.fromToken(t, ep, d+1)
		if err != nil {
			return nil, err
		}
		n.elems = append(n.elems, v)
	}
}
