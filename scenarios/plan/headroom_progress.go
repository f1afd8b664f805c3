package plan

// HeadroomProgress estimates how far a Headroom search has gone, from the
// steps so far, for a progress line. The work of a step is taken to be
// its factor: a run at twice the rates has about twice the events, which
// is why counting steps was wrong (the bisection's steps near the limit
// are the costly ones: "9 s left" was printed at 58% of a 2.5-minute
// search). While the search is still doubling or halving, it assumes the
// next factor brackets the limit, so the estimate falls back when it does
// not; once bracketed, the number of bisection steps left is known.
type HeadroomProgress struct {
	o      HeadroomOptions
	lo, hi float64
	done   float64
}

// NewHeadroomProgress starts an estimate for a search with options o.
func NewHeadroomProgress(o HeadroomOptions) *HeadroomProgress {
	return &HeadroomProgress{o: o.withDefaults()}
}

// Add records a step and returns the share of the search's work done, 1
// when the step was its last.
func (p *HeadroomProgress) Add(st Step) float64 {
	p.done += st.Factor
	if st.Holds {
		p.lo = st.Factor
	} else {
		p.hi = st.Factor
	}
	return p.done / (p.done + p.remaining())
}

// remaining is the work of the steps left, following next with the
// bracket halving at each bisection whatever its outcome.
func (p *HeadroomProgress) remaining() float64 {
	lo, hi, work := p.lo, p.hi, 0.0
	if lo == 0 || hi == 0 {
		f, ok := p.o.next(lo, hi)
		if !ok {
			return 0
		}
		work += f
		if hi == 0 {
			hi = f // assume it breaks there
		} else {
			lo = f // or holds there
		}
	}
	for f, ok := p.o.next(lo, hi); ok; f, ok = p.o.next(lo, hi) {
		work += f
		hi = f
	}
	return work
}
