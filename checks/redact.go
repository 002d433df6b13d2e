package checks

import (
	"bytes"
	"encoding/base64"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// secretsOf lists the secrets a unit carries (its key in a header or the
// query, Authorization credentials, cookies) and those the config knows, so
// quoted source lines can be masked before anyone sees them.
func secretsOf(u *input.Unit, c *config.Config) []string {
	var out []string
	keep := func(s string) {
		if len(s) >= 6 && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	add := func(s string) {
		s = strings.Trim(strings.TrimSpace(s), `"'`)
		if strings.HasPrefix(s, "$") || strings.Contains(s, "${") || strings.Contains(s, "{{") || strings.Contains(s, "}}") {
			return // a variable or a template, not a secret
		}
		if len(aptly.Placeholders(s, false)) > 0 {
			return // YOUR_API_KEY is AD108's to name, and no secret
		}
		keep(s)
	}
	if r := u.Request; r != nil {
		for _, h := range r.Headers {
			switch strings.ToLower(strings.TrimSpace(h.Name)) {
			case "x-token", "x_token", "xtoken", "x-api-key", "api-key", "apikey", "token", "x-auth-token":
				add(h.Value)
				for _, part := range strings.Fields(h.Value) {
					add(part)
				}
			case "authorization", "proxy-authorization":
				if _, cred, ok := strings.Cut(strings.TrimSpace(h.Value), " "); ok {
					add(cred)
					if raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(cred)); err == nil {
						if _, pass, ok := strings.Cut(string(raw), ":"); ok {
							add(pass)
						}
					}
				} else {
					add(h.Value)
				}
			case "cookie", "set-cookie":
				for _, c := range strings.Split(h.Value, ";") {
					if _, v, ok := strings.Cut(c, "="); ok {
						add(v)
					}
				}
			}
		}
		if v, _, ok := queryToken(r.URL); ok {
			add(v)
		}
		if u, err := url.Parse(strings.TrimSpace(r.URL)); err == nil {
			if pw, ok := u.User.Password(); ok {
				add(pw)
			}
			for name, vs := range u.Query() {
				if secretName(name) {
					for _, v := range vs {
						add(v)
					}
				}
			}
		}
		if r.Body != nil && !r.Body.Decoded && bytes.Contains(r.Body.Raw, []byte("=")) {
			// A form body ("x-token=...&Name=...") carries keys too.
			if q, err := url.ParseQuery(string(r.Body.Raw)); err == nil {
				for name, vs := range q {
					if secretName(name) {
						for _, v := range vs {
							add(v)
						}
					}
				}
			}
		}
	}
	for _, k := range c.Keys() {
		if v, ok := k.Secret(); ok {
			keep(strings.TrimSpace(v)) // a configured key is a secret whatever it looks like
		}
	}
	// Longest first, so a key is masked whole before any part of it.
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// secretName reports whether a query or form parameter name carries a secret.
func secretName(name string) bool {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "x-token", "x_token", "xtoken", "token", "api_key", "apikey", "api-key", "key", "access_token",
		"auth", "password", "secret", "signingkey", "x-signingkey":
		return true
	}
	return false
}

// maskText replaces every secret in a message or fix with its mask.
func maskText(s string, secrets []string) string {
	for _, sec := range secrets {
		if strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, secret.Mask(sec))
		}
	}
	return s
}

// maskLine replaces every secret in a quoted source line with its mask and
// returns the display column the caret belongs at (1-based, in code points).
// A caret that falls inside a secret moves to the start of its mask.
func maskLine(line string, col int, secrets []string) (string, int) {
	if len(secrets) == 0 || line == "" {
		return line, col
	}
	caretByte := byteOffset(line, col)
	var b strings.Builder
	displayCaret := -1
	i := 0
	for i < len(line) {
		if displayCaret < 0 && i >= caretByte {
			displayCaret = utf8.RuneCountInString(b.String()) + 1
		}
		hit := ""
		for _, s := range secrets {
			if strings.HasPrefix(line[i:], s) {
				hit = s
				break
			}
		}
		if hit == "" {
			_, size := utf8.DecodeRuneInString(line[i:])
			b.WriteString(line[i : i+size])
			i += size
			continue
		}
		if displayCaret < 0 && caretByte < i+len(hit) {
			displayCaret = utf8.RuneCountInString(b.String()) + 1
		}
		b.WriteString(secret.Mask(hit))
		i += len(hit)
	}
	if displayCaret < 0 {
		displayCaret = utf8.RuneCountInString(b.String()) + 1
	}
	return b.String(), displayCaret
}

// byteOffset is the byte offset of 1-based code-point column col in s.
func byteOffset(s string, col int) int {
	n := 1
	for i := range s {
		if n == col {
			return i
		}
		n++
	}
	return len(s)
}

// Secrets lists the secrets a unit carries and the config's keys, for the
// driver's own output (a corrected curl command) to mask before printing.
func Secrets(u *input.Unit, c *config.Config) []string { return secretsOf(u, c) }
