package checks

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMaskLine(t *testing.T) {
	const key = "a1b2c3d4e5f6a7b8c9d0"
	tests := []struct {
		name, line string
		col        int
		wantCaret  string // the text the caret should sit on in the masked line
	}{
		{name: "caret before the key", line: `-H "x-token: ` + key + `" -d '{}'`, col: 5, wantCaret: "x-token"},
		{name: "caret after the key", line: `-H "x-token: ` + key + `" -d '{}'`, col: 36, wantCaret: "-d"},
		{name: "caret inside the key", line: `x-token: ` + key, col: 14, wantCaret: "…c9d0"},
		{name: "two mentions", line: key + " and " + key + " end", col: 47, wantCaret: "end"},
		{name: "multibyte before", line: "Zoë " + key + " ü", col: 26, wantCaret: "ü"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, caret := maskLine(tt.line, tt.col, []string{key})
			if strings.Contains(got, key) {
				t.Fatalf("key survives: %q", got)
			}
			rest := string([]rune(got)[caret-1:])
			if !strings.HasPrefix(rest, tt.wantCaret) {
				t.Errorf("caret at %d sits on %q, want %q (line %q)", caret, rest, tt.wantCaret, got)
			}
		})
	}
}

func TestClipLine(t *testing.T) {
	line := strings.Repeat("é", 1000) + "HERE" + strings.Repeat("x", 1000)
	col := 1001
	got, c := clipLine(line, col)
	if utf8.RuneCountInString(got) > 600 {
		t.Errorf("clipped line still %d characters", utf8.RuneCountInString(got))
	}
	if rest := string([]rune(got)[c-1:]); !strings.HasPrefix(rest, "HERE") {
		t.Errorf("caret at %d sits on %q", c, rest[:10])
	}
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Error("a cut must be marked with …")
	}
	if short, c := clipLine("short", 3); short != "short" || c != 3 {
		t.Error("a short line must stay as it is")
	}
}
