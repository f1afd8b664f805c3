package sim

// queue is a 4-ary min-heap of timers ordered by (at, Prio, seq). Keys are
// stored in the heap's own array, so comparisons never chase a pointer:
// the heap is the engine's hot path, and a shallow tree of inline keys
// keeps it in cache. The sequence number breaks ties, since a heap says
// nothing about the order of equal keys and the engine promises
// first-scheduled, first-fired; Prio and seq share one word (order).
type queue []entry

type entry struct {
	at    Time
	order uint64
	t     *Timer
}

const arity = 4

func (a *entry) before(b *entry) bool {
	return a.at < b.at || a.at == b.at && a.order < b.order
}

// set puts x at position i and tells its timer.
func (q queue) set(i int, x entry) {
	q[i] = x
	x.t.index = i
}

func (q *queue) push(t *Timer) {
	*q = append(*q, entry{})
	q.up(len(*q)-1, entry{t.at, t.order, t})
}

func (q *queue) popMin() *Timer {
	old := *q
	t := old[0].t
	n := len(old) - 1
	last := old[n]
	old[n] = entry{}
	*q = old[:n]
	if n > 0 {
		q.down(0, last)
	}
	t.index = -1
	return t
}

func (q *queue) remove(t *Timer) {
	i := t.index
	old := *q
	n := len(old) - 1
	last := old[n]
	old[n] = entry{}
	*q = old[:n]
	if i != n {
		q.fix(i, last)
	}
	t.index = -1
}

// fix places x at position i, whose old element is gone, moving it up or
// down as its key requires.
func (q queue) fix(i int, x entry) {
	if i > 0 && x.before(&q[(i-1)/arity]) {
		q.up(i, x)
		return
	}
	q.down(i, x)
}

// up places x at the hole j, moving parents down until x's place is found.
func (q queue) up(j int, x entry) {
	for j > 0 {
		i := (j - 1) / arity
		if !x.before(&q[i]) {
			break
		}
		q.set(j, q[i])
		j = i
	}
	q.set(j, x)
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
		q.set(i, q[j])
		i = j
	}
	q.set(i, x)
}
