package checks

import (
	"strings"
	"testing"
	"unicode/utf8"
)

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
