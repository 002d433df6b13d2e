package secret

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// A key is not always written in one piece: shell quoting splits it
// ("x-token: "'abc'"def"), a continued line breaks it (abc\<newline>def).
// The matching below finds a secret however its characters are written,
// skipping what only the shell sees between them, and the replacement
// keeps those characters, so a masked command still parses as it did.

// skip returns the length of the run at s[i] that the shell drops between
// two characters of one word: a quote, or a line continuation (backslash,
// cmd's caret or PowerShell's backtick before a line break). 0 when s[i]
// is text.
func skip(s string, i int) int {
	switch s[i] {
	case '\'', '"':
		return 1
	case '\\', '^', '`':
		j := i + 1
		if j < len(s) && s[j] == '\r' {
			j++
		}
		if j < len(s) && s[j] == '\n' || j > i+1 {
			if j < len(s) && s[j] == '\n' {
				j++
			}
			return j - i
		}
	}
	return 0
}

// matchAt returns the end of sec written at s[i:], with skipped runs
// allowed between its characters, or -1.
func matchAt(s string, i int, sec string) int {
	k := 0
	for k < len(sec) {
		if i >= len(s) {
			return -1
		}
		if s[i] == sec[k] {
			i++
			k++
			continue
		}
		if k == 0 {
			return -1
		}
		n := skip(s, i)
		if n == 0 {
			return -1
		}
		i += n
	}
	return i
}

// span is a secret found in a text: s[Start:End] spells it.
type span struct {
	start, end int
	secret     string
}

// spans finds every secret in s, longest secrets first, never overlapping.
func spans(s string, secrets []string) []span {
	secrets = longestFirst(secrets)
	var out []span
	taken := func(a, b int) bool {
		for _, sp := range out {
			if a < sp.end && sp.start < b {
				return true
			}
		}
		return false
	}
	for _, sec := range secrets {
		if sec == "" {
			continue
		}
		for i := 0; i < len(s); {
			j := strings.IndexByte(s[i:], sec[0])
			if j < 0 {
				break
			}
			i += j
			if end := matchAt(s, i, sec); end > 0 && !taken(i, end) {
				out = append(out, span{i, end, sec})
				i = end
				continue
			}
			i++
		}
	}
	slices.SortFunc(out, func(a, b span) int { return a.start - b.start })
	return out
}

// longestFirst orders secrets so a key is masked whole before any part of
// it; equal lengths sort by text, so the result never depends on map order.
func longestFirst(secrets []string) []string {
	out := slices.Clone(secrets)
	slices.SortFunc(out, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return slices.Compact(out)
}

// Replace writes s with every secret, however quoting splits it, replaced
// by mask(secret) followed by the quotes and line continuations that were
// inside it, so the text keeps its shape.
func Replace(s string, secrets []string, mask func(string) string) string {
	if len(secrets) == 0 || s == "" {
		return s
	}
	sps := spans(s, secrets)
	if len(sps) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, sp := range sps {
		b.WriteString(s[last:sp.start])
		b.WriteString(mask(sp.secret))
		b.WriteString(skipped(s, sp.start, sp.end))
		last = sp.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// skipped returns the runs the shell drops inside s[start:end].
func skipped(s string, start, end int) string {
	var b strings.Builder
	for i := start; i < end; {
		if n := skip(s, i); n > 0 {
			b.WriteString(s[i:min(i+n, end)])
			i += n
			continue
		}
		i++
	}
	return b.String()
}

// MaskText replaces every secret in s with its Mask: for a message, a fix
// or any text a person reads.
func MaskText(s string, secrets []string) string { return Replace(s, secrets, Mask) }

// MaskLine masks the secrets in lines[n] of a text, for a quoted source
// line: a secret that a line continuation carries over from the line
// before or on to the line after is masked on each line it touches. col is
// the 1-based code point column a caret points at; the result gives the
// column it belongs at in the masked line, at the start of a mask when it
// fell inside a secret.
func MaskLine(text string, lineStart, lineEnd, col int, secrets []string) (string, int) {
	if len(secrets) == 0 || lineStart >= lineEnd {
		return text[lineStart:lineEnd], col
	}
	caret := lineStart + lines.ByteOffset(text[lineStart:lineEnd], col)
	var b strings.Builder
	outCol := -1
	last := lineStart
	runes := 0
	write := func(x string) {
		b.WriteString(x)
		runes += utf8.RuneCountInString(x)
	}
	for _, sp := range spans(text, secrets) {
		if sp.end <= lineStart || sp.start >= lineEnd {
			continue
		}
		from, to := max(sp.start, lineStart), min(sp.end, lineEnd)
		if outCol < 0 && caret < from {
			write(text[last:caret])
			outCol = runes + 1
			write(text[caret:from])
		} else {
			write(text[last:from])
		}
		if outCol < 0 && caret < to {
			outCol = runes + 1
		}
		if sp.start >= lineStart {
			write(Mask(sp.secret))
		}
		write(skipped(text, from, to))
		last = to
	}
	if outCol < 0 && caret >= last {
		write(text[last:caret])
		outCol = runes + 1
		write(text[caret:lineEnd])
	} else {
		write(text[last:lineEnd])
	}
	return b.String(), outCol
}
