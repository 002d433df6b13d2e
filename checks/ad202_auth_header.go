package checks

import (
	"strings"
	"unicode"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

const keyHeaderFix = `Send the key as -H "x-token: $APTLY_KEY"`

// AuthHeader is AD202: the API key is missing or sent in a form Aptly does
// not read.
var AuthHeader = &Check{
	ID:       "AD202",
	Name:     "auth-header",
	Title:    "API key missing, misspelt, or sent in a form Aptly does not read",
	Severity: Error,
	Needs:    NeedRequest,
	Doc: `Aptly reads the API key from the x-token header (or, less safely, the ?x-token= query
parameter). A request with neither gets 401 {"error":"Unauthorized"}. So does a key sent as
Authorization: Bearer, under a misspelt header (x_token, xtoken, x-api-key, x-tokn), wrapped
in quotes, holding whitespace inside, holding a line break or another control character
(a key read from a file keeps its newline), or empty. Spaces and tabs around the key are
harmless: servers strip them.`,
	Fix: keyHeaderFix,
	Run: func(p *Pass) error {
		r := p.Unit.Request
		if !aptlyRequest(r) {
			return nil
		}
		h, ok := r.Header("x-token")
		if !ok {
			if r.Partial {
				return nil // source code sets its headers elsewhere
			}
			if _, _, inQuery := queryToken(r.URL); inQuery {
				return nil // AD203 covers a key in the URL
			}
			reportNoKey(p, r)
			return nil
		}
		checkKeyValue(p, r, h)
		return nil
	},
}

// aptlyRequest reports whether a request goes to Aptly's API (or to a URL
// the doctor cannot place, which it judges as if it did).
func aptlyRequest(r *input.Request) bool {
	ep, err := aptly.ParseEndpoint(r.URL)
	if err != nil || ep.Host == "" {
		return true
	}
	if aptly.IsAPIHost(ep.Host) || aptly.IsLoopback(ep.Host) {
		return true
	}
	_, misspelt := aptly.SuggestHost(ep.Host)
	return misspelt
}

func reportNoKey(p *Pass, r *input.Request) {
	for _, h := range r.Headers {
		name := strings.ToLower(strings.TrimSpace(h.Name))
		switch {
		case name == "authorization":
			scheme, cred, _ := strings.Cut(strings.TrimSpace(h.Value), " ")
			switch strings.ToLower(scheme) {
			case "delegatetoken":
				return // a core delegate token is a credential of its own
			case "bearer":
				p.Report(requestSpan(r, h.At), `Replace the Authorization header with -H "x-token: $APTLY_KEY"`,
					"the key is sent as Authorization: Bearer %s; Aptly reads it only from the x-token header and answers 401", shownCredential(strings.TrimSpace(cred)))
				return
			case "basic":
				p.Report(requestSpan(r, h.At), keyHeaderFix+" instead of -u/Basic authentication",
					"the request uses Basic authentication; Aptly takes no user or password, only the key in the x-token header, and answers 401")
				return
			}
		case secret.IsMisspeltKeyName(name):
			p.Report(requestSpan(r, h.At), "Rename the header to x-token: -H \"x-token: $APTLY_KEY\"",
				"header %q is not read by Aptly; the key belongs in the x-token header", h.Name)
			return
		}
	}
	p.Report(AtPos(r.URLAt), keyHeaderFix,
		"the request sends no API key (no x-token header, no ?x-token= parameter); Aptly answers 401 {\"error\":\"Unauthorized\"}")
}

func checkKeyValue(p *Pass, r *input.Request, h input.Header) {
	// Spaces and tabs around the key are harmless (servers strip them);
	// a line break or another control character is part of what is sent.
	v := strings.Trim(h.Value, " \t")
	at := requestSpan(r, h.At)
	if strings.Contains(v, "{{") || strings.Contains(v, "${") || strings.HasPrefix(v, "$") {
		return // a template or variable, not a key: AD108 says what it is
	}
	switch {
	case strings.ContainsAny(v, "\r\n"):
		p.Report(at, "Remove the line break from the key (a key read from a file keeps its newline: strip it); copy it again from Card Sources > API",
			"the key %s holds a line break; Aptly answers 401", secret.Mask(v))
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		p.Report(at, "Remove the control character from the key; copy it again from Card Sources > API",
			"the key %s holds a control character; Aptly answers 401", secret.Mask(v))
	case v == "":
		p.Report(at, "Put the key after the colon: -H \"x-token: $APTLY_KEY\" (and check that the variable is set)",
			"the x-token header is empty; Aptly answers 401")
	case len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\''):
		p.Report(at, "Remove the quotes around the key: -H \"x-token: $APTLY_KEY\"",
			"the key %s is wrapped in quotes, which are sent as part of it; Aptly answers 401", secret.Mask(strings.Trim(v, `"'`)))
	case strings.ContainsAny(v, " \t"):
		p.Report(at, "Remove the whitespace inside the key; copy it again from Card Sources > API",
			"the key %s holds whitespace inside it; Aptly answers 401", secret.Mask(v))
	case strings.HasPrefix(strings.ToLower(v), "bearer "):
		p.Report(at, "Send the key alone: -H \"x-token: $APTLY_KEY\", without \"Bearer\"",
			"the x-token header starts with \"Bearer\"; Aptly takes the key alone and answers 401")
	}
}

// shownCredential masks a credential, unless it is a variable or a
// placeholder, which is no secret and is clearer shown as written.
func shownCredential(cred string) string {
	if strings.ContainsAny(cred, "${}<>") || len(aptly.Placeholders(cred, false)) > 0 {
		return quote(cred)
	}
	return secret.Mask(cred)
}
