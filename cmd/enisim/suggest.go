package main

import (
	"fmt"

	"github.com/enisim/enisim/internal/suggest"
)

// didYouMean suggests the name in names nearest to a mistyped one, as
// "; did you mean \"run\"?", or nothing when none is near (see
// suggest.Nearest).
func didYouMean(typed string, names []string) string {
	if best := suggest.Nearest(typed, names); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}
