package checks

import (
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// maxScanned is the largest source whose whole text is searched for
// secrets by their look (an export line, curl -u, a key in a config's
// line); a bigger one (a HAR of many entries) relies on what was parsed.
const maxScanned = 1 << 20

// secretsOf lists the secrets a unit carries and those the config knows,
// longest first, so messages, fixes and quoted source lines can be masked
// before anyone sees them. Which names and forms carry a key is package
// secret's to say.
func secretsOf(u *input.Unit, c *config.Config) []string {
	var s secret.Set
	s.Unit(u)
	// Source code is not scanned as text: "x-token": API_KEY names a
	// variable, not a key. Its loader lists the keys it holds (u.Secrets).
	code := u.BoardID != nil || u.Request != nil && u.Request.Partial
	for _, src := range []*input.Source{u.Src, requestSrc(u), bodySrc(u)} {
		if src != nil && len(src.Data) <= maxScanned && !code {
			s.Text(string(src.Data))
		}
	}
	for _, v := range u.Secrets {
		s.Keep(v) // keys written elsewhere in the same source file
	}
	for _, k := range c.Keys() {
		if v, ok := k.Secret(); ok {
			s.Keep(v) // a configured key is a secret whatever it looks like
		}
	}
	return s.Values()
}

func requestSrc(u *input.Unit) *input.Source {
	if u.Request != nil {
		return u.Request.Src
	}
	return nil
}

func bodySrc(u *input.Unit) *input.Source {
	if u.Body != nil && u.Body.Src != u.Src {
		return u.Body.Src
	}
	return nil
}

// maskText replaces every secret in a message or fix with its mask.
func maskText(s string, secrets []string) string { return secret.MaskText(s, secrets) }

// Secrets lists the secrets a unit carries and the config's keys, for the
// driver's own output (a corrected curl command) to mask before printing.
func Secrets(u *input.Unit, c *config.Config) []string { return secretsOf(u, c) }
