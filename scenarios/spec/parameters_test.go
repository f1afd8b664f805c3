package spec

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
)

// The table --help prints says what the contract says the defaults are.
func TestParameterDefaults(t *testing.T) {
	want := map[string]string{
		"vpcs.ID.eniQuota":                "500 (older accounts: 250)",
		"region.eniQuota":                 "5000",
		"hyperplane.deleteDelay":          "lognormal, median 10m, p99 35m",
		"hyperplane.reaperSlack":          "uniform 0s-1m",
		"hyperplane.legacyEniDelay":       "lognormal, median 7s, p99 18s",
		"hyperplane.scaleOutRetry":        "5m",
		"functions.NAME.keepAlive":        "10m",
		"functions.NAME.surplusKeepAlive": "uniform 15m-26m",
		"functions.NAME.maxLifetime":      "uniform 1h50m-2h5m",
		"functions.NAME.replacementInit":  "100ms",
		"region.scalingRate":              "1000/10s",
		"hyperplane.idleReclaim":          "14d",
	}
	seen := 0
	for _, p := range Parameters() {
		if w, ok := want[p.Path]; ok {
			seen++
			if p.Default != w {
				t.Errorf("%s: default %q, want %q", p.Path, p.Default, w)
			}
		}
		if p.Source == "" || strings.Contains(p.Source, "#") {
			t.Errorf("%s: source %q is not an anchor", p.Path, p.Source)
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the %d parameters listed", seen, len(want))
	}
	if got := Format(110*time.Minute + 30*time.Second); got != "1h50m30s" {
		t.Errorf("Format = %q", got)
	}
}

// Every docs/aws-behaviour.md#anchor the parameters and the named
// defaults cite is a heading of that file.
func TestParameterSourcesExist(t *testing.T) {
	doc, err := os.ReadFile("../../docs/aws-behaviour.md")
	if err != nil {
		t.Fatal(err)
	}
	anchors := map[string]bool{}
	for _, line := range strings.Split(string(doc), "\n") {
		if h, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " "); ok && strings.HasPrefix(line, "#") {
			anchors[githubAnchor(h)] = true
		}
	}
	cited := []string{}
	for _, p := range Parameters() {
		cited = append(cited, p.Source)
	}
	src, err := os.ReadFile("defaults.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`aws-behaviour\.md#([a-z0-9-]+)`).FindAllStringSubmatch(string(src), -1) {
		cited = append(cited, m[1])
	}
	for _, a := range cited {
		if !anchors[a] {
			t.Errorf("docs/aws-behaviour.md has no heading #%s", a)
		}
	}
}

// githubAnchor is the id GitHub gives a heading: lower case, spaces to
// hyphens, punctuation other than - and _ dropped.
func githubAnchor(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(h)) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
