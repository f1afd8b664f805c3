package sim

// queue is a 4-ary min-heap of timers ordered by (at, Prio, seq): a
// shallower tree than a binary heap, so fewer cache misses per pop. The
// sequence number breaks ties, since a heap says nothing about the order of
// equal keys and the engine promises first-scheduled, first-fired. Prio and
// seq are packed into one word (order) so a comparison is two at most.
type queue []*Timer

const arity = 4

func (q queue) less(i, j int) bool {
	a, b := q[i], q[j]
	return a.at < b.at || a.at == b.at && a.order < b.order
}

func (q queue) swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index = i
	q[j].index = j
}

func (q *queue) push(t *Timer) {
	t.index = len(*q)
	*q = append(*q, t)
	q.up(t.index)
}

func (q *queue) popMin() *Timer {
	old := *q
	n := len(old) - 1
	old.swap(0, n)
	t := old[n]
	old[n] = nil
	*q = old[:n]
	if n > 0 {
		q.down(0)
	}
	t.index = -1
	return t
}

func (q *queue) remove(t *Timer) {
	i := t.index
	old := *q
	n := len(old) - 1
	if i != n {
		old.swap(i, n)
	}
	old[n] = nil
	*q = old[:n]
	if i != n {
		q.fix(i)
	}
	t.index = -1
}

func (q queue) fix(i int) {
	if !q.down(i) {
		q.up(i)
	}
}

func (q queue) up(j int) {
	for j > 0 {
		i := (j - 1) / arity
		if !q.less(j, i) {
			break
		}
		q.swap(i, j)
		j = i
	}
}

// down sifts element i towards the leaves and reports whether it moved.
func (q queue) down(i0 int) bool {
	i, n := i0, len(q)
	for {
		l := arity*i + 1
		if l >= n {
			break
		}
		j := l
		for c := l + 1; c < l+arity && c < n; c++ {
			if q.less(c, j) {
				j = c
			}
		}
		if !q.less(j, i) {
			break
		}
		q.swap(i, j)
		i = j
	}
	return i > i0
}
