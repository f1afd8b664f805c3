package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// serve refuses what it cannot do safely or at all before it listens, with
// exit 2 and a message naming the flag.
func TestServeRefusesBadUsage(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "rec.yaml")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--addr", "0.0.0.0:0"}, "not a loopback address: give --token"},
		{[]string{"serve", "--addr", ":8642"}, "not a loopback address"},
		{[]string{"serve", "--speed", "0"}, "--speed"},
		{[]string{"serve", "--speed", "fast"}, "--speed"},
		{[]string{"serve", "--format", "xml"}, "--format"},
		{[]string{"serve", "no-such-scenario"}, "no such file"},
		{[]string{"serve", "diurnal-day", "--record", rec}, "a record cannot point"},
		{[]string{"serve", "a", "b"}, "one scenario"},
	} {
		code, _, errs := enisim(c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("enisim %s: exit %d, %q; want 2 and %q", strings.Join(c.args, " "), code, errs, c.want)
		}
	}
	if _, err := os.Stat(rec); err == nil {
		t.Errorf("a refused --record left %s behind", rec)
	}
}
