package eni

// Emission of events. A listener (Model.Events) hears each event as the
// model makes it, with one rule of order: an operation's own event comes
// before the events it causes. A control-plane call (or the restore an
// invoke starts) is an operation; while it runs, the ENI events and the
// state changes it causes are held, and its own event, which carries its
// outcome and the state it left, is emitted first when it returns. The
// outcome is only known at the end, so the call's event cannot be sent
// first; holding the effects is simpler than computing the outcome ahead.
// Events that say why the call ends as it does (KeyBlocked, CallerDenied)
// are not held: they come before the call's event, as a reason before its
// conclusion.
//
// With no listener nothing is built or held: emit returns at once, and
// the call sites that assemble an event check listening first.

// listening reports whether anyone hears events.
func (m *Model) listening() bool { return m.Events != nil }

// emit sends e, or holds it while an operation runs when it is an effect.
func (m *Model) emit(e Event) {
	if m.Events == nil {
		return
	}
	e.At = m.Eng.Now()
	if m.depth > 0 && effect(e.Kind) {
		e.Cause = m.op
		m.held = append(m.held, e)
		return
	}
	m.Events(e)
}

// effect reports whether events of kind k are held during an operation.
func effect(k Kind) bool { return k.ENI() || k == StateChanged || k == UpdateStatusChanged }

// begin starts operation k; operations started inside it (none today) are
// part of it.
func (m *Model) begin(k Kind) {
	if m.depth == 0 {
		m.op = k
	}
	m.depth++
}

// end finishes the operation begin started with its own event e, then
// emits what it held.
func (m *Model) end(e Event) {
	m.depth--
	if m.depth > 0 {
		// Inside another operation: e is one of its effects.
		if m.Events != nil {
			e.At, e.Cause = m.Eng.Now(), m.op
			m.held = append(m.held, e)
		}
		return
	}
	m.op = NoKind
	if m.Events == nil {
		return
	}
	e.At = m.Eng.Now()
	m.Events(e)
	for i := 0; i < len(m.held); i++ {
		m.Events(m.held[i])
	}
	clear(m.held)
	m.held = m.held[:0]
}

// Tee is a listener that hands each event to every non-nil listener of
// ls, in order: explain and a live view can follow the same run. It is nil
// when ls has none, so that a run nobody follows still builds no events.
func Tee(ls ...func(Event)) func(Event) {
	var all []func(Event)
	for _, l := range ls {
		if l != nil {
			all = append(all, l)
		}
	}
	switch len(all) {
	case 0:
		return nil
	case 1:
		return all[0]
	}
	return func(e Event) {
		for _, l := range all {
			l(e)
		}
	}
}
