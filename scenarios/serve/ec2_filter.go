package serve

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Bounds on one EC2 request's filters and ids.
const (
	maxFilters = 50
	maxValues  = 200
)

// filter is one Filter.N of an EC2 request: it matches an item when any
// of its values matches any of the item's values for Name, with * and ?
// wildcards; filters are ANDed.
type filter struct {
	name   string
	values []string
}

// filters reads Filter.N.Name / Filter.N.Value.M, refusing names the
// caller's Describe does not know, as EC2 does.
func filters(form url.Values, known []string) ([]filter, error) {
	var out []filter
	ns := indexes(form, "Filter.", ".Name")
	if len(ns) > maxFilters {
		return nil, fmt.Errorf("at most %d filters", maxFilters)
	}
	for _, n := range ns {
		name := form.Get(fmt.Sprintf("Filter.%d.Name", n))
		if !slices.Contains(known, name) && !strings.HasPrefix(name, "tag:") {
			return nil, ec2Message(fmt.Sprintf("The filter '%s' is invalid", name))
		}
		f := filter{name: name}
		ms := indexes(form, fmt.Sprintf("Filter.%d.Value.", n), "")
		if len(ms) > maxValues {
			return nil, fmt.Errorf("at most %d values in a filter", maxValues)
		}
		for _, m := range ms {
			f.values = append(f.values, form.Get(fmt.Sprintf("Filter.%d.Value.%d", n, m)))
		}
		out = append(out, f)
	}
	return out, nil
}

// ec2Message is an error whose text is EC2's own message, capitalised as
// EC2 writes it.
type ec2Message string

func (m ec2Message) Error() string { return string(m) }

// ids reads PREFIX.N (NetworkInterfaceId.N, SubnetId.N) in the order of
// N, whatever the numbers: a list that started at 2 used to read as none,
// and so as every item.
func ids(form url.Values, prefix string) []string {
	var out []string
	for _, n := range indexes(form, prefix+".", "") {
		if v := form.Get(prefix + "." + strconv.Itoa(n)); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// indexes are the numbers N of the form's keys PREFIX N SUFFIX, sorted.
func indexes(form url.Values, prefix, suffix string) []int {
	var out []int
	for k := range form {
		if s, ok := strings.CutPrefix(k, prefix); ok {
			if s, ok = strings.CutSuffix(s, suffix); ok {
				if n, err := strconv.Atoi(s); err == nil && n > 0 && strconv.Itoa(n) == s {
					out = append(out, n)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// fields are an item's values by filter name.
type fields map[string][]string

func (fs fields) match(filters []filter, idKey string, wanted []string) bool {
	if len(wanted) > 0 && !slices.Contains(wanted, first(fs[idKey])) {
		return false
	}
	for _, f := range filters {
		if !anyMatch(f.values, fs[f.name]) {
			return false
		}
	}
	return true
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

func anyMatch(patterns, values []string) bool {
	for _, p := range patterns {
		for _, v := range values {
			if glob(p, v) {
				return true
			}
		}
	}
	return false
}

// glob matches s against p, where * is any run of characters and ? any
// one; it backtracks only to the last star, so it runs in
// O(len(p) x len(s)) whatever the pattern.
func glob(p, s string) bool {
	px, sx, starP, starS := 0, 0, -1, 0
	for px < len(p) || sx < len(s) {
		if px < len(p) {
			switch c := p[px]; {
			case c == '*':
				starP, starS = px, sx+1
				px++
				continue
			case sx < len(s) && (c == '?' || c == s[sx]):
				px++
				sx++
				continue
			}
		}
		if starP >= 0 && starS <= len(s) {
			px, sx = starP+1, starS
			starS++
			continue
		}
		return false
	}
	return true
}
