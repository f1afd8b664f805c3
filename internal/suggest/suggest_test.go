package suggest

import "testing"

func TestNearest(t *testing.T) {
	names := []string{"rate", "process", "file", "format", "run", "explain"}
	for _, c := range []struct{ typed, want string }{
		{"rat", "rate"},        // one deletion
		{"raet", "rate"},       // one swap
		{"porcess", "process"}, // a swap in a longer word
		{"rn", "run"},
		{"fromat", "format"},
		{"xyz", ""},  // nothing near
		{"rate", ""}, // already right
		{"explian", "explain"},
	} {
		if got := Nearest(c.typed, names); got != c.want {
			t.Errorf("Nearest(%q) = %q, want %q", c.typed, got, c.want)
		}
	}
	if d := editDistance("kitten", "sitting"); d != 3 {
		t.Errorf("editDistance(kitten, sitting) = %d, want 3", d)
	}
}
