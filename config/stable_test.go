package config

import (
	"slices"
	"testing"
)

// TestPropertyNameLocationStable validates one config many times: a
// problem must be reported at the same place every time, whatever order the
// validator visits the members in (the schema library once shared the slice
// that holds an error's location with the members validated after it).
func TestPropertyNameLocationStable(t *testing.T) {
	text := []byte("version: 1\nchecks:\n  severity: {ad105: error}\n")
	var first []Problem
	for i := range 300 {
		_, problems := Load("aptly-doctor.yaml", text, func(string) (string, bool) { return "", false })
		if i == 0 {
			first = problems
			if len(first) != 1 || first[0].At != (Pos{Line: 3, Col: 14}) {
				t.Fatalf("problems %v, want one at 3:14", first)
			}
			continue
		}
		if !slices.Equal(problems, first) {
			t.Fatalf("run %d: problems %v, first run %v", i, problems, first)
		}
	}
}
