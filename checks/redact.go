package checks

import (
	"encoding/base64"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// secretsOf lists the secrets a unit carries (its key in a header or the
// query, Authorization credentials, cookies) and those the config knows, so
// quoted source lines can be masked before anyone sees them.
func secretsOf(u *input.Unit, c *config.Config) []string {
	var out []string
	add := func(s string) {
		s = strings.Trim(strings.TrimSpace(s), `"'`)
		if strings.Contains(s, "{{") || strings.Contains(s, "}}") || strings.Contains(s, "$") {
			return // a template, not a secret
		}
		if len(s) >= 6 && !slices.Contains(out, s) {
			out = append(out, s)
		}
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
	}
	for _, k := range c.Keys() {
		if v, ok := k.Secret(); ok {
			add(v)
		}
	}
	// Longest first, so a key is masked whole before any part of it.
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
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
