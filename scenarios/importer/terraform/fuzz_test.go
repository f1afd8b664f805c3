package terraform

import (
	"fmt"
	"time"
	"os"
	"path/filepath"
	"testing"
)

// FuzzImport feeds arbitrary file contents to the HCL reader and the
// evaluator: any input must give a layout or an error, never a panic or a
// hang (an input still running after 10s panics, so the fuzzer reports
// it). Seeds are the golden test configurations.
func FuzzImport(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "main.tf"))
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`resource "aws_subnet" "s" { count = 1e9 }`))
	f.Add([]byte(`locals { x = range(1e12) }` + "\n" + `resource "aws_vpc" "v" { cidr_block = format("%999999999d", 1) }`))
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan bool)
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				panic(fmt.Sprintf("slow input: %q", src))
			}
		}()
		l, err := Import([]string{dir}, Options{Vars: map[string]string{"x": "[1, 2]"}})
		if err == nil && l == nil {
			t.Fatal("no layout and no error")
		}
		if err == nil {
			_ = describe(l)
		}
	})
}
