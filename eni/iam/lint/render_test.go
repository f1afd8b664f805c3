package lint

import (
	"bytes"
	"encoding/json"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

var sample = []Finding{
	{Rule: "IAM001", Severity: Error, File: "p.json", Line: 14, Col: 11, Statement: 0, Sid: "S",
		Path: `Statement[0].Condition.StringEquals["lambda:SubnetIds"]`, Message: "bad", Fix: "better"},
	{Rule: "LAY002", Severity: Warning, File: "s.yaml", Line: 40, Statement: -1, Function: "batch", Message: "one AZ"},
	{Rule: "IAM004", Severity: Info, Statement: -1, Message: "no location"},
}

func TestWriteTable(t *testing.T) {
	var b bytes.Buffer
	if err := WriteTable(&b, sample); err != nil {
		t.Fatal(err)
	}
	want := `SEVERITY  RULE    LOCATION      SUBJECT                MESSAGE
error     IAM001  p.json:14:11  statement 0 (Sid "S")  bad
                                                       fix: better
warning   LAY002  s.yaml:40     function batch         one AZ
info      IAM004  -             -                      no location
3 findings: 1 errors, 1 warnings, 1 info
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, nil); err != nil || b.String() != "{\n  \"findings\": []\n}\n" {
		t.Errorf("empty: %q %v", b.String(), err)
	}
	b.Reset()
	if err := WriteJSON(&b, sample[:1]); err != nil {
		t.Fatal(err)
	}
	var got struct{ Findings []map[string]any }
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	f := got.Findings[0]
	if f["rule"] != "IAM001" || f["severity"] != "error" || f["line"] != 14.0 || f["sid"] != "S" || f["fix"] != "better" {
		t.Errorf("got %v", f)
	}
}

// TestWriteSARIF checks the structure code-scanning tools require of a
// SARIF 2.1.0 log.
func TestWriteSARIF(t *testing.T) {
	var b bytes.Buffer
	if err := WriteSARIF(&b, sample); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Schema  string `json:"$schema"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct {
						ID                   string
						ShortDescription     struct{ Text string }
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("header: %+v", log)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "enisim" || len(run.Tool.Driver.Rules) != len(Rules) {
		t.Errorf("driver: %+v", run.Tool.Driver)
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || r.DefaultConfiguration.Level == "" {
			t.Errorf("rule %+v", r)
		}
	}
	r0, r1, r2 := run.Results[0], run.Results[1], run.Results[2]
	if r0.RuleID != "IAM001" || run.Tool.Driver.Rules[r0.RuleIndex].ID != "IAM001" || r0.Level != "error" ||
		r0.Message.Text != "bad. Fix: better" || r0.Locations[0].PhysicalLocation.ArtifactLocation.URI != "p.json" ||
		r0.Locations[0].PhysicalLocation.Region.StartLine != 14 || r0.Locations[0].PhysicalLocation.Region.StartColumn != 11 {
		t.Errorf("result 0: %+v", r0)
	}
	if r1.Level != "warning" || r1.Locations[0].PhysicalLocation.Region.StartLine != 40 {
		t.Errorf("result 1: %+v", r1)
	}
	if r2.Level != "note" || len(r2.Locations) != 0 {
		t.Errorf("result 2: %+v", r2)
	}
}

// TestImports keeps the dependency direction: cmd -> scenarios -> workload
// -> eni -> sim. The IAM packages must not reach back up.
func TestImports(t *testing.T) {
	for _, dir := range []string{".", ".."} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range files {
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				p := strings.Trim(imp.Path.Value, `"`)
				if strings.HasPrefix(p, "github.com/enisim/enisim/") && p != "github.com/enisim/enisim/eni/iam" && p != "github.com/enisim/enisim/eni/iam/lint" {
					t.Errorf("%s imports %s", name, p)
				}
			}
		}
	}
}

func TestRulesComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] || r.Name == "" || r.Summary == "" {
			t.Errorf("rule %+v", r)
		}
		seen[r.ID] = true
	}
}
