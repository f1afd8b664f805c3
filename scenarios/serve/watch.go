package serve

import (
	"time"

	"github.com/enisim/enisim/eni"
	"github.com/enisim/enisim/sim"
)

// Invoke waits for the invocation it made (workload's InvokeWatched):
// each waiting Invoke has a watch, a number and a channel the workload's
// report of the attempt's end is sent on.

// invokeWait bounds, in wall time, how long an Invoke on a paced clock
// waits for its invocation to end: Lambda's longest timeout. A client
// usually gives up first (the AWS CLI's read timeout is 60 s), and the
// wait ends with it; a paused clock holds the answer until it resumes.
var invokeWait = 15 * time.Minute

// maxInvokeRun bounds, in virtual time, how far an Invoke at speed Max
// runs the clock for its invocation to end: Lambda's longest timeout (15
// minutes) and a slow cold start, ENI wait and retries well within it.
const maxInvokeRun = time.Hour

// awaiting is an answer that waits, outside the session's loop, for a
// watched invocation's end; then makes the answer, on the loop.
type awaiting struct {
	ch   chan ending
	then func(e ending, ended bool) (reply, *apiError)
}

// ending is how and when a watched attempt ended, and when it began to
// run (when it ran).
type ending struct {
	o       eni.Outcome
	ran, at sim.Time
}

// watch opens a watch (call on the loop).
func (ss *Session) watch() (int32, chan ending) {
	if ss.watches == nil {
		ss.watches = map[int32]chan ending{}
	}
	ss.lastWatch++
	if ss.lastWatch <= 0 { // wrapped round: 2^31 invokes in one session
		ss.lastWatch = 1
	}
	ch := make(chan ending, 1)
	ss.watches[ss.lastWatch] = ch
	return ss.lastWatch, ch
}

// unwatch drops a watch whose end no one waits for any more.
func (ss *Session) unwatch(id int32) { delete(ss.watches, id) }

// watched is the workload's Watched: the attempt of watch id ended with o.
func (ss *Session) watched(id int32, o eni.Outcome, ran sim.Time) {
	if ch, ok := ss.watches[id]; ok {
		ch <- ending{o, ran, ss.now()}
		delete(ss.watches, id)
	}
	if id == ss.stopAt {
		ss.x.Eng.Stop()
	}
}

// runToEnd runs a clock at speed Max until watch id's invocation ends
// (reporting how), the horizon, or maxInvokeRun.
func (ss *Session) runToEnd(id int32, ch chan ending) (ending, bool) {
	eng := ss.x.Eng
	limit := sim.Later(eng.Now(), maxInvokeRun)
	ss.stopAt = id
	defer func() { ss.stopAt = 0 }()
	for {
		select {
		case e := <-ch:
			return e, true
		default:
		}
		if eng.Now() >= min(limit, ss.x.End) {
			ss.unwatch(id)
			return ending{}, false
		}
		ss.runUntil(limit)
	}
}

// await waits for a's invocation, outside the loop, then makes the answer
// on it. It gives up when the client does (gone is closed), as Lambda's
// answer is lost then too; the invocation goes on in the model.
func (ss *Session) await(a *awaiting, gone <-chan struct{}) (reply, *apiError) {
	t := time.NewTimer(invokeWait)
	defer t.Stop()
	var e ending
	ended := true
	select {
	case e = <-a.ch:
	case <-t.C:
		ended = false
	case <-gone:
		return reply{}, errorf("ServiceException", "the client went away")
	case <-ss.done:
		return reply{}, errorf("ServiceException", "the session has stopped")
	}
	var rep reply
	var ae *apiError
	if !ss.Do(func() {
		if !ended { // it may have ended since the timer fired
			select {
			case e = <-a.ch:
				ended = true
			default:
			}
		}
		rep, ae = a.then(e, ended)
	}) {
		return reply{}, errorf("ServiceException", "the session has stopped")
	}
	return rep, ae
}
