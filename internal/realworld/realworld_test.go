package realworld

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// outcome is how Dir or Optional ended a test: "fail", "skip" or "".
type outcome struct {
	testing.TB
	how string
}

func (o *outcome) Helper()               {}
func (o *outcome) Fatalf(string, ...any) { o.how = "fail"; runtime.Goexit() }
func (o *outcome) Skipf(string, ...any)  { o.how = "skip"; runtime.Goexit() }

func run(t *testing.T, f func(testing.TB) string) (string, string) {
	o := &outcome{TB: t}
	var dir string
	done := make(chan struct{})
	go func() {
		defer close(done)
		dir = f(o)
	}()
	<-done
	return o.how, dir
}

// In a module whose ../shared/realworld is absent, Dir skips without CI
// and fails with it; Optional returns "" without CI and fails with it.
// Once the folder exists, both return it.
func TestAbsentFolder(t *testing.T) {
	top := t.TempDir()
	repo := filepath.Join(top, "repo")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(repo)
	for _, c := range []struct {
		ci, dirHow, optHow string
	}{{"", "skip", ""}, {"true", "fail", "fail"}} {
		t.Setenv("CI", c.ci)
		if how, _ := run(t, Dir); how != c.dirHow {
			t.Errorf("CI=%q: Dir %q, want %q", c.ci, how, c.dirHow)
		}
		if how, dir := run(t, Optional); how != c.optHow || dir != "" {
			t.Errorf("CI=%q: Optional %q %q, want %q and no folder", c.ci, how, dir, c.optHow)
		}
	}
	want := filepath.Join(top, "shared", "realworld")
	if err := os.MkdirAll(want, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []func(testing.TB) string{Dir, Optional} {
		if how, dir := run(t, f); how != "" || dir != want {
			t.Errorf("folder present: %q %q, want %q", how, dir, want)
		}
	}
}
