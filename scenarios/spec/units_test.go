package spec

import (
	"math"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	good := []struct {
		in   string
		want time.Duration
	}{
		{"250ms", 250 * time.Millisecond},
		{"90s", 90 * time.Second},
		{"30m", 30 * time.Minute},
		{"30min", 30 * time.Minute},
		{"2h", 2 * time.Hour},
		{"14d", 14 * 24 * time.Hour},
		{"1h30m", 90 * time.Minute},
		{"1.5s", 1500 * time.Millisecond},
		{".5s", 500 * time.Millisecond},
		{"0s", 0},
		{"5 s", 5 * time.Second},
		{"100us", 100 * time.Microsecond},
		{"100µs", 100 * time.Microsecond},
		{"7ns", 7},
		{"0.1s", 100 * time.Millisecond}, // rounded, not truncated to 99999999ns
		{"106751d", 106751 * 24 * time.Hour},
	}
	for _, c := range good {
		got, err := ParseDuration(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	bad := []struct{ in, msg string }{
		{"90", `"90" has no unit: durations need a unit, e.g. 90s`},
		{"0", `"0" has no unit`},
		{"1.5", "has no unit"},
		{"1e3", "has no unit"},
		{"", "empty duration: durations need a unit"},
		{"-5s", `duration "-5s" is negative`},
		{"5x", `unknown unit "x"`},
		{"5sec", `unknown unit "sec"`},
		{"1h30", `"30" has no unit`},
		{"s", "expected a number"},
		{"1..2s", `"1." has no unit`},
		{".s", "expected a number"},
		{"inf", "expected a number"},
		{"1e3s", `unknown unit "e"`},
		{"106752d", "too large"},
		{"99999999999999999999s", "too large"},
		{"9223372036s9223372036s", "too large"},
	}
	for _, c := range bad {
		got, err := ParseDuration(c.in)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ParseDuration(%q) = %v, %v; want error containing %q", c.in, got, err, c.msg)
		}
	}
}

func TestParseRate(t *testing.T) {
	good := []struct {
		in   string
		n    float64
		per  time.Duration
		rate float64
	}{
		{"200/s", 200, time.Second, 200},
		{"5/min", 5, time.Minute, 5.0 / 60},
		{"0.5/h", 0.5, time.Hour, 0.5 / 3600},
		{"1000/10s", 1000, 10 * time.Second, 100},
		{"3/2h", 3, 2 * time.Hour, 3.0 / 7200},
		{"1/d", 1, 24 * time.Hour, 1.0 / 86400},
		{"0/s", 0, time.Second, 0},
		{"10 / s", 10, time.Second, 10},
		{"2/500ms", 2, 500 * time.Millisecond, 4},
		{"1/sec", 1, time.Second, 1},
	}
	for _, c := range good {
		n, per, err := ParseRateParts(c.in)
		if err != nil || n != c.n || per != c.per {
			t.Errorf("ParseRateParts(%q) = %v, %v, %v; want %v, %v", c.in, n, per, err, c.n, c.per)
		}
		r, err := ParseRate(c.in)
		if err != nil || r != c.rate {
			t.Errorf("ParseRate(%q) = %v, %v; want %v", c.in, r, err, c.rate)
		}
	}
	bad := []struct{ in, msg string }{
		{"200", `"200" has no unit: rates are N/s`},
		{"-5/s", `rate "-5/s" is negative`},
		{"", "empty rate"},
		{"5/", "bad rate"},
		{"/s", `"" is not a number`},
		{"5/0s", `period "0s" is not positive`},
		{"5/10", `period "10" has no unit`},
		{"5/x", `bad duration "x": expected a number`},
		{"5/3x", `unknown unit "x"`},
		{"1/2/s", "bad rate"},
		{"1e3/s", `"1e3" is not a number`},
		{"abc", "bad rate"},
		{"5/-1s", "negative"},
		{strings.Repeat("9", 400) + "/s", "too large"},
	}
	for _, c := range bad {
		_, _, err := ParseRateParts(c.in)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ParseRateParts(%q): err = %v; want error containing %q", c.in, err, c.msg)
		}
	}
}

func TestSubnetCapacity(t *testing.T) {
	for in, want := range map[string]int{
		"10.0.0.0/24": 251, // 256 - 5 reserved by AWS
		"10.0.0.0/28": 11,
		"10.0.0.0/16": 65531,
		"10.0.0.0/31": 0,
		"10.0.0.0/32": 0,
		"::/120":      0,
	} {
		if got := SubnetCapacity(netip.MustParsePrefix(in)); got != want {
			t.Errorf("SubnetCapacity(%s) = %d, want %d", in, got, want)
		}
	}
	if got := SubnetCapacity(netip.Prefix{}); got != 0 {
		t.Errorf("SubnetCapacity(zero) = %d, want 0", got)
	}
}

// TestUnitsArithmetic feeds the numbers whose arithmetic goes wrong: the
// largest duration and one past it, exponents, sub-nanosecond values, and
// rates whose quotient overflows or underflows float64.
func TestUnitsArithmetic(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
	}{
		{"9223372036854775807ns", math.MaxInt64},
		{"106751d23h47m16.854775807s", math.MaxInt64},
		{"0.5ns", 1}, // rounds half away from zero
		{"0.0s", 0},  // zero as written is fine
	} {
		if got, err := ParseDuration(c.in); err != nil || got != c.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, msg string }{
		{"9223372036854775808ns", "too large"},
		{"106751d23h47m16.854775808s", "too large"},
		{"9223372036854775807ns1ns", "too large"},
		{"1e308s", "written without an exponent"},
		{"0.1ns", "rounds to 0"},
		{"0.0000000004s", "rounds to 0"},
	} {
		if got, err := ParseDuration(c.in); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ParseDuration(%q) = %v, %v; want an error containing %q", c.in, got, err, c.msg)
		}
	}
	zeros := strings.Repeat("0", 400)
	for _, c := range []struct{ in, msg string }{
		{"1" + strings.Repeat("0", 308) + "/ns", "too large (more than"},                 // 1e308 / 1e-9 s
		{"1" + strings.Repeat("0", 309) + "/s", "is too large"},                          // 1e309 itself
		{"0." + zeros + "1/s", "too small to represent"},                                 // ParseFloat says 0
		{"0." + strings.Repeat("0", 320) + "5/106751d", "too small to represent (below"}, // 5e-321 / 9.2e15 s
		{"1/0s", "period \"0s\" is not positive"},
		{"1/0.1ns", "rounds to 0"},
	} {
		if r, err := ParseRate(c.in); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("ParseRate(%.30q…) = %v, %v; want an error containing %q", c.in, r, err, c.msg)
		}
	}
	if r, err := ParseRate("1/106751d"); err != nil || r <= 0 {
		t.Errorf("one per 292 years: %v, %v", r, err)
	}
}

// TestNumbersRefusedAtTheirPosition: the loader reports these with the
// file, line and column of the value.
func TestNumbersRefusedAtTheirPosition(t *testing.T) {
	_, err := parseSrc(net + "    arrivals: {process: poisson, rate: 0." + strings.Repeat("0", 400) + "1/s}\n")
	checkErrors(t, err, `s.yaml:12:40: too small to represent`)
	_, err = parseSrc(strings.Replace(net, "duration: 1h", "duration: 0.1ns", 1))
	checkErrors(t, err, `s.yaml:2:11: rounds to 0`)
}
