// Package didyoumean finds the closest of a list of names to a word someone
// typed: "did you mean" for flags, config keys and the like.
package didyoumean

import (
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"
)

// Closest returns the candidate nearest to word by edit distance (case
// ignored; ties go to the first in sorted order), when it is near enough to
// be a typo: at most a third of the word's length, between 1 and 3 edits.
func Closest(word string, candidates []string) (string, bool) {
	best, bestD := "", -1
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	lw := strings.ToLower(word)
	for _, c := range sorted {
		d := levenshtein.ComputeDistance(lw, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := min(max(len([]rune(word))/3, 1), 3)
	if bestD >= 0 && bestD <= limit {
		return best, true
	}
	return "", false
}
