package scenarios

import (
	"fmt"
	"strings"
)

// errorNotes say why the errors a first-time reader finds surprising are
// there: the model is right, the reader may not know why.
var errorNotes = []struct{ name, why string }{
	{"ResourceNotFoundException", "the invokes came while the function did not exist: arrivals start at time 0 whatever createAt says (and go on after a DeleteFunction), and on AWS an invoke of a function not yet created gets this error"},
	{"ResourceConflictException", "the invokes came while the function was Pending (its first ENIs being created); on AWS such an invoke is refused with this error"},
}

// ErrorNotes are the sentences that explain, once each, the errors of r
// whose cause a reader may not guess, naming the functions that got them:
// the text report prints them under its errors table, report.html too.
func ErrorNotes(r *Report) []string {
	var out []string
	for _, n := range errorNotes {
		var who []string
		for _, f := range r.Functions {
			if f.Errors[n.name] > 0 {
				who = append(who, f.Name)
			}
		}
		if len(who) > 0 {
			out = append(out, fmt.Sprintf("Note: %s (%s): %s.", n.name, strings.Join(who, ", "), n.why))
		}
	}
	return out
}
