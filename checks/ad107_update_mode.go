package checks

import "github.com/aptly-doctor/aptly-doctor/config"

// UpdateMode is AD107: an _id that will not update what the sender expects.
var UpdateMode = &Check{
	ID:       "AD107",
	Name:     "update-mode",
	Title:    "_id sent to a board that always creates, or an _id that is empty or not a string",
	Severity: Warning,
	Needs:    NeedJSON,
	Doc: `Sending "_id" asks Aptly to update that card, but what happens depends on the board's
Update Mode: "Always Create New" ignores _id and inserts a new card every time, so an
integration that means to update leaves a trail of duplicates. An _id that is empty, a
number or null matches no card and also creates one.`,
	Fix: "Set the board's Update Mode to \"Update if exists\", or leave _id out when creating",
	Run: func(p *Pass) error {
		obj, ok := p.Unit.Body.Value.(map[string]any)
		if !ok {
			return nil
		}
		v, ok := obj["_id"]
		if !ok {
			return nil
		}
		switch id := v.(type) {
		case string:
			if id == "" {
				p.Report(AtPointer("/_id"), "Put the card's ID in _id, or leave _id out to create a card",
					"_id is empty; it matches no card, so Aptly creates a new one")
				return nil
			}
		default:
			p.Report(AtPointer("/_id"), "Send _id as the card's ID string, as Aptly returned it",
				"_id is %s, not a string; it matches no card, so Aptly creates a new one", jsonKind(v))
			return nil
		}
		if b := p.Board; b != nil && b.UpdateMode == config.AlwaysCreate {
			p.Report(AtKey("/_id"), "Set board "+quote(b.Name)+"'s Update Mode to \"Update if exists\" (Card Sources > API), or leave _id out",
				"board %q always creates new cards, so this _id is ignored and a duplicate card is created", b.Name)
		}
		return nil
	},
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	}
	return "a number"
}
