package spec

import (
	"bytes"
	"testing"
)

// TestGluedPair: go-yaml reads `a:b` in a flow list inside a flow mapping
// as a pair; we read it as the scalar YAML says it is, and leave real
// pairs (`a: b`) alone.
func TestGluedPair(t *testing.T) {
	cases := []struct{ src, want string }{
		{"r: {m: [ec2:CreateNetworkInterface, b]}", `{"r":{"m":["ec2:CreateNetworkInterface","b"]}}`},
		{"r: {m: [arn:aws:iam::aws:policy/X]}", `{"r":{"m":["arn:aws:iam::aws:policy/X"]}}`},
		{"r: {m: [a: b]}", `{"r":{"m":[{"a":"b"}]}}`},
		{`r: {m: ["a":b]}`, `{"r":{"m":[{"a":"b"}]}}`},
		{"r: [x:y]", `{"r":["x:y"]}`},
	}
	for _, c := range cases {
		n, err := parseYAML("t", []byte(c.src))
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		var b bytes.Buffer
		n.writeJSON(&b)
		if b.String() != c.want {
			t.Errorf("%s\n got  %s\n want %s", c.src, b.String(), c.want)
		}
	}
}

// TestJSONScalars: numbers and booleans stay JSON numbers and booleans
// (go-yaml reads 1e3 as a string), everything else becomes a string.
func TestJSONScalars(t *testing.T) {
	src := `{s: "x", i: 12, big: 123456789012345678, f: .5, e: 1e3, b: true, n: null, q: "1", str: !!str 5, inf: .inf, u: "é\u0001"}`
	n, err := parseYAML("t", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	n.writeJSON(&b)
	want := `{"s":"x","i":12,"big":123456789012345678,"f":0.5,"e":"1e3","b":true,"n":null,"q":"1","str":"5","inf":".inf","u":"é\u0001"}`
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
}

// TestFlowRoundTrip: a variant's value, rendered as one-line YAML, must
// read back as the same tree.
func TestFlowRoundTrip(t *testing.T) {
	for _, src := range []string{
		`{dist: fixed, value: 1s}`,
		`[sg-a, "sg b", "a: b", "#x", "1", "true", "", "null", "[x]", 'it''s']`,
		`{a: {b: [1, 2.5, true, null]}, "k: v": "x\ty"}`,
		`"\"quoted\""`,
		`plain text # comment-looking`,
	} {
		n, err := parseYAML("t", []byte("v: "+src))
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		v := n.vals[0]
		back, err := parseValue(v.flow())
		if err != nil {
			t.Fatalf("%s -> %s: %v", src, v.flow(), err)
		}
		var want, got bytes.Buffer
		v.writeJSON(&want)
		back.writeJSON(&got)
		if want.String() != got.String() {
			t.Errorf("%s -> %s -> %s, want %s", src, v.flow(), got.String(), want.String())
		}
	}
}

func TestMergeList(t *testing.T) {
	n, err := parseYAML("t", []byte("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc: {<<: [*a, *b], z: 3}\n"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	n.vals[2].writeJSON(&b)
	// Explicit keys win, then earlier merges win over later ones.
	if want := `{"z":3,"x":1,"y":1}`; b.String() != want {
		t.Errorf("got %s, want %s", b.String(), want)
	}
}
