package checks

import (
	"strings"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/internal/didyoumean"
)

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
		id := b.FieldID(f)
		switch {
		case trimmed != key && trimmed == id:
			return suggestion{id, "the key has spaces around it", true}, true
		case strings.EqualFold(trimmed, id):
			return suggestion{id, "field names are case-sensitive", true}, true
		}
	}
	if b.IsCore() {
		for _, f := range b.Fields {
			if f.Key != "" && (strings.EqualFold(trimmed, f.Label) || strings.EqualFold(trimmed, f.Name)) {
				return suggestion{f.Key, "core boards take the field's key, not its label", false}, true
			}
		}
	}
	ids := make([]string, 0, len(b.Fields))
	for _, f := range b.Fields {
		ids = append(ids, b.FieldID(f))
	}
	best, bestD, ok := didyoumean.Nearest(trimmed, ids)
	if ok && bestD <= max(2, len([]rune(trimmed))/4) {
		return suggestion{best, "it is the nearest field name", false}, true
	}
	return suggestion{}, false
}
