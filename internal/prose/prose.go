// Package prose holds the small helpers every message of the tool writes
// with, once: a noun by count and a value cut short for a message (the
// "did you mean" is package didyoumean's).
package prose

// Plural returns one when n is 1, else many.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Clip shortens s to at most n characters (code points), the last one an
// "…" marking the cut. A payload can hold a megabyte in one string; a
// message quotes it to name it, not to copy it.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:max(n-1, 0)]) + "…"
}

// LowerASCII lowercases the ASCII letters of s and nothing else, so every
// byte offset into s is the same offset into the result (strings.ToLower
// turns an invalid UTF-8 byte into three bytes and shifts what follows).
func LowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
