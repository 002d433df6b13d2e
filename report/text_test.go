package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/rivo/uniseg"
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

// run of n targets, the first of which has an error.
func textRun(n int) *checks.Result {
	r := &checks.Result{FailOn: checks.Error}
	for i := range n {
		p := fmt.Sprintf("p%05d.json", i)
		tr := checks.TargetResult{Path: p, Kind: input.KindPayload, Units: 1}
		if i == 0 {
			tr.Findings = []checks.Finding{{Check: "AD101", Name: "json-syntax", Severity: checks.Error, Path: p, Line: 1, Col: 2, Message: "bad"}}
		}
		r.Targets = append(r.Targets, tr)
	}
	r.Settle()
	return r
}

func TestTextPassLinesAndQuiet(t *testing.T) {
	tests := []struct {
		name           string
		targets        int
		opts           Options
		passLines      int
		summary, found bool
	}{
		{name: "short run shows pass lines", targets: PassLinesUpTo, passLines: PassLinesUpTo - 1, summary: true, found: true},
		{name: "long run hides them", targets: PassLinesUpTo + 1, passLines: 0, summary: true, found: true},
		{name: "long run under --verbose shows them", targets: 200, opts: Options{Verbose: true}, passLines: 199, summary: true, found: true},
		{name: "--quiet: findings only", targets: 5, opts: Options{Quiet: true}, found: true},
		{name: "--quiet beats --verbose", targets: 5, opts: Options{Quiet: true, Verbose: true}, found: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := newText(tt.opts).Render(&buf, textRun(tt.targets)); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if got := strings.Count(out, "✓ p"); got != tt.passLines {
				t.Errorf("%d pass lines, want %d", got, tt.passLines)
			}
			if got := strings.Contains(out, "targets checked"); got != tt.summary {
				t.Errorf("summary shown %v, want %v:\n%s", got, tt.summary, out)
			}
			if got := strings.Contains(out, "p00000.json:1:2: error: bad"); got != tt.found {
				t.Errorf("finding shown %v, want %v", got, tt.found)
			}
		})
	}
}

// cells agrees with uniseg on ASCII, where it takes its short cut, and on
// what it hands over.
func TestWidthAsUniseg(t *testing.T) {
	var all []string
	for c := 0; c < 0x80; c++ {
		all = append(all, "ab"+string(rune(c))+"cd")
	}
	all = append(all, "", "{\"Name\": \"x\",}", "naïve", "東京", "e\u0301", "…\"x-token\"", "\t")
	for _, s := range all {
		if got, want := cells(s), uniseg.StringWidth(s); got != want {
			t.Errorf("cells(%q) = %d, uniseg says %d", s, got, want)
		}
	}
}
