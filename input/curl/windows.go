package curl

import "unicode/utf8"

// cmdWords splits a command in the Windows cmd form ("Copy as cURL (cmd)"),
// in two layers as Windows does: cmd.exe first takes away its carets (^" an
// escaped quote, ^ at a line end a continuation), then the C runtime of
// curl.exe splits the arguments on blanks, with "..." grouping and \" a
// literal quote. Carets are undone inside quotes too: browsers escape every
// special character that way, and a literal caret is rare in a request.
func cmdWords(data []byte) []word {
	type ch struct {
		b   byte
		off int
		esc bool
	}
	var chars []ch
	for i := 0; i < len(data); i++ {
		b := data[i]
		switch {
		case b == '\r':
			continue
		case b == '^' && i+1 < len(data):
			i++
			if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			if data[i] == '\n' {
				// A continuation: the character after the line break is
				// taken literally, which is how browsers put a newline
				// inside an argument (^ followed by two line breaks).
				if i+1 < len(data) && data[i+1] != '\r' {
					i++
					chars = append(chars, ch{data[i], i, true})
				}
				continue
			}
			chars = append(chars, ch{data[i], i, true})
		case b == '^':
		default:
			chars = append(chars, ch{b, i, false})
		}
	}

	var words []word
	var cur *word
	inQuote, cmdQuote := false, false
	flush := func() {
		if cur != nil {
			words = append(words, *cur)
			cur = nil
		}
	}
	begin := func(off int) {
		if cur == nil {
			cur = &word{start: off}
		}
	}
	for i := 0; i < len(chars); i++ {
		c := chars[i]
		if !c.esc && c.b == '"' {
			cmdQuote = !cmdQuote
		}
		if !c.esc && !cmdQuote && (c.b == '\n' || c.b == '&' || c.b == '|') {
			flush()
			inQuote = false
			words = append(words, word{sep: true, start: c.off})
			continue
		}
		switch c.b {
		case '\\':
			j := i
			for j < len(chars) && chars[j].b == '\\' {
				j++
			}
			begin(c.off)
			n := j - i
			if j < len(chars) && chars[j].b == '"' {
				for k := 0; k < n/2; k++ {
					cur.add('\\', chars[i+2*k].off)
				}
				if n%2 == 1 {
					if !chars[j].esc {
						cmdQuote = !cmdQuote
					}
					cur.add('"', chars[j].off)
					i = j
					continue
				}
				i = j - 1
				continue
			}
			for k := i; k < j; k++ {
				cur.add('\\', chars[k].off)
			}
			i = j - 1
		case '"':
			begin(c.off)
			if inQuote && i+1 < len(chars) && chars[i+1].b == '"' {
				// The C runtime reads "" inside quotes as one literal
				// quote (older "Copy as cURL (cmd)" output relies on it).
				i++
				cmdQuote = !cmdQuote
				cur.add('"', chars[i].off)
				continue
			}
			inQuote = !inQuote
		case ' ', '\t':
			if inQuote {
				begin(c.off)
				cur.add(c.b, c.off)
				continue
			}
			flush()
		case '\n':
			if inQuote || c.esc {
				begin(c.off)
				cur.add(c.b, c.off)
				continue
			}
			flush()
		default:
			begin(c.off)
			cur.add(c.b, c.off)
		}
	}
	flush()
	return words
}

// psWords splits a PowerShell command line: backtick escapes and line
// continuations, single-quoted strings where a doubled quote stands for one,
// double-quoted strings with backtick escapes. PowerShell also takes typographic quotes
// as quotes, which helps with commands pasted from chat.
func psWords(data []byte) []word {
	var words []word
	var cur *word
	flush := func() {
		if cur != nil {
			crtQuotes(cur)
			words = append(words, *cur)
			cur = nil
		}
	}
	begin := func(off int) {
		if cur == nil {
			cur = &word{start: off}
		}
	}
	i := 0
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == '`':
			j := i + 1
			for j < len(data) && (data[j] == ' ' || data[j] == '\t' || data[j] == '\r') {
				j++
			}
			if j >= len(data) || data[j] == '\n' {
				i = j + 1
				continue
			}
			begin(i)
			e, esize := utf8.DecodeRune(data[i+1:])
			cur.addString(psEscape(e), i)
			i += 1 + esize
			continue
		case r == ' ' || r == '\t' || r == '\r':
			flush()
		case r == '\n' || r == ';' || r == '|' || r == '&':
			flush()
			words = append(words, word{sep: true, start: i})
		case r == '#' && cur == nil:
			for i < len(data) && data[i] != '\n' {
				i++
			}
			continue
		case isSingleQuote(r):
			begin(i)
			i = psSingle(data, i+size, cur)
			continue
		case isDoubleQuote(r):
			begin(i)
			i = psDouble(data, i+size, cur)
			continue
		default:
			begin(i)
			for k := 0; k < size; k++ {
				cur.add(data[i+k], i+k)
			}
		}
		i += size
	}
	flush()
	return words
}

func isSingleQuote(r rune) bool {
	return r == '\'' || r == '\u2018' || r == '\u2019' || r == '\u201a' || r == '\u201b'
}

func isDoubleQuote(r rune) bool {
	return r == '"' || r == '\u201c' || r == '\u201d' || r == '\u201e'
}

// psSingle reads a single-quoted string from i (after the opening quote)
// into w and returns the offset after the closing quote.
func psSingle(data []byte, i int, w *word) int { return psQuoted(data, i, w, isSingleQuote, false) }

// psDouble reads a double-quoted string like psSingle, with backtick escapes.
func psDouble(data []byte, i int, w *word) int { return psQuoted(data, i, w, isDoubleQuote, true) }

// psQuoted reads a PowerShell string up to its closing quote: a doubled
// quote stands for one, and in double quotes a backtick escapes.
func psQuoted(data []byte, i int, w *word, isQuote func(rune) bool, backticks bool) int {
	for i < len(data) {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case backticks && r == '`' && i+1 < len(data):
			e, esize := utf8.DecodeRune(data[i+1:])
			w.addString(psEscape(e), i)
			i += 1 + esize
			continue
		case isQuote(r):
			if n, nsize := utf8.DecodeRune(data[i+size:]); i+size < len(data) && isQuote(n) {
				w.addString(string(data[i:i+size]), i)
				i += size + nsize
				continue
			}
			return i + size
		}
		for k := 0; k < size; k++ {
			w.add(data[i+k], i+k)
		}
		i += size
	}
	return i
}

func psEscape(e rune) string {
	switch e {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	case '0':
		return "\x00"
	case utf8.RuneError:
		return ""
	}
	return string(e)
}
