package scenarios

import (
	"errors"
	"github.com/enisim/enisim/scenarios/spec"
	"strings"
	"testing"
)

// parseSrc parses src as the file s.yaml, whose relative paths point into
// testdata.
func parseSrc(src string, overrides ...spec.Override) (*spec.Scenario, error) {
	return spec.Parse("s.yaml", []byte(src), "testdata", overrides)
}

// checkErrors asserts that err holds exactly the errors in want, in
// order; each is "file:line:col: fragment" where the position must match
// exactly and the message must contain the fragment.
func checkErrors(t *testing.T, err error, want ...string) {
	t.Helper()
	var list spec.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error = %v (%T); want an ErrorList of %q", err, err, want)
	}
	ok := len(list) == len(want)
	for i := 0; ok && i < len(want); i++ {
		pos, frag, _ := strings.Cut(want[i], ": ")
		ok = list[i].Pos.String() == pos && strings.Contains(list[i].Msg, frag)
	}
	if !ok {
		t.Errorf("got errors:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

// checkWarnings asserts the warnings as checkErrors does errors.
func checkWarnings(t *testing.T, s *spec.Scenario, want ...string) {
	t.Helper()
	ok := len(s.Warnings) == len(want)
	for i := 0; ok && i < len(want); i++ {
		pos, frag, _ := strings.Cut(want[i], ": ")
		ok = s.Warnings[i].Pos.String() == pos && strings.Contains(s.Warnings[i].Msg, frag)
	}
	if !ok {
		var got []string
		for _, w := range s.Warnings {
			got = append(got, w.String())
		}
		t.Errorf("got warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
