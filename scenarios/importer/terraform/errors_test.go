package terraform

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/enisim/enisim/internal/inputfile"
)

func writeTF(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestErrors: malformed input is an error naming file:line:col.
func TestErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"unclosed", "resource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n", "main.tf:"},
		{"bad attribute", "resource \"aws_vpc\" \"v\" {\n  cidr_block = = 1\n}\n", "main.tf:2:"},
		{"labels", "resource \"aws_vpc\" {\n}\n", "main.tf:1:1: a resource block needs 2 label(s)"},
		{"module source", "module \"m\" {\n  source = var.x\n}\n", "main.tf:2:12: module m: source must be a literal string"},
		{"duplicate", "resource \"aws_vpc\" \"v\" {}\nresource \"aws_vpc\" \"v\" {}\n", "main.tf:2:1: duplicate aws_vpc.v"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeTF(t, map[string]string{"main.tf": c.src})
			_, err := Import([]string{dir}, Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}
	if _, err := Import([]string{t.TempDir()}, Options{}); err == nil {
		t.Error("a directory without .tf files imported without error")
	}
	// A syntax error in a followed local module is an error too.
	dir := writeTF(t, map[string]string{
		"main.tf":     "module \"m\" {\n  source = \"./m\"\n}\n",
		"m/broken.tf": "locals {\n  x = [\n}\n",
	})
	if _, err := Import([]string{dir}, Options{}); err == nil || !strings.Contains(err.Error(), "broken.tf:") {
		t.Errorf("err = %v, want one naming broken.tf", err)
	}
}

// TestSelfModule: a module whose source is its own directory is not
// followed forever.
func TestSelfModule(t *testing.T) {
	dir := writeTF(t, map[string]string{"main.tf": "module \"me\" {\n  source = \"./\"\n}\n"})
	l, err := Import([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Warnings) == 0 {
		t.Error("no warning about the module that calls itself")
	}
}

// TestCycle: locals that refer to each other are unknown, with a warning.
func TestCycle(t *testing.T) {
	dir := writeTF(t, map[string]string{"main.tf": `
locals {
  a = local.b
  b = local.a
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  vpc_config {
    subnet_ids         = [local.a]
    security_group_ids = []
  }
}
`})
	l, err := Import([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(describe(l), "cycle") {
		t.Errorf("no cycle warning:\n%s", describe(l))
	}
}

// TestCIDRFunctions compares with values Terraform's documentation gives.
func TestCIDRFunctions(t *testing.T) {
	dir := writeTF(t, map[string]string{"main.tf": `
locals {
  got = [
    cidrsubnet("172.16.0.0/12", 4, 2),
    cidrsubnet("10.1.2.0/24", 4, 15),
    cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162),
    cidrhost("10.12.112.0/20", 16),
    cidrhost("10.12.112.0/20", 268),
    cidrhost("fd00:fd12:3456:7890:00a2::/72", 34),
    cidrnetmask("172.16.0.0/12"),
    join(",", cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)),
  ]
}
resource "aws_lambda_function" "f" {
  function_name = "f"
  vpc_config {
    subnet_ids         = local.got
    security_group_ids = []
  }
}
`})
	l, err := Import([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"172.18.0.0/16", "10.1.2.240/28", "fd00:fd12:3456:7800:a200::/72",
		"10.12.112.16", "10.12.113.12", "fd00:fd12:3456:7890::22", "255.240.0.0",
		"10.1.0.0/20,10.1.16.0/20,10.1.32.0/24,10.1.48.0/20"}
	got := l.Functions[0].SubnetIDs
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestNotRegularFiles: a FIFO given as a .tf file is refused with its
// name; opening it would block the import until something wrote to it.
func TestNotRegularFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "main.tf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if _, err := Import([]string{fifo}, Options{}); !errors.Is(err, inputfile.ErrNotRegular) || !strings.Contains(err.Error(), fifo+": is a FIFO") {
		t.Errorf("err = %v", err)
	}
	if _, err := ImportPlan(fifo); !errors.Is(err, inputfile.ErrNotRegular) || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("plan: err = %v", err)
	}
}
