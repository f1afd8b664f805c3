package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestImportRefusesHostileFiles: each import source this branch owns
// refuses a directory without a service, an empty file, binary garbage, a
// 50 MB file and a FIFO with exit 2 and the file's name; none blocks (a
// FIFO used to: os.ReadFile waited for a writer forever) or reads 50 MB.
func TestImportRefusesHostileFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"empty":   writeIn(t, dir, "empty.yaml", ""),
		"garbage": writeIn(t, dir, "garbage.yaml", "\x00\x01\xff\xfe{[: !!binary \x7f"),
		"50 MB":   writeIn(t, dir, "big.yaml", "Resources: {}\n"+strings.Repeat("#", 50<<20)),
	}
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	files["FIFO"] = fifo
	empty := filepath.Join(dir, "nothing")
	os.Mkdir(empty, 0o755)
	files["directory"] = empty
	for _, source := range []string{"cloudformation", "serverless"} {
		for what, path := range files {
			code, _, stderr := enisim("import", source, path)
			if code != 2 || !strings.Contains(stderr, filepath.Base(path)) {
				t.Errorf("import %s, %s: exit %d, stderr %q; want exit 2 naming %s", source, what, code, stderr, filepath.Base(path))
			}
		}
	}
	code, _, stderr := enisim("import", "cloudformation", importTD+"orders.yaml", "--workload", fifo)
	if code != 2 || !bytes.Contains([]byte(stderr), []byte("fifo.yaml: is a FIFO (named pipe), not a regular file")) {
		t.Errorf("--workload FIFO: exit %d, stderr %q", code, stderr)
	}
}
