package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures; Fatalf ends the
// goroutine, as testing's does.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed, r.msg = true, fmt.Sprintf(format, args...)
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }

// check runs Check against a recorder and returns it.
func check(t *testing.T, path string, got []byte) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Check(r, path, got)
	}()
	<-done
	return r
}

func TestCheck(t *testing.T) {
	if *update {
		t.Skip("-update given: this test checks comparing, not writing")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "x.golden")

	if r := check(t, path, []byte("a\n")); !r.failed || !strings.Contains(r.msg, "must exist") {
		t.Errorf("a missing golden file: failed=%v %q; want a failure", r.failed, r.msg)
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("a missing golden file was created without -update")
	}

	if err := os.WriteFile(path, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := check(t, path, []byte("a\nb\n")); r.failed {
		t.Errorf("equal output failed: %q", r.msg)
	}
	r := check(t, path, []byte("a\nc\n"))
	if !r.failed || !strings.Contains(r.msg, "line 2:\n- b\n+ c") {
		t.Errorf("a difference: failed=%v %q; want line 2 shown", r.failed, r.msg)
	}
	if got, err := os.ReadFile(path + ".got"); err != nil || string(got) != "a\nc\n" {
		t.Errorf(".got file = %q, %v; want the output", got, err)
	}
	if want, _ := os.ReadFile(path); string(want) != "a\nb\n" {
		t.Errorf("the golden file changed without -update: %q", want)
	}
}

func TestFirstDiff(t *testing.T) {
	for _, c := range []struct{ want, got, diff string }{
		{"a\nb", "a\nb", ""},
		{"a\nb", "a\nB", "line 2:\n- b\n+ B"},
		{"a", "a\nb", "line 2:\n- \n+ b"},
	} {
		if d := FirstDiff(c.want, c.got); d != c.diff {
			t.Errorf("FirstDiff(%q, %q) = %q, want %q", c.want, c.got, d, c.diff)
		}
	}
}
