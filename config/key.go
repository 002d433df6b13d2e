package config

import (
	"strings"

	"github.com/aptly-doctor/aptly-doctor/secret"
)

// Key is an API key as the config names it: by environment variable, by a
// literal value, or by a SHA-256 prefix only. The value itself is
// unexported, never marshalled and never printed: String and GoString show
// the mask.
type Key struct {
	Var       string // environment variable name; "" for a literal key
	VarAt     Pos
	Literal   bool // written as key: <value> in the config
	LiteralAt Pos
	// Set reports that the value is known: the variable is set and not
	// blank, or the key is literal.
	Set bool
	// Empty reports that the variable exists but holds only whitespace.
	Empty bool

	// SHA256Prefix is key_sha256 from the config: a lowercase hex prefix of
	// at least 6 digits of the key's SHA-256.
	SHA256Prefix string
	SHA256At     Pos

	// Env and Board say where the key is configured; Board is nil for an
	// environment's company key.
	Env   *Env
	Board *Board

	value string
}

// At returns where the key is configured: its variable, its literal or its
// fingerprint, in that order of preference.
func (k *Key) At() Pos {
	switch {
	case k == nil:
		return Pos{}
	case !k.VarAt.IsZero():
		return k.VarAt
	case !k.LiteralAt.IsZero():
		return k.LiteralAt
	}
	return k.SHA256At
}

// Matches reports whether secret is this key: the same value (surrounding
// whitespace aside, which servers strip), or a value whose SHA-256 starts
// with the configured prefix.
func (k *Key) Matches(secret string) bool {
	if k == nil {
		return false
	}
	s := strings.TrimSpace(secret)
	if s == "" {
		return false
	}
	if k.value != "" && s == k.value {
		return true
	}
	return k.SHA256Prefix != "" && strings.HasPrefix(Fingerprint(s), k.SHA256Prefix)
}

// FingerprintMismatch reports that the key's value is known and its
// SHA-256 does not start with the configured key_sha256: the variable holds
// another key than the one the config was written for.
func (k *Key) FingerprintMismatch() bool {
	return k != nil && k.value != "" && k.SHA256Prefix != "" && !strings.HasPrefix(Fingerprint(k.value), k.SHA256Prefix)
}

// FoundIn reports whether the key's value occurs anywhere in text (a body,
// a URL): the question AD109 asks, answered without handing the value out.
func (k *Key) FoundIn(text string) bool {
	return k != nil && k.value != "" && strings.Contains(text, k.value)
}

// Redact returns text with every occurrence of the key's value replaced by
// its mask.
func (k *Key) Redact(text string) string {
	if k == nil || k.value == "" {
		return text
	}
	return strings.ReplaceAll(text, k.value, k.Mask())
}

// Fingerprint returns the key's full lowercase hex SHA-256 when its value is
// known, else the configured prefix (possibly "").
func (k *Key) Fingerprint() string {
	switch {
	case k == nil:
		return ""
	case k.value != "":
		return Fingerprint(k.value)
	}
	return k.SHA256Prefix
}

// Mask shows the key without revealing it: see the package function Mask.
// An unset key is "(unset)".
func (k *Key) Mask() string {
	if k == nil || k.value == "" {
		return "(unset)"
	}
	return Mask(k.value)
}

// String returns the mask, so that a key printed by mistake stays hidden.
func (k Key) String() string { return k.Mask() }

// GoString returns the mask, so that %#v stays safe too.
func (k Key) GoString() string { return "config.Key{" + k.Mask() + "}" }

// Mask shows a secret without revealing it; see secret.Mask.
func Mask(s string) string { return secret.Mask(s) }

// Fingerprint returns the lowercase hex SHA-256 of the secret's bytes, as
// printf %s "$KEY" | sha256sum prints it.
func Fingerprint(s string) string { return secret.Fingerprint(s) }

// Secret returns the key's value and whether it is known. It exists for the
// two places that must hold the key itself: the probe, which sends it, and
// the redaction of quoted source lines, which must find it to mask it.
// Never print, log or store what it returns.
func (k *Key) Secret() (string, bool) {
	if k == nil || k.value == "" {
		return "", false
	}
	return k.value, true
}
