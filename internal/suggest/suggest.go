// Package suggest finds the name a user most likely meant when they typed
// one that does not exist (a command, a built-in scenario, a scenario key),
// so that an error can say "did you mean ...?".
//
// suggest imports no enisim package: the CLI and the scenario decoder
// (scenarios/spec) both use it.
package suggest

// Nearest is the name in names nearest to typed, or "" when none is near:
// at most a third of the word's letters (and at least one) changed,
// inserted, deleted or swapped. A name equal to typed is no suggestion.
func Nearest(typed string, names []string) string {
	best, bestD := "", len(typed)/3+1
	for _, n := range names {
		if d := editDistance(typed, n); d < bestD || d == bestD && best == "" && d <= 1 {
			best, bestD = n, d
		}
	}
	if best == typed {
		return ""
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b:
// the fewest single-byte insertions, deletions, substitutions and swaps of
// neighbours that turn one into the other.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
