package checks

import (
	"strconv"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/lazyre"
)

// JSONSyntax is AD101: the body is not JSON at all.
var JSONSyntax = &Check{
	ID:       "AD101",
	Name:     "json-syntax",
	Title:    "body is not valid JSON",
	Severity: Error,
	Needs:    NeedBody,
	Doc: `Aptly parses the body as JSON and answers 400 {"error":"Bad request"} when it cannot.
The doctor points at the mistake itself (the trailing comma, the first byte of a
comment or of invalid UTF-8, the start of a second value, the end of a truncated
body) and names the usual culprit: trailing commas, single or smart quotes,
comments, a byte-order mark, unquoted keys, NaN or Infinity, an empty body.`,
	Fix: "Correct the JSON at the position shown; the message names what to change",
	Run: func(p *Pass) error {
		b := p.Unit.Body
		b.Decode()
		if b.Syntax == nil {
			return nil
		}
		if formBody(p) {
			p.Report(AtBodyOffset(0), `Send the fields as one JSON object, e.g. -d '{"Name": "Maria Lopez"}' with -H "Content-Type: application/json"`,
				"the body is form data (name=value pairs), not JSON; Aptly takes a card only as a JSON object")
			return nil
		}
		p.ReportFix(AtBodyOffset(b.Syntax.Offset), syntaxFix(b.Raw, b.Syntax), b.Syntax.Fix, "%s", fileLines(b.Syntax.Message, b))
		return nil
	},
}

// syntaxFix is the repair of the one mistake e names, when it has a single
// reading: a byte-order mark, a trailing comma, single or typographic
// quotes around a plain string. Anything else is left to the user.
func syntaxFix(d []byte, e *input.SyntaxError) *SuggestedFix {
	i := e.Offset
	one := func(what string, edits ...TextEdit) *SuggestedFix {
		return &SuggestedFix{Message: what, Edits: edits}
	}
	switch e.Culprit {
	case "bom":
		if len(d) >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF {
			return one("removed the byte-order mark", TextEdit{Pos: 0, End: 3})
		}
	case "trailing-comma":
		if i < len(d) && d[i] == ',' {
			return one("removed the trailing comma", TextEdit{Pos: i, End: i + 1})
		}
	case "single-quotes":
		if i < len(d) && d[i] == '\'' {
			return requote(d, i, 1, func(j int) (int, bool) { return 1, d[j] == '\'' }, "single quotes")
		}
	case "smart-quotes":
		if n, ok := smartAt(d, i); ok && n > 0 {
			single := d[i+2] == 0x98 || d[i+2] == 0x99
			return requote(d, i, 3, func(j int) (int, bool) {
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
	return nil
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

// requote replaces the quote of length openLen at open and its closing
// quote with plain double quotes. The text between must be simple (no
// double quote, backslash or control character, which would need escapes
// the writer did not write) and the closing quote must be followed by what
// can follow a string, or the pairing is a guess.
func requote(d []byte, open, openLen int, closer func(j int) (int, bool), name string) *SuggestedFix {
	for j := open + openLen; j < len(d); j++ {
		c := d[j]
		if n, ok := closer(j); ok {
			if !endsString(d, j+n) {
				return nil
			}
			edits := []TextEdit{{Pos: open, End: open + openLen, NewText: []byte{'"'}}}
			if !(n == 1 && c == '"') {
				edits = append(edits, TextEdit{Pos: j, End: j + n, NewText: []byte{'"'}})
			}
			return &SuggestedFix{Message: "replaced the " + name + " with double quotes", Edits: edits}
		}
		if c == '"' || c == '\\' || c < 0x20 || c == '\'' && openLen == 1 {
			return nil
		}
		if _, ok := smartAt(d, j); ok && openLen == 1 {
			return nil
		}
	}
	return nil
}

// endsString reports whether what follows offset i (spaces aside) can
// follow a string in JSON.
func endsString(d []byte, i int) bool {
	for i < len(d) && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n') {
		i++
	}
	return i == len(d) || d[i] == ':' || d[i] == ',' || d[i] == '}' || d[i] == ']'
}

// formBody reports whether a request's body is name=value form data on
// purpose: sent form-encoded and not even trying to be JSON.
func formBody(p *Pass) bool {
	r := p.Unit.Request
	if r == nil {
		return false
	}
	h, ok := r.Header("Content-Type")
	if !ok || !strings.HasPrefix(strings.ToLower(strings.TrimSpace(h.Value)), "application/x-www-form-urlencoded") {
		return false
	}
	raw := strings.TrimSpace(string(p.Unit.Body.Raw))
	return raw != "" && !strings.ContainsAny(raw[:1], "{[\"'") && strings.Contains(raw, "=")
}

var lineRef = lazyre.New(`\bline (\d+)\b`)

// fileLines turns the scanner's body-relative "line N" into the line of the
// file, for a body that does not start on line 1 (an NDJSON batch line, a
// body inside a request file).
func fileLines(msg string, b *input.Body) string {
	if b.At.Line <= 1 || b.Offsets != nil {
		return msg
	}
	return lineRef.Get().ReplaceAllStringFunc(msg, func(m string) string {
		n, _ := strconv.Atoi(m[len("line "):])
		return "line " + strconv.Itoa(n+b.At.Line-1)
	})
}
