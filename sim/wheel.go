package sim

import (
	"math/bits"
	"unsafe"
)

// wheel is a calendar queue (Brown 1988) for the timers due soon: an
// invocation's end, an environment's init. A busy run keeps one such timer
// per running invocation, tens of thousands at 100,000 requests per second,
// and popping a binary heap of that size walks 14 levels, the lower ones out
// of cache. The wheel instead drops each timer into a bucket of its due
// time, 2^shift nanoseconds wide, with an append; when the earliest bucket
// is needed its entries are sorted into near, a hundred entries or so that
// stay in cache and pop in turn (see near). A timer due past the last
// bucket waits in the engine's main heap, so the wheel needs no particular
// horizon to be right, only to be fast.
//
// Order is exact: near and late hold every wheel entry due before end, the
// buckets hold the rest, bucket by bucket, and the engine fires the least
// key of the wheel's two, the main heap and the lane.
type wheel struct {
	near    near    // the entries due before end when the bucket was loaded, sorted
	late    queue   // those scheduled before end since: a heap, usually empty
	end     Time    // next << shift
	next    int64   // absolute number of the first bucket not yet in near
	buckets []queue // bucket b (absolute, next <= b < next+len) at b & mask; unordered
	spare   []queue // empty arrays, for buckets that fill (see add)
	full    []uint64
	counts  []int32 // sortBucket's scratch
	queued  int     // entries in buckets
	live    int     // live entries loaded, and
	sink    uintptr // what warm's reads produce
	shift   uint
	mask    int64
}

// The default geometry: buckets of 2^20 ns (1.05 ms), 1,024 of them, 1.07 s
// ahead of the first bucket not yet in near. Most invocations and inits
// are shorter; at 100,000 requests per second a bucket holds about a
// hundred entries.
const (
	wheelShift   = 20
	wheelBuckets = 1024
)

func newWheel(shift uint, buckets int) wheel {
	if buckets < 64 || buckets&(buckets-1) != 0 {
		panic("sim: wheel buckets must be a power of two, at least 64")
	}
	return wheel{
		buckets: make([]queue, buckets),
		full:    make([]uint64, buckets/64),
		counts:  make([]int32, 1024),
		shift:   shift,
		mask:    int64(buckets - 1),
	}
}

// add files x, scheduled at now, and reports whether it is within the
// wheel's reach; an entry due past the last bucket is the caller's to keep.
func (w *wheel) add(x entry, now Time) bool {
	if x.at < w.end {
		w.late.push(x)
		return true
	}
	if len(w.near) == 0 && len(w.late) == 0 && w.queued == 0 {
		// An empty wheel starts again at now's bucket, so that a long
		// quiet spell does not leave every later timer past its reach.
		w.next = int64(now >> w.shift)
		w.end = w.startOf(w.next)
	}
	b := int64(x.at >> w.shift)
	if b-w.next > w.mask {
		return false
	}
	i := b & w.mask
	q := &w.buckets[i]
	if cap(*q) == 0 {
		// A bucket holds an array only while it has entries, so a run
		// keeps as many arrays as buckets are ever full at once (a few,
		// at a low rate), reused in turn, not one per bucket.
		if n := len(w.spare); n > 0 {
			*q, w.spare = w.spare[n-1], w.spare[:n-1]
		}
	}
	*q = append(*q, x)
	w.full[i>>6] |= 1 << (i & 63)
	w.queued++
	return true
}

// startOf is the start of bucket b, or Forever for a bucket past the end
// of time.
func (w *wheel) startOf(b int64) Time {
	if b > int64(Forever>>w.shift) {
		return Forever
	}
	return Time(b) << w.shift
}

// top is the wheel's earliest entry (live or not), loading the next
// bucket into near when the current one is done; nil when the wheel is
// empty. (Engine.head has the usual case, near alone, inline.)
func (w *wheel) top() *entry {
	if len(w.near) == 0 && len(w.late) == 0 {
		if w.queued == 0 {
			return nil
		}
		w.load()
	}
	if w.lateFirst() {
		return &w.late[0]
	}
	return w.near.top()
}

// popMin removes the entry top returned.
func (w *wheel) popMin() entry {
	if w.lateFirst() {
		return w.late.popMin()
	}
	return w.near.popMin()
}

// lateFirst reports whether the earliest entry of the current bucket is
// in the late heap (which is not empty).
func (w *wheel) lateFirst() bool {
	return len(w.late) > 0 && (len(w.near) == 0 || w.late[0].before(w.near.top()))
}

// load makes the first non-empty bucket near, sorted (near and late are
// empty). A small bucket is sorted in its own array, which becomes near's;
// a large one into near's array (grown if it must be). The array left
// over goes to the spares, so that after the first buckets nothing is
// allocated.
func (w *wheel) load() {
	b := w.next + w.firstFull(w.next&w.mask)
	i := b & w.mask
	src := w.buckets[i]
	w.buckets[i] = nil
	w.full[i>>6] &^= 1 << (i & 63)
	w.queued -= len(src)
	w.next = b + 1
	w.end = w.startOf(w.next)
	w.warm(src)
	free := []entry(w.near[:0])
	if len(src) <= smallBucket {
		insertionSort(src)
		w.near = near(src)
	} else {
		if cap(free) < len(src) {
			free = make([]entry, 0, max(len(src), 2*cap(free)))
		}
		dst := free[:len(src)]
		sortBucket(dst, src, Time(b)<<w.shift, w.shift, w.counts)
		clear(src)
		w.near, free = dst, src[:0]
	}
	if cap(free) > 0 {
		w.spare = append(w.spare, queue(free))
	}
}

// warm reads, for each entry of a bucket being loaded, what firing it will
// read first: its timer (scheduled and order, as the check for a dead
// entry does) and the first word of its handler's data (the model object,
// or a func's closure). At a high rate these are out of cache (an
// invocation's end touches an environment last touched thousands of
// events before); read here, a bucket's misses overlap, where one at a
// time each would stall its event. An interface is two words, the second
// a pointer to its data (Go's internal ABI, cmd/compile/abi-internal.md);
// unsafe is the only way to read through it without calling a method. The
// sink keeps the compiler from dropping the reads.
func (w *wheel) warm(bucket []entry) {
	live, word := 0, uintptr(0)
	for k := range bucket {
		x := &bucket[k]
		if x.live() {
			live++
		}
		if data := (*[2]*uintptr)(unsafe.Pointer(&x.t.h))[1]; data != nil {
			word ^= *data
		}
	}
	w.live += live
	w.sink ^= word
}

// firstFull is the distance from bucket slot i to the first non-empty
// slot at or after it, going round; some slot is non-empty.
func (w *wheel) firstFull(i int64) int64 {
	n := int64(len(w.buckets))
	word, bit := i>>6, uint(i&63)
	if m := w.full[word] >> bit; m != 0 {
		return int64(bits.TrailingZeros64(m))
	}
	words := int64(len(w.full))
	for k := int64(1); k <= words; k++ {
		j := (word + k) % words
		if m := w.full[j]; m != 0 {
			slot := j<<6 + int64(bits.TrailingZeros64(m))
			return (slot - i + n) % n
		}
	}
	panic("sim: wheel has entries but no full bucket")
}

// compact drops dead entries from near and every bucket.
func (w *wheel) compact() {
	w.near.compact()
	w.late.compact()
	w.queued = 0
	for i := range w.buckets {
		q := &w.buckets[i]
		if len(*q) == 0 {
			continue
		}
		*q = dropDead(*q)
		w.queued += len(*q)
		if len(*q) == 0 {
			w.full[i>>6] &^= 1 << (i & 63)
		}
	}
}

// len counts the wheel's entries, dead ones included.
func (w *wheel) len() int { return len(w.near) + len(w.late) + w.queued }
