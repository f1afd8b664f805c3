package sim

// near is the wheel's current bucket, sorted: the entries due before the
// wheel's end, latest first, so that the earliest is the last and popping
// it shortens the slice. A bucket holds about a hundred entries at 100,000
// requests per second; popped from a heap, each would cost seven levels of
// compares and moves, where a sorted run costs one read. The bucket is
// sorted when it is loaded, in time linear in its size (see sortBucket). A
// timer scheduled into the current bucket after that goes to the wheel's
// late heap instead: inserting it here would move half the run.
type near []entry

// top is the earliest entry; near is not empty.
func (n near) top() *entry { return &n[len(n)-1] }

// popMin removes the earliest entry.
func (n *near) popMin() entry {
	s := *n
	x := s[len(s)-1]
	s[len(s)-1] = entry{}
	*n = s[:len(s)-1]
	return x
}

// compact drops the dead entries, keeping the order.
func (n *near) compact() { *n = dropDead(*n) }

// sortBucket writes the entries of src, a bucket whose times lie in
// [start, start+2^shift), into dst (which has room for them) latest first.
// A counting sort on the top bits of each entry's offset in the bucket,
// as many sub-buckets as entries or more, leaves each entry at most a few
// places from its own, and an insertion sort finishes the order (ties in
// time, and entries of one sub-bucket) in about one compare per entry.
// counts is scratch space of at least 16 entries; more make the
// sub-buckets finer. A bucket of smallBucket entries or fewer (a low rate)
// needs only the insertion sort, in place (see wheel.load).
func sortBucket(dst, src []entry, start Time, shift uint, counts []int32) {
	n := len(src)
	bits := min(4, shift)
	for bits < shift && 1<<bits < n && 1<<bits < len(counts) {
		bits++
	}
	top, down := 1<<bits-1, shift-bits
	c := counts[:1<<bits]
	clear(c)
	for k := range src {
		c[top-int((src[k].at-start)>>down)]++
	}
	sum := int32(0)
	for k, v := range c {
		c[k] = sum
		sum += v
	}
	for k := range src {
		s := top - int((src[k].at-start)>>down)
		dst[c[s]] = src[k]
		c[s]++
	}
	insertionSort(dst)
}

const smallBucket = 16

// insertionSort orders s latest first.
func insertionSort(s []entry) {
	for k := 1; k < len(s); k++ {
		x := s[k]
		j := k
		for j > 0 && s[j-1].before(&x) {
			s[j] = s[j-1]
			j--
		}
		s[j] = x
	}
}
