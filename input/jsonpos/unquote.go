package jsonpos

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Unquote decodes the escapes of the body of a JSON string (the bytes
// between its quotes) that a scanner has already checked; the result is a
// new slice. Every reader of JSON strings in the project uses it.
func Unquote(s []byte) []byte {
	if bytes.IndexByte(s, '\\') < 0 {
		return bytes.Clone(s)
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			out = append(out, c)
			continue
		}
		i++
		switch s[i] {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r := hex4(s[i+1:])
			i += 4
			if utf16.IsSurrogate(r) && i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
				if r2 := utf16.DecodeRune(r, hex4(s[i+3:])); r2 != utf8.RuneError {
					r = r2
					i += 6
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			out = append(out, s[i])
		}
	}
	return out
}

// Hex4 reads the four hex digits of a \u escape.
func Hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// hex4 is Hex4 with U+FFFD for digits that are not hex.
func hex4(s []byte) rune {
	if r, ok := Hex4(s); ok {
		return r
	}
	return utf8.RuneError
}

// Quote encodes s as a JSON string, quotes included, without the HTML
// escaping of encoding/json: "<" and "&" stay as a person writes them.
// Every writer of JSON strings into a user's text uses it.
func Quote(s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return []byte(strconv.Quote(s))
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}
