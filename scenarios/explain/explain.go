package explain

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
	"github.com/enisim/enisim/workload"
)

// indent is the width of a clock and its gap, for summary lines.
const indent = "              "

// Narrator turns a run's trace into the timeline. Use it as
//
//	n := explain.New(emit)
//	x, err := scenarios.Build(s, scenarios.Options{Trace: n.Trace})
//	n.Attach(x)
//	x.Run()
//	n.Finish()
type Narrator struct {
	emit  func(string)
	x     *scenarios.Sim
	prev  []counts
	calls []map[string]map[string]int // per function, at the last check
	// narrated counts the calls the model narrated since the last check,
	// by function and call name.
	narrated map[string]map[string]int
	group    []item
	groupAt  sim.Time
	finished bool
	checks   uint64
	// printed is when each ENI line was last told; the same line again
	// within repeatWindow is left out and counted in repeats.
	printed map[string]sim.Time
	repeats int
}

// repeatWindow: an ENI line repeated within it is left out (a pool that
// releases an ENI, takes it back and releases it again, many times a
// minute, would otherwise fill the timeline).
const repeatWindow = sim.Time(60e9)

// Events is the number of engine events the narrator fired (its checks of
// the calls), so that a report can leave them out of the model's count.
func (n *Narrator) Events() uint64 { return n.checks }

// counts are one function's invocation outcomes at the last line.
type counts struct {
	succeeded, throttled, cold, retries int64
	errors                              map[string]int64
	while                               string // its state, as "while Pending"
}

// item is one line of the instant being narrated.
type item struct {
	text    string
	summary bool
}

// New returns a narrator writing each line (without newline) to emit.
func New(emit func(line string)) *Narrator {
	return &Narrator{emit: emit, narrated: map[string]map[string]int{}}
}

// Writer returns a narrator that writes lines to w.
func Writer(w io.Writer) *Narrator {
	return New(func(s string) { fmt.Fprintln(w, s) })
}

// Run builds s, narrates its run to w and returns the finished run.
func Run(s *spec.Scenario, o scenarios.Options, w io.Writer) (*scenarios.Sim, error) {
	n := Writer(w)
	o.Trace = n.Trace
	x, err := scenarios.Build(s, o)
	if err != nil {
		return nil, err
	}
	n.Attach(x)
	err = x.Run()
	n.Finish()
	return x, err
}

// Attach follows x, built with Trace as its Options.Trace; call it after
// scenarios.Build and before the run starts.
func (n *Narrator) Attach(x *scenarios.Sim) {
	n.x = x
	n.prev = make([]counts, len(x.Funcs))
	n.calls = make([]map[string]map[string]int, len(x.Funcs))
	for i := range x.Funcs {
		n.prev[i] = snapshot(x.Funcs[i], x.Stats[i])
		n.calls[i] = copyCalls(x.Funcs[i].Calls)
	}
	// A check after the calls of every instant at which the scenario
	// makes some: same priority, scheduled later, so it runs after them.
	var times []sim.Time
	s := x.Scenario
	for _, f := range s.Functions {
		if !f.Never {
			times = append(times, f.CreateAt)
		}
	}
	for _, a := range s.Timeline {
		times = append(times, a.At)
	}
	slices.Sort(times)
	for _, t := range slices.Compact(times) {
		if t > x.End || t < x.Eng.Now() {
			continue
		}
		tm := sim.NewTimer(n.checkCalls)
		tm.Prio = eni.PrioControl
		x.Eng.Schedule(tm, t)
	}
}

// Trace receives one line of the model's narration.
func (n *Narrator) Trace(at sim.Time, msg string) {
	if n.x == nil || n.finished {
		return
	}
	if strings.HasPrefix(msg, "ENI ") {
		if n.printed == nil {
			n.printed = map[string]sim.Time{}
		}
		if last, ok := n.printed[msg]; ok && at-last < repeatWindow {
			n.repeats++
			return
		}
		n.printed[msg] = at
	}
	n.at(at)
	n.summarise()
	if n.repeats > 0 {
		n.group = append(n.group, item{text: fmt.Sprintf("... %s left out: the same ENI events again within a minute (an ENI released, taken back and released again)",
			plural(int64(n.repeats), "line")), summary: true})
		n.repeats = 0
	}
	if call, fn := callOf(msg, n.x.Funcs); call != "" {
		m := n.narrated[fn]
		if m == nil {
			m = map[string]int{}
			n.narrated[fn] = m
		}
		m[call]++
	}
	n.group = append(n.group, item{text: msg})
}

// at starts a new instant, printing the previous one.
func (n *Narrator) at(t sim.Time) {
	if len(n.group) > 0 && t != n.groupAt {
		n.flushGroup()
	}
	n.groupAt = t
}

// Flush prints the lines of the current instant; the demo calls it between
// slices of a run so that what it shows is up to date.
func (n *Narrator) Flush() {
	if len(n.group) > 0 {
		n.flushGroup()
	}
}

// Finish summarises the invocations since the last line and prints the
// state at the end of the run.
func (n *Narrator) Finish() {
	if n.x == nil || n.finished {
		return
	}
	x := n.x
	n.at(x.Eng.Now())
	n.summarise()
	n.flushGroup()
	n.finished = true
	var states []string
	for _, f := range x.Funcs {
		states = append(states, f.Name+" "+stateText(f))
	}
	m := x.Model
	n.emit(fmt.Sprintf("%s  end of run: %s; %s (peak %d, %d created, %d deleted)",
		sim.Clock(x.Eng.Now()), strings.Join(states, ", "), plural(m.ENIs.Value(), "ENI"), m.ENIs.Peak(), m.Created, m.Deleted))
}

// checkCalls narrates the calls of this instant the model did not.
func (n *Narrator) checkCalls() {
	n.checks++
	n.at(n.x.Eng.Now())
	if lines := n.callLines(n.unnarrated()); len(lines) > 0 {
		n.summarise()
		for _, l := range lines {
			n.group = append(n.group, item{text: l})
		}
	}
}

// made is the outcomes of one function's call in this instant.
type made struct {
	fn       int
	call     string
	outcomes []string
}

type madeList []*made

func (ms madeList) find(fn int, call string) *made {
	for _, m := range ms {
		if m.fn == fn && m.call == call {
			return m
		}
	}
	return nil
}

// unnarrated is what changed, per function and call, since the last check:
// outcomes made, less those the model narrated.
func (n *Narrator) unnarrated() madeList {
	var changed madeList
	for i, f := range n.x.Funcs {
		for _, call := range slices.Sorted(maps.Keys(f.Calls)) {
			skip := n.narrated[f.Name][call]
			for _, outcome := range slices.Sorted(maps.Keys(f.Calls[call])) {
				for range f.Calls[call][outcome] - n.calls[i][call][outcome] {
					if skip > 0 {
						skip--
						continue
					}
					m := changed.find(i, call)
					if m == nil {
						m = &made{fn: i, call: call}
						changed = append(changed, m)
					}
					m.outcomes = append(m.outcomes, outcome)
				}
			}
		}
		n.calls[i] = copyCalls(f.Calls)
	}
	clear(n.narrated)
	return changed
}

// callLines tells the changed calls in the order the scenario makes them:
// creations, then the timeline's calls as written, then the rest.
func (n *Narrator) callLines(changed madeList) []string {
	x := n.x
	var lines []string
	take := func(fn int, call string) {
		if m := changed.find(fn, call); m != nil && len(m.outcomes) > 0 {
			lines = append(lines, callLine(x.Funcs[fn], call, m.outcomes[0]))
			m.outcomes = m.outcomes[1:]
		}
	}
	now := x.Eng.Now()
	for i, f := range x.Scenario.Functions {
		if !f.Never && f.CreateAt == now {
			take(i, "CreateFunction")
		}
	}
	for _, a := range x.Scenario.Timeline {
		if a.At == now {
			for i, f := range x.Funcs {
				if f.Name == a.Function {
					take(i, a.Action)
				}
			}
		}
	}
	for _, m := range changed {
		for _, o := range m.outcomes {
			lines = append(lines, callLine(x.Funcs[m.fn], m.call, o))
		}
	}
	return lines
}

// callLine tells a call the model does not narrate.
func callLine(f *eni.Function, call, outcome string) string {
	if outcome == eni.OK {
		switch call {
		case "UpdateFunctionCode":
			return fmt.Sprintf("%s %s: ok; new code, so new execution environments", call, f.Name)
		case "UpdateFunctionConfiguration":
			return fmt.Sprintf("%s %s: ok; VPC configuration unchanged, new execution environments", call, f.Name)
		}
		return fmt.Sprintf("%s %s: ok", call, f.Name)
	}
	why := ""
	switch outcome {
	case eni.ErrResourceConflict:
		switch {
		case f.State == eni.Pending:
			why = fmt.Sprintf(" (%s is Pending, %s)", f.Name, f.Reason)
		case f.InProgress():
			why = " (LastUpdateStatus InProgress)"
		case f.State == eni.Failed:
			why = fmt.Sprintf(" (%s is Failed, %s)", f.Name, f.Reason)
		}
	case eni.ErrResourceNotFound:
		why = fmt.Sprintf(" (%s does not exist)", f.Name)
	}
	return fmt.Sprintf("%s %s -> %s%s", call, f.Name, outcome, why)
}

// callOf recognises a narrated control-plane call: "CreateFunction orders
// -> ...". It returns the call and the function's name.
func callOf(msg string, funcs []*eni.Function) (call, fn string) {
	name, rest, ok := strings.Cut(msg, " ")
	if !ok {
		return "", ""
	}
	switch name {
	case "CreateFunction", "UpdateFunctionConfiguration", "UpdateFunctionCode",
		"PublishVersion", "DeleteFunction", "UpdateRole":
	default:
		return "", ""
	}
	for _, f := range funcs {
		if r, ok := strings.CutPrefix(rest, f.Name); ok && (r == "" || r[0] == ' ' || r[0] == ':') {
			return name, f.Name
		}
	}
	return "", ""
}

// summarise adds a line per function for the invocations that ended since
// the last line.
func (n *Narrator) summarise() {
	for i, f := range n.x.Funcs {
		now := snapshot(f, n.x.Stats[i])
		if s := summary(f.Name, n.prev[i], now); s != "" {
			n.group = append(n.group, item{text: s, summary: true})
		}
		n.prev[i] = now
	}
}

func snapshot(f *eni.Function, st *workload.Stats) counts {
	return counts{
		succeeded: st.Succeeded, throttled: st.Throttled, cold: st.ColdStarts, retries: st.Retries,
		errors: maps.Clone(st.Errors), while: while(f),
	}
}

func summary(name string, a, b counts) string {
	var parts []string
	if d := b.succeeded - a.succeeded; d > 0 {
		s := plural(d, "invoke") + " succeeded"
		if c := b.cold - a.cold; c > 0 {
			s += " (" + plural(c, "cold start") + ")"
		}
		parts = append(parts, s)
	}
	for _, e := range slices.Sorted(maps.Keys(b.errors)) {
		if d := b.errors[e] - a.errors[e]; d > 0 {
			w := a.while
			if e == eni.ErrResourceNotReady {
				w = " (Inactive: the invoke starts the restore)"
			}
			parts = append(parts, fmt.Sprintf("%s refused with %s%s", plural(d, "invoke"), e, w))
		}
	}
	if d := b.throttled - a.throttled; d > 0 {
		parts = append(parts, plural(d, "invoke")+" throttled (TooManyRequestsException)")
	}
	if d := b.retries - a.retries; d > 0 && len(parts) > 0 {
		parts = append(parts, plural(d, "retry", "retries")+" by the client")
	}
	if len(parts) == 0 {
		return ""
	}
	return "... " + name + ": " + strings.Join(parts, ", ")
}

// while describes the state a function's invokes met.
func while(f *eni.Function) string {
	switch {
	case !f.Exists && f.Calls["DeleteFunction"][eni.OK] > 0:
		return " after DeleteFunction"
	case !f.Exists:
		return " (the function does not exist)"
	case f.State == eni.Active:
		return ""
	case f.Reason != eni.NoReason:
		return fmt.Sprintf(" while %s (%s)", f.State, f.Reason)
	}
	return " while " + f.State.String()
}

func stateText(f *eni.Function) string {
	if !f.Exists {
		return "(none)"
	}
	s := f.State.String()
	if f.Reason != eni.NoReason {
		s += " (" + string(f.Reason) + ")"
	}
	if f.InProgress() {
		s += ", update InProgress"
	}
	return s
}

// flushGroup prints the lines of one instant: an ENI creation is told
// after the call that caused it, and a function's state change joins the
// ENI event that caused it.
func (n *Narrator) flushGroup() {
	g := n.group
	n.group = nil
	// A run of "ENI ... creating" lines then the call line that started
	// them: the call first.
	for i := 0; i < len(g); i++ {
		j := i
		for j < len(g) && !g[j].summary && isCreating(g[j].text) {
			j++
		}
		if j > i && j < len(g) && !g[j].summary && isCall(g[j].text) {
			call := g[j]
			copy(g[i+1:j+1], g[i:j])
			g[i] = call
		}
		if j > i {
			i = j
		}
	}
	clock := sim.Clock(n.groupAt)
	var last string
	out := func(s string) {
		if last != "" {
			n.emit(last)
		}
		last = s
	}
	joinable := false
	for _, it := range g {
		switch {
		case it.summary:
			out(indent + it.text)
			joinable = false
		case joinable && isStateChange(it.text):
			last += "; " + it.text
		default:
			out(clock + "  " + it.text)
			joinable = isReady(it.text)
		}
	}
	if last != "" {
		n.emit(last)
	}
}

func isCreating(s string) bool {
	return strings.HasPrefix(s, "ENI ") && strings.Contains(s, " creating")
}
func isReady(s string) bool { return strings.HasPrefix(s, "ENI ") && strings.Contains(s, " ready") }

func isCall(s string) bool {
	name, _, _ := strings.Cut(s, " ")
	switch name {
	case "CreateFunction", "UpdateFunctionConfiguration", "Invoke":
		return true
	}
	return false
}

// isStateChange: "orders -> Active", "orders: LastUpdateStatus Successful...".
func isStateChange(s string) bool {
	name, rest, ok := strings.Cut(s, " ")
	if !ok || isCall(s) || name == "ENI" {
		return false
	}
	return strings.HasPrefix(rest, "-> ") || strings.HasPrefix(rest, "LastUpdateStatus") ||
		strings.HasSuffix(name, ":") && strings.HasPrefix(rest, "LastUpdateStatus")
}

// plural prints "1 invoke", "1,200 invokes".
func plural(n int64, one string, many ...string) string {
	word := one + "s"
	if len(many) > 0 {
		word = many[0]
	}
	if n == 1 {
		word = one
	}
	return Group(n) + " " + word
}

// Group prints n with thousands separators (1,234,567), as the timeline
// and the HTML report do.
func Group(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func copyCalls(c map[string]map[string]int) map[string]map[string]int {
	out := make(map[string]map[string]int, len(c))
	for k, v := range c {
		out[k] = maps.Clone(v)
	}
	return out
}
