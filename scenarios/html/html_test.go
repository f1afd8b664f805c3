package html

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/charts"
	"github.com/enisim/enisim/scenarios/explain"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/scenarios/timeseries"
)

// external finds what would make a page load something: a src= or href=
// that is not a fragment (#...) or a data: URI, a url(...) in CSS that is
// not data:, an @import, or any <script>, <link>, <iframe>, <object> or
// <embed> element.
var external = []*regexp.Regexp{
	regexp.MustCompile(`(?i)\b(src|href|xlink:href|action|srcset|poster)\s*=\s*["']?\s*[^"'#\s>d]`),
	regexp.MustCompile(`(?i)\b(src|href|xlink:href)\s*=\s*["']?\s*d[^a]`),
	regexp.MustCompile(`(?i)url\(\s*["']?\s*(?:[^d"'\s]|d[^a])`),
	regexp.MustCompile(`(?i)@import`),
	regexp.MustCompile(`(?i)<\s*(script|link|iframe|object|embed|base)\b`),
	regexp.MustCompile(`(?i)https?://[^"'\s]*\.(js|css|png|jpe?g|gif|woff2?|ttf)`),
}

func runPage(t *testing.T, name string) ([]byte, int) {
	t.Helper()
	s, err := spec.LoadBuiltin(name, nil)
	if err != nil {
		t.Fatal(err)
	}
	var tl bytes.Buffer
	n := explain.Writer(&tl)
	x, err := scenarios.Build(s, scenarios.Options{Events: n.Event})
	if err != nil {
		t.Fatal(err)
	}
	n.Attach(x)
	rec, err := timeseries.Attach(x, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Run(); err != nil {
		t.Fatal(err)
	}
	n.Finish()
	var figs []Figure
	cs := charts.ForRun(x, rec)
	for _, c := range cs {
		svg, err := c.SVG()
		if err != nil {
			t.Fatal(err)
		}
		figs = append(figs, Figure{Name: c.Name, Title: c.Title, SVG: svg, Caption: c.Caption})
	}
	var out bytes.Buffer
	if err := Write(&out, RunPage(x.Report(), s.Description, figs, tl.String())); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), len(cs)
}

func TestReportIsSelfContained(t *testing.T) {
	for _, name := range []string{"pending-block", "subnet-exhaustion"} {
		page, ncharts := runPage(t, name)
		for _, re := range external {
			if m := re.Find(page); m != nil {
				t.Errorf("%s: report.html refers outside itself: %q", name, m)
			}
		}
		if n := bytes.Count(page, []byte("<svg")); n != ncharts {
			t.Errorf("%s: %d <svg> elements, want %d", name, n, ncharts)
		}
		if bytes.Contains(page, []byte("<?xml")) {
			t.Errorf("%s: an XML declaration inside the page", name)
		}
		// Each inline SVG is well-formed XML on its own.
		for _, svg := range regexp.MustCompile(`(?s)<svg.*?</svg>`).FindAll(page, -1) {
			d := xml.NewDecoder(bytes.NewReader(svg))
			d.Strict = true
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s: inline SVG: %v", name, err)
				}
			}
		}
		for _, want := range []string{"<h2>Summary</h2>", "ENIs per key", "<h2>Timeline</h2>", "CreateFunction"} {
			if !bytes.Contains(page, []byte(want)) {
				t.Errorf("%s: no %q", name, want)
			}
		}
	}
}

// The checks must catch what they are for.
func TestExternalPatterns(t *testing.T) {
	for _, bad := range []string{
		`<img src="x.png">`, `<a href="http://example.com">`, `<script>alert(1)</script>`,
		`<link rel="stylesheet" href="s.css">`, `<image xlink:href="file:///etc/passwd"/>`,
		`body { background: url(http://x/y.png) }`, `@import "a.css";`, `<img src=dog.png>`,
	} {
		found := false
		for _, re := range external {
			found = found || re.MatchString(bad)
		}
		if !found {
			t.Errorf("%q not caught", bad)
		}
	}
	for _, ok := range []string{`<a href="#chart-enis">`, `<image xlink:href="data:image/png;base64,AA"/>`, `xmlns="http://www.w3.org/2000/svg"`} {
		for _, re := range external {
			if re.MatchString(ok) {
				t.Errorf("%q caught by %v", ok, re)
			}
		}
	}
}

func TestEscapes(t *testing.T) {
	var out bytes.Buffer
	err := Write(&out, Page{Title: "<b>x</b>", Sections: []Section{{Title: "t", Tables: []Table{{Header: []string{"a"}, Rows: [][]string{{"<script>"}}}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "<script>") || strings.Contains(out.String(), "<b>x") {
		t.Fatalf("text not escaped:\n%s", out.String())
	}
}

// The description's Markdown code spans render as <code>, escaped, not as
// literal backticks; text outside them is escaped as before.
func TestDescriptionCodeSpans(t *testing.T) {
	var b bytes.Buffer
	p := Page{Title: "t", Intro: "Try `enisim compare layouts` & `a<b`; a lone ` stays.",
		Sections: []Section{{Title: "s", Text: "see `x`"}}}
	if err := Write(&b, p); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"<p>Try <code>enisim compare layouts</code> &amp; <code>a&lt;b</code>; a lone ` stays.</p>", "<p>see <code>x</code></p>"} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q:\n%s", want, out)
		}
	}
}

// The page's subtitle prints the simulated time as the report header does.
func TestRunPageSimulatedTime(t *testing.T) {
	for secs, want := range map[float64]string{7200: "2h simulated", 90: "1m30s simulated", 10: "10s simulated"} {
		p := RunPage(&scenarios.Report{Scenario: "s", SimulatedSeconds: secs}, "", nil, "")
		if !strings.Contains(p.Subtitle, want) {
			t.Errorf("%v s: subtitle %q, want %q", secs, p.Subtitle, want)
		}
	}
}

// The run's tables show the cold starts by cause with the lifetime
// replacements, and the keys blocked or with orphaned ENIs (only those, and
// the table only when there is one), as enisim run prints them.
func TestRunTablesShowChurn(t *testing.T) {
	rep := &scenarios.Report{
		ENIs: scenarios.ENIReport{Orphaned: 1, ByKey: []scenarios.KeyReport{
			{Subnet: "a", SecurityGroups: []string{"sg-1"}, Blocked: "SubnetOutOfIPAddresses", Refused: 1200},
			{Subnet: "b", SecurityGroups: []string{"sg-1"}},
			{Subnet: "c", SecurityGroups: []string{"sg-1", "sg-2"}, Orphaned: 1},
		}},
		Functions: []scenarios.FunctionReport{{Name: "api", Exists: true, ColdStarts: 1311, Replacements: 9,
			ColdStartsBy: scenarios.ColdStartCauses{New: 1000, Expired: 200, Replaced: 9, Restore: 2, Config: 100}}},
	}
	tables := map[string][][]string{}
	for _, tb := range RunTables(rep) {
		tables[strings.SplitN(tb.Title, " ", 2)[0]] = tb.Rows
	}
	want := [][]string{{"a", "[sg-1]", "SubnetOutOfIPAddresses", "1,200", "0"}, {"c", "[sg-1,sg-2]", "", "0", "1"}}
	if got := tables["Keys"]; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("keys blocked or orphaned: %q, want %q", got, want)
	}
	if got, want := tables["Cold"], [][]string{{"api", "1,311", "1,000", "200", "9", "2", "100", "9"}}; !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("cold starts by cause: %q, want %q", got, want)
	}
	if p := RunPage(rep, "", nil, ""); !strings.HasSuffix(p.Subtitle, ", orphaned 1") {
		t.Errorf("subtitle %q does not end with the orphaned ENIs", p.Subtitle)
	}
	rep.ENIs.ByKey = rep.ENIs.ByKey[1:2]
	for _, tb := range RunTables(rep) {
		if strings.HasPrefix(tb.Title, "Keys") {
			t.Errorf("a quiet run has the table %q", tb.Title)
		}
	}
}

// The errors table carries the notes the text report prints under it (why
// ResourceNotFoundException and ResourceConflictException are there), and
// the page shows them; errors without a note get none.
func TestErrorsTableNotes(t *testing.T) {
	rep := &scenarios.Report{Functions: []scenarios.FunctionReport{
		{Name: "api", Exists: true, Errors: map[string]int64{"ResourceNotFoundException": 3, "TooManyRequestsException": 1}},
		{Name: "worker", Exists: true, Errors: map[string]int64{"ResourceNotFoundException": 1}},
	}}
	var notes []string
	for _, tb := range RunTables(rep) {
		if strings.HasPrefix(tb.Title, "Errors") {
			notes = tb.Notes
		}
	}
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "Note: ResourceNotFoundException (api, worker): ") {
		t.Fatalf("notes %q: want one, on ResourceNotFoundException naming api and worker", notes)
	}
	var b strings.Builder
	if err := Write(&b, RunPage(rep, "", nil, "")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `<p class="note">Note: ResourceNotFoundException (api, worker): `) {
		t.Error("the page does not show the note under the errors table")
	}
}
