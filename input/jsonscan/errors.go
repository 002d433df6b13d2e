package jsonscan

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// The errors below are built only once parsing has failed, so they may take
// their time: look around the offending byte, count lines, guess intent.

func (p *parser) truncated(what string) bool {
	d := p.data
	end := len(d)
	for end > 0 && isWS(d[end-1]) {
		end--
	}
	var closers strings.Builder
	for i := len(p.frames) - 1; i >= 0; i-- {
		if p.frames[i].arr {
			closers.WriteByte(']')
		} else {
			closers.WriteByte('}')
		}
	}
	var msg string
	switch {
	case what == "string":
		msg = "body ends inside a string that is never closed"
		if n := len(p.frames); n > 0 {
			msg += fmt.Sprintf(", and %q is missing after it", closers.String())
		}
	case len(p.frames) == 0:
		msg = fmt.Sprintf("body ends in the middle of %s", what)
	default:
		f := p.frames[len(p.frames)-1]
		msg = fmt.Sprintf("body ends before the %s opened at line %d is closed: %q is missing",
			kindName(f.arr), lineOf(d, f.start), closers.String())
	}
	return p.fail(end, "truncated", msg,
		"Send the complete body; look for what cut it short (a size limit, a shell quote, a copy that stopped early)")
}

func kindName(arr bool) string {
	if arr {
		return "array"
	}
	return "object"
}

// lineOf is the line of the byte at off, counted by the program's one line
// index.
func lineOf(d []byte, off int) int {
	line, _ := lines.Pos(d, off)
	return line
}

func (p *parser) tooDeep() bool {
	return p.fail(p.pos, "too-deep",
		fmt.Sprintf("objects and arrays nest deeper than %d levels, the most this tool accepts", p.max),
		"Flatten the payload: card fields never need nesting this deep")
}

func (p *parser) trailingComma(comma int, closer byte) bool {
	what := "member"
	if closer == ']' {
		what = "element"
	}
	return p.fail(comma, "trailing-comma",
		fmt.Sprintf("trailing comma before %q: JSON allows no comma after the last %s", string(closer), what),
		fmt.Sprintf("Remove the comma after the last %s", what))
}

// describe names the byte at i for a message: the character itself when it
// is printable, its code otherwise.
func describe(d []byte, i int) string {
	c := d[i]
	switch {
	case c >= 0x20 && c < 0x7F:
		return strconv.Quote(string(c))
	case c < utf8.RuneSelf:
		return fmt.Sprintf("control byte 0x%02X", c)
	}
	r, size := utf8.DecodeRune(d[i:])
	if r == utf8.RuneError && size == 1 {
		return fmt.Sprintf("byte 0x%02X", c)
	}
	return strconv.Quote(string(r))
}

func smartQuote(d []byte, i int) (string, bool) {
	if i+2 < len(d) && d[i] == 0xE2 && d[i+1] == 0x80 {
		switch d[i+2] {
		case 0x98, 0x99, 0x9C, 0x9D:
			return string(d[i : i+3]), true
		}
	}
	return "", false
}

func isComment(d []byte, i int) bool {
	return i+1 < len(d) && d[i] == '/' && (d[i+1] == '/' || d[i+1] == '*')
}

func (p *parser) comment(i int) bool {
	kind := "a // comment"
	if p.data[i+1] == '*' {
		kind = "a /* */ comment"
	}
	return p.fail(i, "comment", fmt.Sprintf("%s: JSON has no comments", kind),
		"Remove the comment, or move the note into a field")
}

func (p *parser) singleQuotes(i int, what string) bool {
	return p.fail(i, "single-quotes",
		fmt.Sprintf("%s written in single quotes: JSON needs double quotes", what),
		fmt.Sprintf("Put the %s in double quotes instead of single quotes", what))
}

func (p *parser) smartQuotes(i int, q string) bool {
	return p.fail(i, "smart-quotes",
		fmt.Sprintf("typographic quote %q used as a quote mark: JSON only knows the plain double quote", q),
		"Replace the curly quotes with plain double quotes (\"), as a word processor or chat app may have changed them")
}

// canStartValue reports bytes that look like the start of a value, even a
// mistaken one, to tell a missing comma from a stray character.
func canStartValue(d []byte, i int) bool {
	c := d[i]
	switch {
	case c == '"' || c == '\'' || c == '{' || c == '[' || c == '-' || c == '+' || c == '.':
		return true
	case isWordByte(c):
		return true
	}
	_, ok := smartQuote(d, i)
	return ok
}

// quoteOrComment explains the culprits a value and a key share at i: smart
// quotes, single quotes (around a what: "string" or "key") and a comment.
// handled says whether i was one of them.
func (p *parser) quoteOrComment(i int, what string) (ok, handled bool) {
	d := p.data
	if q, isQuote := smartQuote(d, i); isQuote {
		return p.smartQuotes(i, q), true
	}
	switch {
	case d[i] == '\'':
		return p.singleQuotes(i, what), true
	case isComment(d, i):
		return p.comment(i), true
	}
	return false, false
}

// badValue explains the byte at p.pos where a value was expected.
func (p *parser) badValue() bool {
	d := p.data
	i := p.pos
	c := d[i]
	if ok, handled := p.quoteOrComment(i, "string"); handled {
		return ok
	}
	switch {
	case isWordByte(c):
		return p.badWord(i)
	case c == '}' || c == ']' || c == ',' || c == ':':
		return p.missingValue(i)
	case c >= utf8.RuneSelf && isInvalid(d, i):
		return p.invalidUTF8(i)
	}
	return p.fail(i, "unexpected", fmt.Sprintf("found %s where a value was expected", describe(d, i)),
		"Write a value here: a string in double quotes, a number, true, false, null, an object or an array")
}

func isInvalid(d []byte, i int) bool {
	r, size := utf8.DecodeRune(d[i:])
	return r == utf8.RuneError && size == 1
}

func (p *parser) missingValue(i int) bool {
	d := p.data
	c := d[i]
	n := len(p.frames)
	switch {
	case n == 0:
		return p.fail(i, "unexpected", fmt.Sprintf("found %s where the body should start with a value", describe(d, i)),
			"Start the body with the JSON value itself, usually an object in { }")
	case !p.frames[n-1].arr:
		return p.fail(i, "unexpected",
			fmt.Sprintf("member %q has no value: found %s after the colon", p.frames[n-1].key, describe(d, i)),
			"Write a value after the colon, or null if there is none")
	case c == ',':
		return p.fail(i, "unexpected", "two commas in a row: an array element is missing",
			"Remove the extra comma, or write the missing element")
	case c == '}':
		return p.fail(i, "unexpected",
			fmt.Sprintf("found \"}\" but the array opened at line %d is still open", lineOf(d, p.frames[n-1].start)),
			"Close the array with \"]\"")
	}
	return p.fail(i, "unexpected", fmt.Sprintf("found %s where an array element was expected", describe(d, i)),
		"Write a value here or remove the stray character")
}

// badWord explains bare letters where a value was expected: a literal in
// the wrong case, Python's None, NaN, or text that lost its quotes.
func (p *parser) badWord(start int) bool {
	d := p.data
	end := start
	for end < len(d) && isWordByte(d[end]) {
		end++
	}
	w := string(d[start:end])
	lw := strings.ToLower(w)
	switch lw {
	case "nan", "infinity", "inf":
		return p.nanInfinity(start, w)
	case "true", "false", "null":
		return p.fail(start, "python-literal",
			fmt.Sprintf("%q is not a JSON literal: JSON spells it %s, all lowercase", w, lw),
			fmt.Sprintf("Write %s instead of %s", lw, w))
	case "none", "undefined", "nil":
		return p.fail(start, "python-literal",
			fmt.Sprintf("%q is not a JSON literal: JSON writes a missing value as null", w),
			fmt.Sprintf("Write null instead of %s", w))
	}
	if end == len(d) && (strings.HasPrefix("true", w) || strings.HasPrefix("false", w) || strings.HasPrefix("null", w)) {
		return p.truncated(fmt.Sprintf("the literal %q", w))
	}
	if n := len(p.frames); n > 0 && !p.frames[n-1].arr {
		return p.fail(start, "unexpected",
			fmt.Sprintf("value of %q is unquoted text %q", p.frames[n-1].key, w),
			"Put the text in double quotes")
	}
	return p.fail(start, "unexpected", fmt.Sprintf("unquoted text %q where a value was expected", w),
		"Put the text in double quotes")
}

func (p *parser) nanInfinity(start int, w string) bool {
	return p.fail(start, "nan-infinity",
		fmt.Sprintf("%q is not a JSON number: JSON has no NaN or Infinity", w),
		"Send null, or the value as a string, instead")
}

// badNumber explains a number that breaks the grammar; bad is where the
// strict grammar gave up.
func (p *parser) badNumber(start, bad int) bool {
	d := p.data
	end := start
	for end < len(d) && isNumberTail(d[end]) {
		end++
	}
	tok := string(d[start:end])
	body := tok
	if body != "" && (body[0] == '-' || body[0] == '+') {
		body = body[1:]
	}
	switch strings.ToLower(body) {
	case "nan", "infinity", "inf":
		return p.nanInfinity(start, tok)
	}
	if bad >= len(d) && end == len(d) && len(p.frames) > 0 {
		return p.truncated("")
	}
	var msg, fix string
	switch {
	case bad >= len(d) && end == len(d):
		msg = fmt.Sprintf("number %q is cut short", tok)
		fix = "Send the complete number"
	case tok[0] == '+':
		msg = fmt.Sprintf("number %q starts with a plus sign, which JSON does not allow", tok)
		fix = "Remove the plus sign"
	case strings.HasPrefix(body, "."):
		msg = fmt.Sprintf("number %q has no digit before the decimal point", tok)
		fix = fmt.Sprintf("Write a zero before the point: %s0%s", tok[:len(tok)-len(body)], body)
	case strings.HasPrefix(body, "0x") || strings.HasPrefix(body, "0X"):
		msg = fmt.Sprintf("hexadecimal number %q is not JSON", tok)
		fix = "Write the number in decimal"
		if n, err := strconv.ParseInt(body[2:], 16, 64); err == nil {
			fix = fmt.Sprintf("Write the number in decimal: %s%d", tok[:len(tok)-len(body)], n)
		}
	case len(body) > 1 && body[0] == '0' && isDigit(body[1]):
		msg = fmt.Sprintf("number %q has a leading zero, which JSON does not allow", tok)
		fix = "Remove the leading zeros, or send the value as a string if they matter (postcodes, phone numbers)"
	case bad > start && d[bad-1] == '.':
		msg = fmt.Sprintf("number %q has no digit after the decimal point", tok)
		fix = "Add a digit after the point, or remove the point"
	case bad > start && (d[bad-1] == 'e' || d[bad-1] == 'E' || d[bad-1] == '+' || d[bad-1] == '-') && bad-1 > start:
		msg = fmt.Sprintf("number %q has an exponent without digits", tok)
		fix = "Add digits after the exponent, or remove the exponent"
	default:
		msg = fmt.Sprintf("%q is not a valid JSON number", tok)
		fix = "Write the number as plain digits, with an optional minus sign, decimal point and exponent, or send it as a string"
	}
	return p.fail(start, "bad-number", msg, fix)
}

// badKey explains the byte at p.pos where a key was expected; comma is the
// offset of the comma before it, or -1 right after "{".
func (p *parser) badKey(comma int) bool {
	d := p.data
	i := p.pos
	c := d[i]
	if ok, handled := p.quoteOrComment(i, "key"); handled {
		return ok
	}
	switch {
	case isWordByte(c):
		end := i
		for end < len(d) && isWordByte(d[end]) {
			end++
		}
		w := string(d[i:end])
		return p.fail(i, "unquoted-key", fmt.Sprintf("key %q is not in double quotes", w),
			fmt.Sprintf("Put the key in double quotes: \"%s\"", w))
	case c == ',' && comma >= 0:
		return p.fail(i, "unexpected", "two commas in a row: a member is missing",
			"Remove the extra comma")
	case c == ']':
		return p.fail(i, "unexpected",
			fmt.Sprintf("found \"]\" but the object opened at line %d is still open", lineOf(d, p.frames[len(p.frames)-1].start)),
			"Close the object with \"}\"")
	case c >= utf8.RuneSelf && isInvalid(d, i):
		return p.invalidUTF8(i)
	}
	return p.fail(i, "unexpected", fmt.Sprintf("found %s where a key in double quotes was expected", describe(d, i)),
		"Write the member as \"key\": value")
}

func (p *parser) missingColon(key string) bool {
	d := p.data
	i := p.pos
	if isComment(d, i) {
		return p.comment(i)
	}
	fix := fmt.Sprintf("Add a colon after the key %q", key)
	if d[i] == '=' {
		fix = "Replace \"=\" with a colon"
	}
	return p.fail(i, "missing-colon",
		fmt.Sprintf("key %q is not followed by a colon: found %s", key, describe(d, i)), fix)
}

// afterMember explains the byte after a member's value that is neither ","
// nor "}".
func (p *parser) afterMember() bool {
	d := p.data
	i := p.pos
	c := d[i]
	f := p.frames[len(p.frames)-1]
	switch {
	case isComment(d, i):
		return p.comment(i)
	case c != '{' && c != '[' && c != '-' && c != '+' && c != '.' && canStartValue(d, i):
		return p.fail(i, "missing-comma", fmt.Sprintf("missing comma after the member %q", f.key),
			"Add a comma between the two members")
	case c == ']':
		return p.fail(i, "unexpected",
			fmt.Sprintf("found \"]\" but the object opened at line %d is still open", lineOf(d, f.start)),
			"Close the object with \"}\"")
	case c >= utf8.RuneSelf && isInvalid(d, i):
		return p.invalidUTF8(i)
	}
	return p.fail(i, "unexpected",
		fmt.Sprintf("found %s after the value of %q where \",\" or \"}\" was expected", describe(d, i), f.key),
		"Separate members with commas and close the object with \"}\"")
}

// afterElement explains the byte after an array element that is neither
// "," nor "]".
func (p *parser) afterElement() bool {
	d := p.data
	i := p.pos
	c := d[i]
	f := p.frames[len(p.frames)-1]
	switch {
	case isComment(d, i):
		return p.comment(i)
	case canStartValue(d, i):
		return p.fail(i, "missing-comma", fmt.Sprintf("missing comma after array element %d", f.idx),
			"Add a comma between the two elements")
	case c == '}':
		return p.fail(i, "unexpected",
			fmt.Sprintf("found \"}\" but the array opened at line %d is still open", lineOf(d, f.start)),
			"Close the array with \"]\"")
	case c >= utf8.RuneSelf && isInvalid(d, i):
		return p.invalidUTF8(i)
	}
	return p.fail(i, "unexpected",
		fmt.Sprintf("found %s after an array element where \",\" or \"]\" was expected", describe(d, i)),
		"Separate elements with commas and close the array with \"]\"")
}

// afterTop explains what follows a complete top-level value spanning
// d[first:end].
func (p *parser) afterTop(first, end int) bool {
	d := p.data
	i := p.pos
	c := d[i]
	switch {
	case isComment(d, i):
		return p.comment(i)
	case c == '}' || c == ']':
		return p.fail(i, "unexpected", fmt.Sprintf("extra %q after the end of the JSON value", string(c)),
			"Remove the extra closing bracket, or check that the brackets pair up")
	case c == ',':
		return p.fail(i, "unexpected", "comma after the end of the JSON value: a body holds exactly one value",
			"Wrap the values in [ ] to send an array, or send them one per request")
	case isWordByte(c) && !isDigit(c) && !startsLiteral(d[i:]):
		end := i
		for end < len(d) && isWordByte(d[end]) {
			end++
		}
		return p.fail(i, "unexpected", fmt.Sprintf("text %q after the end of the JSON value", d[i:end]),
			"Remove everything after the JSON value")
	case canStartValue(d, i):
		if d[first] == '{' && c == '{' && bytes.ContainsAny(d[end:i], "\r\n") {
			return p.fail(i, "two-values",
				fmt.Sprintf("a second JSON object starts on line %d: the body looks like NDJSON, one object a line", lineOf(d, i)),
				"Send one object per request, or save the lines as a .ndjson batch")
		}
		return p.fail(i, "two-values", "a second JSON value follows the first: a body holds exactly one value",
			"Remove the extra value, or wrap the values in [ ] with commas between them")
	case c >= utf8.RuneSelf && isInvalid(d, i):
		return p.invalidUTF8(i)
	}
	return p.fail(i, "unexpected", fmt.Sprintf("found %s after the end of the JSON value", describe(d, i)),
		"Remove everything after the JSON value")
}

func (p *parser) invalidUTF8(i int) bool {
	c := p.data[i]
	msg := fmt.Sprintf("byte 0x%02X is not valid UTF-8", c)
	if c >= 0x80 {
		msg += ": the text may be saved as Latin-1 or Windows-1252"
	}
	return p.fail(i, "invalid-utf8", msg, "Save the file as UTF-8")
}

func (p *parser) controlChar(i int) bool {
	switch c := p.data[i]; c {
	case '\n', '\r':
		if len(bytes.TrimLeft(p.data[i:], " \t\r\n")) == 0 {
			// The file's final newline, not a line break inside the text.
			return p.truncated("string")
		}
		return p.fail(i, "control-char", "line break inside a string: a JSON string cannot span lines",
			"Write \\n for a line break inside the string, or close the string with a double quote")
	case '\t':
		return p.fail(i, "control-char", "raw tab inside a string",
			"Write \\t instead of the tab character")
	default:
		return p.fail(i, "control-char", fmt.Sprintf("control character U+%04X inside a string", c),
			fmt.Sprintf("Remove the character or write it as \\u%04X", c))
	}
}

func (p *parser) badEscape(i int) bool {
	d := p.data
	e := "?"
	if i+1 < len(d) {
		if r, size := utf8.DecodeRune(d[i+1:]); !(r == utf8.RuneError && size == 1) {
			e = string(r)
		}
	}
	return p.fail(i, "bad-escape", fmt.Sprintf("invalid escape \\%s in a string", e),
		"Write a backslash as \\\\ (a Windows path needs doubled backslashes), or use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
}

func (p *parser) badUnicodeEscape(i int) bool {
	d := p.data
	rest := d[i+2:]
	if len(rest) < 4 {
		allHex := true
		for _, c := range rest {
			if _, ok := jsonpos.Hex4([]byte{'0', '0', '0', c}); !ok {
				allHex = false
			}
		}
		if allHex {
			return p.truncated("string")
		}
	}
	return p.fail(i, "bad-escape", "escape \\u needs exactly four hex digits",
		"Write the character as \\u followed by four hex digits (such as \\u00e9), or as the character itself")
}

// binaryError reports data that is not text at all, which says more than
// whatever byte the parser tripped on. It is consulted only after a failure.
func binaryError(d []byte) *Error {
	if len(d) >= 2 && (d[0] == 0xFF && d[1] == 0xFE || d[0] == 0xFE && d[1] == 0xFF) {
		return &Error{Offset: 0, Culprit: "binary",
			Message: "body is UTF-16 text, not UTF-8",
			Fix:     "Save the file as UTF-8"}
	}
	nul := bytes.IndexByte(d, 0)
	n := min(len(d), 1024)
	ctrl, first := 0, -1
	for i, c := range d[:n] {
		if c < 0x20 && !isWS(c) {
			ctrl++
			if first < 0 {
				first = i
			}
		}
	}
	switch {
	case nul >= 0:
		if first < 0 || first > nul {
			first = nul
		}
	case ctrl >= 4 && ctrl*10 >= n:
	default:
		return nil
	}
	msg := fmt.Sprintf("body is binary data, not text: it holds control byte 0x%02X", d[first])
	if len(d) >= 2 && d[0] == 0x1F && d[1] == 0x8B {
		msg = "body is gzip-compressed data, not JSON text"
	}
	return &Error{Offset: first, Culprit: "binary", Message: msg,
		Fix: "Send the JSON text itself, not a compressed or binary file"}
}

func startsLiteral(d []byte) bool {
	return bytes.HasPrefix(d, []byte("true")) || bytes.HasPrefix(d, []byte("false")) || bytes.HasPrefix(d, []byte("null"))
}
