package didyoumean

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"format", "fail-on", "fix", "output", "timeout", "quiet"}
	tests := []struct {
		word, want string
		ok         bool
	}{
		{word: "formt", want: "format", ok: true},
		{word: "FORMAT", want: "format", ok: true},
		{word: "failon", want: "fail-on", ok: true},
		{word: "outptu", want: "output", ok: true},
		{word: "x", want: "fix", ok: false},
		{word: "completely-different", ok: false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			got, ok := Closest(tt.word, names)
			if ok != tt.ok || ok && got != tt.want {
				t.Errorf("Closest(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestNearest(t *testing.T) {
	best, d, ok := Nearest("Stauts", []string{"Name", "Status", "State"})
	if !ok || best != "Status" || d != 2 {
		t.Errorf("Nearest = %q %d %v", best, d, ok)
	}
	if best, _, _ := Nearest("ab", []string{"ac", "ad"}); best != "ac" {
		t.Errorf("a tie goes to the first candidate, got %q", best)
	}
	if _, _, ok := Nearest("x", nil); ok {
		t.Error("no candidates, no suggestion")
	}
}
