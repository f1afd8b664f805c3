package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The README's links point at files of the repository that exist (a clone
// has no ../shared), and its anchors at its own headings.
func TestReadmeLinks(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	anchors := map[string]bool{}
	for _, h := range regexp.MustCompile(`(?m)^#+ (.*)$`).FindAllStringSubmatch(readme, -1) {
		a := strings.ToLower(strings.ReplaceAll(h[1], " ", "-"))
		anchors[regexp.MustCompile("[^a-z0-9_-]").ReplaceAllString(a, "")] = true
	}
	n := 0
	for _, m := range regexp.MustCompile(`\]\(([^)\s]+)\)`).FindAllStringSubmatch(readme, -1) {
		link := m[1]
		switch {
		case strings.HasPrefix(link, "http://"), strings.HasPrefix(link, "https://"):
		case strings.HasPrefix(link, "#"):
			if !anchors[link[1:]] {
				t.Errorf("link %s: no such heading", link)
			}
		case strings.HasPrefix(link, "../"), filepath.IsAbs(link):
			t.Errorf("link %s points outside the repository", link)
		default:
			if _, err := os.Stat(filepath.Join("../..", strings.SplitN(link, "#", 2)[0])); err != nil {
				t.Errorf("link %s: %v", link, err)
			}
		}
		n++
	}
	if n < 10 {
		t.Errorf("only %d links found", n)
	}
	if strings.Contains(readme, "../shared/") {
		t.Error("the README names ../shared/, which a clone does not have")
	}
}
