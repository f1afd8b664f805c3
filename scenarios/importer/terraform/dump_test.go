package terraform

import (
	"encoding/json"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	dir := os.Getenv("TFDUMP")
	if dir == "" {
		t.Skip()
	}
	l, err := Import([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range l.Warnings {
		t.Log(w.String(), " [", w.Subject, "]")
	}
	for i := range l.Functions {
		if l.Functions[i].Role != nil {
			l.Functions[i].Role.Policies = nil
		}
	}
	l.Warnings = nil
	b, _ := json.MarshalIndent(l, "", " ")
	if os.Getenv("TFJSON") != "" {
		t.Log(string(b))
	}
}
