package fix

import (
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/jsonscan"
)

// Applied is one fix that was made.
type Applied struct {
	Check   string // the check whose finding the fix settles: "AD101", "AD105", "AD106"
	Pointer string // RFC 6901 pointer, as the input spelt it; "" for syntax fixes
	Offset  int    // byte offset of the fixed text in the original input
	What    string // what was done, in plain words
}

// buffer is the text being fixed with, for each of its bytes, the offset
// that byte had in the original input, so every fix can say where it was
// made in the file the user knows.
type buffer struct {
	data []byte
	orig []int // len(data)+1 entries; the last maps the end of the text
}

func newBuffer(data []byte) *buffer {
	orig := make([]int, len(data)+1)
	for i := range orig {
		orig[i] = i
	}
	return &buffer{data: data, orig: orig}
}

// splice returns a copy of b with data[at:at+n] replaced by repl; the new
// bytes take the original offset of the bytes they replace.
func (b *buffer) splice(at, n int, repl []byte) *buffer {
	data := make([]byte, 0, len(b.data)-n+len(repl))
	data = append(data, b.data[:at]...)
	data = append(data, repl...)
	data = append(data, b.data[at+n:]...)
	orig := make([]int, 0, len(data)+1)
	orig = append(orig, b.orig[:at]...)
	for range repl {
		orig = append(orig, b.orig[at])
	}
	orig = append(orig, b.orig[at+n:]...)
	return &buffer{data: data, orig: orig}
}

// Payload returns data with every safe fix applied, and what was applied.
// Syntax fixes follow the decoder's own diagnosis one mistake at a time, so
// only a mistake it has named is ever touched; field fixes need the board
// (nil skips them) and a body that parses. The result is never worse than
// the input: if a fix would leave the body failing earlier than before, it
// is not made.
func Payload(data []byte, board *config.Board) ([]byte, []Applied) {
	buf := newBuffer(data)
	res := jsonscan.Parse(data, input.MaxDepth)
	var applied []Applied
	for !res.OK {
		e := res.Err
		next, what, ok := fixSyntax(buf, e)
		if !ok {
			break
		}
		nres := jsonscan.Parse(next.data, input.MaxDepth)
		if !nres.OK && (nres.Err.Culprit == "empty" || next.orig[nres.Err.Offset] <= buf.orig[e.Offset]) {
			break // no progress: the fix did not make the body parse further
		}
		applied = append(applied, Applied{Check: "AD101", Offset: buf.orig[e.Offset], What: what})
		buf, res = next, nres
	}
	if res.OK && board != nil {
		if next, more := fixFields(buf, res, board); len(more) > 0 {
			if jsonscan.Parse(next.data, input.MaxDepth).OK {
				buf = next
				applied = append(applied, more...)
			}
		}
	}
	if len(applied) == 0 {
		return data, nil
	}
	return buf.data, applied
}

// fixSyntax corrects the one mistake e names, when it has a single reading.
func fixSyntax(b *buffer, e *jsonscan.Error) (*buffer, string, bool) {
	d := b.data
	i := e.Offset
	switch e.Culprit {
	case "bom":
		if len(d) >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF {
			return b.splice(0, 3, nil), "removed the byte-order mark", true
		}
	case "trailing-comma":
		if i < len(d) && d[i] == ',' {
			return b.splice(i, 1, nil), "removed the trailing comma", true
		}
	case "single-quotes":
		if i < len(d) && d[i] == '\'' {
			return quoted(b, i, 1, func(j int) (int, bool) { return 1, d[j] == '\'' }, "single quotes")
		}
	case "smart-quotes":
		if n, ok := smartAt(d, i); ok && n > 0 {
			single := d[i+2] == 0x98 || d[i+2] == 0x99
			return quoted(b, i, 3, func(j int) (int, bool) {
				if m, ok := smartAt(d, j); ok {
					isSingle := d[j+2] == 0x98 || d[j+2] == 0x99
					return m, isSingle == single
				}
				if d[j] == '"' && !single {
					return 1, true // opened curly, closed straight
				}
				return 0, false
			}, "typographic quotes")
		}
	}
	return nil, "", false
}

// smartAt reports a typographic quote (‘ ’ “ ”) at d[i] and its length.
func smartAt(d []byte, i int) (int, bool) {
	if i+2 < len(d) && d[i] == 0xE2 && d[i+1] == 0x80 {
		switch d[i+2] {
		case 0x98, 0x99, 0x9C, 0x9D:
			return 3, true
		}
	}
	return 0, false
}

// quoted replaces the quote of length openLen at open and its closing
// quote with plain double quotes. The text between must be simple (no
// double quote, backslash or control character, which would need escapes
// the writer did not write) and the closing quote must be followed by what
// can follow a string, or the pairing is a guess.
func quoted(b *buffer, open, openLen int, closer func(j int) (int, bool), name string) (*buffer, string, bool) {
	d := b.data
	for j := open + openLen; j < len(d); j++ {
		c := d[j]
		if n, ok := closer(j); ok {
			if !endsString(d, j+n) {
				return nil, "", false
			}
			out := b
			if !(n == 1 && c == '"') {
				out = out.splice(j, n, []byte{'"'})
			}
			out = out.splice(open, openLen, []byte{'"'})
			return out, "replaced the " + name + " with double quotes", true
		}
		if c == '"' || c == '\\' || c < 0x20 || c == '\'' && openLen == 1 {
			return nil, "", false
		}
		if _, ok := smartAt(d, j); ok && openLen == 1 {
			return nil, "", false
		}
	}
	return nil, "", false
}

// endsString reports whether what follows offset i (spaces aside) can
// follow a string in JSON.
func endsString(d []byte, i int) bool {
	for i < len(d) && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n') {
		i++
	}
	return i == len(d) || d[i] == ':' || d[i] == ',' || d[i] == '}' || d[i] == ']'
}
