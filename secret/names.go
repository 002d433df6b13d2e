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
	if n, ok := asciiName(name); ok {
		return foldEq(n, KeyHeader) || misspeltASCII(n)
	}
	return isKeyName(name)
}

func isKeyName(name string) bool { return norm(name) == KeyHeader || isMisspeltKeyName(name) }

// IsMisspeltKeyName reports the names people use for the key that Aptly
// does not read: an alternative name (x-api-key, token, ...), x-token with
// other separators (x_token, "X Token", xtoken) or one edit away from it
// (x-tokn).
func IsMisspeltKeyName(name string) bool {
	if n, ok := asciiName(name); ok {
		return misspeltASCII(n)
	}
	return isMisspeltKeyName(name)
}

// isMisspeltKeyName, isKeyName and isSecretName decide for any name, by a
// lowercase copy and an edit distance; the exported functions take them
// for names that are not ASCII.
func isMisspeltKeyName(name string) bool {
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
	if n, ok := asciiName(name); ok {
		if foldEq(n, KeyHeader) || misspeltASCII(n) {
			return true
		}
		for _, o := range otherSecretNames {
			if foldEq(n, o) {
				return true
			}
		}
		return false
	}
	return isSecretName(name)
}

func isSecretName(name string) bool {
	if isKeyName(name) {
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

// The names are judged over and over (every member of a body and every
// "name:" in a text whose secrets are masked), and most are ASCII: for
// those, the functions above compare without making a lowercase copy or
// an edit-distance table. Other names take the general path; both decide
// alike (TestASCIINamesAsBefore).

// asciiName is name without surrounding space, when that is ASCII.
func asciiName(name string) (string, bool) {
	n := strings.TrimSpace(name)
	for i := 0; i < len(n); i++ {
		if n[i] >= 0x80 {
			return "", false
		}
	}
	return n, true
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// foldEq reports whether n, ASCII, lowercased is t.
func foldEq(n, t string) bool {
	if len(n) != len(t) {
		return false
	}
	for i := 0; i < len(n); i++ {
		if lowerByte(n[i]) != t[i] {
			return false
		}
	}
	return true
}

// misspeltASCII is IsMisspeltKeyName for an ASCII name without surrounding
// space.
func misspeltASCII(n string) bool {
	if foldEq(n, KeyHeader) {
		return false
	}
	for _, a := range altKeyNames {
		if foldEq(n, a) {
			return true
		}
	}
	if len(n) < len(KeyHeader)-2 || len(n) > len(KeyHeader)+2 {
		return false
	}
	return squashedIs(n, "xtoken") || oneEdit(n, KeyHeader)
}

// squashedIs reports whether n lowercased, without '-', '_' and ' ', is t.
func squashedIs(n, t string) bool {
	j := 0
	for i := 0; i < len(n); i++ {
		c := lowerByte(n[i])
		if c == '-' || c == '_' || c == ' ' {
			continue
		}
		if j >= len(t) || c != t[j] {
			return false
		}
		j++
	}
	return j == len(t)
}

// oneEdit reports whether n lowercased is exactly one insertion, deletion
// or substitution away from t (both ASCII): Levenshtein distance 1.
func oneEdit(n, t string) bool {
	switch len(n) - len(t) {
	case 0:
		diff := 0
		for i := 0; i < len(n); i++ {
			if lowerByte(n[i]) != t[i] {
				if diff++; diff > 1 {
					return false
				}
			}
		}
		return diff == 1
	case 1, -1:
		i, j, skipped := 0, 0, false
		for i < len(n) && j < len(t) {
			if lowerByte(n[i]) == t[j] {
				i, j = i+1, j+1
				continue
			}
			if skipped {
				return false
			}
			skipped = true
			if len(n) > len(t) {
				i++
			} else {
				j++
			}
		}
		return true
	}
	return false
}
