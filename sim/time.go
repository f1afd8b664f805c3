package sim

import (
	"fmt"
	"time"
)

// Time is simulated time: the offset from the start of the run. It is a
// time.Duration so that durations and instants share one exact integer unit.
type Time = time.Duration

// Forever is a time later than any event of a run.
const Forever Time = 1<<63 - 1

// Later is t + d, or Forever when that would pass Forever. Delays come
// from users' files (a keep-alive or a backoff of up to 292 years), and a
// sum that wrapped round to a negative time would schedule into the past.
// d must not be negative.
func Later(t, d Time) Time {
	if d > Forever-t {
		return Forever
	}
	return t + d
}

// Clock formats t as hh:mm:ss.mmm (days are folded into hours), the form the
// narrated timeline uses.
func Clock(t Time) string {
	ms := t.Milliseconds()
	h := ms / 3_600_000
	m := ms / 60_000 % 60
	s := ms / 1000 % 60
	return fmt.Sprintf("%02d:%02d:%02d.%03d", h, m, s, ms%1000)
}

// Seconds converts t to floating-point seconds, the unit of the reports.
func Seconds(t Time) float64 { return t.Seconds() }
