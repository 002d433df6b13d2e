// Package redact rewrites an input (a HAR export, a curl command, a .http
// file, a JSON payload or batch, or plain text) with every secret masked,
// so it can be attached to a ticket and forwarded.
//
// A secret is an x-token value (header or ?x-token=), the credentials of an
// Authorization header (the scheme word stays), cookie values (the names
// stay), a curl -u password, a key the config knows, or any of those values
// found anywhere else in the file. Values that only stand in for a secret
// ($APTLY_KEY, {{token}}, YOUR_API_KEY) are left as written: they carry the
// diagnosis, not a key.
//
// Every secret becomes one mask, the same wherever it appears, so two
// mentions of one key can still be matched: REDACTED-<last four>-sha256-<six
// hex digits>, the same tail and fingerprint secret.Mask shows. The mask is
// plain ASCII letters, digits and dashes on purpose: it needs no quoting or
// escaping in a shell word, a URL query, a header, a cookie or a JSON
// string, so the redacted file stays the same kind of file and parses with
// the project's own parsers.
package redact

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/curl"
	"github.com/aptly-doctor/aptly-doctor/input/source"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// Options says which secrets are known before the file is read.
type Options struct {
	Cfg   *config.Config // its keys are masked wherever they appear; may be nil
	Extra []string       // more secret values to mask
}

// Mask returns the mask File writes for the secret s: secret.Token,
// REDACTED-<last four>-sha256-<six hex digits>.
func Mask(s string) string { return secret.Token(s) }

// File rewrites one input of the given kind with every secret masked,
// staying the same kind of file. Input the kind's parser cannot read is
// redacted as text, which finds fewer secrets but never fails; an unknown
// kind is an error.
func File(kind input.Kind, data []byte, o Options) ([]byte, error) {
	r := newRedactor(o)
	switch kind {
	case input.KindHAR:
		return r.harFile(data)
	case input.KindPayload:
		r.scan(string(data))
		if out, ok := r.json(data, nil); ok {
			return out, nil
		}
	case input.KindBatch:
		return r.batch(data), nil
	case input.KindCurl:
		if out, ok := r.curl(data); ok {
			return out, nil
		}
		if _, err := curl.Parse(&input.Source{Path: "-", Data: data}, curl.Options{ReadFile: noFiles}); err == nil {
			return nil, errors.New("redact: the command cannot be masked without breaking its quoting")
		}
	case input.KindHTTP:
		if out, ok := r.http(data); ok {
			return out, nil
		}
	case input.KindSource:
		// Source code: the keys its literals hold. The text rules would
		// take x-token: API_KEY for a key and mask a variable's name.
		for _, k := range source.Keys(data) {
			r.add(k)
		}
		return []byte(r.text(string(data))), nil
	case input.KindText:
	default:
		return nil, fmt.Errorf("redact: unknown kind %q", kind)
	}
	r.scan(string(data))
	return []byte(r.text(string(data))), nil
}

// pair is a secret known by what comes before it: a cookie's "name=", a
// -u "user:", a query's "x-token=". Short values are masked only in their
// context, where the prefix shows they are the secret.
type pair struct {
	prefix, value string
}

type redactor struct {
	secrets  map[string]bool
	pairs    map[pair]bool
	sorted   []string // secrets, longest first, built on first use
	pairList []pair   // pairs, longest first
	dirty    bool
}

// minLoose is the shortest secret masked wherever it appears; a shorter
// one ("1", "abc") would mask unrelated text, so it is masked only where
// its context names it.
const minLoose = 6

func newRedactor(o Options) *redactor {
	r := &redactor{secrets: map[string]bool{}, pairs: map[pair]bool{}}
	for _, s := range o.Extra {
		r.add(s)
	}
	for _, k := range o.Cfg.Keys() {
		if v, ok := k.Secret(); ok && v != "" {
			// A configured key is a secret whatever it looks like.
			r.secrets[v], r.dirty = true, true
		}
	}
	return r
}

// isStandIn reports values that only stand in for a secret.
func isStandIn(v string) bool { return secret.IsStandIn(v) }

// add records a secret to mask wherever it appears.
func (r *redactor) add(v string) {
	v = strings.TrimSpace(v)
	if isStandIn(v) {
		return
	}
	if len(v) < minLoose {
		return
	}
	if !r.secrets[v] {
		r.secrets[v] = true
		r.dirty = true
	}
}

// addPair records a secret known by its prefix, and everywhere when it is
// long enough.
func (r *redactor) addPair(prefix, v string) {
	if isStandIn(v) {
		return
	}
	if p := (pair{prefix, v}); !r.pairs[p] {
		r.pairs[p] = true
		r.dirty = true
	}
	r.add(v)
}

// text masks every known secret in s.
func (r *redactor) text(s string) string {
	if r.dirty {
		r.sorted = r.sorted[:0]
		for v := range r.secrets {
			r.sorted = append(r.sorted, v)
		}
		slices.SortFunc(r.sorted, func(a, b string) int {
			if len(a) != len(b) {
				return len(b) - len(a)
			}
			return strings.Compare(a, b)
		})
		r.pairList = r.pairList[:0]
		for p := range r.pairs {
			r.pairList = append(r.pairList, p)
		}
		slices.SortFunc(r.pairList, func(a, b pair) int {
			if d := len(b.prefix+b.value) - len(a.prefix+a.value); d != 0 {
				return d
			}
			return strings.Compare(a.prefix+a.value, b.prefix+b.value)
		})
		r.dirty = false
	}
	// A key split by shell quoting or a line continuation is found too;
	// the quotes stay, so the text keeps its shape.
	s = secret.Replace(s, r.sorted, Mask)
	for _, p := range r.pairList {
		s = replacePair(s, p)
	}
	return s
}

// replacePair masks p.value wherever it follows p.prefix and ends at a
// boundary, so "sid=1" is masked but "sid=12" is not taken for it.
func replacePair(s string, p pair) string {
	needle := p.prefix + p.value
	if p.prefix == "" || !strings.Contains(s, needle) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, needle)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(needle)
		b.WriteString(s[:i])
		if (i == 0 || !valueByte(s[i-1]) || !valueByte(p.prefix[0])) && (end == len(s) || !valueByte(s[end])) {
			b.WriteString(p.prefix + Mask(p.value))
		} else {
			b.WriteString(needle)
		}
		s = s[end:]
	}
}

// valueByte reports bytes that can continue a token, cookie value or key.
func valueByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.IndexByte("-_.~+/%=", c) >= 0
}
