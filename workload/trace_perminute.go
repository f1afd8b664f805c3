package workload

import (
	"bytes"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// azureKeys are the first columns of the Azure Functions 2019 trace
// (invocations_per_function_md.anon.dNN.csv); minute columns 1..1440 follow.
var azureKeys = [...]string{"HashOwner", "HashApp", "HashFunction", "Trigger"}

const minutesPerDay = 1440

// Spreads of a per-minute trace.
const (
	SpreadEven    = "even"
	SpreadPoisson = "poisson"
)

// perMinute replays one function's row of an Azure per-minute trace.
type perMinute struct {
	files traceFiles
	hash  string // select by HashFunction, or
	row   int    // by 1-based data row
	even  bool
	scale float64
	r     *rand.Rand

	day     int // index of the current file; -1 before the first
	counts  [minutesPerDay]int64
	nmin    int  // minutes in the current day's row (0: function absent that day)
	found   bool // the function was in some file
	rowLine int  // the line of the current day's row, for errors
	minute  int  // current minute of the day, 0-based
	base    time.Duration
	n, i    int64   // arrivals in the current minute, and emitted of them
	x       float64 // poisson spread: share of the minute reached
	sum     int64   // counts so far
	emitted int64   // arrivals so far, = round(scale*sum) at minute ends

	done bool
	err  error
}

// NewPerMinuteTrace replays one function of a trace in the layout of the
// Azure Functions 2019 dataset: a CSV header
// HashOwner,HashApp,HashFunction,Trigger,1,2,...,1440 and one row per
// function of that day's invocation counts per minute. The row is the one
// whose HashFunction is hashFunction or, if hashFunction is "", data row
// number row (1-based, not counting the header), or with row 0 the file's
// only data row (a file with more is an error). Each file in paths is one
// day, the i-th (0-based) covering [i*24h, (i+1)*24h); a header may have
// fewer than 1440 minutes (the rest of the day is empty).
//
// In hash mode a day whose file lacks the function has no arrivals (the
// dataset lists a function only on the days it ran); it is an error only if
// no file has it. In row mode every file must have the row.
//
// Minute m gets round(scale*S(m)) - round(scale*S(m-1)) arrivals, where S(m)
// is the sum of the counts up to and including minute m (rounding half up):
// each minute is within one of count*scale and the total is exactly
// round(scale*total), with no drift. Spread SpreadEven places n arrivals of
// a minute at its start + (i+0.5)*60s/n; SpreadPoisson places them
// uniformly at random in the minute (the n sorted order statistics of a
// uniform, drawn in order from r, so memory stays constant whatever n).
// r may be nil for SpreadEven.
//
// Files are streamed: the reader scans to the selected row, keeps its 1440
// counts and closes the file. A malformed header or count, or a row not
// found, ends the process with an error naming path:line(:column). It
// panics on arguments no scenario can produce: an unknown spread, a
// negative or non-finite scale, a negative row, a nil r for
// SpreadPoisson.
func NewPerMinuteTrace(paths []string, hashFunction string, row int, spread string, scale float64, r *rand.Rand) Arrivals {
	return NewPerMinuteTraceFrom(paths, openFile, hashFunction, row, spread, scale, r)
}

// NewPerMinuteTraceFrom is NewPerMinuteTrace reading through open.
func NewPerMinuteTraceFrom(paths []string, open Opener, hashFunction string, row int, spread string, scale float64, r *rand.Rand) Arrivals {
	if spread != SpreadEven && spread != SpreadPoisson {
		panic(fmt.Sprintf("workload: unknown spread %q (want %q or %q)", spread, SpreadEven, SpreadPoisson))
	}
	if !(scale >= 0) || math.IsInf(scale, 0) {
		panic(fmt.Sprintf("workload: per-minute scale must be finite and >= 0, got %v", scale))
	}
	if row < 0 {
		panic(fmt.Sprintf("workload: per-minute trace row must be 0 (the only one) or more, got %d", row))
	}
	if spread == SpreadPoisson {
		mustRand(r)
	}
	return &perMinute{
		files: traceFiles{paths: append([]string(nil), paths...), open: open},
		hash:  hashFunction, row: row, even: spread == SpreadEven, scale: scale, r: r,
		day: -1, minute: -1,
	}
}

func (p *perMinute) fail(err error) {
	p.err, p.done = err, true
	p.files.close()
}

func (p *perMinute) Next() (time.Duration, bool) {
	for p.i >= p.n {
		if !p.nextMinute() {
			return 0, false
		}
	}
	return p.emit(), true
}

// nextMinute moves to the next minute of the row, setting p.n (its
// arrivals, perhaps 0) and p.base (its start); false at the end of the
// trace or on an error. Inspect steps minutes with it, not arrivals.
func (p *perMinute) nextMinute() bool {
	for !p.done {
		p.minute++
		if p.minute >= p.nmin {
			ok, err := p.loadDay()
			if err != nil {
				p.fail(err)
				return false
			}
			if !ok {
				p.done = true
				if !p.found {
					p.err = fmt.Errorf("%s: no function with HashFunction %q", strings.Join(p.files.paths, ", "), p.hash)
				}
				return false
			}
			p.minute = -1
			continue
		}
		c := p.counts[p.minute]
		if c > math.MaxInt64-p.sum {
			p.fail(fmt.Errorf("%s:%d: counts overflow at minute %d", p.files.name, p.rowLine, p.minute+1))
			return false
		}
		p.sum += c
		target := math.Floor(p.scale*float64(p.sum) + 0.5)
		if target >= 1<<62 {
			p.fail(fmt.Errorf("%s:%d: scaled count too large at minute %d (scale %g)", p.files.name, p.rowLine, p.minute+1, p.scale))
			return false
		}
		p.n, p.i, p.x = int64(target)-p.emitted, 0, 0
		p.emitted = int64(target)
		p.base = time.Duration(p.day)*24*time.Hour + time.Duration(p.minute)*time.Minute
		return true
	}
	return false
}

// emit returns the next arrival of the current minute.
func (p *perMinute) emit() time.Duration {
	i := p.i
	p.i++
	if p.even {
		// (2i+1)*30s/n, in 128 bits: (2i+1)*30e9 overflows for huge n.
		hi, lo := bits.Mul64(uint64(2*i+1), 30e9)
		q, _ := bits.Div64(hi, lo, uint64(p.n))
		return p.base + time.Duration(q)
	}
	// The next of the n sorted uniforms: given the last at x, the minimum
	// of the m = n-i remaining ones in (x, 1) is x + (1-x)*(1 - U^(1/m)).
	u := 1 - p.r.Float64() // (0, 1]
	p.x += (1 - p.x) * -math.Expm1(math.Log(u)/float64(p.n-i))
	off := min(time.Duration(p.x*60e9), time.Minute-1)
	return p.base + off
}

// loadDay reads the next file's row into p.counts; ok is false when there
// are no more files.
func (p *perMinute) loadDay() (ok bool, err error) {
	p.nmin = 0
	if ok, err := p.files.nextFile(); !ok {
		return false, err
	}
	p.day++
	defer p.files.close()
	tf := &p.files
	nmin := -1
	rows := 0
	for {
		ok, err := tf.scan()
		if err != nil {
			return false, err
		}
		if !ok {
			break
		}
		line := bytes.TrimSpace(tf.sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if nmin < 0 {
			if nmin, err = p.header(line); err != nil {
				return false, err
			}
			continue
		}
		rows++
		switch {
		case p.hash != "":
			if f, _ := csvField(line, csvFieldStart(line, 2)); string(f) != p.hash {
				continue
			}
		case p.row == 0 && rows > 1: // the only row, and there is another
			return false, fmt.Errorf("%s:%d: the file has more than one function's row: pick one with row (1-based) or hashFunction", tf.name, tf.line)
		case p.row == 0:
			if err := p.parseRow(line, nmin); err != nil {
				return false, err
			}
			p.found, p.rowLine = true, tf.line
			continue // to make sure it is the only one
		case rows != p.row:
			continue
		}
		if err := p.parseRow(line, nmin); err != nil {
			return false, err
		}
		p.found, p.rowLine = true, tf.line
		return true, nil
	}
	switch {
	case nmin < 0:
		return false, fmt.Errorf("%s: empty file (want a header %s,1,...,1440)", tf.name, strings.Join(azureKeys[:], ","))
	case p.hash == "" && p.row == 0 && rows == 1:
		return true, nil
	case p.hash == "" && p.row == 0:
		return false, fmt.Errorf("%s: no data row (a per-minute trace without row or hashFunction replays the file's only one)", tf.name)
	case p.hash == "":
		return false, fmt.Errorf("%s: no data row %d (the file has %d)", tf.name, p.row, rows)
	}
	return true, nil // the function did not run that day
}

// header checks a header line and returns its number of minute columns.
func (p *perMinute) header(line []byte) (int, error) {
	tf := &p.files
	i, col := 0, 0
	for i <= len(line) {
		start := i
		var f []byte
		f, i = csvField(line, i)
		col++
		if col <= len(azureKeys) {
			if !strings.EqualFold(string(f), azureKeys[col-1]) {
				return 0, fmt.Errorf("%s:%d:%d: header column %d is %q, want %q (Azure Functions 2019 layout)",
					tf.name, tf.line, start+1, col, f, azureKeys[col-1])
			}
			continue
		}
		m := col - len(azureKeys)
		if m > minutesPerDay {
			return 0, fmt.Errorf("%s:%d:%d: header column %d is %q: a day has at most %d minute columns (1 to %d); a longer trace is one file per day",
				tf.name, tf.line, start+1, col, f, minutesPerDay, minutesPerDay)
		}
		if string(f) != strconv.Itoa(m) {
			return 0, fmt.Errorf("%s:%d:%d: header column %d is %q, want %q", tf.name, tf.line, start+1, col, f, strconv.Itoa(m))
		}
	}
	if col <= len(azureKeys) {
		return 0, fmt.Errorf("%s:%d: header has %d columns, want %s,1,...,1440",
			tf.name, tf.line, col, strings.Join(azureKeys[:], ","))
	}
	return col - len(azureKeys), nil
}

// parseRow reads the counts of the selected row into p.counts.
func (p *perMinute) parseRow(line []byte, nmin int) error {
	tf := &p.files
	i := csvFieldStart(line, len(azureKeys))
	m := 0
	for i <= len(line) {
		start := i
		var f []byte
		f, i = csvField(line, i)
		if m == nmin {
			return fmt.Errorf("%s:%d:%d: more than the header's %d minute columns", tf.name, tf.line, start+1, nmin)
		}
		c, ok := parseCount(f)
		if !ok {
			return fmt.Errorf("%s:%d:%d: minute %d: malformed count %q (want an integer >= 0)",
				tf.name, tf.line, start+1, m+1, f)
		}
		p.counts[m] = c
		m++
	}
	if m != nmin {
		return fmt.Errorf("%s:%d: row has %d minute columns, header has %d", tf.name, tf.line, m, nmin)
	}
	p.nmin = nmin
	return nil
}

func parseCount(f []byte) (int64, bool) {
	if len(f) == 0 {
		return 0, false
	}
	var c int64
	for _, ch := range f {
		if ch < '0' || ch > '9' || c > (math.MaxInt64-9)/10 {
			return 0, false
		}
		c = c*10 + int64(ch-'0')
	}
	return c, true
}

// csvField returns the field of line starting at byte i, without
// surrounding spaces or double quotes, and the start of the next field
// (len(line)+1 after the last). The Azure files have no quoted commas.
func csvField(line []byte, i int) (field []byte, next int) {
	if i > len(line) {
		return nil, i
	}
	j := bytes.IndexByte(line[i:], ',')
	if j < 0 {
		j = len(line) - i
	}
	f := bytes.TrimSpace(line[i : i+j])
	if len(f) >= 2 && f[0] == '"' && f[len(f)-1] == '"' {
		f = f[1 : len(f)-1]
	}
	return f, i + j + 1
}

// csvFieldStart returns the start of field k (0-based) of line, or
// len(line)+1 if it has fewer fields.
func csvFieldStart(line []byte, k int) int {
	i := 0
	for ; k > 0 && i <= len(line); k-- {
		j := bytes.IndexByte(line[i:], ',')
		if j < 0 {
			return len(line) + 1
		}
		i += j + 1
	}
	return i
}

func (p *perMinute) Err() error { return p.err }

// Close closes the file being read, if any, and ends the replay.
func (p *perMinute) Close() error {
	p.done = true
	return p.files.close()
}
