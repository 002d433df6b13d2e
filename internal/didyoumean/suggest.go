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
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	best, bestD, ok := Nearest(word, sorted)
	if !ok {
		return "", false
	}
	limit := min(max(len([]rune(word))/3, 1), 3)
	if bestD <= limit {
		return best, true
	}
	return "", false
}

// Nearest returns the candidate closest to word by edit distance, letters
// compared without case, and that distance; the first of equally close
// candidates wins. ok is false when there are no candidates. Whether the
// nearest is near enough to suggest is the caller's to say (Closest is the
// usual rule).
func Nearest(word string, candidates []string) (best string, dist int, ok bool) {
	w := strings.ToLower(word)
	for _, c := range candidates {
		d := levenshtein.ComputeDistance(w, strings.ToLower(c))
		if !ok || d < dist {
			best, dist, ok = c, d, true
		}
	}
	return best, dist, ok
}

// Distance is the edit distance between a and b, letters compared as
// they are.
func Distance(a, b string) int { return levenshtein.ComputeDistance(a, b) }
