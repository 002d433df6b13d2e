package redact

import (
	"encoding/base64"
	"net/url"
	"regexp"
	"strings"
)

// keyNames are the header and query names a key travels under, spelt
// right or in the ways people misspell it.
var keyNames = map[string]bool{
	"x-token": true, "x_token": true, "xtoken": true, "x-api-key": true, "x-api-token": true,
	"api-key": true, "apikey": true, "api_key": true, "x-apikey": true, "token": true,
	"access_token": true, "x-auth-token": true,
}

func isKeyName(name string) bool { return keyNames[strings.ToLower(strings.TrimSpace(name))] }

// header records the secrets in one header.
func (r *redactor) header(name, value string) {
	n := strings.ToLower(strings.TrimSpace(name))
	v := strings.TrimSpace(value)
	switch {
	case isKeyName(n):
		v = strings.Trim(v, `"'`)
		r.addPair(name+": ", v)
		r.addPair(name+":", v)
		r.add(v)
	case n == "authorization" || n == "proxy-authorization":
		scheme, cred, ok := strings.Cut(v, " ")
		if !ok {
			r.add(v)
			return
		}
		cred = strings.TrimSpace(cred)
		r.addPair(scheme+" ", cred)
		if strings.EqualFold(scheme, "basic") {
			if dec, err := base64.StdEncoding.DecodeString(cred); err == nil {
				if user, pass, ok := strings.Cut(string(dec), ":"); ok {
					r.addPair(user+":", pass)
				}
			}
		}
	case n == "cookie":
		for part := range strings.SplitSeq(v, ";") {
			if cn, cv, ok := strings.Cut(strings.TrimSpace(part), "="); ok {
				r.addPair(cn+"=", cv)
			}
		}
	case n == "set-cookie":
		first, _, _ := strings.Cut(v, ";")
		if cn, cv, ok := strings.Cut(strings.TrimSpace(first), "="); ok {
			r.addPair(cn+"=", cv)
		}
	}
}

// rawURL records the key in a URL's query, both as written and decoded.
func (r *redactor) rawURL(u string) {
	_, query, ok := strings.Cut(u, "?")
	if !ok {
		return
	}
	query, _, _ = strings.Cut(query, "#")
	for p := range strings.SplitSeq(query, "&") {
		name, value, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if !isKeyName(name) {
			continue
		}
		r.addPair(name+"=", value)
		if dec, err := url.QueryUnescape(value); err == nil && dec != value {
			r.add(dec)
		}
	}
}

// Patterns for secrets in text no parser has read: a header line or a
// query parameter, anywhere.
var (
	keyText    = regexp.MustCompile(`(?i)\b(x[-_]?token|x-api-key|x-auth-token|api[-_]?key)["']?\s*[:=]\s*["']?([^\s"'&;,<>)}\]\\^]+)`)
	authText   = regexp.MustCompile(`(?i)\b(?:proxy-)?authorization["']?\s*:\s*["']?([A-Za-z]+)[ \t]+([^\s"'<>\\^]+)`)
	cookieText = regexp.MustCompile(`(?i)\b(?:set-)?cookie["']?\s*:\s*["']?([^\r\n"'\\^]+)`)
	userText   = regexp.MustCompile(`(?:^|\s)(?:-u|--user)[ \t]+["']?([^\s:"']+):([^\s"']+)`)
)

// scan finds secrets in text by their look alone; it backs up the
// parsers, and is all there is for plain text.
func (r *redactor) scan(s string) {
	for _, m := range keyText.FindAllStringSubmatch(s, -1) {
		r.addPair(m[1]+"=", m[2])
		r.addPair(m[1]+": ", m[2])
		r.addPair(m[1]+":", m[2])
		r.add(m[2])
	}
	for _, m := range authText.FindAllStringSubmatch(s, -1) {
		r.header("Authorization", m[1]+" "+m[2])
	}
	for _, m := range cookieText.FindAllStringSubmatch(s, -1) {
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(m[0])), "set-") {
			r.header("Set-Cookie", m[1])
		} else {
			r.header("Cookie", m[1])
		}
	}
	for _, m := range userText.FindAllStringSubmatch(s, -1) {
		r.addPair(m[1]+":", m[2])
	}
}
