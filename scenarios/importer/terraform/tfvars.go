package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
)

// tfvar is one variable value read from a .tfvars file, and where.
type tfvar struct {
	v   cty.Value
	pos string
}

// autoVarFiles are the variable files Terraform loads by itself from the
// root module's directory, in the order it loads them (later ones win):
// terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars and
// *.auto.tfvars.json in lexical order.
func autoVarFiles(dir string) []string {
	var out []string
	for _, n := range []string{"terraform.tfvars", "terraform.tfvars.json"} {
		if fi, err := os.Stat(filepath.Join(dir, n)); err == nil && fi.Mode().IsRegular() {
			out = append(out, filepath.Join(dir, n))
		}
	}
	ents, _ := os.ReadDir(dir)
	var auto []string
	for _, e := range ents {
		n := e.Name()
		if e.Type().IsRegular() && (strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json")) {
			auto = append(auto, filepath.Join(dir, n))
		}
	}
	sort.Strings(auto)
	return append(out, auto...)
}

// readVarFiles reads variable files in order, later values replacing
// earlier ones. A value must be a constant, as Terraform requires: a
// reference or a malformed file is an error naming file:line:col.
func (im *imp) readVarFiles(files []string) error {
	for _, f := range files {
		src, err := im.b.readLimited(f)
		if err != nil {
			return fmt.Errorf("terraform: %w", err)
		}
		var file *hcl.File
		var diags hcl.Diagnostics
		if strings.HasSuffix(f, ".json") {
			// encoding/json-like: hcl's JSON parser bounds nothing, so the
			// nesting is checked on the bytes.
			if err := checkJSONNesting(f, src); err != nil {
				return err
			}
			file, diags = hcljson.Parse(src, f)
		} else {
			if err := checkNesting(f, src); err != nil {
				return err
			}
			file, diags = hclsyntax.ParseConfig(src, f, hcl.InitialPos)
		}
		if diags.HasErrors() {
			return diagError(diags)
		}
		attrs, diags := file.Body.JustAttributes()
		if diags.HasErrors() {
			return diagError(diags)
		}
		for name, a := range attrs {
			if len(a.Expr.Variables()) > 0 {
				return posError(a.Expr.Range(), "variable files take constant values; "+name+" refers to other values")
			}
			v, diags := safeValue(a.Expr, &hcl.EvalContext{Functions: im.funcs})
			if diags.HasErrors() {
				return diagError(diags)
			}
			if err := checkNumbers(v); err != nil {
				return posError(a.Expr.Range(), err.Error())
			}
			im.tfvars[name] = tfvar{v: v, pos: posString(a.NameRange)}
		}
	}
	return nil
}

// checkJSONNesting refuses JSON whose arrays and objects nest deeper than
// MaxNesting (brackets inside strings are skipped).
func checkJSONNesting(name string, src []byte) error {
	depth, inStr, esc := 0, false, false
	for i, c := range src {
		switch {
		case inStr:
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '[' || c == '{':
			if depth++; depth > MaxNesting {
				line, col := lineCol(src, i)
				return fmt.Errorf("%s:%d:%d: nesting exceeds the limit MaxNesting = %d: %w", name, line, col, MaxNesting, errBudget)
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return nil
}

// lineCol is the 1-based line and column of byte i of src.
func lineCol(src []byte, i int) (int, int) {
	line, col := 1, 1
	for _, c := range src[:i] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}
