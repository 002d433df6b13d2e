package secret

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"slices"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/lazyre"
)

// Found is a secret and, when it is known by its context, the text just
// before it where it is written ("x-token: ", "sid=", "me:"). A secret
// shorter than MinLen is masked only after its prefix: alone, "abc" would
// mask unrelated text.
type Found struct {
	Value  string
	Prefix string
}

// MinLen is the shortest secret masked wherever it appears.
const MinLen = 6

// IsStandIn reports values that only stand in for a secret: a shell or
// template variable ($APTLY_KEY, {{token}}), a published placeholder
// (YOUR_API_KEY), a mask, or the name of the key's header itself (a
// Postman apikey auth writes {"key": "key", "value": "x-token"}). They
// carry the diagnosis, not a key.
func IsStandIn(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || strings.HasPrefix(v, "$") || strings.Contains(v, "${") || strings.Contains(v, "{{") ||
		strings.Contains(v, "}}") || strings.HasPrefix(v, TokenPrefix) || strings.HasPrefix(v, "…") || IsKeyName(v) {
		return true
	}
	return len(aptly.Placeholders(v, false)) > 0
}

// Set gathers the secrets found in a unit, a file or a text. The zero Set
// is ready to use.
type Set struct {
	found []Found
	seen  map[Found]bool // once found grows past a few entries
}

// has reports whether f was recorded already.
func (s *Set) has(f Found) bool {
	if s.seen != nil {
		return s.seen[f]
	}
	return slices.Contains(s.found, f)
}

// put records f, which is not recorded yet.
func (s *Set) put(f Found) {
	s.found = append(s.found, f)
	switch {
	case s.seen != nil:
		s.seen[f] = true
	case len(s.found) > 16:
		s.seen = map[Found]bool{}
		for _, g := range s.found {
			s.seen[g] = true
		}
	}
}

// Add records a secret known by its prefix (which may be "").
func (s *Set) Add(prefix, v string) {
	v = strings.TrimSpace(v)
	if IsStandIn(v) {
		return
	}
	if f := (Found{Value: v, Prefix: prefix}); !s.has(f) {
		s.put(f)
	}
}

// Keep records a value known to be a secret whatever it looks like: a
// configured key.
func (s *Set) Keep(v string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	if f := (Found{Value: v}); !s.has(f) {
		s.put(f)
	}
}

// Found lists what was recorded, in the order it was found.
func (s *Set) Found() []Found { return s.found }

// Values lists the secrets long enough to mask wherever they appear,
// longest first.
func (s *Set) Values() []string {
	var out []string
	for _, f := range s.found {
		if len(f.Value) >= MinLen {
			out = append(out, f.Value)
		}
	}
	return longestFirst(out)
}

// Header records the secrets a header carries: the value of a key header
// (unquoted, and each word of a key with whitespace inside), the
// credential of an Authorization header (for Basic, the password, or the
// user when there is no password: curl -u KEY:), cookie values.
func (s *Set) Header(name, value string) {
	v := strings.TrimSpace(value)
	switch {
	case IsKeyName(name):
		u := strings.Trim(v, `"'`)
		s.Add(strings.TrimSpace(name)+": ", u)
		s.Add(strings.TrimSpace(name)+":", u)
		if f := strings.Fields(u); len(f) > 1 {
			for _, part := range f {
				s.Add("", part)
			}
		}
	case IsCredentialHeader(name):
		scheme, cred, ok := strings.Cut(v, " ")
		if !ok {
			s.Add("", v)
			return
		}
		cred = strings.TrimSpace(cred)
		s.Add(scheme+" ", cred)
		if strings.EqualFold(scheme, "basic") {
			if dec, err := base64.StdEncoding.DecodeString(cred); err == nil {
				s.basic(string(dec))
			}
		}
	case strings.EqualFold(strings.TrimSpace(name), "set-cookie"):
		first, _, _ := strings.Cut(v, ";")
		if cn, cv, ok := strings.Cut(strings.TrimSpace(first), "="); ok {
			s.Add(cn+"=", cv)
		}
	case IsCookieHeader(name):
		for part := range strings.SplitSeq(v, ";") {
			if cn, cv, ok := strings.Cut(strings.TrimSpace(part), "="); ok {
				s.Add(cn+"=", cv)
			}
		}
	}
}

// basic records the secret of "user:password" credentials: the password,
// or the user when there is no password (curl -u KEY: or -u KEY).
func (s *Set) basic(userPass string) {
	user, pass, ok := strings.Cut(userPass, ":")
	if ok && pass != "" {
		s.Add(user+":", pass)
		return
	}
	s.Add("", user)
}

// URL records the secrets in a URL: a query parameter with a secret name
// (as written and decoded) and the credentials of its user info.
func (s *Set) URL(raw string) {
	raw = strings.TrimSpace(raw)
	if i := strings.Index(raw, "://"); i >= 0 {
		rest := raw[i+3:]
		if end := strings.IndexAny(rest, "/?#"); end >= 0 {
			rest = rest[:end]
		}
		if at := strings.LastIndexByte(rest, '@'); at >= 0 {
			info := rest[:at]
			if dec, err := url.PathUnescape(info); err == nil && dec != info {
				s.basic(dec)
			}
			s.basic(info)
		}
	}
	_, query, ok := strings.Cut(raw, "?")
	if !ok {
		return
	}
	query, _, _ = strings.Cut(query, "#")
	s.Query(query)
}

// Query records the values of secret-named parameters of a query or a form
// body ("x-token=...&Name=...").
func (s *Set) Query(query string) {
	for p := range strings.SplitSeq(query, "&") {
		name, value, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if !IsSecretName(name) {
			continue
		}
		s.Add(name+"=", value)
		if dec, err := url.QueryUnescape(value); err == nil && dec != value {
			s.Add("", dec)
		}
	}
}

// JSON records the values of secret-named members anywhere in a decoded
// JSON value ({"x-token": "..."}, {"auth": {"token": "..."}}).
func (s *Set) JSON(v any) {
	switch t := v.(type) {
	case map[string]any:
		for k, m := range t {
			if IsSecretName(k) {
				switch mv := m.(type) {
				case string:
					s.Add("", mv)
				case json.Number:
					s.Add("", mv.String())
				case float64, int, int64:
					if b, err := json.Marshal(mv); err == nil {
						s.Add("", string(b))
					}
				}
			}
			s.JSON(m)
		}
	case []any:
		for _, m := range t {
			s.JSON(m)
		}
	}
}

// JSONText records the secrets of a JSON text, when it is one.
func (s *Set) JSONText(data []byte) {
	d := json.NewDecoder(strings.NewReader(string(data)))
	d.UseNumber()
	var v any
	if d.Decode(&v) == nil {
		s.JSON(v)
	}
}

// Request records every secret a request carries: its headers, its URL, a
// form body's secret fields and the secret members of a JSON body.
func (s *Set) Request(r *input.Request) {
	if r == nil {
		return
	}
	for _, h := range r.Headers {
		s.Header(h.Name, h.Value)
	}
	s.URL(r.URL)
	if b := r.Body; b != nil {
		if b.Decoded {
			s.JSON(b.Value)
		} else {
			// Not valid JSON (AD101 says why), or a form: read it as text.
			s.Query(string(b.Raw))
			s.Text(string(b.Raw))
		}
	}
}

// Unit records the secrets of a unit: its request, and the secret members
// of a recorded response body.
func (s *Set) Unit(u *input.Unit) {
	if u == nil {
		return
	}
	s.Request(u.Request)
	if u.Body != nil && (u.Request == nil || u.Request.Body != u.Body) {
		if u.Body.Decoded {
			s.JSON(u.Body.Value)
		}
	}
	if u.Response != nil {
		s.JSONText(u.Response.Body)
		s.Text(string(u.Response.Body))
	}
}

// Patterns for secrets in text no parser has read: a header line or a
// parameter, an Authorization or Cookie header, curl -u, URL user info, an
// assignment to a secret-named variable.
var (
	authText   = lazyre.New(`(?i)\b(?:proxy-)?authorization["']?\s*:\s*["']?([A-Za-z]+)[ \t]+([^\s"'<>\\^]+)`)
	cookieText = lazyre.New(`(?i)\b((?:set-)?cookie)["']?\s*:\s*["']?([^\r\n"'\\^]+)`)
	userText   = lazyre.New(`(?:^|\s)(?:-u|--user)(?:[ \t]+|=)["']?([^\s"']+)`)
	urlText    = lazyre.New(`[A-Za-z][A-Za-z0-9+.-]*://[^\s"'<>\\^]+`)
	infoText   = lazyre.New(`[A-Za-z][A-Za-z0-9+.-]*://([^\s/?#@"']+)@`)
	assignText = lazyre.New(`(?:^|[\s;])(?:export[ \t]+|set[ \t]+|\$env:)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*("[^"\r\n]*"|'[^'\r\n]*'|[^\s;'"]+)`)
)

// Text records the secrets found in text by their look alone. It backs up
// the parsers, and is all there is for plain text.
func (s *Set) Text(text string) {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c == ':' || c == '=' {
			if prefix, value, ok := nameValueAt(text, i); ok {
				s.Add(prefix, value)
			}
		}
	}
	// The patterns below run only where a cheap look says they may match:
	// a batch of a million lines has few of these.
	lower := ""
	has := func(w string) bool {
		if lower == "" {
			lower = strings.ToLower(text)
		}
		return strings.Contains(lower, w)
	}
	if strings.IndexByte(text, ':') >= 0 && has("authorization") {
		for _, m := range authText.Get().FindAllStringSubmatch(text, -1) {
			s.Header("Authorization", m[1]+" "+m[2])
		}
	}
	if strings.IndexByte(text, ':') >= 0 && has("cookie") {
		for _, m := range cookieText.Get().FindAllStringSubmatch(text, -1) {
			s.Header(m[1], m[2])
		}
	}
	if strings.Contains(text, "-u") {
		for _, m := range userText.Get().FindAllStringSubmatch(text, -1) {
			s.basic(m[1])
		}
	}
	if strings.Contains(text, "://") {
		for _, u := range urlText.Get().FindAllString(text, -1) {
			s.URL(u)
		}
		for _, m := range infoText.Get().FindAllStringSubmatch(text, -1) {
			s.basic(m[1])
		}
	}
	if strings.IndexByte(text, '=') >= 0 && (has("key") || has("token") || has("secret") || has("passw")) {
		for _, m := range assignText.Get().FindAllStringSubmatch(text, -1) {
			if IsSecretVar(m[1]) {
				s.Add("", strings.Trim(m[2], `"'`))
			}
		}
	}
}

// Assignment is a shell assignment of a literal to a secret-named variable
// (export APTLY_KEY="..."), as a ticket paste has before its curl command.
type Assignment struct {
	Name, Value string
	Off         int // byte offset of the value, inside its quotes
}

// Assignments lists the literal values text assigns to secret-named
// variables; a value that is itself a variable, a command substitution or
// a placeholder is no literal.
func Assignments(text string) []Assignment {
	var out []Assignment
	for _, m := range assignText.Get().FindAllStringSubmatchIndex(text, -1) {
		name, v, off := text[m[2]:m[3]], text[m[4]:m[5]], m[4]
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v, off = v[1:len(v)-1], off+1
		}
		if !IsSecretVar(name) || IsStandIn(v) || strings.ContainsAny(v, "$`(") {
			continue
		}
		out = append(out, Assignment{Name: name, Value: v, Off: off})
	}
	return out
}

// nameValueAt reads a "name: value" or "name=value" around the ':' or '='
// at text[i], as a header line, a query or a JSON member writes it, and
// reports it when the name is a secret name: the text from the name to the
// value (its context, "x-token: ") and the value. The name may be two
// words ("X Token"), and a quote may close it ("x-token": "...").
func nameValueAt(text string, i int) (prefix, value string, ok bool) {
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	if j > 0 && (text[j-1] == '"' || text[j-1] == '\'') {
		j--
	}
	end := j
	for j > 0 && isNameByte(text[j-1]) {
		j--
	}
	if j == end {
		return "", "", false
	}
	if !IsSecretName(text[j:end]) {
		// "X Token": a first word before the name.
		k := j
		if k < 2 || text[k-1] != ' ' || !isNameByte(text[k-2]) {
			return "", "", false
		}
		k--
		for k > 0 && isNameByte(text[k-1]) {
			k--
		}
		if !IsSecretName(text[k:end]) {
			return "", "", false
		}
		j = k
	}
	v := i + 1
	for v < len(text) && (text[v] == ' ' || text[v] == '\t') {
		v++
	}
	if v < len(text) && (text[v] == '"' || text[v] == '\'') {
		v++
	}
	w := v
	for w < len(text) && !strings.ContainsRune(" \t\r\n\"'&;,<>)}]\\^", rune(text[w])) {
		w++
	}
	if w == v {
		return "", "", false
	}
	return text[j:v], text[v:w], true
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}
