package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios"
)

const churnYAML = "testdata/run/churn.yaml"

// churnReport is the JSON report of the churn scenario, which the table
// and the CSV must repeat.
func churnReport(t *testing.T) *scenarios.Report {
	t.Helper()
	code, out, errs := enisim("run", churnYAML, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r scenarios.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	// The scenario is built so that every column has something to show.
	c := r.Functions[0].ColdStartsBy
	if r.ENIs.Orphaned == 0 || r.ENIs.ByKey[0].Refused == 0 || r.Functions[0].Replacements == 0 ||
		c.New == 0 || c.Expired == 0 || c.Replaced == 0 || c.Config == 0 {
		t.Fatalf("churn shows too little: orphaned %d, refused %d, replacements %d, causes %+v",
			r.ENIs.Orphaned, r.ENIs.ByKey[0].Refused, r.Functions[0].Replacements, c)
	}
	return &r
}

// The table shows the JSON's orphaned ENIs (in all and per key), the
// blocked keys with their refused invokes and, per function, the cold starts by cause
// (summing to its cold starts) and the lifetime replacements.
func TestRunTableShowsChurn(t *testing.T) {
	r := churnReport(t)
	code, out, errs := enisim("run", churnYAML)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "run/churn.txt", []byte(out))
	if want := fmt.Sprintf(", orphaned %d\n", r.ENIs.Orphaned); !strings.Contains(out, want) {
		t.Errorf("no %q in the headline", want)
	}
	for _, k := range r.ENIs.ByKey {
		row := fmt.Sprintf(`(?m)^\| +%s \| +\[%s\] \| +%s \| +%d \| +%d \|$`, k.Subnet, strings.Join(k.SecurityGroups, ","), k.Blocked, k.Refused, k.Orphaned)
		if !regexp.MustCompile(row).MatchString(out) {
			t.Errorf("no key row %s with refused %d, orphaned %d", k.Subnet, k.Refused, k.Orphaned)
		}
	}
	for _, f := range r.Functions {
		c := f.ColdStartsBy
		if sum := c.New + c.Expired + c.Replaced + c.Restore + c.Config; sum != f.ColdStarts {
			t.Errorf("%s: causes sum to %d of %d cold starts", f.Name, sum, f.ColdStarts)
		}
		if c.Replaced > f.Replacements { // the README says so
			t.Errorf("%s: %d replaced cold starts of %d replacements", f.Name, c.Replaced, f.Replacements)
		}
		row := fmt.Sprintf(`(?m)^\| +%s \| +%d \| +%d \| +%d \| +%d \| +%d \| +%d \| +%d \|$`,
			f.Name, f.ColdStarts, c.New, c.Expired, c.Replaced, c.Restore, c.Config, f.Replacements)
		if !regexp.MustCompile(row).MatchString(out) {
			t.Errorf("%s: no cold-starts row %v, %d replacements in\n%s", f.Name, c, f.Replacements, out)
		}
	}
	// Every table but the functions table (wider already) fits in 100
	// columns with this scenario's names.
	for _, block := range strings.Split(out, "\n\n") {
		if strings.HasPrefix(block, "Functions (") {
			continue
		}
		for _, l := range strings.Split(block, "\n") {
			if len(l) > 100 {
				t.Errorf("%d columns wide, want at most 100: %s", len(l), l)
			}
		}
	}
}

// The CSV has the same values, one a row.
func TestRunCSVShowsChurn(t *testing.T) {
	r := churnReport(t)
	code, out, errs := enisim("run", churnYAML, "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	golden(t, "run/churn.csv", []byte(out))
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, row := range rows {
		got[row[0]+" "+row[1]+" "+row[2]] = row[3]
	}
	want := map[string]any{"enis all orphaned": r.ENIs.Orphaned}
	for _, k := range r.ENIs.ByKey {
		id := "key " + k.Subnet + "+[" + strings.Join(k.SecurityGroups, ",") + "] "
		want[id+"refused"], want[id+"orphaned"] = k.Refused, k.Orphaned
	}
	for _, s := range r.Subnets {
		want["subnet "+s.ID+" peakShare"] = fmt.Sprintf("%.6f", s.PeakShare)
	}
	for _, f := range r.Functions {
		id, c := "function "+f.Name+" ", f.ColdStartsBy
		for name, n := range map[string]int64{"new": c.New, "expired": c.Expired, "replaced": c.Replaced, "restore": c.Restore, "config": c.Config} {
			want[id+"coldStartsByCause."+name] = n
		}
		want[id+"replacements"] = f.Replacements
	}
	for k, v := range want {
		if s := fmt.Sprint(v); got[k] != s {
			t.Errorf("CSV %s = %q, JSON %s", k, got[k], s)
		}
	}
}

// run --help and the README's "Reading the report" explain each field the
// table shows since the measured-environment model, by its JSON name.
func TestReportFieldsExplained(t *testing.T) {
	code, help, _ := enisim("run", "--help")
	if code != 0 {
		t.Fatalf("run --help: exit %d", code)
	}
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i := strings.Index(readme, "### Reading the report")
	if i < 0 {
		t.Fatal(`README has no "### Reading the report"`)
	}
	section := readme[i:]
	section = section[:strings.Index(section[4:], "\n#")+4]
	for _, field := range []string{"enis.orphaned", "byKey[].orphaned", "byKey[].blocked", "byKey[].refused", "coldStartsByCause", "replacements",
		"new", "expired", "replaced", "restore", "config"} {
		if !strings.Contains(help, field) {
			t.Errorf("run --help does not explain %s", field)
		}
		if !strings.Contains(section, field) {
			t.Errorf("README's Reading the report does not explain %s", field)
		}
	}
	for _, l := range strings.Split(reportHelp, "\n") {
		if len(l) > 80 {
			t.Errorf("help line of %d columns: %s", len(l), l)
		}
	}
}
