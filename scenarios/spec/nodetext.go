package spec

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// syntax is how a node is spelled on one line. JSON and flow YAML differ
// only in the separators and in how keys and scalars are written, so one
// walk serves both.
type syntax struct {
	comma, colon string
	key, scalar  func(*node) string
}

var (
	// jsonSyntax keeps the order of mapping keys, so that the bytes
	// depend on nothing but the file.
	jsonSyntax = syntax{comma: ",", colon: ":", key: jsonKey, scalar: jsonScalar}
	// flowSyntax keeps variant values as strings, as --set values are.
	flowSyntax = syntax{comma: ", ", colon: ": ", key: (*node).scalarText, scalar: (*node).scalarText}
)

func (n *node) write(w io.StringWriter, s syntax) {
	switch n.kind {
	case nullNode:
		w.WriteString("null")
	case mapNode:
		w.WriteString("{")
		for i, k := range n.keys {
			if i > 0 {
				w.WriteString(s.comma)
			}
			w.WriteString(s.key(k))
			w.WriteString(s.colon)
			n.vals[i].write(w, s)
		}
		w.WriteString("}")
	case seqNode:
		w.WriteString("[")
		for i, x := range n.items {
			if i > 0 {
				w.WriteString(s.comma)
			}
			x.write(w, s)
		}
		w.WriteString("]")
	default:
		w.WriteString(s.scalar(n))
	}
}

// writeJSON writes a node as JSON (an inline policy document).
func (n *node) writeJSON(b *bytes.Buffer) {
	n.write(b, jsonSyntax)
}

func jsonKey(k *node) string {
	key, _ := json.Marshal(k.text)
	return string(key)
}

// jsonScalar encodes a scalar as JSON: numbers and booleans as such,
// everything else (and numbers JSON cannot hold) as a string.
func jsonScalar(n *node) string {
	switch n.typ {
	case boolType:
		return n.text
	case intType: // decimal digits, as the converter wrote them
		if _, err := strconv.ParseInt(n.text, 10, 64); err == nil {
			return n.text
		}
		fallthrough
	case floatType:
		if f, err := strconv.ParseFloat(n.text, 64); err == nil {
			if out, err := json.Marshal(f); err == nil {
				return string(out)
			}
		}
	}
	out, _ := json.Marshal(n.text)
	return string(out)
}

// flow renders a node as one-line YAML that parses back to the same node.
// Keys are always scalars (the converter refuses any other), so they are
// spelled as scalars are.
func (n *node) flow() string {
	var b strings.Builder
	n.write(&b, flowSyntax)
	return b.String()
}

// scalarText is the scalar as written when that reads back as the same
// value and type, else double-quoted (which YAML reads as Go writes it).
func (n *node) scalarText() string {
	if n.typ != strType {
		return n.text
	}
	back, err := parseYAML("", []byte(n.text))
	if err == nil && back != nil && back.kind == scalarNode && back.typ == strType && back.text == n.text {
		return n.text
	}
	return strconv.Quote(n.text)
}
