package workload

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/enisim/enisim/internal/inputfile"
)

// maxTraceLine is the longest line a trace file may have: far above a
// timestamp, and above a per-minute row of 1440 ten-digit counts.
const maxTraceLine = 1 << 20

// Opener opens a file by path: os.Open, or a file of an embedded file
// system for the built-in scenarios.
type Opener func(path string) (io.ReadCloser, error)

// openFile is how traces open their paths by default: regular files only
// (a FIFO would block the open, a device might never end).
func openFile(path string) (io.ReadCloser, error) { return inputfile.Open(path) }

// traceFiles reads the lines of several files in turn, one buffer for all.
type traceFiles struct {
	paths []string
	open  func(string) (io.ReadCloser, error)
	next  int // index in paths of the next file to open
	name  string
	f     io.ReadCloser
	sc    *bufio.Scanner
	buf   []byte
	line  int
}

// nextFile closes the current file and opens the next; ok is false when
// there is none.
func (tf *traceFiles) nextFile() (ok bool, err error) {
	tf.close()
	if tf.next == len(tf.paths) {
		return false, nil
	}
	tf.name = tf.paths[tf.next]
	tf.next++
	tf.line = 0
	f, err := tf.open(tf.name)
	if err != nil {
		return false, err // *PathError names the file
	}
	if tf.buf == nil {
		tf.buf = make([]byte, 64<<10)
	}
	tf.f, tf.sc = f, bufio.NewScanner(f)
	tf.sc.Buffer(tf.buf, maxTraceLine)
	return true, nil
}

// scan reads the next line of the current file into tf.sc.Bytes(); ok is
// false at its end.
func (tf *traceFiles) scan() (ok bool, err error) {
	if tf.sc.Scan() {
		tf.line++
		return true, nil
	}
	if err := tf.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return false, fmt.Errorf("%s:%d: line longer than %d bytes", tf.name, tf.line+1, maxTraceLine)
		}
		return false, fmt.Errorf("%s:%d: %w", tf.name, tf.line+1, err)
	}
	return false, nil
}

func (tf *traceFiles) close() error {
	if tf.f == nil {
		return nil
	}
	err := tf.f.Close()
	tf.f, tf.sc = nil, nil
	return err
}

// timestamps replays a timestamps trace.
type timestamps struct {
	files   traceFiles
	last    time.Duration
	started bool // a file is open
	done    bool
	err     error
}

// NewTimestampTrace replays the arrival times listed in the files at paths,
// one offset from the start of the run per line: seconds ("12.5", "1e3") or
// a Go duration ("12.5s", "250ms", "1m30s"). '#' starts a comment and blank
// lines are skipped; CRLF line ends are accepted. Offsets are absolute and
// must not decrease, across files too: the files are one trace cut in
// pieces, replayed in order. Equal offsets are several arrivals at once.
//
// The files are streamed, one line at a time through one buffer: a
// 50-million-line trace replays in the memory of a 50-line one, and a
// replay allocates nothing per arrival. A malformed line, a decreasing
// offset or an unreadable file ends the process with an error naming
// path:line. A file is opened when the replay reaches it and closed at its
// end; Close closes the current one early.
func NewTimestampTrace(paths []string) Arrivals {
	return NewTimestampTraceFrom(paths, openFile)
}

// NewTimestampTraceFrom is NewTimestampTrace reading through open.
func NewTimestampTraceFrom(paths []string, open Opener) Arrivals {
	return &timestamps{files: traceFiles{paths: append([]string(nil), paths...), open: open}}
}

func (t *timestamps) fail(err error) (time.Duration, bool) {
	t.err, t.done = err, true
	t.files.close()
	return 0, false
}

func (t *timestamps) Next() (time.Duration, bool) {
	for !t.done {
		if !t.started {
			ok, err := t.files.nextFile()
			if err != nil {
				return t.fail(err)
			}
			if !ok {
				t.done = true
				break
			}
			t.started = true
		}
		ok, err := t.files.scan()
		if err != nil {
			return t.fail(err)
		}
		if !ok {
			t.started = false
			continue
		}
		b := traceLine(t.files.sc.Bytes())
		if len(b) == 0 {
			continue
		}
		d, why := parseOffset(b)
		if why != "" {
			return t.fail(fmt.Errorf("%s:%d: %s: %q", t.files.name, t.files.line, why, b))
		}
		if d < t.last {
			return t.fail(fmt.Errorf("%s:%d: offset %v is before the previous offset %v (offsets must not decrease)",
				t.files.name, t.files.line, d, t.last))
		}
		t.last = d
		return d, true
	}
	return 0, false
}

func (t *timestamps) Err() error { return t.err }

// Close closes the file being read, if any, and ends the replay.
func (t *timestamps) Close() error {
	t.done = true
	return t.files.close()
}
