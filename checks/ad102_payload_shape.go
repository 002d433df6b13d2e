package checks

import (
	"encoding/json"
	"fmt"

	"github.com/aptly-doctor/aptly-doctor/internal/prose"
)

// PayloadShape is AD102: the body is JSON but not one object.
var PayloadShape = &Check{
	ID:       "AD102",
	Name:     "payload-shape",
	Title:    "body is not one JSON object",
	Severity: Error,
	Needs:    NeedJSON,
	Doc: `A card write takes exactly one JSON object whose members are the card's fields.
An array of cards, a bare string, a number or null is rejected (or creates an
empty card). Send one request per card.`,
	Fix: "Send one JSON object per request, its members the card's fields",
	Run: func(p *Pass) error {
		switch v := p.Unit.Body.Value.(type) {
		case map[string]any:
			return nil
		case []any:
			p.Report(AtPointer(""), "Send each card in its own request, one JSON object each; to check many cards at once, put one per line in an .ndjson file",
				"body is an array of %d %s, but a card write takes one JSON object", len(v), prose.Plural(len(v), "value", "values"))
		case string:
			p.Report(AtPointer(""), "Send the card as a JSON object, e.g. {\"Name\": \"...\"}; if the body was encoded twice, send the inner JSON itself",
				"body is a JSON string, not an object%s", stringHint(v))
		case nil:
			p.Report(AtPointer(""), "Send the card as a JSON object with its fields", "body is null, but a card write takes one JSON object")
		case json.Number, bool:
			p.Report(AtPointer(""), "Send the card as a JSON object with its fields", "body is the bare value %s, but a card write takes one JSON object", fmt.Sprint(v))
		}
		return nil
	},
}

func stringHint(s string) string {
	if len(s) > 0 && (s[0] == '{' || s[0] == '[') {
		return " (it holds JSON text: the payload was encoded twice)"
	}
	return ""
}
