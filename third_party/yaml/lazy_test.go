package yaml

import (
	"strings"
	"testing"
)

// The fork compiles the two regular expressions on first use; what they
// decide is unchanged: plain scalars in YAML 1.2 float form resolve to
// floats, and strings a YAML 1.1 reader would take for base-60 numbers are
// quoted when written.
func TestLazyRegexpsDecideAsBefore(t *testing.T) {
	for in, want := range map[string]any{"1.5e3": 1500.0, ".5": 0.5, "-2.": -2.0, "1e": "1e", "1_000.5": 1000.5, "1:20": "1:20"} {
		var v any
		if err := Unmarshal([]byte(in), &v); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if v != want {
			t.Errorf("%s decoded as %#v (%T), want %#v", in, v, v, want)
		}
	}
	for in, quoted := range map[string]bool{"1:20": true, "190:20:30.15": true, "1:2x": false, "12": true} {
		out, err := Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.HasPrefix(string(out), `"`); got != quoted {
			t.Errorf("%q written as %s (quoted %v, want %v)", in, out, got, quoted)
		}
	}
}
