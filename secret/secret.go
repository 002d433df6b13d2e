// Package secret masks API keys for display. A key is never shown whole:
// at most its last four characters and a short fingerprint, so two mentions
// of one key can still be matched by eye.
package secret

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
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

// parts are what a mask may show of a secret: its last four characters
// (none for a secret shorter than eight characters, or whose tail is not
// plain printable text, so a mask never carries a control character) and
// the first six hex digits of its SHA-256.
func parts(s string) (tail, fp string) {
	r := []rune(s)
	if len(r) >= minShownLen {
		tail = string(r[len(r)-4:])
		for _, c := range tail {
			if !unicode.IsPrint(c) || unicode.IsSpace(c) {
				tail = ""
				break
			}
		}
	}
	return tail, Fingerprint(s)[:6]
}

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
	tail, fp := parts(s)
	return "…" + tail + " (sha256:" + fp + ")"
}

// TokenPrefix starts every Token; a value that starts with it is a mask
// already, no secret.
const TokenPrefix = "REDACTED-"

// Token is the mask written into files (redact, corrected commands):
// REDACTED-<last four>-sha256-<six hex digits>, the same tail and
// fingerprint Mask shows. It is plain ASCII letters, digits and dashes on
// purpose: it needs no quoting or escaping in a shell word, a URL query, a
// header, a cookie or a JSON string, so a file stays the same kind of file.
// A tail holding anything else is left out.
func Token(s string) string {
	tail, fp := parts(s)
	if tail == "" || strings.Trim(tail, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._") != "" {
		return TokenPrefix + "sha256-" + fp
	}
	return TokenPrefix + tail + "-sha256-" + fp
}
