package fix

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// KeyVar is the shell variable the rendered command reads the key from, so
// the key itself is never printed.
const KeyVar = "$APTLY_KEY"

// Curl renders the request as a corrected, runnable curl command in bash
// form, one option a line, and says what it changed. The key is always
// written as "$APTLY_KEY" in double quotes, so the shell fills it in and the
// command never carries the key itself. A JSON body is fixed by fixBody
// (nil leaves it as it is): the fixes its checks suggest, all or nothing.
// The parts of a multipart (-F) request are not known to the request model,
// so such a command is rendered without them and says so.
func Curl(r *input.Request, fixBody func(body []byte) Outcome) (string, []string) {
	if r == nil {
		return "", nil
	}
	var changes []string
	var args []string

	u, dropped := dropQueryKey(r.URL)
	hadQueryKey := len(dropped) > 0
	for _, name := range dropped {
		if strings.EqualFold(name, secret.KeyHeader) {
			changes = append(changes, "removed the x-token parameter from the URL, where proxies and servers log it")
		} else {
			changes = append(changes, fmt.Sprintf("removed the %q parameter from the URL, where proxies and servers log it", name))
		}
	}

	var body []byte
	if r.Body != nil && !r.Multipart {
		body = r.Body.Raw
		if j, ok := formToJSON(body); ok {
			body = j
			changes = append(changes, "sent the form fields as a JSON object, the only body a card write reads")
		}
		if fixBody != nil {
			if out := fixBody(body); out.Refused == nil && len(out.Fixed) > 0 {
				body = out.Text
				for _, f := range out.Fixed {
					changes = append(changes, "in the body: "+f.Message)
				}
			}
		}
	}
	implied := "GET"
	if body != nil || r.Multipart {
		implied = "POST"
	}
	first := "curl"
	if m := strings.TrimSpace(r.Method); m != "" && !strings.EqualFold(m, implied) {
		first += " -X " + shellQuote(strings.ToUpper(m))
	}
	first += " " + shellQuote(u)

	hasKey := false
	hasType := false
	for _, h := range r.Headers {
		name := strings.ToLower(strings.TrimSpace(h.Name))
		value := strings.TrimSpace(h.Value)
		switch {
		case secret.IsKeyName(name) || name == "authorization" && isBearer(value):
			if hasKey {
				changes = append(changes, fmt.Sprintf("dropped the extra key header %q", h.Name))
				continue
			}
			hasKey = true
			switch {
			case name == "authorization":
				changes = append(changes, "sent the key in the x-token header instead of Authorization: Bearer")
			case h.Name != "x-token" && name != "x-token":
				changes = append(changes, fmt.Sprintf("renamed the header %q to \"x-token\"", h.Name))
			}
			if name != "authorization" && isQuoted(value) {
				changes = append(changes, "removed the quotes around the key")
			}
			if v := unquote(value); v != KeyVar && v != "${APTLY_KEY}" && name != "authorization" {
				changes = append(changes, "wrote the key as \"$APTLY_KEY\" so the shell fills it in")
			}
			args = append(args, `-H "x-token: `+KeyVar+`"`)
		case h.Implicit:
			// curl adds these by itself; the rendered command states what
			// it needs explicitly below.
			if name == "authorization" {
				changes = append(changes, "left out the -u credentials: Aptly reads the key from the x-token header")
			}
		case name == "content-type" && body != nil && !r.Multipart:
			hasType = true
			if !isJSONType(value) {
				changes = append(changes, fmt.Sprintf("replaced Content-Type %q with application/json", value))
				value = "application/json"
			}
			args = append(args, "-H "+shellQuote(h.Name+": "+value))
		default:
			if name == "content-type" {
				hasType = true
			}
			args = append(args, "-H "+shellQuote(h.Name+": "+h.Value))
		}
	}
	if body != nil && !r.Multipart && !hasType {
		if ct, ok := r.Header("Content-Type"); ok && ct.Implicit && !isJSONType(ct.Value) {
			changes = append(changes, fmt.Sprintf("added Content-Type: application/json (without it curl sends %s)", ct.Value))
		} else if !ok {
			changes = append(changes, "added Content-Type: application/json")
		}
		args = append(args, "-H 'Content-Type: application/json'")
	}
	if !hasKey {
		if !hadQueryKey {
			changes = append(changes, "added the x-token header, which every request needs")
		} else {
			changes = append(changes, "sent the key in the x-token header")
		}
		args = append(args, `-H "x-token: `+KeyVar+`"`)
	}
	switch {
	case r.Multipart:
		changes = append(changes, "left out the -F form parts, which the doctor does not carry over; add them back")
	case body != nil:
		flag := "-d"
		if len(body) > 0 && body[0] == '@' {
			flag = "--data-raw" // -d would read a file named by the rest
		}
		args = append(args, flag+" "+shellQuote(string(body)))
	}
	var out strings.Builder
	out.WriteString(first)
	for _, a := range args {
		out.WriteString(" \\\n  ")
		out.WriteString(a)
	}
	out.WriteByte('\n')
	return out.String(), changes
}

// dropQueryKey removes every parameter that carries the key (x-token or a name
// AD202 calls misspelt) from the URL's query and names what it removed,
// leaving the rest of the URL as written.
func dropQueryKey(raw string) (string, []string) {
	q := strings.IndexByte(raw, '?')
	if q < 0 {
		return raw, nil
	}
	base, query, frag := raw[:q], raw[q+1:], ""
	if h := strings.IndexByte(query, '#'); h >= 0 {
		query, frag = query[:h], query[h:]
	}
	var kept, dropped []string
	for p := range strings.SplitSeq(query, "&") {
		name, _, _ := strings.Cut(p, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if secret.IsKeyName(name) {
			// x-token itself, or a name AD202 calls misspelt: either way
			// the key goes in the header instead.
			dropped = append(dropped, strings.TrimSpace(name))
			continue
		}
		kept = append(kept, p)
	}
	if len(dropped) == 0 {
		return raw, nil
	}
	if len(kept) == 0 {
		return base + frag, dropped
	}
	return base + "?" + strings.Join(kept, "&") + frag, dropped
}

func isBearer(v string) bool {
	scheme, _, _ := strings.Cut(strings.TrimSpace(v), " ")
	return strings.EqualFold(scheme, "bearer")
}

func isJSONType(v string) bool {
	mt, _, _ := strings.Cut(v, ";")
	mt = strings.ToLower(strings.TrimSpace(mt))
	return mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")
}

func isQuoted(v string) bool {
	return len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'')
}

func unquote(v string) string {
	if isQuoted(v) {
		return v[1 : len(v)-1]
	}
	return v
}

// shellQuote puts s in single quotes for bash, where nothing is special
// but the single quote itself: it closes the quotes, is escaped, and they reopen.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// formToJSON turns a name=value&... form body into one JSON object with the
// same fields in the same order, every value a string: no guess is made
// about types. It declines a body that is JSON already, or is not clean
// form data (a field without '=', a name that does not decode).
func formToJSON(body []byte) ([]byte, bool) {
	t := strings.TrimSpace(string(body))
	if t == "" || strings.ContainsAny(t[:1], "{[\"") || !strings.Contains(t, "=") {
		return nil, false
	}
	var b strings.Builder
	b.WriteByte('{')
	seen := map[string]bool{}
	for i, pair := range strings.Split(t, "&") {
		name, value, ok := strings.Cut(pair, "=")
		if !ok {
			return nil, false
		}
		n, err1 := url.QueryUnescape(name)
		v, err2 := url.QueryUnescape(value)
		if err1 != nil || err2 != nil || n == "" || seen[n] {
			return nil, false
		}
		seen[n] = true
		if i > 0 {
			b.WriteString(", ")
		}
		b.Write(jsonpos.Quote(n))
		b.WriteString(": ")
		b.Write(jsonpos.Quote(v))
	}
	b.WriteByte('}')
	return []byte(b.String()), true
}
