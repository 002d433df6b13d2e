package probe

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/config"
)

// rawField is a schema entry of either generation: legacy {name, type,
// options}, core {key, label, type, options}. Options may be plain strings
// or objects naming a label or value.
type rawField struct {
	Name    string            `json:"name"`
	Key     string            `json:"key"`
	Label   string            `json:"label"`
	Type    string            `json:"type"`
	Options []json.RawMessage `json:"options"`
}

// parseSchema reads a schema answer: the legacy {"fields": [...]}, the
// core bare array, or a core-style {"data": [...]}. ok is false when the
// body is none of them.
func parseSchema(body []byte) ([]config.Field, bool) {
	body = bytes.TrimSpace(body)
	var list []rawField
	switch {
	case bytes.HasPrefix(body, []byte("[")):
		if json.Unmarshal(body, &list) != nil {
			return nil, false
		}
	case bytes.HasPrefix(body, []byte("{")):
		var wrap struct {
			Fields *[]rawField `json:"fields"`
			Data   *[]rawField `json:"data"`
		}
		if json.Unmarshal(body, &wrap) != nil {
			return nil, false
		}
		switch {
		case wrap.Fields != nil:
			list = *wrap.Fields
		case wrap.Data != nil:
			list = *wrap.Data
		default:
			return nil, false
		}
	default:
		return nil, false
	}
	fields := make([]config.Field, 0, len(list))
	for _, r := range list {
		if r.Name == "" && r.Key == "" && r.Label == "" {
			return nil, false
		}
		f := config.Field{Name: r.Name, Key: r.Key, Label: r.Label, Type: r.Type}
		for _, o := range r.Options {
			if s, ok := option(o); ok {
				f.Options = append(f.Options, s)
			}
		}
		fields = append(fields, f)
	}
	return fields, true
}

// option reads one select option: a string, or an object's label, value,
// name or text.
func option(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return "", false
	}
	for _, k := range []string{"label", "value", "name", "text"} {
		if v, ok := m[k].(string); ok {
			return v, true
		}
	}
	return "", false
}

// cardMeta reports whether k is a key a card carries that is not a field of
// the board.
func cardMeta(k string) bool {
	switch k {
	case "_id", "cardId", "boardUuid", "archived", "assignee":
		return true
	}
	return false
}

// parseCards reads a card list (a legacy bare array, or core {"data": [...]})
// and names the fields of its first card, sorted: by Key on a core board,
// whose cards are keyed by field ID, by Name otherwise. An empty list names
// none.
func parseCards(body []byte, core bool) ([]config.Field, bool) {
	body = bytes.TrimSpace(body)
	var cards []map[string]json.RawMessage
	if bytes.HasPrefix(body, []byte("{")) {
		var wrap struct {
			Data *[]map[string]json.RawMessage `json:"data"`
		}
		if json.Unmarshal(body, &wrap) != nil || wrap.Data == nil {
			return nil, false
		}
		cards = *wrap.Data
	} else if json.Unmarshal(body, &cards) != nil || !bytes.HasPrefix(body, []byte("[")) {
		return nil, false
	}
	fields := []config.Field{}
	if len(cards) == 0 {
		return fields, true
	}
	names := make([]string, 0, len(cards[0]))
	for k := range cards[0] {
		if !cardMeta(k) && strings.TrimSpace(k) != "" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		if core {
			fields = append(fields, config.Field{Key: n})
		} else {
			fields = append(fields, config.Field{Name: n})
		}
	}
	return fields, true
}
