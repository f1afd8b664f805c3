package cloudformation

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios/importer/internal/realworld"
)

// TestNestedByEvaluation: a child whose TemplateURL only evaluation
// reveals (Fn::FindInMap, Fn::Join of parameter defaults, a parameter
// given with --param) is imported once, through its parent, with the
// parent's subnets; before, it was also imported alone as a root, with
// placeholder subnets, doubling the functions and keys.
func TestNestedByEvaluation(t *testing.T) {
	for _, c := range []string{"nested-findinmap", "nested-join", "nested-param"} {
		t.Run(c, func(t *testing.T) {
			dir := filepath.Join("testdata", "cases", c)
			l, err := Import([]string{dir}, Options{Params: readParams(t, dir)})
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Functions) != 1 || l.Functions[0].Name != "worker" {
				t.Errorf("functions %v; want the one worker, through its parent", l.Functions)
			}
			if got, want := realworld.Keys(l), []string{"subnet-a|sg", "subnet-b|sg"}; !slices.Equal(got, want) {
				t.Errorf("keys %q, want %q", got, want)
			}
		})
	}
	// Without the parameter, the child cannot be found: the warning says
	// which parameter to give and which files could be meant.
	l, err := Import([]string{filepath.Join("testdata", "cases", "nested-param")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range l.Warnings {
		s := w.String()
		found = found || strings.Contains(s, "--param AppTemplateURL") && strings.Contains(s, "app-stack.yaml")
	}
	if !found {
		t.Errorf("no warning names --param AppTemplateURL and the given files: %v", l.Warnings)
	}
}

// TestCDKOutput: a cdk.out folder (manifest.json beside the templates)
// imports its stack and the nested stack its asset metadata names, and
// skips the manifest, tree and asset descriptions. Subnets come from
// Fn::Select over Fn::Cidr of the VPC's CidrBlock, as CDK writes them.
func TestCDKOutput(t *testing.T) {
	l, err := Import([]string{filepath.Join("testdata", "cdk.out")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Functions) != 8 {
		t.Errorf("%d functions, want 8 (5 in VPC + 1 custom resource in the stack, 2 in the nested stack)", len(l.Functions))
	}
	// Two private subnets x three SG sets: the four API functions share
	// one group, reports has its own, the nested stack's two share DataSg.
	want := []string{
		"vpc-private-subnet1-subnet|data-sg", "vpc-private-subnet1-subnet|lambda-sg", "vpc-private-subnet1-subnet|reports-sg",
		"vpc-private-subnet2-subnet|data-sg", "vpc-private-subnet2-subnet|lambda-sg", "vpc-private-subnet2-subnet|reports-sg",
	}
	if got := realworld.Keys(l); !slices.Equal(got, want) {
		t.Errorf("keys %q\nwant %q", got, want)
	}
	// Fn::Cidr [10.0.0.0/16, 4, 14]: four /18s, the private ones third and fourth.
	cidrs := map[string]string{}
	for _, s := range l.VPCs[0].Subnets {
		cidrs[s.ID] = s.CIDR
	}
	if cidrs["vpc-private-subnet1-subnet"] != "10.0.128.0/18" || cidrs["vpc-private-subnet2-subnet"] != "10.0.192.0/18" {
		t.Errorf("private CIDRs %v; want 10.0.128.0/18 and 10.0.192.0/18", cidrs)
	}
	for _, w := range l.Warnings {
		t.Errorf("unexpected warning: %s", w)
	}
}
