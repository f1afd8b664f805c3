package explain

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/enisim/enisim/internal/golden"
	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
)

// The timeline of every built-in scenario, compared with testdata/NAME.golden
// (go test ./scenarios/explain -update rewrites them: review the diff). A
// built-in without a golden file fails.
func TestGoldenBuiltins(t *testing.T) {
	bs, err := spec.Builtins()
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		t.Run(b.Name, func(t *testing.T) {
			s, err := spec.LoadBuiltin(b.Name, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, s, filepath.Join("testdata", b.Name+".golden"))
		})
	}
}

// The timeline of each testdata/NAME.yaml (cases no built-in shows),
// compared with testdata/NAME.golden.
func TestGoldenTestdata(t *testing.T) {
	files, err := filepath.Glob("testdata/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*.yaml: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			s, err := spec.Load(file, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, s, strings.TrimSuffix(file, ".yaml")+".golden")
		})
	}
}

// checkGolden narrates s, checks that its summaries and totals add up to
// the report's counts, and compares the timeline with file.
func checkGolden(t *testing.T, s *spec.Scenario, file string) {
	t.Helper()
	out, x := narrate(t, s)
	checkSummaries(t, out, x.Report())
	checkTotals(t, out, x.Report())
	golden.Check(t, file, []byte(out))
}

// narrate runs s and returns its timeline and the finished run.
func narrate(t *testing.T, s *spec.Scenario) (string, *scenarios.Sim) {
	t.Helper()
	var buf bytes.Buffer
	x, err := Run(s, scenarios.Options{}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	return buf.String(), x
}

var (
	summaryRE = regexp.MustCompile(`^ +\.\.\. ([a-z0-9-]+): (.*)$`)
	partRE    = regexp.MustCompile(`^([0-9,]+) invokes? (succeeded|refused with (\w+)|throttled)`)
	coldRE    = regexp.MustCompile(`(?:^|\()([0-9,]+) cold starts?\b`)
)

// The summary lines account for every invocation that ended, and every
// cold start: their sums are the report's counts.
func checkSummaries(t *testing.T, timeline string, rep *scenarios.Report) {
	t.Helper()
	type tally struct {
		ok, throttled, cold int64
		errors              map[string]int64
	}
	got := map[string]*tally{}
	for _, l := range strings.Split(timeline, "\n") {
		m := summaryRE.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		tl := got[m[1]]
		if tl == nil {
			tl = &tally{errors: map[string]int64{}}
			got[m[1]] = tl
		}
		for _, part := range strings.Split(m[2], ", ") {
			if c := coldRE.FindStringSubmatch(part); c != nil {
				tl.cold += atoi(c[1])
			}
			p := partRE.FindStringSubmatch(part)
			if p == nil {
				continue
			}
			n, _ := strconv.ParseInt(strings.ReplaceAll(p[1], ",", ""), 10, 64)
			switch {
			case p[2] == "succeeded":
				tl.ok += n
			case p[2] == "throttled":
				tl.throttled += n
			default:
				tl.errors[p[3]] += n
			}
		}
	}
	for _, f := range rep.Functions {
		tl := got[f.Name]
		if tl == nil {
			tl = &tally{errors: map[string]int64{}}
		}
		if tl.ok != f.Succeeded || tl.throttled != f.Throttled || tl.cold != f.ColdStarts {
			t.Errorf("%s: summaries say %d succeeded, %d throttled, %d cold starts; report %d, %d, %d",
				f.Name, tl.ok, tl.throttled, tl.cold, f.Succeeded, f.Throttled, f.ColdStarts)
		}
		for e, n := range f.Errors {
			if tl.errors[e] != n {
				t.Errorf("%s: summaries say %d %s, report %d", f.Name, tl.errors[e], e, n)
			}
		}
	}
}

var (
	totalsRE    = regexp.MustCompile(`^ +([a-z0-9-]+) in all: (?:no invokes|([0-9,]+) invokes?: (.*); ([0-9,]+) cold starts?(?: \(([^)]*)\))?(?:, ([0-9,]+) retr(?:y|ies) by the client)?)$`)
	totalPartRE = regexp.MustCompile(`^([0-9,]+) (succeeded|refused with (\w+)|throttled \(TooManyRequestsException\)|still running at the end)$`)
	causePartRE = regexp.MustCompile(`^([0-9,]+) (new|expired|replaced|restore|config)$`)
)

func atoi(s string) int64 {
	n, _ := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
	return n
}

// The end of the run has one totals line per function, whose parts add up
// to its invocations and are the report's counts.
func checkTotals(t *testing.T, timeline string, rep *scenarios.Report) {
	t.Helper()
	lines := map[string][]string{}
	for _, l := range strings.Split(timeline, "\n") {
		if m := totalsRE.FindStringSubmatch(l); m != nil {
			lines[m[1]] = m
		}
	}
	for _, f := range rep.Functions {
		m := lines[f.Name]
		if m == nil {
			t.Errorf("%s: no totals line", f.Name)
			continue
		}
		if m[2] == "" { // no invokes
			if f.Invocations != 0 {
				t.Errorf("%s: totals say no invokes, report %d", f.Name, f.Invocations)
			}
			continue
		}
		var ok, throttled, running, sum int64
		errs := map[string]int64{}
		for _, part := range strings.Split(m[3], ", ") {
			p := totalPartRE.FindStringSubmatch(part)
			if p == nil {
				t.Errorf("%s: totals part %q not understood", f.Name, part)
				continue
			}
			n := atoi(p[1])
			sum += n
			switch {
			case p[2] == "succeeded":
				ok = n
			case p[3] != "":
				errs[p[3]] = n
			case strings.HasPrefix(p[2], "throttled"):
				throttled = n
			default:
				running = n
			}
		}
		if total := atoi(m[2]); total != f.Invocations || sum != total {
			t.Errorf("%s: totals say %d invokes, parts add up to %d; report %d", f.Name, total, sum, f.Invocations)
		}
		if ok != f.Succeeded || throttled != f.Throttled || atoi(m[4]) != f.ColdStarts || atoi(m[6]) != f.Retries {
			t.Errorf("%s: totals %d succeeded, %d throttled, %s cold starts, %s retries; report %d, %d, %d, %d",
				f.Name, ok, throttled, m[4], m[6], f.Succeeded, f.Throttled, f.ColdStarts, f.Retries)
		}
		checkCauses(t, f, atoi(m[4]), m[5])
		for e, n := range f.Errors {
			if errs[e] != n {
				t.Errorf("%s: totals say %d %s, report %d", f.Name, errs[e], e, n)
			}
		}
		if len(errs) != len(f.Errors) || running < 0 {
			t.Errorf("%s: totals errors %v, report %v", f.Name, errs, f.Errors)
		}
	}
}

// checkCauses checks a totals line's cold starts by cause ("3 new, 1
// expired"): in the report's order, each non-zero, summing to the line's
// cold starts and equal to the report's coldStartsByCause.
func checkCauses(t *testing.T, f scenarios.FunctionReport, cold int64, list string) {
	t.Helper()
	order := []string{"new", "expired", "replaced", "restore", "config"}
	got := map[string]int64{}
	var sum int64
	last := -1
	if list != "" {
		for _, part := range strings.Split(list, ", ") {
			p := causePartRE.FindStringSubmatch(part)
			if p == nil {
				t.Errorf("%s: cold-start cause %q not understood", f.Name, part)
				continue
			}
			n, i := atoi(p[1]), slices.Index(order, p[2])
			if n == 0 || i <= last {
				t.Errorf("%s: cause %q is zero, repeated or out of order in %q", f.Name, part, list)
			}
			last, got[p[2]] = i, n
			sum += n
		}
	}
	c := f.ColdStartsBy
	want := map[string]int64{"new": c.New, "expired": c.Expired, "replaced": c.Replaced, "restore": c.Restore, "config": c.Config}
	maps.DeleteFunc(want, func(_ string, n int64) bool { return n == 0 })
	if sum != cold || !maps.Equal(got, want) {
		t.Errorf("%s: causes %v add up to %d of %d cold starts; report %v", f.Name, got, sum, cold, want)
	}
}

// An UpdateFunctionConfiguration to keys that already have ready ENIs
// applies at once and creates none: the timeline says the configuration
// changed and why no ENI was needed.
func TestUpdateToReadyKeys(t *testing.T) {
	s, err := spec.Load("testdata/update-ready-keys.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	out, x := narrate(t, s)
	const want = "00:03:00.000  UpdateFunctionConfiguration orders -> LastUpdateStatus Successful, now on subnet-a+[sg-shared]: its keys had ready ENIs, so no new ENI was needed; new execution environments\n"
	if !strings.Contains(out, want) || strings.Contains(out, "unchanged") {
		t.Errorf("no %q in\n%s", want, out)
	}
	// billing's and orders' first ENIs, none for the update; orders' old
	// one deleted.
	if x.Model.Created != 2 || x.Model.Deleted != 1 {
		t.Errorf("%d ENIs created, %d deleted; want 2, 1", x.Model.Created, x.Model.Deleted)
	}
}

func TestPendingBlockTellsTheAPI(t *testing.T) {
	s, err := spec.LoadBuiltin("pending-block", nil)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := narrate(t, s)
	for _, want := range []string{
		"00:00:00.000  CreateFunction orders -> Pending (Creating): needs ENIs for subnet-a+[sg-app]\n00:00:00.000  ENI eni-0001 creating",
		"00:00:30.000  UpdateFunctionCode orders -> ResourceConflictException (orders is Pending, Creating)\n00:00:30.000  PublishVersion orders -> ResourceConflictException",
		"00:01:00.000  ENI eni-0001 ready in subnet-a for [sg-app]; orders -> Active",
		"00:01:30.000  UpdateFunctionCode orders: ok",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	// 10/s for the 60 s of Pending, the invoke at 60 s included (invokes
	// act before ENI events of the same instant).
	var refused int64
	for _, m := range regexp.MustCompile(`([0-9,]+) invokes refused with ResourceConflictException while Pending`).FindAllStringSubmatch(out, -1) {
		n, _ := strconv.ParseInt(strings.ReplaceAll(m[1], ",", ""), 10, 64)
		refused += n
	}
	if refused != 600 {
		t.Errorf("%d invokes refused while Pending, want 600", refused)
	}
	if !strings.Contains(out, "\n              orders in all: 3,000 invokes: 2,399 succeeded, 600 refused with ResourceConflictException, 1 still running at the end; 8 cold starts (4 new, 4 config)\n") {
		t.Errorf("the totals do not say the 600 refused invokes at once:\n%s", out)
	}
}

func TestHelpers(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1234567: "1,234,567"} {
		if got := Group(n); got != want {
			t.Errorf("Group(%d) = %q", n, got)
		}
	}
}

// Every ENI the model creates has its "creating" line. The per-environment
// model's ENIs are ready the moment they are created: no "ready" line
// repeats each of them.
func TestPerEnvironmentENIsToldOnce(t *testing.T) {
	o, err := spec.ParseOverride("hyperplane.model=per-environment")
	if err != nil {
		t.Fatal(err)
	}
	s, err := spec.LoadBuiltin("legacy-vs-hyperplane", []spec.Override{o})
	if err != nil {
		t.Fatal(err)
	}
	out, x := narrate(t, s)
	if n := strings.Count(out, " creating in "); n != x.Model.Created || n < 50 { // 87 since only a cold start that needs a new legacy ENI waits its set-up
		t.Errorf("%d creating lines, %d ENIs created", n, x.Model.Created)
	}
	if n := strings.Count(out, " ready in "); n != 0 {
		t.Errorf("%d ready lines for ENIs ready as they are created", n)
	}
}

// A run an error stops (a trace malformed halfway) ends its timeline with
// a line that says so, not with the totals of a finished run.
func TestStoppedRunSaysSo(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.txt"), []byte("1\n2\nbad\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "s.yaml")
	src := "name: stop\nduration: 1m\nfunctions:\n  - name: sleepy\n    arrivals: {process: trace, file: t.txt, format: timestamps}\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := spec.Load(file, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Run(s, scenarios.Options{}, &buf); err == nil || !strings.Contains(err.Error(), "t.txt:3") {
		t.Fatalf("run: %v, want the trace's error", err)
	}
	out := buf.String()
	if !strings.Contains(out, "the run stopped here, before its end: ") || strings.Contains(out, "end of run") {
		t.Errorf("timeline of a stopped run:\n%s\nwant a stop line and no end-of-run totals", out)
	}
}
