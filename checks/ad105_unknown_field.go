package checks

import (
	"slices"

	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
)

// UnknownField is AD105: a key that is not a field of the board.
var UnknownField = &Check{
	ID:       "AD105",
	Name:     "unknown-field",
	Title:    "key is not a field of the board",
	Severity: Warning,
	Needs:    NeedJSON | NeedFields,
	Doc: `Aptly matches payload keys to the board's fields exactly: by name on legacy boards
(case-sensitive: "status" is not "Status"), by field key on core boards. A key that
matches no field is silently dropped when the board's Create Fields setting is off, and
creates a new field when it is on; either way the value does not land where it was
meant to. Needs the board's fields, from the config or a lock file (boards pull).`,
	Fix: "Rename the key to the board's field, as the message suggests",
	Run: func(p *Pass) error {
		obj, ok := p.Unit.Body.Value.(map[string]any)
		if !ok {
			return nil
		}
		b := p.Board
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if k == "_id" || b.IsCore() && (k == "name" || k == "title") {
				continue
			}
			if _, ok := b.FieldByID(k); ok {
				continue
			}
			effect := "Aptly drops it silently (Create Fields is off)"
			if b.CreateFields == nil {
				effect = "Aptly drops it silently, or creates a new field if the board's Create Fields setting is on"
			} else if *b.CreateFields {
				effect = "Aptly will create a new field " + quote(k) + " on the board (Create Fields is on)"
			}
			at := AtKey(jsonpos.Append("", k))
			if s, ok := suggestField(b, k); ok {
				p.Report(at, "Rename "+quote(k)+" to "+quote(s.id),
					"key %q is not a field of board %q; did you mean %q (%s)? %s", k, b.Name, s.id, s.why, effect)
				continue
			}
			p.Report(at, "Use one of the board's fields, or add "+quote(k)+" to the board first",
				"key %q is not a field of board %q; %s", k, b.Name, effect)
		}
		return nil
	},
}
