package redact

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/secret"
)

// harDoc is the part of HAR 1.2 that can carry secrets.
type harDoc struct {
	Log struct {
		Entries []struct {
			Request  harMessage `json:"request"`
			Response harMessage `json:"response"`
		} `json:"entries"`
	} `json:"log"`
}

type harMessage struct {
	URL         string    `json:"url"`
	Headers     []harPair `json:"headers"`
	QueryString []harPair `json:"queryString"`
	Cookies     []harPair `json:"cookies"`
	PostData    *struct {
		Params []harPair `json:"params"`
		Text   string    `json:"text"`
	} `json:"postData"`
	Content *struct {
		Text string `json:"text"`
	} `json:"content"`
}

type harPair struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// har masks a HAR export value by value: the document keeps its structure,
// key order and layout, and only secret-bearing strings change. Values
// whose meaning depends on their name (a header, a cookie, a query
// parameter) are masked by position, the rest wherever a known secret
// occurs in them (bodies, URLs, response content).
func (r *redactor) har(data []byte) ([]byte, bool) {
	var doc harDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, false
	}
	at := map[string]func(string) string{}
	whole := func(v string) string {
		if isStandIn(v) {
			return v
		}
		return Mask(v)
	}
	for i, e := range doc.Log.Entries {
		for _, side := range []struct {
			name string
			m    harMessage
		}{{"request", e.Request}, {"response", e.Response}} {
			base := fmt.Sprintf("/log/entries/%d/%s", i, side.name)
			r.rawURL(side.m.URL)
			for j, h := range side.m.Headers {
				r.header(h.Name, h.Value)
				if f := headerMasker(h.Name); f != nil {
					at[fmt.Sprintf("%s/headers/%d/value", base, j)] = f
				}
			}
			for j, c := range side.m.Cookies {
				r.addPair(c.Name+"=", c.Value)
				at[fmt.Sprintf("%s/cookies/%d/value", base, j)] = whole
			}
			for j, q := range side.m.QueryString {
				if secret.IsSecretName(q.Name) {
					r.add(q.Value)
					at[fmt.Sprintf("%s/queryString/%d/value", base, j)] = whole
				}
			}
			if side.m.Content != nil {
				r.body(side.m.Content.Text)
			}
			if side.m.PostData != nil {
				r.body(side.m.PostData.Text)
				for j, p := range side.m.PostData.Params {
					if secret.IsSecretName(p.Name) {
						r.add(p.Value)
						at[fmt.Sprintf("%s/postData/params/%d/value", base, j)] = whole
					}
				}
			}
		}
	}
	return r.json(data, at)
}

// headerMasker returns how to mask the value of a header with this name,
// or nil for a header that carries no secret of its own.
func headerMasker(name string) func(string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	switch {
	case secret.IsKeyName(n):
		return func(v string) string {
			t := strings.Trim(strings.TrimSpace(v), `"'`)
			if isStandIn(t) {
				return v
			}
			return strings.Replace(v, t, Mask(t), 1)
		}
	case secret.IsCredentialHeader(n):
		return func(v string) string {
			scheme, cred, ok := strings.Cut(strings.TrimSpace(v), " ")
			if !ok {
				scheme, cred = "", scheme
			}
			cred = strings.TrimSpace(cred)
			if isStandIn(cred) {
				return v
			}
			if scheme == "" {
				return Mask(cred)
			}
			return scheme + " " + Mask(cred)
		}
	case n == "cookie":
		return func(v string) string {
			parts := strings.Split(v, ";")
			for i, p := range parts {
				if name, val, ok := strings.Cut(p, "="); ok && !isStandIn(val) {
					parts[i] = name + "=" + Mask(strings.TrimSpace(val))
				}
			}
			return strings.Join(parts, ";")
		}
	case n == "set-cookie":
		return func(v string) string {
			first, rest, _ := strings.Cut(v, ";")
			name, val, ok := strings.Cut(first, "=")
			if !ok || isStandIn(val) {
				return v
			}
			out := name + "=" + Mask(strings.TrimSpace(val))
			if strings.Contains(v, ";") {
				out += ";" + rest
			}
			return out
		}
	}
	return nil
}
