// Package secret masks API keys for display. A key is never shown whole:
// at most its last four characters and a short fingerprint, so two mentions
// of one key can still be matched by eye.
package secret

import (
	"crypto/sha256"
	"encoding/hex"
	"unicode/utf8"
)

// Fingerprint is the lowercase hex SHA-256 of the secret's bytes, the value
// a config's key_sha256 is a prefix of (printf %s "$KEY" | sha256sum).
func Fingerprint(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// Mask shows a secret as "…" + its last four characters + its fingerprint
// prefix. Secrets of eight characters or fewer show no characters at all:
// four of eight would be half the key.
func Mask(s string) string {
	if s == "" {
		return "(empty)"
	}
	fp := Fingerprint(s)[:6]
	if utf8.RuneCountInString(s) <= 8 {
		return "…(sha256:" + fp + ")"
	}
	r := []rune(s)
	return "…" + string(r[len(r)-4:]) + " (sha256:" + fp + ")"
}
