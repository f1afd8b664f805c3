package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// moduleConfig is one Terraform module (a directory of .tf files, or the
// files named on the command line) as written, before evaluation.
type moduleConfig struct {
	dir        string
	variables  map[string]*hclsyntax.Block
	locals     map[string]*hclsyntax.Attribute
	resources  []*resourceConfig // managed resources, in file order
	data       []*resourceConfig
	byAddr     map[string]*resourceConfig // "aws_subnet.a", "data.aws_region.x"
	calls      []*callConfig
	callByName map[string]*callConfig
	outputs    map[string]*hclsyntax.Attribute
	// region is the region attribute of the first provider "aws" block
	// without an alias.
	region *hclsyntax.Attribute
}

// resourceConfig is a resource or data block.
type resourceConfig struct {
	data      bool
	typ, name string
	body      *hclsyntax.Body
}

func (r *resourceConfig) addr() string {
	if r.data {
		return "data." + r.typ + "." + r.name
	}
	return r.typ + "." + r.name
}

// callConfig is a module block.
type callConfig struct {
	name, source string
	dir          string // directory of the file that declares it
	body         *hclsyntax.Body
}

// metaArgs are the arguments Terraform itself interprets; they are not
// attributes of the resource or inputs of the module.
var metaArgs = map[string]bool{
	"count": true, "for_each": true, "depends_on": true, "provider": true,
	"providers": true, "lifecycle": true, "source": true, "version": true,
}

// tfFiles lists the .tf files of dir, sorted (Terraform reads them in
// lexical order too).
func tfFiles(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".tf") {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(files)
	return files, nil
}

// loadModule parses files into one module whose directory is dir.
func loadModule(b *loader, files []string, dir string) (*moduleConfig, error) {
	m := newModuleConfig(dir)
	for _, f := range files {
		src, err := b.readLimited(f)
		if err != nil {
			return nil, err
		}
		if err := m.addFile(f, src); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func newModuleConfig(dir string) *moduleConfig {
	return &moduleConfig{
		dir:        dir,
		variables:  map[string]*hclsyntax.Block{},
		locals:     map[string]*hclsyntax.Attribute{},
		byAddr:     map[string]*resourceConfig{},
		callByName: map[string]*callConfig{},
		outputs:    map[string]*hclsyntax.Attribute{},
	}
}

// addFile parses one file's source into m.
func (m *moduleConfig) addFile(name string, src []byte) error {
	if err := checkNesting(name, src); err != nil {
		return err
	}
	file, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return diagError(diags)
	}
	body := file.Body.(*hclsyntax.Body)
	if err := checkLiterals(body); err != nil {
		return err
	}
	countFors(body)
	countTemplates(body)
	for _, b := range body.Blocks {
		if err := m.addBlock(b, filepath.Dir(name)); err != nil {
			return err
		}
	}
	return nil
}

// labelCount is how many labels each top-level block type takes.
var labelCount = map[string]int{
	"variable": 1, "resource": 2, "data": 2, "module": 1, "output": 1,
}

func (m *moduleConfig) addBlock(b *hclsyntax.Block, dir string) error {
	if n, ok := labelCount[b.Type]; ok && len(b.Labels) != n {
		return posError(b.TypeRange, fmt.Sprintf("a %s block needs %d label(s), has %d", b.Type, n, len(b.Labels)))
	}
	switch b.Type {
	case "variable":
		m.variables[b.Labels[0]] = b
	case "locals":
		for name, a := range b.Body.Attributes {
			m.locals[name] = a
		}
	case "resource", "data":
		r := &resourceConfig{data: b.Type == "data", typ: b.Labels[0], name: b.Labels[1], body: b.Body}
		if _, dup := m.byAddr[r.addr()]; dup {
			return posError(b.TypeRange, "duplicate "+r.addr())
		}
		m.byAddr[r.addr()] = r
		if r.data {
			m.data = append(m.data, r)
		} else {
			m.resources = append(m.resources, r)
		}
	case "module":
		return m.addCall(b, dir)
	case "output":
		if a, ok := b.Body.Attributes["value"]; ok {
			m.outputs[b.Labels[0]] = a
		}
	case "provider":
		_, aliased := b.Body.Attributes["alias"]
		if len(b.Labels) == 1 && b.Labels[0] == "aws" && !aliased && m.region == nil {
			m.region = b.Body.Attributes["region"]
		}
	}
	return nil
}

func (m *moduleConfig) addCall(b *hclsyntax.Block, dir string) error {
	c := &callConfig{name: b.Labels[0], dir: dir, body: b.Body}
	a, ok := b.Body.Attributes["source"]
	if !ok {
		return posError(b.TypeRange, "module "+c.name+" has no source")
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || !v.Type().Equals(ctyString) {
		return posError(a.Expr.Range(), "module "+c.name+": source must be a literal string")
	}
	c.source = v.AsString()
	if _, dup := m.callByName[c.name]; dup {
		return posError(b.TypeRange, "duplicate module "+c.name)
	}
	m.callByName[c.name] = c
	m.calls = append(m.calls, c)
	return nil
}

// diagError turns HCL error diagnostics into one error naming
// file:line:col of the first.
func diagError(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		if d.Subject != nil {
			return posError(*d.Subject, msg)
		}
		return fmt.Errorf("%s", msg)
	}
	return nil
}

func posError(r hcl.Range, msg string) error {
	return fmt.Errorf("%s: %s", posString(r), msg)
}

// posString is file:line:col of the start of r.
func posString(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}
