package timeseries

import (
	"strings"
	"time"
)

// Span prints a stretch of simulated time as a user writes it: 10s,
// 1m30s, 2m, 2h, 1h0m30s (a zero seconds or minutes field is dropped at the
// end only), for report headers and pages.
func Span(d time.Duration) string {
	t := d.String()
	if strings.HasSuffix(t, "m0s") {
		t = strings.TrimSuffix(t, "0s")
	}
	if strings.HasSuffix(t, "h0m") {
		t = strings.TrimSuffix(t, "0m")
	}
	return t
}
