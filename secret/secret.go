// Package secret masks API keys for display. A key is never shown whole:
// at most its last four characters and a short fingerprint, so two mentions
// of one key can still be matched by eye.
package secret

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode"
)

// Fingerprint is the lowercase hex SHA-256 of the secret's bytes, the value
// a config's key_sha256 is a prefix of (printf %s "$KEY" | sha256sum).
func Fingerprint(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// minShownLen is the shortest secret whose last four characters are shown:
// below it the tail would give away most of the key.
const minShownLen = 8

// Mask shows a secret without revealing it: "…" and its last four
// characters, then the first six hex digits of its SHA-256, as in
// "…Zx9q (sha256:3f9a1c)". A secret shorter than eight characters, or one
// whose tail is not plain printable text, shows no characters at all, so a
// mask can never carry a control character to a terminal. The empty secret
// is "(empty)".
func Mask(s string) string {
	if s == "" {
		return "(empty)"
	}
	r := []rune(s)
	tail := ""
	if len(r) >= minShownLen {
		tail = string(r[len(r)-4:])
		for _, c := range tail {
			if !unicode.IsPrint(c) || unicode.IsSpace(c) {
				tail = ""
				break
			}
		}
	}
	return "…" + tail + " (sha256:" + Fingerprint(s)[:6] + ")"
}
