package prose

import "testing"

func TestPlural(t *testing.T) {
	if Plural(1, "entry", "entries") != "entry" || Plural(0, "entry", "entries") != "entries" || Plural(2, "a", "b") != "b" {
		t.Error("Plural picks the wrong form")
	}
}

func TestClip(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"eleven char", 10, "eleven ch…"},
		{"ééééééééééé", 10, "ééééééééé…"},
		{"éééééééééé", 10, "éééééééééé"},
	} {
		if got := Clip(tt.in, tt.n); got != tt.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
