package terraform

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// loader reads modules within the import's budget, and finds the local
// copy of modules whose source is remote (git, a registry): from
// Options.ModuleDirs, else from the .terraform/modules/modules.json that
// terraform init writes in the root module.
type loader struct {
	*budget
	moduleDirs map[string]string // source (without //subdir and ?ref) -> directory
	initDirs   map[string]string // module key ("a.b") -> directory, from modules.json
}

func newLoader(b *budget, rootDir string, moduleDirs map[string]string) *loader {
	ld := &loader{budget: b, moduleDirs: moduleDirs, initDirs: map[string]string{}}
	data, err := os.ReadFile(filepath.Join(rootDir, ".terraform", "modules", "modules.json"))
	if err != nil {
		return ld
	}
	var m struct{ Modules []struct{ Key, Dir string } }
	if json.Unmarshal(data, &m) == nil {
		for _, e := range m.Modules {
			if e.Key != "" && e.Dir != "" {
				ld.initDirs[e.Key] = filepath.Join(rootDir, e.Dir)
			}
		}
	}
	return ld
}

var refQuery = regexp.MustCompile(`\?.*$`)

// remoteDir is the local directory of a remote module source, or "".
// key is the module's path of call names ("network.vpc"), as modules.json
// keys it.
func (ld *loader) remoteDir(src, key string) string {
	if d, ok := ld.initDirs[key]; ok {
		return d
	}
	s := strings.TrimPrefix(refQuery.ReplaceAllString(src, ""), "git::")
	s = schemeRE.ReplaceAllString(s, "")
	repo, sub, _ := strings.Cut(s, "//")
	for _, cand := range []string{src, s, repo, strings.TrimSuffix(repo, ".git")} {
		if d, ok := ld.moduleDirs[cand]; ok {
			return filepath.Join(d, sub)
		}
	}
	return ""
}

// moduleKey is in's path as modules.json keys it: the call names joined
// by ".".
func moduleKey(in *instance) string {
	return strings.Join(in.idParts(), ".")
}
