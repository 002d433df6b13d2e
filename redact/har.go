package redact

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
	"github.com/aptly-doctor/aptly-doctor/internal/lazyre"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// bom is the UTF-8 byte order mark some Windows tools write before a HAR.
var bom = []byte("\xef\xbb\xbf")

// ErrUncertain refuses a file in which a secret could not be masked with
// certainty: redact writes nothing rather than a file with a secret left.
var ErrUncertain = errors.New("could not be masked with certainty, so nothing was written")

// harFile masks a HAR export. The HAR-aware pass masks each value that
// carries a secret by its place in the document; where it cannot run (the
// export is not valid JSON), the text pass runs and every name/value pair
// whose name says secret is masked where it stands. Either way the result
// is checked before it is handed back: a secret left whole refuses the
// file. A byte order mark is kept as it was.
func (r *redactor) harFile(data []byte) ([]byte, error) {
	mark := data[:len(data)-len(bytes.TrimPrefix(data, bom))]
	doc := data[len(mark):]
	out, ok := r.har(doc)
	if !ok {
		out = r.harText(doc)
	}
	if leak := harLeak(out); leak != "" {
		return nil, fmt.Errorf("redact: %s %w", leak, ErrUncertain)
	}
	return append(append([]byte(nil), mark...), out...), nil
}

// harObj, harList and harStr read a decoded document leniently: a value of
// another type than HAR 1.2 says reads as absent instead of failing the
// whole pass.
func harObj(v any) map[string]any { m, _ := v.(map[string]any); return m }
func harList(v any) []any         { l, _ := v.([]any); return l }
func harStr(v any) string         { s, _ := v.(string); return s }

// harEntries walks the messages of a decoded export: fn gets each request
// and response object and its pointer.
func harEntries(doc any, fn func(base string, m map[string]any)) {
	for i, e := range harList(harObj(harObj(doc)["log"])["entries"]) {
		for _, side := range []string{"request", "response"} {
			if m := harObj(harObj(e)[side]); m != nil {
				fn(fmt.Sprintf("/log/entries/%d/%s", i, side), m)
			}
		}
	}
}

// harPairs calls fn for each name/value object of a message's list
// (headers, cookies, queryString, postData.params), with the pointer of its
// value.
func harPairs(base string, list any, fn func(name string, value any, ptr string)) {
	for j, p := range harList(list) {
		o := harObj(p)
		if o == nil {
			continue
		}
		fn(harStr(o["name"]), o["value"], base+"/"+strconv.Itoa(j)+"/value")
	}
}

// leaves calls fn for every string inside v (v itself when it is one),
// with its pointer below ptr.
func leaves(v any, ptr string, fn func(ptr, s string)) {
	switch x := v.(type) {
	case string:
		fn(ptr, x)
	case map[string]any:
		for k, c := range x {
			leaves(c, jsonpos.Append(ptr, k), fn)
		}
	case []any:
		for i, c := range x {
			leaves(c, ptr+"/"+strconv.Itoa(i), fn)
		}
	}
}

// har masks a HAR export value by value: the document keeps its structure,
// key order and layout, and only secret-bearing strings change. Values
// whose meaning depends on their name (a header, a cookie, a query or form
// parameter) are masked by position, the rest wherever a known secret
// occurs in them (bodies, URLs, response content). A value of an
// unexpected type at a secret's place (an object where a string belongs)
// has every string inside it masked.
func (r *redactor) har(data []byte) ([]byte, bool) {
	var doc any
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
	// mask registers the masking of a value at ptr; a value that is not a
	// string is masked whole, string by string.
	mask := func(value any, ptr string, f func(string) string) {
		if _, ok := value.(string); ok {
			at[ptr] = f
			return
		}
		leaves(value, ptr, func(p, s string) {
			r.add(s)
			at[p] = whole
		})
	}
	harEntries(doc, func(base string, m map[string]any) {
		r.rawURL(harStr(m["url"]))
		harPairs(base+"/headers", m["headers"], func(name string, value any, ptr string) {
			r.header(name, harStr(value))
			if f := headerMasker(name); f != nil {
				mask(value, ptr, f)
			} else if secret.IsSecretName(name) {
				// A header named like a password or a key ("Auth",
				// "Secret") is masked whole.
				r.add(harStr(value))
				mask(value, ptr, whole)
			}
		})
		harPairs(base+"/cookies", m["cookies"], func(name string, value any, ptr string) {
			r.addPair(name+"=", harStr(value))
			mask(value, ptr, whole)
		})
		post := harObj(m["postData"])
		for _, list := range []struct {
			ptr string
			v   any
		}{{base + "/queryString", m["queryString"]}, {base + "/postData/params", post["params"]}} {
			harPairs(list.ptr, list.v, func(name string, value any, ptr string) {
				if secret.IsSecretName(name) {
					r.add(harStr(value))
					mask(value, ptr, whole)
				}
			})
		}
		// Bodies say which of their values are secret by name too: a form
		// "token=...", a JSON "x-token": "...".
		r.body(harStr(post["text"]))
		r.body(harStr(harObj(m["content"])["text"]))
	})
	return r.json(data, at)
}

// pairText finds a HAR name/value object in text that may not parse: the
// name and the value as JSON string bodies, in either order.
var pairText = lazyre.New(`\{[^{}\[\]]*?"name"\s*:\s*"((?:[^"\\]|\\.)*)"[^{}\[\]]*?"value"\s*:\s*"((?:[^"\\]|\\.)*)"|\{[^{}\[\]]*?"value"\s*:\s*"((?:[^"\\]|\\.)*)"[^{}\[\]]*?"name"\s*:\s*"((?:[^"\\]|\\.)*)"`)

// pairMatch is one name/value object found by pairText: the name, and the
// value's bounds in the text (inside the quotes).
type pairMatch struct {
	name       string
	start, end int
}

func findPairs(text string) []pairMatch {
	var out []pairMatch
	for _, m := range pairText.Get().FindAllStringSubmatchIndex(text, -1) {
		if m[2] >= 0 {
			out = append(out, pairMatch{unquote(text[m[2]:m[3]]), m[4], m[5]})
		} else {
			out = append(out, pairMatch{unquote(text[m[8]:m[9]]), m[6], m[7]})
		}
	}
	return out
}

func unquote(body string) string { return string(jsonpos.Unquote([]byte(body))) }

// cookieSpans returns the bounds of each "cookies": [...] list in text,
// where every value is a secret whatever its name.
func cookieSpans(text string) [][2]int {
	var spans [][2]int
	for _, m := range cookiesText.Get().FindAllStringIndex(text, -1) {
		depth, inStr := 0, false
		for i := m[1] - 1; i < len(text); i++ {
			c := text[i]
			switch {
			case inStr && c == '\\':
				i++
			case c == '"':
				inStr = !inStr
			case inStr:
			case c == '[':
				depth++
			case c == ']':
				depth--
			}
			if depth == 0 {
				spans = append(spans, [2]int{m[0], i + 1})
				break
			}
		}
	}
	return spans
}

var cookiesText = lazyre.New(`"cookies"\s*:\s*\[`)

// secretPair reports whether a name/value object at off holds a secret:
// its name says so (a key, Authorization, Cookie), or it sits in a cookie
// list.
func secretPair(p pairMatch, cookies [][2]int) (mask func(string) string, ok bool) {
	if f := headerMasker(p.name); f != nil {
		return f, true
	}
	if secret.IsSecretName(p.name) {
		return func(v string) string {
			if isStandIn(v) {
				return v
			}
			return Mask(v)
		}, true
	}
	for _, s := range cookies {
		if p.start >= s[0] && p.end <= s[1] {
			return func(v string) string {
				if isStandIn(v) {
					return v
				}
				return Mask(v)
			}, true
		}
	}
	return nil, false
}

// harText is the pass for an export that is not valid JSON: every
// name/value object whose name says secret, and every cookie, is masked
// where it stands, then the text pass masks the secrets found anywhere.
func (r *redactor) harText(data []byte) []byte {
	text := string(data)
	cookies := cookieSpans(text)
	var b strings.Builder
	last := 0
	for _, p := range findPairs(text) {
		f, ok := secretPair(p, cookies)
		if !ok {
			continue
		}
		v := unquote(text[p.start:p.end])
		r.header(p.name, v)
		if _, isHeader := keyOrAuth(p.name); !isHeader {
			r.add(v)
		}
		b.WriteString(text[last:p.start])
		b.Write(bytes.Trim(encode(f(v)), `"`))
		last = p.end
	}
	b.WriteString(text[last:])
	r.scan(text)
	return []byte(r.text(b.String()))
}

// keyOrAuth reports a name whose value is a secret wherever it stands: a
// key, a credential header, a cookie header, a secret parameter.
func keyOrAuth(name string) (string, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	return n, secret.IsSecretName(n) || secret.IsCredentialHeader(n) || secret.IsCookieHeader(n)
}

// harLeak looks for a secret left whole in a redacted export: a value
// whose name says secret, or a cookie, that is not masked and does not
// only stand in for a secret. It names the first one found, or "".
func harLeak(out []byte) string {
	masked := func(name, v string) bool {
		switch n, _ := keyOrAuth(name); n {
		case "cookie":
			return isStandIn(v) || strings.Contains(v, secret.TokenPrefix) && !hasWholeCookie(v)
		case "set-cookie":
			// One cookie, then its attributes (Path, Expires, Version...).
			first, _, _ := strings.Cut(v, ";")
			return isStandIn(v) || strings.Contains(first, secret.TokenPrefix)
		}
		return isStandIn(v) || strings.Contains(v, secret.TokenPrefix)
	}
	var doc any
	if json.Unmarshal(out, &doc) == nil {
		leak := ""
		check := func(what string) func(name string, value any, ptr string) {
			return func(name string, value any, ptr string) {
				if leak != "" {
					return
				}
				_, secretName := keyOrAuth(name)
				if what != "a cookie" && !secretName {
					return
				}
				if _, num := value.(float64); num {
					// A number cannot be masked and stay the same kind
					// of value.
					leak = fmt.Sprintf("%s %q at %s (a number)", what, name, ptr)
					return
				}
				leaves(value, ptr, func(p, s string) {
					if leak == "" && !masked(name, s) {
						leak = fmt.Sprintf("%s %q at %s", what, name, p)
					}
				})
			}
		}
		harEntries(doc, func(base string, m map[string]any) {
			harPairs(base+"/headers", m["headers"], check("the header"))
			harPairs(base+"/cookies", m["cookies"], check("a cookie"))
			harPairs(base+"/queryString", m["queryString"], check("the query parameter"))
			harPairs(base+"/postData/params", harObj(m["postData"])["params"], check("the form parameter"))
		})
		return leak
	}
	text := string(out)
	cookies := cookieSpans(text)
	for _, p := range findPairs(text) {
		if _, ok := secretPair(p, cookies); ok && !masked(p.name, unquote(text[p.start:p.end])) {
			return fmt.Sprintf("the value of %q", p.name)
		}
	}
	return ""
}

// hasWholeCookie reports a Cookie header value with a cookie left
// unmasked beside masked ones ("a=REDACTED-...; b=secret").
func hasWholeCookie(v string) bool {
	for part := range strings.SplitSeq(v, ";") {
		name, val, ok := strings.Cut(part, "=")
		if !ok || strings.TrimSpace(name) == "" {
			continue
		}
		if val = strings.TrimSpace(val); !isStandIn(val) && !strings.HasPrefix(val, secret.TokenPrefix) {
			return true
		}
	}
	return false
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
