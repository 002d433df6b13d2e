package suppress

import (
	"testing"

	"github.com/aptly-doctor/aptly-doctor/input"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, data string
		want       []Directive
	}{
		{name: "js line comment", data: "x\n  // aptly-doctor:ignore AD203 legacy proxy strips it\nfetch(u)\n",
			want: []Directive{{At: pos(2, 6), Checks: []string{"AD203"}, Reason: "legacy proxy strips it"}}},
		{name: "hash after code", data: "url = 'x'  # aptly-doctor:ignore AD307,AD303: fixture board\n",
			want: []Directive{{At: pos(1, 14), Checks: []string{"AD307", "AD303"}, Reason: "fixture board"}}},
		{name: "block comment", data: "/* aptly-doctor:ignore AD305 test key, revoked */\n",
			want: []Directive{{At: pos(1, 4), Checks: []string{"AD305"}, Reason: "test key, revoked"}}},
		{name: "no reason", data: "# aptly-doctor:ignore AD203\n",
			want: []Directive{{At: pos(1, 3), Checks: []string{"AD203"}}}},
		{name: "not in a comment", data: "s = \"aptly-doctor:ignore AD203 words\"\n"},
		{name: "no check", data: "# aptly-doctor:ignore because\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse([]byte(tt.data))
			if len(got) != len(tt.want) {
				t.Fatalf("Parse = %+v, want %+v", got, tt.want)
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				if g.At != w.At || g.Reason != w.Reason || len(g.Checks) != len(w.Checks) || g.Checks[0] != w.Checks[0] {
					t.Errorf("directive %d = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func TestCovers(t *testing.T) {
	d := Directive{At: pos(4, 1), Checks: []string{"AD203"}, Reason: "why"}
	for _, c := range []struct {
		check string
		line  int
		want  bool
	}{{"AD203", 4, true}, {"AD203", 5, true}, {"ad203", 5, true}, {"AD203", 6, false}, {"AD203", 3, false}, {"AD204", 4, false}} {
		if got := d.Covers(c.check, c.line); got != c.want {
			t.Errorf("Covers(%s, %d) = %v, want %v", c.check, c.line, got, c.want)
		}
	}
	d.Reason = ""
	if d.Covers("AD203", 4) {
		t.Error("a directive without a reason silences a finding")
	}
}

func pos(l, c int) input.Pos { return input.Pos{Line: l, Col: c} }
