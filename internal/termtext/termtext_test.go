package termtext

import "testing"

func TestEscape(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{name: "plain", in: "payloads/lead.json", want: "payloads/lead.json"},
		{name: "escape code", in: "a\x1b]0;x\x07.json", want: `a\x1b]0;x\x07.json`},
		{name: "newline", in: "a\n+++ b", want: `a\x0a+++ b`},
		{name: "tab", in: "a\tb", want: `a\x09b`},
		{name: "c1 and del", in: "a\u009b\x7f", want: `a\x9b\x7f`},
		{name: "bidi override", in: "a\u202eb", want: `a\u202eb`},
		{name: "non-ascii kept", in: "café 名前", want: "café 名前"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Escape(tt.in); got != tt.want {
				t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
