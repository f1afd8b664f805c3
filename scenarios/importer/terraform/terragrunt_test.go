package terraform

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTerragrunt: a unit's module gets the unit's inputs merged over the
// included root's (read_terragrunt_config, generate, find_in_parent_folders),
// and dependency outputs are the other unit's real outputs, not its
// mock_outputs (which hold "" here, as in realworld case 12). Before,
// a Terragrunt directory said only "no .tf files".
func TestTerragrunt(t *testing.T) {
	l, err := ImportTerragrunt(filepath.Join("testdata", "terragrunt", "live", "app"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"subnet-net-p-0 sg-net-app", "subnet-net-p-1 sg-net-app"}
	if got := pairs(l); !slices.Equal(got, want) {
		t.Fatalf("keys = %q, want %q\n%s", got, want, describe(l))
	}
	if l.Region != "eu-west-1" || l.Functions[0].Name != "shop-test" {
		t.Errorf("region %q, function %q; want eu-west-1 and shop-test from the root's inputs", l.Region, l.Functions[0].Name)
	}
	if az := l.VPCs[0].Subnets[1].AZ; az != "eu-west-1b" {
		t.Errorf("AZ = %q, want eu-west-1b (var.region from the generated common.tf)", az)
	}
}

// TestTerragruntMocks: a dependency whose unit is not there is stood in
// for by its mock_outputs, with an assumption saying so.
func TestTerragruntMocks(t *testing.T) {
	l, err := ImportTerragrunt(filepath.Join("testdata", "terragrunt", "live", "orphan"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := pairs(l); !slices.Equal(got, []string{"subnet-mock sg-mock"}) {
		t.Errorf("keys = %q\n%s", got, describe(l))
	}
	if !strings.Contains(describe(l), "mock_outputs value stands in") {
		t.Errorf("no assumption about the mocks:\n%s", describe(l))
	}
}

// TestTerragruntRunAll: a directory above the units imports all of them,
// each once; importing it as Terraform says what to do.
func TestTerragruntRunAll(t *testing.T) {
	dir := filepath.Join("testdata", "terragrunt", "live")
	l, err := ImportTerragrunt(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Functions) != 2 || len(l.VPCs) != 2 { // app and orphan; net's VPC and the placeholder
		t.Errorf("%d functions, %d VPCs\n%s", len(l.Functions), len(l.VPCs), describe(l))
	}
	if !IsTerragrunt(dir) {
		t.Error("IsTerragrunt(live) = false")
	}
	_, err = Import([]string{filepath.Join(dir, "app")}, Options{})
	if err == nil || !strings.Contains(err.Error(), "enisim import terragrunt") {
		t.Errorf("err = %v, want a hint to import terragrunt", err)
	}
}
