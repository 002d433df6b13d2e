package checks

import (
	"strings"

	"github.com/aptly-doctor/aptly-doctor/secret"
)

// TokenInURL is AD203: the key travels in the query string.
var TokenInURL = &Check{
	ID:       "AD203",
	Name:     "token-in-url",
	Title:    "API key passed as ?x-token= in the URL",
	Severity: Warning,
	Needs:    NeedRequest,
	Doc: `Aptly accepts the key as a ?x-token= query parameter, but a URL is written to proxy
logs, server logs, browser history and shell history, so the key leaks wherever the URL
goes. Send it in the x-token header instead.`,
	Fix: "Move the key from the URL into the header: -H \"x-token: $APTLY_KEY\"",
	Run: func(p *Pass) error {
		r := p.Unit.Request
		v, off, ok := queryToken(r.URL)
		if !ok {
			return nil
		}
		if filledBySender(r, v) {
			name := v
			if strings.HasPrefix(v, "${") && strings.HasSuffix(v, "}") {
				name = v[2 : len(v)-1] // source code: the expression itself
			}
			p.Report(AtPos(urlPos(r, off)), "Send the key in the x-token header instead of the query string",
				"the key (%s, filled in at run time) is passed in the URL as ?x-token=; it ends up in proxy and server logs", quote(name))
			return nil
		}
		if v == "" {
			p.Report(AtPos(urlPos(r, off)), "Send the key in the header: -H \"x-token: $APTLY_KEY\", and drop ?x-token= from the URL",
				"the URL carries an empty ?x-token= parameter; Aptly answers 401")
			return nil
		}
		p.Report(AtPos(urlPos(r, off)), "Move the key from the URL into the header: -H \"x-token: $APTLY_KEY\"",
			"the key %s is passed in the URL as ?x-token=; it ends up in proxy and server logs", secret.Mask(v))
		return nil
	},
}
