package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// The hand-worked /26 scenario of package plan (see its
// TestHeadroomSubnet26): a new ENI every 8 concurrent invocations, the
// 59th fills the /26 at 465, so healthy holds up to 464 concurrent: a
// factor of 464 / 1.001 / 100 = 4.635 on 100/s, binding at the subnet.
func TestHeadroomCommand(t *testing.T) {
	code, out, errs := enisim("headroom", "../../scenarios/plan/testdata/subnet26.yaml",
		"--scale", "functions.api.arrivals.rate", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res struct {
		Factor  float64
		Found   bool
		Binding []struct{ Where string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if !res.Found || math.Abs(res.Factor-4.635)/4.635 > 0.02 || len(res.Binding) == 0 || !strings.HasPrefix(res.Binding[0].Where, "subnet subnet-26") {
		t.Errorf("headroom: %+v", res)
	}
	code, out, _ = enisim("headroom", "../../scenarios/plan/testdata/subnet26.yaml", "--scale", "functions.api.arrivals", "--until", "ip-share<=0.5")
	if code != 0 || !strings.Contains(out, "factor 2.3") || !strings.Contains(out, "subnet subnet-26") {
		t.Errorf("ip-share: exit %d\n%s", code, out)
	}
}

func TestHeadroomUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"headroom", "layouts"}, "needs --scale"},
		{[]string{"headroom", "layouts", "--scale", "functions.api.memory"}, "--scale functions.api.memory"},
		{[]string{"headroom", "layouts", "--scale", "functions.api.arrivals", "--until", "fast"}, "--until"},
		{[]string{"headroom", "layouts", "--scale", "functions.nosuch.arrivals"}, "nosuch"},
		{[]string{"headroom", "layouts", "--scale", "functions.api.arrivals", "--precision", "2"}, "--precision"},
	} {
		code, _, errs := enisim(c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("enisim %v: exit %d, %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
}
