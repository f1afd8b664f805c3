package workload

import (
	"bytes"
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// traceLine strips a '#' comment and surrounding white space (including the
// '\r' of CRLF files) from a line of a timestamps or durations file.
func traceLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '#'); i >= 0 {
		b = b[:i]
	}
	return bytes.TrimSpace(b)
}

// Reasons parseOffset gives for refusing a value.
const (
	badOffset      = "malformed value (want seconds like 12.5, or a duration like 250ms)"
	negativeOffset = "negative value"
	hugeOffset     = "value too large (over 292 years)"
)

// traceUnits are the unit suffixes of the fast path, in nanoseconds.
var traceUnits = [...]struct {
	name string
	ns   int64
}{
	{"ns", 1}, {"us", 1e3}, {"µs", 1e3}, {"μs", 1e3}, {"ms", 1e6},
	{"s", 1e9}, {"m", 60e9}, {"h", 3600e9},
}

// parseOffset reads a time offset or duration: a non-negative number of
// seconds ("12", "12.5", "1.2e3") or a Go duration ("250ms", "1m30s"). It
// returns a reason ("" when it accepts b) rather than an error so that the
// caller, who knows the file and line, builds the one message; the common
// forms (a decimal with at most one unit) are read exactly, in integer
// nanoseconds, without allocating.
func parseOffset(b []byte) (time.Duration, string) {
	if len(b) > 0 && b[0] == '-' {
		d, why := parseOffset(b[1:])
		if why == "" && d > 0 {
			why = negativeOffset
		}
		return 0, why
	}
	var ip uint64 // integer part
	i := 0
	for ; i < len(b) && '0' <= b[i] && b[i] <= '9'; i++ {
		if ip > math.MaxInt64/10 {
			return 0, hugeOffset
		}
		ip = ip*10 + uint64(b[i]-'0')
	}
	digits := i
	var frac int64 // fraction, in units of 1e-9
	nfrac, roundUp := 0, false
	if i < len(b) && b[i] == '.' {
		i++
		scale := int64(1e8)
		for ; i < len(b) && '0' <= b[i] && b[i] <= '9'; i++ {
			switch {
			case nfrac < 9:
				frac += int64(b[i]-'0') * scale
				scale /= 10
			case nfrac == 9:
				roundUp = b[i] >= '5'
			}
			nfrac++
		}
		digits += nfrac
	}
	if digits == 0 {
		return parseOffsetSlow(b)
	}
	unit := int64(0)
	rest := b[i:]
	if len(rest) == 0 {
		unit = 1e9
	} else {
		for _, u := range traceUnits {
			if string(rest) == u.name {
				unit = u.ns
				break
			}
		}
	}
	if unit == 0 || (nfrac > 9 && unit != 1e9) {
		return parseOffsetSlow(b) // exponent, compound duration, garbage
	}
	if ip > uint64(math.MaxInt64/unit) {
		return 0, hugeOffset
	}
	var fns int64
	if unit >= 1e9 {
		fns = frac * (unit / 1e9) // exact: unit is a whole number of seconds
		if roundUp {
			fns++ // only for unit == 1e9, where frac counts nanoseconds
		}
	} else {
		fns = (frac*unit + 5e8) / 1e9
	}
	n := int64(ip) * unit
	if n > math.MaxInt64-fns {
		return 0, hugeOffset
	}
	return time.Duration(n + fns), ""
}

// parseOffsetSlow handles the forms the fast path does not: exponents and
// compound durations.
func parseOffsetSlow(b []byte) (time.Duration, string) {
	if len(b) == 0 || (b[0] < '0' || b[0] > '9') && b[0] != '.' {
		return 0, badOffset // also "+1", "inf", "nan"
	}
	s := string(b)
	if strings.Trim(s, "0123456789.eE+-") == "" {
		f, err := strconv.ParseFloat(s, 64)
		switch {
		case err != nil && !errors.Is(err, strconv.ErrRange):
			return 0, badOffset
		case f >= maxSeconds || err != nil:
			return 0, hugeOffset
		}
		return secondsToDuration(f), ""
	}
	d, err := time.ParseDuration(withScenarioUnits(s))
	if err != nil {
		return 0, badOffset
	}
	return d, ""
}

// dayUnit is a number of days in a duration ("1d", "1.5d"), and minUnit the
// "min" spelling of minutes: a scenario's durations take both, Go's
// time.ParseDuration neither.
var (
	dayUnit = regexp.MustCompile(`([0-9]+(?:\.[0-9]*)?|\.[0-9]+)d`)
	minUnit = regexp.MustCompile(`min`)
)

// withScenarioUnits rewrites days as hours and "min" as "m", so that a
// trace line reads the units a scenario file does.
func withScenarioUnits(s string) string {
	if !strings.ContainsAny(s, "di") {
		return s
	}
	s = minUnit.ReplaceAllString(s, "m")
	return dayUnit.ReplaceAllStringFunc(s, func(m string) string {
		f, err := strconv.ParseFloat(strings.TrimSuffix(m, "d"), 64)
		if err != nil {
			return m // left for time.ParseDuration to refuse
		}
		return strconv.FormatFloat(24*f, 'f', -1, 64) + "h"
	})
}
