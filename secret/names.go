package secret

import (
	"slices"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/internal/didyoumean"
)

// The names below are the one list of where a key travels. AD202 judges
// requests by them, and everything that shows a request (quoted source
// lines, corrected commands, redact) masks what they carry, so a name that
// AD202 calls misspelt can never slip past the mask.

// KeyHeader is the header Aptly reads the key from.
const KeyHeader = "x-token"

// altKeyNames are the names people give the key besides x-token, in
// headers, query parameters and JSON members. AD202 calls each of them out.
var altKeyNames = []string{
	"x-api-key", "api-key", "apikey", "api_key", "x-apikey", "x-aptly-token", "x-aptly-key",
	"token", "x-auth-token", "x-access-token", "access_token", "api-token", "x-api-token",
}

// AltKeyNames lists the names besides x-token that people send the key
// under, written out (misspellings one edit away are recognised too).
func AltKeyNames() []string { return append([]string(nil), altKeyNames...) }

// norm is a name as compared: lowercase, without surrounding space.
func norm(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// IsKeyName reports whether a header, query parameter or JSON member of
// this name carries the key: x-token itself or any name IsMisspeltKeyName
// recognises.
func IsKeyName(name string) bool {
	return norm(name) == KeyHeader || IsMisspeltKeyName(name)
}

// IsMisspeltKeyName reports the names people use for the key that Aptly
// does not read: an alternative name (x-api-key, token, ...), x-token with
// other separators (x_token, "X Token", xtoken) or one edit away from it
// (x-tokn).
func IsMisspeltKeyName(name string) bool {
	n := norm(name)
	if n == KeyHeader {
		return false
	}
	if slices.Contains(altKeyNames, n) {
		return true
	}
	if len(n) < len(KeyHeader)-2 || len(n) > len(KeyHeader)+2 {
		return false // too far from x-token to be a spelling of it
	}
	squashed := strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == ' ' {
			return -1
		}
		return r
	}, n)
	return squashed == "xtoken" || didyoumean.Distance(n, KeyHeader) == 1
}

// IsCredentialHeader reports headers whose value is a scheme and a
// credential (Authorization: Bearer KEY, Basic user:password).
func IsCredentialHeader(name string) bool {
	n := norm(name)
	return n == "authorization" || n == "proxy-authorization"
}

// IsCookieHeader reports the headers whose values are cookies.
func IsCookieHeader(name string) bool {
	n := norm(name)
	return n == "cookie" || n == "set-cookie"
}

// otherSecretNames carry a secret in a query, a form or a JSON member,
// though not the Aptly key.
var otherSecretNames = []string{"key", "auth", "password", "passwd", "secret", "client_secret", "signingkey", "x-signingkey"}

// IsSecretName reports whether a query or form parameter, a JSON member or
// a config field of this name holds a secret: any key name, or a password,
// secret or signing key.
func IsSecretName(name string) bool {
	if IsKeyName(name) {
		return true
	}
	n := norm(name)
	for _, o := range otherSecretNames {
		if n == o {
			return true
		}
	}
	return false
}

// IsSecretVar reports shell or environment variable names that hold a
// secret: APTLY_KEY, API_TOKEN, MY_SECRET, DB_PASSWORD.
func IsSecretVar(name string) bool {
	n := strings.ToUpper(name)
	for _, w := range []string{"KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}
