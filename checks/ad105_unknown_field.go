package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/config"
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
		renames := safeRenames(p, obj, keys)
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
			ptr := jsonpos.Append("", k)
			at := AtKey(ptr)
			if s, ok := suggestField(b, k); ok {
				var sf *SuggestedFix
				if to, ok := renames[k]; ok {
					sf = p.replaceString(ptr, true, jsonpos.Quote(to), fmt.Sprintf("renamed %q to %q", k, to))
				}
				p.ReportFix(at, sf, "Rename "+quote(k)+" to "+quote(s.id),
					"key %q is not a field of board %q; did you mean %q (%s)? %s", k, b.Name, s.id, s.why, effect)
				continue
			}
			p.Report(at, "Use one of the board's fields, or add "+quote(k)+" to the board first",
				"key %q is not a field of board %q; %s", k, b.Name, effect)
		}
		return nil
	},
}

// safeRenames are the keys --fix may rename without guessing: each differs
// from exactly one field only by case or surrounding spaces, is named once,
// and its field is free and wanted by no other key.
func safeRenames(p *Pass, obj map[string]any, keys []string) map[string]string {
	b := p.Board
	duped := map[string]bool{}
	for _, d := range p.Unit.Body.Dups {
		if strings.Count(d.Pointer, "/") == 1 {
			duped[d.Key] = true
		}
	}
	renames := map[string]string{}
	wanted := map[string]int{}
	for _, k := range keys {
		if duped[k] || k == "_id" || b.IsCore() && (k == "name" || k == "title") {
			continue
		}
		if _, ok := b.FieldByID(k); ok {
			continue
		}
		if id, ok := caseOnly(b, k); ok {
			if _, taken := obj[id]; !taken {
				renames[k] = id
				wanted[id]++
			}
		}
	}
	for k, id := range renames {
		if wanted[id] > 1 {
			delete(renames, k)
		}
	}
	return renames
}

// caseOnly returns the field id key means when it differs from exactly one
// field only by case or surrounding spaces.
func caseOnly(b *config.Board, key string) (string, bool) {
	trimmed := strings.TrimSpace(key)
	found, n := "", 0
	for _, f := range b.Fields {
		id := b.FieldID(f)
		if id != "" && strings.EqualFold(trimmed, id) && id != found {
			found = id
			n++
		}
	}
	return found, n == 1
}
