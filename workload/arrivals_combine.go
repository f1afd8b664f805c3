package workload

import (
	"io"
	"math"
	"time"
)

// superposed merges several processes by time.
type superposed struct {
	list    []Arrivals
	head    []time.Duration
	live    []bool
	started bool
	done    bool
	err     error
}

// Superpose returns the arrivals of all the processes in list, merged in
// time order; of equal times, the earlier process in list comes first. It
// ends when all of them have ended, or as soon as one fails (Err is then
// that one's error). It reads one arrival ahead from each process.
func Superpose(list ...Arrivals) Arrivals {
	return &superposed{
		list: append([]Arrivals(nil), list...),
		head: make([]time.Duration, len(list)),
		live: make([]bool, len(list)),
	}
}

func (s *superposed) pull(i int) {
	s.head[i], s.live[i] = s.list[i].Next()
	if !s.live[i] && s.err == nil {
		if err := s.list[i].Err(); err != nil {
			s.err, s.done = err, true
		}
	}
}

func (s *superposed) Next() (time.Duration, bool) {
	if !s.started {
		s.started = true
		for i := range s.list {
			if s.pull(i); s.done {
				break
			}
		}
	}
	if s.done {
		return 0, false
	}
	// A linear scan: the list is a handful of processes.
	best := -1
	for i, ok := range s.live {
		if ok && (best < 0 || s.head[i] < s.head[best]) {
			best = i
		}
	}
	if best < 0 {
		s.done = true
		return 0, false
	}
	at := s.head[best]
	s.pull(best)
	return at, true
}

func (s *superposed) Err() error { return s.err }

// limited ends a process after a time.
type limited struct {
	a    Arrivals
	end  time.Duration
	done bool
}

// Limit returns the arrivals of a at or before end; it stops reading a at
// its first arrival after end, and then closes a if a is an io.Closer (a
// trace: its file is released as soon as the run no longer needs it).
func Limit(a Arrivals, end time.Duration) Arrivals { return &limited{a: a, end: end} }

func (l *limited) Next() (time.Duration, bool) {
	if l.done {
		return 0, false
	}
	at, ok := l.a.Next()
	if !ok || at > l.end {
		l.done = true
		if c, isCloser := l.a.(io.Closer); isCloser && ok {
			c.Close()
		}
		return 0, false
	}
	return at, true
}

func (l *limited) Err() error { return l.a.Err() }

// shifted delays a process.
type shifted struct {
	a    Arrivals
	by   time.Duration
	done bool
}

// Shift returns the arrivals of a, each by later (by may be negative; an
// arrival shifted before 0 is dropped, and one shifted past the largest
// time.Duration ends the process).
func Shift(a Arrivals, by time.Duration) Arrivals { return &shifted{a: a, by: by} }

func (s *shifted) Next() (time.Duration, bool) {
	for !s.done {
		at, ok := s.a.Next()
		switch {
		case !ok, s.by > 0 && at > math.MaxInt64-s.by:
			s.done = true
		case at+s.by >= 0:
			return at + s.by, true
		}
	}
	return 0, false
}

func (s *shifted) Err() error { return s.a.Err() }
