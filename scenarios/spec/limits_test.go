package spec

import (
	"fmt"
	"strings"
	"testing"
)

// These inputs used to (or would) make the parser or the checks take time
// that grows quadratically or worse; each must now end quickly, with the
// error shown. A regression shows as a test timeout.
func TestLimits(t *testing.T) {
	var keys, unknown, percentiles, variants, subnets strings.Builder
	for i := range maxKeysPerMap + 1 {
		fmt.Fprintf(&keys, "k%d: 1\n", i)
	}
	unknown.WriteString("name: t\n")
	for i := range 999 {
		fmt.Fprintf(&unknown, "k%d: 1\n", i)
	}
	percentiles.WriteString(net + "    duration: {dist: percentiles")
	for i := range 20000 {
		fmt.Fprintf(&percentiles, ", p%d.%05d: 1s", i/1000, i)
	}
	percentiles.WriteString("}\n")
	variants.WriteString(net + "variants:\n")
	for i := range maxVariants + 1 {
		fmt.Fprintf(&variants, "  - {name: v%d, set: {}}\n", i)
	}
	subnets.WriteString("name: t\nduration: 1h\nfunctions: []\nvpcs:\n  - id: v\n    subnets:\n")
	for i := range 4096 { // every /28 of 10.0.0.0/16, then one overlapping them all
		fmt.Fprintf(&subnets, "      - {id: s%d, az: a, cidr: 10.0.%d.%d/28}\n", i, i/16, i%16*16)
	}
	subnets.WriteString("      - {id: big, az: a, cidr: 10.0.0.0/16}\n")

	cases := []struct {
		name, src string
		want      []string
	}{
		{"keys in one mapping", keys.String(), []string{"s.yaml:1001:1: more than 1000 keys in one mapping"}},
		{"file size", "name: " + strings.Repeat("x", maxFileSize), []string{"s.yaml: file is 2097158 bytes; a scenario is at most 2097152"}},
		{"variants", variants.String(), []string{"s.yaml:13:3: variants: 65 variants; a scenario has at most 64"}},
		{"overlaps", subnets.String(), []string{"s.yaml:4103:9: vpcs.v.subnets.big: 10.0.0.0/16 overlaps subnet s0 (10.0.0.0/28)"}},
	}
	for _, c := range cases {
		_, err := parseSrc(c.src)
		checkErrors(t, err, c.want...)
	}

	_, err := parseSrc(unknown.String())
	list := err.(ErrorList)
	if len(list) != maxErrorsShown+1 || list[maxErrorsShown].Msg != "and 801 more errors" || list[0].Pos.Line != 1 {
		t.Errorf("%d errors, first %v, last %v", len(list), list[0], list[len(list)-1])
	}
	// 20000 distinct percentiles all at 1s: valid, and linear to check.
	s, err := parseSrc(percentiles.String())
	if err != nil || len(s.Functions[0].Duration.Points) != 20000 {
		t.Errorf("percentiles: %v", err)
	}
}
