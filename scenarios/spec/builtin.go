package spec

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

// The sample trace in the Azure Functions 2019 layout is generated:
//go:generate go run ../../workload/internal/gentrace -seed 1 -functions 5 -o builtin/traces/azure-sample.csv

//go:embed builtin
var builtinFS embed.FS

// Builtin is one scenario shipped in the binary.
type Builtin struct {
	Name, Description string
}

// Builtins lists the built-in scenarios, default first.
func Builtins() ([]Builtin, error) {
	entries, err := fs.Glob(builtinFS, "builtin/*.yaml")
	if err != nil {
		return nil, err
	}
	var out []Builtin
	for _, e := range entries {
		name := strings.TrimSuffix(path.Base(e), ".yaml")
		s, err := LoadBuiltin(name, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, Builtin{Name: name, Description: s.Description})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name == "default" && out[j].Name != "default" })
	return out, nil
}

// ErrNotFound is returned when a scenario argument names neither a file
// nor a built-in scenario.
var ErrNotFound = errors.New("no such file, and no built-in scenario of that name (enisim list shows them)")

// LoadBuiltin parses the built-in scenario name.
func LoadBuiltin(name string, overrides []Override) (*Scenario, error) {
	file := "builtin/" + name + ".yaml"
	data, err := builtinFS.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, ErrNotFound)
	}
	sub, _ := fs.Sub(builtinFS, "builtin")
	return ParseFS(sub, "builtin:"+name, data, ".", overrides)
}

// Open loads arg as a scenario file if one exists at that path, else as the
// name of a built-in scenario.
func Open(arg string, overrides []Override) (*Scenario, error) {
	if _, err := os.Stat(arg); err == nil || strings.ContainsAny(arg, "/\\") || strings.HasSuffix(arg, ".yaml") || strings.HasSuffix(arg, ".yml") {
		s, err := Load(arg, overrides)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", arg, ErrNotFound)
		}
		return s, err
	}
	return LoadBuiltin(arg, overrides)
}
