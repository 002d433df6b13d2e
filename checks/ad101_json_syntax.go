package checks

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
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
		p.Report(AtBodyOffset(b.Syntax.Offset), b.Syntax.Fix, "%s", fileLines(b.Syntax.Message, b))
		return nil
	},
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

var lineRef = regexp.MustCompile(`\bline (\d+)\b`)

// fileLines turns the scanner's body-relative "line N" into the line of the
// file, for a body that does not start on line 1 (an NDJSON batch line, a
// body inside a request file).
func fileLines(msg string, b *input.Body) string {
	if b.At.Line <= 1 || b.Offsets != nil {
		return msg
	}
	return lineRef.ReplaceAllStringFunc(msg, func(m string) string {
		n, _ := strconv.Atoi(m[len("line "):])
		return "line " + strconv.Itoa(n+b.At.Line-1)
	})
}
