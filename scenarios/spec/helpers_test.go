package spec

import (
	"errors"
	"strings"
	"testing"
)

// parseSrc parses src as the file s.yaml, whose relative paths point into
// testdata.
func parseSrc(src string, overrides ...Override) (*Scenario, error) {
	return Parse("s.yaml", []byte(src), "testdata", overrides)
}

// checkErrors asserts that err holds exactly the errors in want, in
// order; each is "file:line:col: fragment" where the position must match
// exactly and the message must contain the fragment.
func checkErrors(t *testing.T, err error, want ...string) {
	t.Helper()
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error = %v (%T); want an ErrorList of %q", err, err, want)
	}
	ok := len(list) == len(want)
	for i := 0; ok && i < len(want); i++ {
		pos, frag, _ := strings.Cut(want[i], ": ")
		ok = list[i].Pos.where() == pos && strings.Contains(list[i].Msg, frag)
	}
	if !ok {
		t.Errorf("got errors:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

// checkWarnings asserts the warnings as checkErrors does errors.
func checkWarnings(t *testing.T, s *Scenario, want ...string) {
	t.Helper()
	ok := len(s.Warnings) == len(want)
	for i := 0; ok && i < len(want); i++ {
		pos, frag, _ := strings.Cut(want[i], ": ")
		ok = s.Warnings[i].Pos.where() == pos && strings.Contains(s.Warnings[i].Msg, frag)
	}
	if !ok {
		var got []string
		for _, w := range s.Warnings {
			got = append(got, w.String())
		}
		t.Errorf("got warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
