package checks

import "github.com/aptly-doctor/aptly-doctor/internal/lines"

// DuplicateKey is AD104: one object names the same key twice.
var DuplicateKey = &Check{
	ID:       "AD104",
	Name:     "duplicate-key",
	Title:    "the same key appears twice in one object",
	Severity: Warning,
	Needs:    NeedBody,
	Doc: `JSON parsers keep only one of two members with the same key (Aptly's keeps the
later one), so the earlier value is silently lost. The finding points at the later
occurrence, the one whose value survives.`,
	Fix: "Remove one of the two members, keeping the value you mean to send",
	Run: func(p *Pass) error {
		b := p.Unit.Body
		b.Decode()
		if !b.Decoded {
			return nil // AD101 says why
		}
		for _, d := range b.Dups {
			line, _ := lines.Pos(b.Raw, d.FirstOffset)
			if !b.At.IsZero() {
				line += b.At.Line - 1
			}
			p.Report(AtKey(d.Pointer), "Remove one of the two "+quote(d.Key)+" members, keeping the value you mean to send",
				"key %q appears twice in this object (first on line %d); only this later value is kept", d.Key, line)
		}
		return nil
	},
}
