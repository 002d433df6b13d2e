package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// TestCaretWidth: the caret sits under the character the column names,
// counting the cells a terminal draws (two for CJK, none for a combining
// accent), while the reported column stays in code points.
func TestCaretWidth(t *testing.T) {
	tests := []struct {
		name    string
		snippet string
		col     int // code points, as the finding reports it
		cells   int // display cells before the caret
	}{
		{name: "ascii", snippet: `{"Name":1,}`, col: 10, cells: 9},
		{name: "cjk", snippet: `{"名前":1,}`, col: 8, cells: 9},
		{name: "combining accent", snippet: "{\"Cafe\u0301\":1,}", col: 11, cells: 9},
		{name: "emoji", snippet: `{"🏠":1,}`, col: 7, cells: 7},
		{name: "tab", snippet: "{\t\"a\":1,}", col: 8, cells: 10},
		{name: "long line cut", snippet: `{"a":"` + strings.Repeat("長", 150) + `",}`, col: 158, cells: 80},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &checks.Result{FailOn: checks.Error, Targets: []checks.TargetResult{{
				Path: "p.json", Kind: "payload", Status: checks.StatusFail,
				Findings: []checks.Finding{{Check: "AD101", Severity: checks.Error, Path: "p.json",
					Line: 1, Col: tt.col, Message: "m", Snippet: tt.snippet}},
			}}}
			var buf bytes.Buffer
			if err := newText(Options{}).Render(&buf, r); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(buf.String(), "\n")
			if !strings.HasPrefix(lines[0], "p.json:1:"+itoa(tt.col)+":") {
				t.Errorf("location %q: the column must stay in code points", lines[0])
			}
			caret := lines[2]
			const gutter = "   | "
			if !strings.HasPrefix(caret, gutter) || !strings.HasSuffix(caret, "^") {
				t.Fatalf("caret line %q", caret)
			}
			if got := len(caret) - len(gutter) - 1; got != tt.cells {
				t.Errorf("caret after %d cells, want %d\n%s\n%s", got, tt.cells, lines[1], caret)
			}
		})
	}
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
