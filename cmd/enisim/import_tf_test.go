package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tfTD is the terraform importer's fixtures, which these tests reuse.
const tfTD = "../../scenarios/importer/terraform/testdata/"

// TestImportTerraformSources: plan JSON by terraform-plan and by
// terraform (auto-detected), Terragrunt by terragrunt and by terraform;
// each summary is the run's answer.
func TestImportTerraformSources(t *testing.T) {
	plan := tfTD + "plan/module-unknown-sg.json"
	unit := tfTD + "terragrunt/live/app"
	for _, args := range [][]string{
		{"import", "terraform-plan", plan},
		{"import", "terraform", plan},
		{"import", "tfplan", plan},
		{"import", "terragrunt", unit},
		{"import", "terraform", unit},
	} {
		code, stdout, stderr := enisim(args...)
		if code != 0 || !strings.Contains(stderr, "1 functions, 2 ENI keys, 2 ENIs when run as written, 0 refused") || !strings.Contains(stdout, "vpcs:") {
			t.Errorf("enisim %s: exit %d, stderr:\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	code, _, stderr := enisim("import", "terraform-plan", tfTD+"basic/main.tf")
	if code != 2 || !strings.Contains(stderr, "main.tf") {
		t.Errorf("a .tf file as a plan: exit %d, stderr %q", code, stderr)
	}
}

// TestImportTerraformStrict: what terraform validate rejects, and an
// exceeded budget, exit 2 with file:line:col.
func TestImportTerraformStrict(t *testing.T) {
	for name, src := range map[string]string{
		"count":  "resource \"aws_subnet\" \"s\" {\n  count = -1\n}\n",
		"budget": "locals {\n  s = join(\",\", [for i in range(1000) : join(\",\", [for j in range(1000) : \"${i}${j}\"])])\n}\nresource \"aws_lambda_function\" \"f\" { function_name = local.s }\n",
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := enisim("import", "terraform", dir)
		if code != 2 || !strings.Contains(stderr, "main.tf:2:") {
			t.Errorf("%s: exit %d, stderr %q; want 2 and main.tf:2:", name, code, stderr)
		}
	}
}

// TestImportTerraformHelp keeps the manuals of terraform-plan and terragrunt.
func TestImportTerraformHelp(t *testing.T) {
	importGolden(t, "help-import-terraform-plan", 0, "import", "terraform-plan", "--help")
	importGolden(t, "help-import-terragrunt", 0, "import", "terragrunt", "--help")
}
