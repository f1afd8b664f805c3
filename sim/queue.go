package sim

// queue is a 4-ary min-heap of timers ordered by (at, Prio, seq). Keys are
// stored in the heap's own array, and timers do not track their position:
// the heap is the engine's hot path, and an operation that moves entries
// without touching the timers they point to stays in cache. Cancelling is
// therefore lazy: a cancelled or moved timer leaves its old entry behind,
// recognised by a generation number that no longer matches and skipped when
// it reaches the top (the model cancels rarely; see Engine.compact).
//
// The sequence number breaks ties, since a heap says nothing about the
// order of equal keys and the engine promises first-scheduled, first-fired;
// Prio and seq share one word (order).
type queue []entry

type entry struct {
	at    Time
	order uint64
	t     *Timer
	gen   uint32
}

const arity = 4

func (a *entry) before(b *entry) bool {
	return a.at < b.at || a.at == b.at && a.order < b.order
}

// live reports whether the entry is its timer's current schedule.
func (a *entry) live() bool { return a.gen == a.t.gen }

func (q *queue) push(x entry) {
	*q = append(*q, x)
	q.up(len(*q)-1, x)
}

func (q *queue) popMin() entry {
	old := *q
	top := old[0]
	n := len(old) - 1
	last := old[n]
	old[n] = entry{}
	*q = old[:n]
	if n > 0 {
		q.down(0, last)
	}
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

// heapify restores the heap order of the whole array.
func (q queue) heapify() {
	for i := (len(q) - 2) / arity; i >= 0; i-- {
		q.down(i, q[i])
	}
}
