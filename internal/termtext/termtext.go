// Package termtext makes text that came from an input safe to print on a
// terminal: a file name, a header or a payload line can never send escape
// codes to the user's screen, nor forge a line of its own with a line break.
package termtext

import (
	"fmt"
	"strings"
)

// Escape writes each control character (C0 with tab and line breaks, DEL,
// C1) and each bidirectional override as a visible escape: \x1b, \u202e.
// Everything else, invalid UTF-8 aside (shown as U+FFFD), is kept.
func Escape(s string) string {
	if !strings.ContainsFunc(s, NeedsEscape) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !NeedsEscape(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

// NeedsEscape reports whether r would act on a terminal rather than show.
func NeedsEscape(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
