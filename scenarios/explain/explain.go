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

// Narrator turns a run's events into the timeline. Use it as
//
//	n := explain.New(emit)
//	x, err := scenarios.Build(s, scenarios.Options{Events: n.Event})
//	n.Attach(x)
//	x.Run()
//	n.Finish()
type Narrator struct {
	emit     func(string)
	x        *scenarios.Sim
	prev     []counts
	deleted  map[string]bool // functions a DeleteFunction removed
	group    []item
	groupAt  sim.Time
	finished bool
	// printed is when each ENI event was last told; the same event again
	// within repeatWindow is left out and counted in repeats.
	printed map[eniEvent]sim.Time
	repeats int
	// created is the last ENICreating heard, for instantReady.
	created eni.Event
}

// eniEvent identifies an ENI line: what happened to which ENI.
type eniEvent struct {
	kind eni.Kind
	id   int
}

// repeatWindow: an ENI event repeated within it is left out (a pool that
// releases an ENI, takes it back and releases it again, many times a
// minute, would otherwise fill the timeline).
const repeatWindow = sim.Time(60e9)

// counts are one function's invocation outcomes at the last line.
type counts struct {
	succeeded, throttled, cold, retries int64
	errors                              map[string]int64
	while                               string // its state, as "while Pending"
}

// item is one line of the instant being narrated.
type item struct {
	text    string
	kind    eni.Kind // NoKind for a summary
	summary bool
}

// New returns a narrator writing each line (without newline) to emit.
func New(emit func(line string)) *Narrator {
	return &Narrator{emit: emit, deleted: map[string]bool{}, printed: map[eniEvent]sim.Time{}}
}

// Writer returns a narrator that writes lines to w.
func Writer(w io.Writer) *Narrator {
	return New(func(s string) { fmt.Fprintln(w, s) })
}

// Run builds s, narrates its run to w and returns the finished run.
func Run(s *spec.Scenario, o scenarios.Options, w io.Writer) (*scenarios.Sim, error) {
	n := Writer(w)
	o.Events = n.Event
	x, err := scenarios.Build(s, o)
	if err != nil {
		return nil, err
	}
	n.Attach(x)
	if err = x.Run(); err != nil {
		n.Stopped(err)
		return x, err
	}
	n.Finish()
	return x, nil
}

// Attach follows x, built with Event as its Options.Events; call it after
// scenarios.Build and before the run starts.
func (n *Narrator) Attach(x *scenarios.Sim) {
	n.x = x
	n.prev = make([]counts, len(x.Funcs))
	for i := range x.Funcs {
		n.prev[i] = n.snapshot(x.Funcs[i], x.Stats[i])
	}
}

// Event receives one event of the model.
func (n *Narrator) Event(e eni.Event) {
	if n.x == nil || n.finished {
		return
	}
	if e.Kind == eni.DeleteFunction && e.Outcome == eni.OK {
		n.deleted[e.Function] = true
	}
	if !told(e) || n.instantReady(e) {
		return
	}
	if e.Kind.ENI() {
		k := eniEvent{e.Kind, e.ENI}
		if last, ok := n.printed[k]; ok && e.At-last < repeatWindow {
			n.repeats++
			return
		}
		n.printed[k] = e.At
	}
	n.at(e.At)
	n.summarise()
	if n.repeats > 0 {
		n.group = append(n.group, item{text: fmt.Sprintf("... %s left out: the same ENI events again within a minute (an ENI released, taken back and released again)",
			plural(int64(n.repeats), "line")), summary: true})
		n.repeats = 0
	}
	n.group = append(n.group, item{text: eni.Describe(e), kind: e.Kind})
}

// told reports whether e has a line of its own: a state change made by a
// call or a restore is told by that operation's event.
func told(e eni.Event) bool {
	switch e.Kind {
	case eni.StateChanged, eni.UpdateStatusChanged:
		return e.Cause == eni.NoKind
	}
	return true
}

// instantReady reports whether e is the ENIReady of the ENI whose creation
// was the event just before, at the same instant: the per-environment
// model's ENIs are ready as they are created, and "creating" says it all.
func (n *Narrator) instantReady(e eni.Event) bool {
	prev := n.created
	n.created = eni.Event{}
	if e.Kind == eni.ENICreating {
		n.created = e
	}
	return e.Kind == eni.ENIReady && prev.Kind == eni.ENICreating && prev.ENI == e.ENI && prev.At == e.At
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
	for i, f := range x.Funcs {
		n.emit(indent + totals(f.Name, x.Stats[i]))
	}
}

// Stopped ends the timeline of a run that an error stopped (a trace file
// malformed halfway, say): what happened up to then, and a line that says
// the run did not end, in place of the end-of-run totals, which would
// read as a finished run's.
func (n *Narrator) Stopped(err error) {
	if n.x == nil || n.finished {
		return
	}
	n.at(n.x.Eng.Now())
	n.summarise()
	n.flushGroup()
	n.finished = true
	n.emit(fmt.Sprintf("%s  the run stopped here, before its end: %v", sim.Clock(n.x.Eng.Now()), err))
}

// totals is what a function saw over the whole run, so that a reader need
// not add up the summaries: its invokes, split by how they ended (the
// parts add up to the total), then its cold starts with their causes and
// the client's retries.
func totals(name string, st *workload.Stats) string {
	if st.Invocations == 0 {
		return name + " in all: no invokes"
	}
	var parts []string
	if st.Succeeded > 0 {
		parts = append(parts, Group(st.Succeeded)+" succeeded")
	}
	for _, e := range slices.Sorted(maps.Keys(st.Errors)) {
		if st.Errors[e] > 0 {
			parts = append(parts, fmt.Sprintf("%s refused with %s", Group(st.Errors[e]), e))
		}
	}
	if st.Throttled > 0 {
		parts = append(parts, Group(st.Throttled)+" throttled (TooManyRequestsException)")
	}
	if st.InFlight > 0 {
		parts = append(parts, Group(st.InFlight)+" still running at the end")
	}
	s := fmt.Sprintf("%s in all: %s: %s; %s%s", name, plural(st.Invocations, "invoke"), strings.Join(parts, ", "),
		plural(st.ColdStarts, "cold start"), causes(st))
	if st.Retries > 0 {
		s += ", " + plural(st.Retries, "retry", "retries") + " by the client"
	}
	return s
}

// causes is " (N new, N expired, ...)": the cold starts by cause, in the
// report's order, the causes that did not occur left out; "" when there
// were no cold starts.
func causes(st *workload.Stats) string {
	var parts []string
	for _, c := range workload.Causes() {
		if n := st.ColdStartsByCause[c]; n > 0 {
			parts = append(parts, Group(n)+" "+c.String())
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// summarise adds a line per function for the invocations that ended since
// the last line.
func (n *Narrator) summarise() {
	for i, f := range n.x.Funcs {
		now := n.snapshot(f, n.x.Stats[i])
		if s := summary(f.Name, n.prev[i], now); s != "" {
			n.group = append(n.group, item{text: s, summary: true})
		}
		n.prev[i] = now
	}
}

func (n *Narrator) snapshot(f *eni.Function, st *workload.Stats) counts {
	return counts{
		succeeded: st.Succeeded, throttled: st.Throttled, cold: st.ColdStarts, retries: st.Retries,
		errors: maps.Clone(st.Errors), while: while(f, n.deleted[f.Name]),
	}
}

func summary(name string, a, b counts) string {
	var parts []string
	c := b.cold - a.cold
	switch d := b.succeeded - a.succeeded; {
	case d > 0:
		s := plural(d, "invoke") + " succeeded"
		if c > 0 {
			s += " (" + plural(c, "cold start") + ")"
		}
		parts = append(parts, s)
	case c > 0:
		// Cold starts whose invocations are still running: told here,
		// or the summaries would not add up to the report's count.
		parts = append(parts, plural(c, "cold start")+" (their invocations still running)")
	}
	for _, e := range slices.Sorted(maps.Keys(b.errors)) {
		if d := b.errors[e] - a.errors[e]; d > 0 {
			w := a.while
			if e == eni.ResourceNotReady.String() {
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

// while describes the state a function's invokes met; deleted: a
// DeleteFunction removed it.
func while(f *eni.Function, deleted bool) string {
	switch {
	case !f.Exists && deleted:
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

// flushGroup prints the lines of one instant; a function's state change
// joins the line of the ENI that became ready and caused it.
func (n *Narrator) flushGroup() {
	g := n.group
	n.group = nil
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
		case joinable && (it.kind == eni.StateChanged || it.kind == eni.UpdateStatusChanged):
			last += "; " + it.text
		default:
			out(clock + "  " + it.text)
			joinable = it.kind == eni.ENIReady
		}
	}
	if last != "" {
		n.emit(last)
	}
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
