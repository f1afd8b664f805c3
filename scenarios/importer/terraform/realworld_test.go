package terraform

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/enisim/enisim/internal/realworld"
)

// realworldDir is <repo root>/../shared/realworld, where the real
// templates its README.md lists live: the test is skipped
// when it is absent, or fails under CI. They are copied into a temporary
// directory at test time, never into the repository.
func realworldDir(t *testing.T) string {
	t.Helper()
	return realworld.Dir(t)
}

// assemble copies realworld files (flattened names) into a temporary
// directory under the relative paths Terraform needs, and returns it.
func assemble(t *testing.T, rw string, files map[string]string) string {
	t.Helper()
	tmp := t.TempDir()
	for dst, src := range files {
		data, err := os.ReadFile(filepath.Join(rw, src))
		if err != nil {
			t.Skipf("real-world file missing: %v", err)
		}
		p := filepath.Join(tmp, dst)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return tmp
}

// TestRealWorld checks the distinct (subnet, security-group set) pairs,
// i.e. the expected Hyperplane ENIs, and the subnet CIDRs worked out in
// the realworld README for items #4, #7 and #10.
func TestRealWorld(t *testing.T) {
	rw := realworldDir(t)
	cases := []struct {
		name  string
		files map[string]string
		root  string // directory imported, relative to the temp dir
		pairs []string
		cidrs map[string]string
	}{{
		name: "4-terraform-aws-lambda-with-vpc",
		// source = "../../" is the lambda module itself, absent here: it
		// is modelled as terraform-aws-modules/lambda/aws from its inputs.
		files: map[string]string{"examples/with-vpc/main.tf": "terraform-aws-modules__terraform-aws-lambda__examples-with-vpc-main.tf"},
		root:  "examples/with-vpc",
		pairs: []string{"vpc-intra-0 vpc-default", "vpc-intra-1 vpc-default", "vpc-intra-2 vpc-default"},
		cidrs: map[string]string{"vpc-intra-0": "10.10.101.0/24", "vpc-intra-1": "10.10.102.0/24", "vpc-intra-2": "10.10.103.0/24"},
	}, {
		name: "7-lambda-aurora-serverless",
		files: map[string]string{
			"main.tf":      "aws-samples__serverless-patterns__terraform-lambda-aurora-serverless-main.tf",
			"variables.tf": "aws-samples__serverless-patterns__terraform-lambda-aurora-serverless-variables.tf",
		},
		root:  ".",
		pairs: []string{"subnet-lambda-subnet-1 sg-aurora-sg", "subnet-lambda-subnet-2 sg-aurora-sg"},
		cidrs: map[string]string{"subnet-public": "10.100.0.0/24", "subnet-lambda-subnet-1": "10.100.1.0/24", "subnet-lambda-subnet-2": "10.100.2.0/24"},
	}, {
		name: "10-chime-alternat",
		files: map[string]string{
			"lambda.tf":             "chime__terraform-aws-alternat__lambda.tf",
			"examples/main.tf":      "chime__terraform-aws-alternat__examples-main.tf",
			"examples/variables.tf": "chime__terraform-aws-alternat__examples-variables.tf",
		},
		root:  "examples",
		pairs: []string{"vpc-private-0 sg-alternat-nat-lambda", "vpc-private-1 sg-alternat-nat-lambda"},
		cidrs: map[string]string{"vpc-private-0": "10.10.20.0/24", "vpc-private-1": "10.10.21.0/24"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := assemble(t, rw, c.files)
			l, err := Import([]string{filepath.Join(dir, c.root)}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := pairs(l); !slices.Equal(got, c.pairs) {
				t.Errorf("ENI keys = %q, want %q\n%s", got, c.pairs, describe(l))
			}
			got := subnetCIDRs(l)
			for id, want := range c.cidrs {
				if got[id] != want {
					t.Errorf("subnet %s CIDR = %q, want %q", id, got[id], want)
				}
			}
		})
	}
}
