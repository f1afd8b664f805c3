package spec

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// The execution-environment and ENI-timing keys of 2026-12: each decodes
// what is written, and each bad value is an error at its position.
func TestEnvironmentKeys(t *testing.T) {
	src := net + `    keepAlive: 7m
    surplusKeepAlive: {dist: uniform, min: 12m, max: 20m}
    maxLifetime: 4h
    replacementInit: {dist: fixed, value: 250ms}
hyperplane:
  reaperSlack: {dist: uniform, min: 10s, max: 50s}
  legacyEniDelay: {dist: lognormal, median: 6s, p99: 17s}
  deleteDelay: 20m
  scaleOutRetry: 2m
`
	s, err := parseSrc(src)
	if err != nil {
		t.Fatal(err)
	}
	f, h := s.Functions[0], s.Hyperplane
	if f.KeepAlive != 7*time.Minute || f.SurplusKeepAlive.Min != 12*time.Minute || f.SurplusKeepAlive.Max != 20*time.Minute ||
		f.MaxLifetime.Kind != "fixed" || f.MaxLifetime.Value != 4*time.Hour || f.ReplacementInit.Value != 250*time.Millisecond {
		t.Errorf("function: %+v", f)
	}
	if h.ReaperSlack.Min != 10*time.Second || h.ReaperSlack.Max != 50*time.Second || h.LegacyENIDelay.Kind != "lognormal" ||
		h.DeleteDelay.Value != 20*time.Minute || h.ScaleOutRetry != 2*time.Minute {
		t.Errorf("hyperplane: %+v", h)
	}
	s, err = parseSrc(net + "    maxLifetime: never\n    surplusKeepAlive: never\n")
	if err != nil {
		t.Fatal(err)
	}
	if f := s.Functions[0]; f.MaxLifetime.Kind != "" || f.SurplusKeepAlive.Kind != "" {
		t.Errorf("never: %+v %+v, want unset distributions", f.MaxLifetime, f.SurplusKeepAlive)
	}
}

func TestEnvironmentKeyErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"lifetime zero", net + "    maxLifetime: 0s\n",
			`s.yaml:12:18: functions.f.maxLifetime: an environment must live more than 0s; write never to turn this off`},
		{"surplus from zero", net + "    surplusKeepAlive: {dist: uniform, min: 0s, max: 5m}\n",
			`s.yaml:12:23: functions.f.surplusKeepAlive: an environment must live more than 0s`},
		{"lifetime bare number", net + "    maxLifetime: 7200\n",
			`s.yaml:12:18: functions.f.maxLifetime (a distribution, or never): "7200" has no unit`},
		{"replacementInit typo", net + "    replacementInit: {dist: fixed, valu: 1s}\n",
			`s.yaml:12:36: functions.f.replacementInit: unknown key "valu"; valid keys: dist, value`},
		{"reaperSlack bad", net + "hyperplane: {reaperSlack: {dist: uniform, min: 2m, max: 1m}}\n",
			`s.yaml:12:27: hyperplane.reaperSlack: min 2m0s is more than max 1m0s`},
		{"legacyEniDelay bare", net + "hyperplane: {legacyEniDelay: 10}\n",
			`s.yaml:12:30: hyperplane.legacyEniDelay: "10" has no unit`},
		{"scaleOutRetry zero", net + "hyperplane: {scaleOutRetry: 0s}\n",
			`s.yaml:12:29: hyperplane.scaleOutRetry: must be more than 0s`},
		{"keepAlive typo", net + "    keepAlvie: 5m\n",
			`s.yaml:12:5: functions.f: unknown key "keepAlvie"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseSrc(c.src)
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error %v, want an ErrorList", err)
			}
			for _, e := range list {
				if strings.HasPrefix(e.Error(), c.want) {
					return
				}
			}
			t.Errorf("errors:\n%v\nwant one starting %s", err, c.want)
		})
	}
}

// A VPC without eniQuota gets the 2026 Lambda quota, 500.
func TestVPCENIQuotaDefault(t *testing.T) {
	s, err := parseSrc(net)
	if err != nil {
		t.Fatal(err)
	}
	if q := s.VPCs[0].ENIQuota; q != 500 {
		t.Errorf("eniQuota %d, want 500", q)
	}
}
