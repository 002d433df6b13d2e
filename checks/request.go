package checks

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// urlPos is the position of byte off of the request's URL in its source, or
// the URL's own position when that cannot be told.
func urlPos(r *input.Request, off int) input.Pos {
	p := r.URLAt
	if off >= 0 && off < len(r.URLPositions) {
		return r.URLPositions[off] // a URL joined from several literals of source code
	}
	if p.IsZero() || off <= 0 || off > len(r.URL) {
		return p
	}
	if strings.ContainsAny(r.URL[:off], "\r\n") {
		return p
	}
	p.Col += utf8.RuneCountInString(r.URL[:off])
	return p
}

// requestSpan points at p, or at the URL when p is unknown.
func requestSpan(r *input.Request, p input.Pos) Span {
	if p.IsZero() {
		p = r.URLAt
	}
	return AtPos(p)
}

// hasBody reports whether the request sends a body: one at hand, or one
// named by a flag whose text is not (a file missing from a ticket, standard
// input). The headers that announce it can be judged either way.
func hasBody(r *input.Request) bool {
	if r.Multipart {
		return true
	}
	if r.Body != nil && len(r.Body.Raw) > 0 {
		return true
	}
	return r.BodyFlag != ""
}

// queryToken returns the x-token query value and its byte offset in the URL.
func queryToken(raw string) (value string, off int, ok bool) {
	q := strings.IndexByte(raw, '?')
	if q < 0 {
		return "", 0, false
	}
	rest := raw[q+1:]
	if h := strings.IndexByte(rest, '#'); h >= 0 {
		rest = rest[:h]
	}
	pos := q + 1
	for _, part := range strings.Split(rest, "&") {
		name, val, _ := strings.Cut(part, "=")
		if n, err := url.QueryUnescape(name); err == nil && strings.EqualFold(n, "x-token") {
			if v, err := url.QueryUnescape(val); err == nil {
				val = v
			}
			return val, pos, true
		}
		pos += len(part) + 1
	}
	return "", 0, false
}

// RequestKey is the key a request sends: the x-token header, else the
// ?x-token= query parameter; ok is false when it sends neither.
func RequestKey(r *input.Request) (key string, ok bool) { return requestKey(r) }

// requestKey is the key a request sends: the x-token header, else the query.
func requestKey(r *input.Request) (string, bool) {
	if h, ok := r.Header("x-token"); ok {
		return strings.TrimSpace(h.Value), true
	}
	if v, _, ok := queryToken(r.URL); ok {
		return strings.TrimSpace(v), true
	}
	return "", false
}

// reportURLProblems reports the problems of the request's URL whose kind
// the check owns (AD204 and AD205 share the one judgement of a URL), each at
// its byte in the URL, a method problem at the method.
func reportURLProblems(p *Pass, owns func(kind string) bool) {
	r := p.Unit.Request
	if r.URL == "" {
		return
	}
	for _, pr := range aptly.RequestProblems(r.Method, r.URL) {
		if !owns(pr.Kind) {
			continue
		}
		at := urlPos(r, pr.Start)
		if pr.Kind == aptly.KindMethod && !r.MethodAt.IsZero() {
			at = r.MethodAt
		}
		p.Report(AtPos(at), pr.Fix, "%s", pr.Message)
	}
}
