package realworld

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the realworld folder. When it is absent the test is skipped,
// naming the folder, or fails when the CI environment variable is set.
func Dir(t testing.TB) string {
	t.Helper()
	dir, err := find()
	if err == nil {
		return dir
	}
	if ci() {
		t.Fatalf("%v; CI is set, so the tests that read it must run", err)
	}
	t.Skipf("%v (the test runs when it is there, and fails under CI without it)", err)
	return ""
}

// Optional returns the realworld folder, or "" when it is absent and CI is
// not set; when CI is set, an absent folder fails the test.
func Optional(t testing.TB) string {
	t.Helper()
	dir, err := find()
	if err != nil && ci() {
		t.Fatalf("%v; CI is set, so the tests that read it must run", err)
	}
	return dir
}

// ci reports whether the tests run under CI: the CI variable is set and
// not empty.
func ci() bool { return os.Getenv("CI") != "" }

// find returns <repo root>/../shared/realworld, the repo root being the
// nearest directory above the working directory that holds go.mod, or an
// error naming what is missing.
func find() (string, error) {
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	return checkDir(filepath.Join(filepath.Dir(root), "shared", "realworld"))
}

func checkDir(dir string) (string, error) {
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("realworld folder %s is absent", dir)
	}
	return dir, nil
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("realworld: no go.mod above the working directory")
		}
		dir = up
	}
}
