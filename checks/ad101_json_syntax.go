package checks

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
		p.Report(AtBodyOffset(b.Syntax.Offset), b.Syntax.Fix, "%s", b.Syntax.Message)
		return nil
	},
}
