package explain

import (
	"bytes"
	"path/filepath"
	"regexp"
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
			var buf bytes.Buffer
			x, err := Run(s, scenarios.Options{}, &buf)
			if err != nil {
				t.Fatal(err)
			}
			checkSummaries(t, buf.String(), x.Report())
			golden.Check(t, filepath.Join("testdata", b.Name+".golden"), buf.Bytes())
		})
	}
}

var (
	summaryRE = regexp.MustCompile(`^ +\.\.\. ([a-z0-9-]+): (.*)$`)
	partRE    = regexp.MustCompile(`^([0-9,]+) invokes? (succeeded|refused with (\w+)|throttled)`)
)

// The summary lines account for every invocation that ended: their sums
// are the report's counts.
func checkSummaries(t *testing.T, timeline string, rep *scenarios.Report) {
	t.Helper()
	type tally struct {
		ok, throttled int64
		errors        map[string]int64
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
		if tl.ok != f.Succeeded || tl.throttled != f.Throttled {
			t.Errorf("%s: summaries say %d succeeded, %d throttled; report %d, %d", f.Name, tl.ok, tl.throttled, f.Succeeded, f.Throttled)
		}
		for e, n := range f.Errors {
			if tl.errors[e] != n {
				t.Errorf("%s: summaries say %d %s, report %d", f.Name, tl.errors[e], e, n)
			}
		}
	}
}

func TestPendingBlockTellsTheAPI(t *testing.T) {
	s, err := spec.LoadBuiltin("pending-block", nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := Run(s, scenarios.Options{}, &buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
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
}

func TestHelpers(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1234567: "1,234,567"} {
		if got := Group(n); got != want {
			t.Errorf("Group(%d) = %q", n, got)
		}
	}
}
