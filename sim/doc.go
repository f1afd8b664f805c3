// Package sim is enisim's discrete-event engine: a virtual clock in integer
// nanoseconds, an event queue ordered by (time, priority, sequence), cancellable timers,
// and random streams derived from (seed, name).
//
// The engine is single-threaded and synchronous. A handler runs to
// completion before the next event fires; events due at the same instant
// fire by priority (Timer.SetPrio), then in the order they were scheduled.
// A timer runs a func (Init) or a model object's Fire method (Handle).
// Nothing here reads the wall clock or the global random source, so a run
// is a pure function of its inputs and seed.
//
// Timers are owned by the model (embedded in an execution environment, an
// ENI, a function), so scheduling an event allocates nothing once the queue
// has grown to its working size.
//
// sim imports no enisim package: every other package is built on it.
package sim
