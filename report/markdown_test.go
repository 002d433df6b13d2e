package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input"
)

func TestMarkdownText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{name: "plain", in: "no header", want: "no header"},
		{name: "cell separator", in: "a|b", want: `a\|b`},
		{name: "backticks", in: "`x`", want: "\\`x\\`"},
		{name: "line breaks", in: "a\nb\r\nc\rd", want: "a<br>b<br>c<br>d"},
		{name: "html", in: "<api-key> & co", want: `\<api-key\> \& co`},
		{name: "pointer tilde", in: "/a~1b/c~0d", want: `/a\~1b/c\~0d`},
		{name: "emphasis and links", in: "*x* _y_ [z](u) ![i]", want: `\*x\* \_y\_ \[z\](u) \!\[i\]`},
		{name: "backslash and escape code", in: `a\b` + "\x1b", want: `a\\b\\x1b`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mdText(tt.in); got != tt.want {
				t.Errorf("mdText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMarkdownTableShape(t *testing.T) {
	var buf bytes.Buffer
	if err := (&Markdown{}).Render(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, l := range strings.Split(buf.String(), "\n") {
		if !strings.HasPrefix(l, "| ") {
			continue
		}
		rows++
		// every row has the header's six unescaped pipes
		if n := strings.Count(l, "|") - strings.Count(l, `\|`); n != 6 {
			t.Errorf("row has %d cell separators, want 6: %s", n, l)
		}
	}
	if rows != 2+5 {
		t.Errorf("%d table lines, want a header, a rule and 5 findings (one of them fixed):\n%s", rows, buf.String())
	}
}

func TestMarkdownAllPass(t *testing.T) {
	r := &checks.Result{FailOn: checks.Error, Targets: []checks.TargetResult{{Path: "a.json", Kind: input.KindPayload}}}
	r.Settle()
	var buf bytes.Buffer
	if err := (&Markdown{}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	if strings.Contains(got, "###") || !strings.Contains(got, "- ✓ a.json") || !strings.Contains(got, "**✓ 1 target checked: 1 passed") {
		t.Errorf("unexpected report for a clean run:\n%s", got)
	}
}
