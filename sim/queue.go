package sim

// queue is a binary min-heap of timers ordered by (at, priority, seq). Keys are
// stored in the heap's own array, and timers do not track their position:
// the heap is the engine's hot path, and an operation that moves entries
// without touching the timers they point to stays in cache. Cancelling is
// therefore lazy: a cancelled or moved timer leaves its old entry behind,
// recognised by a sequence number that no longer matches its timer's and skipped when
// it reaches the top (the model cancels rarely; see Engine.compact).
//
// The sequence number breaks ties, since a heap says nothing about the
// order of equal keys and the engine promises first-scheduled, first-fired;
// The priority and seq share one word (order).
type queue []entry

type entry struct {
	at    Time
	order uint64
	t     *Timer
}

const arity = 2

func (a *entry) before(b *entry) bool {
	return a.at < b.at || a.at == b.at && a.order < b.order
}

// live reports whether the entry is its timer's current schedule: a timer
// scheduled again gets a new sequence number, so an old entry's order no
// longer matches.
func (a *entry) live() bool { return a.order == a.t.order() }

func (q *queue) push(x entry) {
	*q = append(*q, x)
	q.up(len(*q)-1, x)
}

// popMin removes the earliest entry. It sifts the hole at the root down to
// a leaf along the smaller children, then the last entry up from there
// (Floyd's bottom-up pop): the last entry belongs near the bottom, so this
// takes about half the comparisons of sifting it down from the root.
func (q *queue) popMin() entry {
	old := *q
	top := old[0]
	n := len(old) - 1
	last := old[n]
	old[n] = entry{}
	h := old[:n]
	*q = h
	if n == 0 {
		return top
	}
	i := 0
	for {
		l := 2*i + 1
		if l >= n {
			break
		}
		if r := l + 1; r < n && h[r].before(&h[l]) {
			l = r
		}
		h[i] = h[l]
		i = l
	}
	h.up(i, last)
	return top
}

// up places x at the hole j, moving parents down until x's place is found.
func (q queue) up(j int, x entry) {
	for j > 0 {
		i := (j - 1) / arity
		if !x.before(&q[i]) {
			break
		}
		q[j] = q[i]
		j = i
	}
	q[j] = x
}

// down places x at the hole i, moving the smallest child up while it is
// before x.
func (q queue) down(i int, x entry) {
	n := len(q)
	for {
		l := arity*i + 1
		if l >= n {
			break
		}
		j := l
		for c := l + 1; c < l+arity && c < n; c++ {
			if q[c].before(&q[j]) {
				j = c
			}
		}
		if !q[j].before(&x) {
			break
		}
		q[i] = q[j]
		i = j
	}
	q[i] = x
}

// compact drops every dead entry and restores the heap order.
func (q *queue) compact() {
	*q = dropDead(*q)
	q.heapify()
}

// dropDead removes the dead entries of s in place, keeping the order of
// the rest, and returns what is left.
func dropDead(s []entry) []entry {
	live := s[:0]
	for _, x := range s {
		if x.live() {
			live = append(live, x)
		}
	}
	clear(s[len(live):])
	return live
}

// heapify restores the heap order of the whole array.
func (q queue) heapify() {
	for i := (len(q) - 2) / arity; i >= 0; i-- {
		q.down(i, q[i])
	}
}
