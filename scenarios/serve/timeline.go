package serve

import (
	"sync"

	"github.com/enisim/enisim/sim"
)

// keptLines is how many timeline lines a session keeps for a browser that
// connects late; older ones are dropped.
const keptLines = 2000

// maxWatchers bounds the browsers following the timeline at once.
const maxWatchers = 64

// Line is one line of the timeline: a narrated change at a virtual time,
// in the words `enisim explain` prints.
type Line struct {
	Seq  uint64 `json:"seq"`
	At   string `json:"at"` // hh:mm:ss.mmm
	Text string `json:"text"`
}

// timeline keeps the last lines and hands new ones to watchers. It is the
// one piece of session state shared across goroutines, so it has its own
// lock and holds no model pointers.
type timeline struct {
	mu       sync.Mutex
	lines    []Line
	seq      uint64
	watchers map[chan Line]struct{}
}

func newTimeline() *timeline { return &timeline{watchers: map[chan Line]struct{}{}} }

func (t *timeline) add(at sim.Time, text string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.seq++
	l := Line{Seq: t.seq, At: sim.Clock(at), Text: text}
	if len(t.lines) == keptLines {
		copy(t.lines, t.lines[1:])
		t.lines = t.lines[:keptLines-1]
	}
	t.lines = append(t.lines, l)
	for w := range t.watchers {
		select {
		case w <- l:
		default: // a slow browser misses lines rather than stalling the model
		}
	}
}

// watch returns the kept lines and a channel of the next ones; ok is false
// when too many watch already.
func (t *timeline) watch() (past []Line, next chan Line, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.watchers) >= maxWatchers {
		return nil, nil, false
	}
	next = make(chan Line, 256)
	t.watchers[next] = struct{}{}
	return append([]Line(nil), t.lines...), next, true
}

func (t *timeline) unwatch(c chan Line) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.watchers, c)
}

// last returns the kept lines.
func (t *timeline) last() []Line {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]Line(nil), t.lines...)
}
