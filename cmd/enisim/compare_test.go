package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A scenario whose two variants change nothing gives three identical
// columns, with no difference to the first.
func TestCompareIdenticalColumns(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../scenarios/spec/builtin/layouts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	body, _, _ := strings.Cut(string(src), "\nvariants:")
	body += "\nvariants:\n  - {name: same, set: {hyperplane.scaleOutAt: 0.8}}\n  - {name: again, set: {functions.api.arrivals.rate: 40/s}}\n"
	file := filepath.Join(dir, "same.yaml")
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := enisim("compare", file, "--duration", "6m", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Variants []struct {
			Name   string          `json:"name"`
			Report json.RawMessage `json:"report"`
		} `json:"variants"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Variants) != 3 || got.Variants[0].Name != "base" || got.Variants[2].Name != "again" {
		t.Fatalf("variants: %+v", got.Variants)
	}
	for _, v := range got.Variants[1:] {
		if !reflect.DeepEqual(v.Report, got.Variants[0].Report) {
			t.Errorf("variant %s: report differs from the base", v.Name)
		}
	}
	code, out, errs = enisim("compare", file, "--duration", "6m")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "(+") || strings.Contains(line, "(-") {
			t.Errorf("a difference between identical layouts: %s", line)
		}
	}
}

// The layouts built-in shows the best practice: sharing subnets and
// security groups needs fewer ENIs and starts faster.
func TestCompareLayouts(t *testing.T) {
	code, out, errs := enisim("compare", "layouts", "--duration", "20m", "--format", "csv", "-n", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Split(line, ",")
		if len(f) > 3 {
			rows[f[0]+"/"+f[1]] = f[3]
		}
	}
	for _, m := range []string{"enis.peak", "pendingSeconds", "coldStartP99.max"} {
		base, each := rows[m+"/base"], rows[m+"/one-sg-each"]
		if base == "" || each == "" || !(atof(t, base) < atof(t, each)) {
			t.Errorf("%s: base %s, one-sg-each %s: want base lower", m, base, each)
		}
	}
	if rows["enis.peak/base"] != "2" || rows["enis.peak/one-sg-each"] != "8" {
		t.Errorf("peak ENIs: base %s, one-sg-each %s; want 2 and 8 (one per key per subnet)", rows["enis.peak/base"], rows["enis.peak/one-sg-each"])
	}
}

func TestCompareUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"compare"}, "compare needs a scenario"},
		{[]string{"compare", "pending-block"}, "has no variants"},
		{[]string{"compare", "layouts", "-n", "0"}, "--replications 0"},
		{[]string{"compare", "layouts", "--format", "xml"}, "--format"},
		{[]string{"compare", "layouts", "--set", "functions.nosuch.memory=256"}, "--set functions.nosuch.memory=256"},
	} {
		code, _, errs := enisim(c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("enisim %v: exit %d, %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
}
