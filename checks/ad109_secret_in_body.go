package checks

import (
	"strings"

	"github.com/aptly-doctor/aptly-doctor/secret"
)

// SecretInBody is AD109: the API key is written inside the card.
var SecretInBody = &Check{
	ID:       "AD109",
	Name:     "secret-in-body",
	Title:    "API key written inside the body",
	Severity: Error,
	Needs:    NeedJSON,
	Doc: `A key that appears inside the body is saved on the card, where everyone who can see the
board can read it, and it is copied into webhooks and exports. It usually means a template
put the key in the wrong slot.`,
	Fix: "Remove the key from the body; send it only in the x-token header",
	Run: func(p *Pass) error {
		var keys []string
		if r := p.Unit.Request; r != nil {
			if key, ok := requestKey(r); ok {
				keys = append(keys, strings.Trim(key, `"'`))
			}
		}
		for _, k := range p.Opts.configKeys() {
			if v, ok := k.Secret(); ok {
				keys = append(keys, v)
			}
		}
		if len(keys) == 0 {
			return nil
		}
		walkStrings(p.Unit.Body.Value, func(path *walkPath, s string, isKey bool) {
			key := ""
			for _, k := range keys {
				if len(k) >= 8 && strings.Contains(s, k) { // shorter is too easy to meet in text
					key = k
					break
				}
			}
			if key == "" {
				return
			}
			at := AtPointer(path.Pointer())
			if isKey {
				at = AtKey(path.Pointer())
			}
			p.Report(at, "Remove the key from the body; send it only in the x-token header, and regenerate it if the card was saved",
				"the API key %s appears in the body, where it would be saved on the card", secret.Mask(key))
		})
		return nil
	},
}
