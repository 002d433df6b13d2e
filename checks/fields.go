package checks

import (
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/aptly-doctor/aptly-doctor/config"
)

// fieldID is the key a payload must use for a field: its name on legacy
// boards, its key (a UUID) on core boards.
func fieldID(b *config.Board, f config.Field) string {
	if b.Env != nil && b.Env.Generation == config.Core && f.Key != "" {
		return f.Key
	}
	if f.Name != "" {
		return f.Name
	}
	return f.Key
}

func isCore(b *config.Board) bool { return b.Env != nil && b.Env.Generation == config.Core }

// fieldByID returns the board's field a payload key names exactly.
func fieldByID(b *config.Board, key string) (config.Field, bool) {
	for _, f := range b.Fields {
		if fieldID(b, f) == key {
			return f, true
		}
	}
	return config.Field{}, false
}

// suggestion is the field a mistyped key most likely meant, and why.
type suggestion struct {
	id, why string
	safe    bool // differs only by case or surrounding spaces: --fix may apply it
}

// suggestField finds the field meant by an unknown key: the same but for
// case or surrounding spaces, a core field's label used instead of its key,
// or the nearest name by edit distance.
func suggestField(b *config.Board, key string) (suggestion, bool) {
	trimmed := strings.TrimSpace(key)
	for _, f := range b.Fields {
		id := fieldID(b, f)
		switch {
		case trimmed != key && trimmed == id:
			return suggestion{id, "the key has spaces around it", true}, true
		case strings.EqualFold(trimmed, id):
			return suggestion{id, "field names are case-sensitive", true}, true
		}
	}
	if isCore(b) {
		for _, f := range b.Fields {
			if f.Key != "" && (strings.EqualFold(trimmed, f.Label) || strings.EqualFold(trimmed, f.Name)) {
				return suggestion{f.Key, "core boards take the field's key, not its label", false}, true
			}
		}
	}
	best, bestD := "", 0
	for _, f := range b.Fields {
		id := fieldID(b, f)
		d := levenshtein.ComputeDistance(strings.ToLower(trimmed), strings.ToLower(id))
		if best == "" || d < bestD {
			best, bestD = id, d
		}
	}
	limit := max(2, len([]rune(trimmed))/4)
	if best != "" && bestD <= limit {
		return suggestion{best, "it is the nearest field name", false}, true
	}
	return suggestion{}, false
}
