package workload

// Cause is why an invocation found no warm execution environment.
type Cause uint8

// The causes of a cold start (the report's coldStartsByCause).
const (
	// CauseNew: the function's first environments, or more than it had
	// (scale-out).
	CauseNew Cause = iota
	// CauseExpired: an environment the function had was reclaimed by
	// keep-alive (the function's or a surplus environment's).
	CauseExpired
	// CauseReplaced: the environment reached its maximum lifetime and the
	// request landed on the replacement started ahead.
	CauseReplaced
	// CauseRestore: the function was Inactive and has been restored.
	CauseRestore
	// CauseConfig: a code or configuration change replaced the
	// environments.
	CauseConfig
	NumCauses
)

var causeNames = [NumCauses]string{"new", "expired", "replaced", "restore", "config"}

func (c Cause) String() string { return causeNames[c] }

// Causes lists every cause, in the order of the report.
func Causes() []Cause {
	return []Cause{CauseNew, CauseExpired, CauseReplaced, CauseRestore, CauseConfig}
}

// debtOrder is the order in which a cold start is charged to an earlier
// loss of environments: each environment lost to a restore, a change or
// an expiry makes one later cold start of that cause; a cold start with no
// such loss outstanding is new.
var debtOrder = [...]Cause{CauseRestore, CauseConfig, CauseExpired}

// coldCause charges a new environment's cold start to an outstanding loss,
// or to CauseNew.
func (f *fn) coldCause() Cause {
	for _, c := range debtOrder {
		if f.debt[c] > 0 {
			f.debt[c]--
			return c
		}
	}
	return CauseNew
}

// refund gives back the loss a cold start was charged to when the attempt
// ends before the environment ran.
func (f *fn) refund(c Cause) {
	if c != CauseNew && c != CauseReplaced {
		f.debt[c]++
	}
}
