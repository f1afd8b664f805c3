package spec

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// durationUnits are the units a duration may carry. "d" (a day of 24h) and
// "min" are ours; the rest are Go's.
var durationUnits = map[string]time.Duration{
	"ns":  time.Nanosecond,
	"us":  time.Microsecond,
	"µs":  time.Microsecond,
	"ms":  time.Millisecond,
	"s":   time.Second,
	"m":   time.Minute,
	"min": time.Minute,
	"h":   time.Hour,
	"d":   24 * time.Hour,
}

const durationHint = "durations need a unit, e.g. 90s"

// ParseDuration parses a non-negative duration with a unit: 250ms, 90s,
// 30m, 2h, 14d, or a sum like 1h30m; numbers may have a fraction (1.5s).
// A bare number is an error: scenario files are read by people, and "90"
// could mean seconds or milliseconds.
func ParseDuration(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		return 0, errors.New("empty duration: " + durationHint)
	case t[0] == '-':
		return 0, fmt.Errorf("duration %q is negative", s)
	case isBareNumber(t):
		return 0, fmt.Errorf("%q has no unit: %s", s, durationHint)
	}
	var total time.Duration
	for t != "" {
		num, rest := splitNumber(t)
		unit, after := splitUnit(strings.TrimLeft(rest, " "))
		after = strings.TrimLeft(after, " ")
		if num == "" {
			return 0, fmt.Errorf("bad duration %q: expected a number at %q", s, t)
		}
		mult, ok := durationUnits[unit]
		if !ok {
			if unit == "" {
				return 0, fmt.Errorf("bad duration %q: %q has no unit (%s)", s, num, durationHint)
			}
			return 0, fmt.Errorf("bad duration %q: unknown unit %q (use ms, s, m, h or d)", s, unit)
		}
		d, err := scaleNumber(num, mult)
		if err != nil || total > math.MaxInt64-d {
			return 0, fmt.Errorf("bad duration %q: %s", s, cmpErr(err, "too large"))
		}
		total += d
		t = after
	}
	return total, nil
}

func cmpErr(err error, otherwise string) string {
	if err != nil {
		return err.Error()
	}
	return otherwise
}

// isBareNumber reports whether s is a number with no unit (90, 1.5, 1e3).
func isBareNumber(s string) bool {
	num, rest := splitNumber(s)
	if num == "" {
		return false
	}
	if rest == "" {
		return true
	}
	if rest[0] != 'e' && rest[0] != 'E' {
		return false
	}
	_, err := strconv.ParseInt(rest[1:], 10, 64)
	return err == nil || errors.Is(err, strconv.ErrRange)
}

// splitNumber splits s after its leading decimal number (digits with at
// most one '.').
func splitNumber(s string) (num, rest string) {
	i, dot := 0, false
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' && !dot) {
		dot = dot || s[i] == '.'
		i++
	}
	if s[:i] == "." {
		return "", s
	}
	return s[:i], s[i:]
}

// splitUnit splits s after its leading unit (letters, and µ).
func splitUnit(s string) (unit, rest string) {
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 0x80) {
		i++
	}
	return s[:i], s[i:]
}

// scaleNumber returns num (a decimal with an optional fraction) times
// unit, exactly for the whole part and rounded to the nanosecond for the
// fraction, or an error when it overflows.
func scaleNumber(num string, unit time.Duration) (time.Duration, error) {
	whole, frac, _ := strings.Cut(num, ".")
	var w uint64
	if whole != "" {
		var err error
		if w, err = strconv.ParseUint(whole, 10, 63); err != nil {
			return 0, errors.New("too large")
		}
	}
	if w > uint64(math.MaxInt64/unit) {
		return 0, errors.New("too large")
	}
	d := time.Duration(w) * unit
	if frac != "" {
		f, _ := strconv.ParseFloat("0."+frac, 64)
		fd := time.Duration(math.Round(f * float64(unit)))
		if d > math.MaxInt64-fd {
			return 0, errors.New("too large")
		}
		d += fd
	}
	return d, nil
}

const rateHint = "rates are N/s, N/min, N/h or N/<duration>, e.g. 200/s or 1000/10s"

// ParseRate parses a rate (200/s, 5/min, 0.5/h, 1000/10s) into events per
// second.
func ParseRate(s string) (perSecond float64, err error) {
	n, per, err := ParseRateParts(s)
	if err != nil {
		return 0, err
	}
	return n / per.Seconds(), nil
}

// ParseRateParts parses a rate into its numerator and period as written:
// "1000/10s" is (1000, 10s). The numerator is what a token bucket holds
// (region.scalingRate). N may have a fraction and may be 0; it may not be
// negative, and the period must be positive.
func ParseRateParts(s string) (n float64, per time.Duration, err error) {
	t := strings.TrimSpace(s)
	num, den, ok := strings.Cut(t, "/")
	num, den = strings.TrimSpace(num), strings.TrimSpace(den)
	switch {
	case t == "":
		return 0, 0, errors.New("empty rate: " + rateHint)
	case strings.HasPrefix(num, "-"):
		return 0, 0, fmt.Errorf("rate %q is negative", s)
	case !ok && isBareNumber(t):
		return 0, 0, fmt.Errorf("%q has no unit: %s", s, rateHint)
	case !ok || strings.Contains(den, "/"):
		return 0, 0, fmt.Errorf("bad rate %q: %s", s, rateHint)
	}
	if n, err = parseDecimal(num); err != nil {
		return 0, 0, fmt.Errorf("bad rate %q: %w", s, err)
	}
	if per, err = parsePeriod(den); err != nil {
		return 0, 0, fmt.Errorf("bad rate %q: %w", s, err)
	}
	return n, per, nil
}

// parseDecimal parses a plain non-negative decimal (no sign, no exponent).
func parseDecimal(s string) (float64, error) {
	num, rest := splitNumber(s)
	if num == "" || rest != "" {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return f, nil
}

// parsePeriod parses the part of a rate after the slash: a bare unit (s,
// min, h...) means one of it.
func parsePeriod(s string) (time.Duration, error) {
	if u, ok := durationUnits[s]; ok {
		return u, nil
	}
	if s == "sec" {
		return time.Second, nil
	}
	if isBareNumber(s) {
		return 0, fmt.Errorf("period %q has no unit", s)
	}
	d, err := ParseDuration(s)
	if err != nil {
		return 0, err
	}
	if d <= 0 {
		return 0, fmt.Errorf("period %q is not positive", s)
	}
	return d, nil
}

// SubnetCapacity is how many addresses of an IPv4 subnet Lambda can use:
// 2^(32-prefix) - 5, because AWS reserves the first four addresses and the
// last one of every subnet. It is 0 for anything but a valid IPv4 prefix.
func SubnetCapacity(p netip.Prefix) int {
	if !p.IsValid() || !p.Addr().Is4() {
		return 0
	}
	return max(0, 1<<(32-p.Bits())-5)
}
