package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/enisim/enisim/scenarios"
	"github.com/enisim/enisim/scenarios/explain"
	"github.com/enisim/enisim/scenarios/spec"
	"github.com/enisim/enisim/sim"
)

const demoAbout = `A guided tour of how Lambda allocates Hyperplane ENIs, through the built-in
teaching scenarios: for each, what it shows, its timeline (as enisim
explain tells it) and what to notice. NAME plays one stop of the tour.

With --pace (e.g. 60x: a simulated minute per second) and a terminal, the
run plays in real time, scaled, under a live view of the clock, the ENIs
per key and the function states. Without a terminal, only the narration
is printed.

Examples:
  enisim demo
  enisim demo pending-block --pace 30x`

// lesson is one stop of the tour.
type lesson struct {
	name, intro, notice string
}

// tour is the order of the teaching scenarios; a stop whose scenario is
// not built in (yet) is skipped.
var tour = []lesson{
	{"shared-eni",
		"Since 2019 Lambda does not give each execution environment an ENI. It creates one Hyperplane ENI per (subnet, security-group set) - a key - and every function with that key shares it. Three functions here use the same two subnets and the same group.",
		"Only api waits in Pending while the two ENIs are created (60-90 s); worker and cron are Active the moment they are created, on the ENIs api already has. Two ENIs serve all three functions: the subnet order in a vpcConfig does not matter, the set does."},
	{"pending-block",
		"A function attached to a new key is Pending (StateReasonCode Creating) until its ENI is ready. Lambda refuses what it cannot serve yet: invokes, code updates and published versions all get ResourceConflictException.",
		"Exactly 600 invokes refused at 10/s during the minute of Pending, and the UpdateFunctionCode and PublishVersion at 30 s refused too. Clients should wait for State Active (aws lambda wait function-active-v2) before invoking or deploying."},
	{"port-scaleout",
		"An ENI is not a per-environment resource, but it has a limit: 65,000 connections (ports). Each environment here holds 100 persistent connections, so about 520 busy environments pass 80% of one ENI.",
		"At 80% of the key's capacity Lambda creates a second ENI; until it is ready new environments wait for room rather than exceed 65,000 on one ENI, and that wait is part of their cold start."},
	{"idle-reclaim",
		"A function not invoked for a long time (14 days on AWS, 2 hours here) loses its ENIs and goes Inactive (StateReasonCode Idle).",
		"The first invoke after that fails with ResourceNotReadyException and starts the restore: Pending (Restoring) while a new ENI is created, and the invokes in that window fail with ResourceConflictException. Spiky, rare traffic pays this every time."},
	{"subnet-exhaustion",
		"Every Hyperplane ENI takes an IP address of its subnet. A /28 has 11 usable addresses (16 minus the 5 AWS reserves); other resources hold 5 here, and eight functions each use a different security-group set, so each needs its own ENI.",
		"Six ENIs fit; f7 and f8 go Failed (SubnetOutOfIPAddresses) and every invoke of theirs fails with SubnetIPAddressLimitReachedException. One shared security-group set would have needed one address."},
	{"legacy-vs-hyperplane",
		"Before 2019 Lambda attached an ENI to each execution environment: scaling out meant creating ENIs (about 10 s more per cold start) and using one IP per environment.",
		"Compare the ENIs and IPs this run uses with the Hyperplane model's: with per-environment ENIs they follow concurrency; with Hyperplane they follow keys."},
}

func demoCmd(args []string, io *stdio) error {
	var pace string
	fs := newFlags("demo", "[NAME]", demoAbout, io.err)
	fs.StringVar(&pace, "pace", "", "play in real time, scaled: 60x is a simulated minute per second (needs a terminal)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("demo takes at most one scenario name")
	}
	speed := 0.0
	if pace != "" {
		v, err := strconv.ParseFloat(strings.TrimSuffix(pace, "x"), 64)
		if err != nil || !(v >= 0.01 && v <= 1e9) {
			return usagef("--pace %q: want a speed-up from 0.01x to 1e9x, such as 60x", pace)
		}
		speed = v
	}
	stops, err := demoStops(fs.Args())
	if err != nil {
		return err
	}
	width, live := terminal(io.out)
	for i, l := range stops {
		s, err := spec.Open(l.name, nil)
		if err != nil {
			return err
		}
		if i > 0 {
			fmt.Fprintln(io.out)
		}
		fmt.Fprintf(io.out, "== %d/%d  %s ==\n\n%s\n\n", i+1, len(stops), l.name, wrap(l.intro, 76))
		if speed > 0 && live {
			err = playLive(s, io.out, speed, width)
		} else {
			_, err = explain.Run(s, scenarios.Options{}, io.out)
		}
		if err != nil {
			return usageError{err.Error()}
		}
		fmt.Fprintf(io.out, "\n%s\n", wrap("What to notice: "+l.notice, 76))
	}
	return nil
}

// demoStops is the whole tour, or the stop (or any scenario) named.
func demoStops(args []string) ([]lesson, error) {
	bs, err := spec.Builtins()
	if err != nil {
		return nil, err
	}
	builtin := map[string]string{}
	for _, b := range bs {
		builtin[b.Name] = b.Description
	}
	if len(args) == 1 {
		for _, l := range tour {
			if l.name == args[0] {
				return []lesson{l}, nil
			}
		}
		s, err := spec.Open(args[0], nil)
		if err != nil {
			return nil, err
		}
		return []lesson{{name: args[0], intro: s.Description, notice: "the states, the ENIs per key and the errors callers got (enisim run " + args[0] + " --out DIR draws them)."}}, nil
	}
	var out []lesson
	for _, l := range tour {
		if _, ok := builtin[l.name]; ok {
			out = append(out, l)
		}
	}
	return out, nil
}

// terminal reports whether w is a terminal, and its width.
func terminal(w io.Writer) (int, bool) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0, false
	}
	width, _, err := term.GetSize(int(f.Fd()))
	if err != nil || width < 20 {
		width = 80
	}
	return width, true
}

// frame is the wall time between two redraws of the live view.
const frame = 100 * time.Millisecond

// playLive runs s at speed times real time, printing the narration as it
// happens above a live view that is redrawn every frame.
func playLive(s *spec.Scenario, w io.Writer, speed float64, width int) error {
	var lines []string
	n := explain.New(func(l string) { lines = append(lines, l) })
	x, err := scenarios.Build(s, scenarios.Options{Events: n.Event})
	if err != nil {
		return err
	}
	n.Attach(x)
	step := sim.Time(float64(frame) * speed)
	if step <= 0 {
		step = 1
	}
	shown := 0
	draw := func() {
		var b strings.Builder
		if shown > 0 {
			fmt.Fprintf(&b, "\x1b[%dA\x1b[J", shown) // up over the old view, clear below
		}
		for _, l := range lines {
			b.WriteString(l + "\n")
		}
		lines = lines[:0]
		view := liveView(x, speed, width)
		for _, l := range view {
			b.WriteString(l + "\n")
		}
		shown = len(view)
		io.WriteString(w, b.String())
	}
	for t := sim.Time(0); t < x.End; {
		t = min(t+step, x.End)
		start := time.Now()
		if err := x.RunUntil(t); err != nil {
			return err
		}
		n.Flush()
		draw()
		time.Sleep(frame - time.Since(start))
	}
	n.Finish()
	draw()
	return nil
}

// liveView is the compact picture of the run now: clock, ENIs per key,
// function states; each line cut to the terminal's width.
func liveView(x *scenarios.Sim, speed float64, width int) []string {
	cut := func(s string) string {
		if r := []rune(s); len(r) >= width {
			return string(r[:width-1])
		}
		return s
	}
	out := []string{cut(fmt.Sprintf("\x1b[7m %s  %s at %gx \x1b[0m", sim.Clock(x.Eng.Now()), x.Scenario.Name, speed))}
	for _, p := range x.Model.Pools {
		if p.Count.Peak() == 0 {
			continue
		}
		v := p.Count.Value()
		bar := strings.Repeat("#", int(min(v, 40)))
		out = append(out, cut(fmt.Sprintf("  %-30s %-3d %s  ports %d", p.Key, v, bar, p.Ports())))
	}
	var states []string
	for _, f := range x.Funcs {
		st := "(none)"
		if f.Exists {
			st = f.State.String()
			if f.Reason != "" {
				st += " (" + string(f.Reason) + ")"
			}
			if f.InProgress() {
				st += " update InProgress"
			}
		}
		states = append(states, f.Name+" "+st)
	}
	return append(out, cut("  "+strings.Join(states, " | ")))
}

// wrap breaks text into lines of at most width runes.
func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for i, word := range strings.Fields(s) {
		if i > 0 && n+1+len(word) > width {
			b.WriteByte('\n')
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += len(word)
	}
	return b.String()
}
