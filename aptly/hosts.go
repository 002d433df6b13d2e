package aptly

import (
	"net"
	"slices"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/internal/didyoumean"
)

// LegacyHosts are the hosts of the legacy API. Aptly's legacy documents use
// both, so both are right; the first is the one the doctor suggests.
var LegacyHosts = []string{"api.getaptly.com", "app.getaptly.com"}

// CoreHost is the host of the core API.
const CoreHost = "core-api.getaptly.com"

// Domain is the domain every Aptly host lives under.
const Domain = "getaptly.com"

// NormalizeHost lowercases host and drops a port, IPv6 brackets, a trailing
// dot and surrounding whitespace, so that hosts compare as names.
func NormalizeHost(host string) string {
	h := strings.TrimSpace(host)
	if i := strings.LastIndexByte(h, '@'); i >= 0 {
		h = h[i+1:]
	}
	if strings.HasPrefix(h, "[") {
		if i := strings.IndexByte(h, ']'); i > 0 {
			h = h[1:i]
		}
	} else if strings.Count(h, ":") == 1 {
		h = h[:strings.IndexByte(h, ':')]
	}
	h = strings.TrimSuffix(h, ".")
	return strings.ToLower(h)
}

// IsAPIHost reports whether host serves Aptly's card API (either
// generation). Case and port do not matter.
func IsAPIHost(host string) bool {
	return HostGeneration(host) != Unknown
}

// HostGeneration returns the generation a host serves, from the host alone:
// Legacy for api/app.getaptly.com, Core for core-api.getaptly.com, Unknown
// for any other host.
func HostGeneration(host string) Generation {
	h := NormalizeHost(host)
	if h == CoreHost {
		return Core
	}
	if slices.Contains(LegacyHosts, h) {
		return Legacy
	}
	return Unknown
}

// IsAptlyHost reports whether host is getaptly.com or any host under it.
func IsAptlyHost(host string) bool {
	h := NormalizeHost(host)
	return h == Domain || strings.HasSuffix(h, "."+Domain)
}

// IsLoopback reports whether host is this machine (localhost, 127.0.0.0/8,
// ::1): a local stand-in for Aptly during tests, not a misspelt host.
func IsLoopback(host string) bool {
	h := NormalizeHost(host)
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Product describes another product that is also called Aptly, so that a
// request aimed at it can be told apart from a misspelt getaptly host.
type Product struct {
	Domain string // the product's own domain
	Name   string // what it is, in a few words
}

// OtherProducts are the products sharing the Aptly name whose hosts people
// confuse with getaptly.com.
var OtherProducts = []Product{
	{Domain: "aptlydone.com", Name: "Aptly delegation-of-authority software (aptlydone.com)"},
	{Domain: "aptly.info", Name: "aptly, the Debian package repository manager (aptly.info)"},
}

// OtherProduct returns the other Aptly product host belongs to, if any. Its
// hosts, keys and rate limits have nothing to do with getaptly.com.
func OtherProduct(host string) (Product, bool) {
	h := NormalizeHost(host)
	for _, p := range OtherProducts {
		if h == p.Domain || strings.HasSuffix(h, "."+p.Domain) {
			return p, true
		}
	}
	return Product{}, false
}

// SuggestHost returns the Aptly API host that a misspelt or wrong host was
// probably meant to be ("api.getapty.com", "core.getaptly.com",
// "getaptly.com", "api.aptly.com"), and false when host is already an API
// host, belongs to another Aptly product, or looks like nothing Aptly.
func SuggestHost(host string) (string, bool) {
	return SuggestHostFor(host, Unknown)
}

// SuggestHostFor is SuggestHost with a hint: when the host alone does not
// say which generation was meant (getaptly.com, www.aptly.com), the host of
// generation g is suggested.
func SuggestHostFor(host string, g Generation) (string, bool) {
	h := NormalizeHost(host)
	if h == "" || IsAPIHost(h) || IsLoopback(h) {
		return "", false
	}
	if _, ok := OtherProduct(h); ok {
		return "", false
	}
	// A host close to a whole API host is a typo of it, unless it is a real
	// Aptly host of its own (mcp.getaptly.com is not a typo of app.).
	best, bestDist, _ := didyoumean.Nearest(h, append([]string{CoreHost}, LegacyHosts...))
	if bestDist <= 2 && !IsAptlyHost(h) {
		return best, true
	}
	sub, ok := splitAptlyDomain(h)
	if !ok {
		return "", false
	}
	switch {
	case sub == "api" || sub == "app":
		return sub + "." + Domain, true
	case isCoreLabel(sub):
		return CoreHost, true
	case len(sub) >= 2 && len(sub) <= 4 && (didyoumean.Distance(sub, "api") <= 1):
		return LegacyHosts[0], true
	case len(sub) >= 2 && len(sub) <= 4 && (didyoumean.Distance(sub, "app") <= 1):
		return LegacyHosts[1], true
	}
	if g == Core {
		return CoreHost, true
	}
	return LegacyHosts[0], true
}

// splitAptlyDomain finds a domain label that spells getaptly (or aptly, or
// nearly either) in h and returns the labels before it. What follows the
// label (.com, .co, .io, .com.au) is taken to be a wrong or right suffix.
func splitAptlyDomain(h string) (sub string, ok bool) {
	labels := strings.Split(h, ".")
	if len(labels) < 2 {
		return "", false
	}
	for i := len(labels) - 2; i >= 0 && i >= len(labels)-3; i-- {
		if looksLikeAptly(labels[i]) {
			return strings.Join(labels[:i], "."), true
		}
	}
	return "", false
}

func looksLikeAptly(label string) bool {
	switch label {
	case "getaptly", "aptly", "get-aptly", "getaptlyapp", "aptlyapp":
		return true
	}
	if strings.HasPrefix(label, "get") && len(label) >= 6 {
		return didyoumean.Distance(label, "getaptly") <= 2
	}
	// Without the "get" the label is short, so only one slip is a typo, and
	// "apply" is a word of its own.
	return len(label) >= 4 && label != "apply" && didyoumean.Distance(label, "aptly") <= 1
}

func isCoreLabel(sub string) bool {
	switch sub {
	case "core", "core-api", "coreapi", "core_api", "api-core", "apicore", "core.api", "api.core":
		return true
	}
	return strings.HasPrefix(sub, "core") && didyoumean.Distance(sub, "core-api") <= 2
}

// Aim holds what decides, besides the URL, whether a request is aimed at
// Aptly.
type Aim struct {
	// Hosts are more hosts that stand for Aptly: the base_url of each
	// environment in the config (a proxy, a staging double).
	Hosts []string
	// Recorded marks a request the user did not write but a browser made
	// (a HAR entry): its CORS preflights and the web app's own pages on
	// app.getaptly.com are not calls to the API.
	Recorded bool
}

// AimedAt reports whether a request with method to rawURL is meant for
// Aptly, the one test that decides whether the doctor judges a request at
// all. It is when the host is an Aptly host, one of a.Hosts, or close to an
// Aptly API host (a misspelling, which AD204 then names); and when the host
// is loopback, unknown or not written out (a placeholder) but the path is
// Aptly's own: /api/aptlet/..., or another card API path (/api/board/...,
// /api/card/...) of a request that sends the key as Aptly reads it (keyed:
// an x-token header; ?x-token= is seen here). Those other paths are words
// many APIs use, so the path alone does not tell. Requests to other APIs
// are none of the doctor's business. host is the normalised host, for the
// caller's note.
func (a Aim) AimedAt(method, rawURL string, keyed bool) (ok bool, host string) {
	ep, err := ParseEndpoint(rawURL)
	if err != nil {
		// No URL at all (headers given as flags): nothing says it goes
		// elsewhere.
		return true, ""
	}
	h := NormalizeHost(ep.Host)
	if a.Recorded {
		switch strings.ToUpper(strings.TrimSpace(method)) {
		case "OPTIONS", "HEAD":
			return false, h
		}
	}
	for _, k := range a.Hosts {
		if h != "" && NormalizeHost(k) == h {
			return true, h
		}
	}
	apiPath := strings.HasPrefix(ep.Path, "/api/") || ep.Path == "/api"
	switch {
	case IsAPIHost(h) && a.Recorded:
		// app.getaptly.com serves the web app beside the legacy API.
		if h == LegacyHosts[1] {
			return apiPath && ep.Op != "" && ep.Op != OpPortal, h
		}
		return apiPath && ep.Op != OpPortal, h
	case IsAptlyHost(h) && a.Recorded:
		return cardPath(ep), h
	case IsAptlyHost(h):
		return true, h
	}
	if misspelt(h) && (!a.Recorded || apiPath) {
		return true, h
	}
	if len(ep.Query["x-token"]) > 0 {
		keyed = true
	}
	return aptletPath(ep) || keyed && cardPath(ep), h
}

// misspelt reports a host a slip or two away from an Aptly host: close to
// a whole API host ("api.getapty.com", "api.aptly.com"), or with a domain
// close to getaptly.com ("getaptly.co", "getaptly.io"). Closeness, not a
// word in common: aptly.example.com is a Debian package server, not a typo.
func misspelt(h string) bool {
	if h == "" || IsAPIHost(h) || IsAptlyHost(h) || IsLoopback(h) {
		return false
	}
	if _, other := OtherProduct(h); other {
		return false
	}
	limit := 2
	if strings.Contains(h, "aptly") {
		limit = 3 // "api.aptly.com": the "get" left out
	}
	for _, c := range append([]string{CoreHost}, LegacyHosts...) {
		if didyoumean.Distance(h, c) <= limit {
			return true
		}
	}
	labels := strings.Split(h, ".")
	for n := 2; n <= 3 && n <= len(labels); n++ {
		if didyoumean.Distance(strings.Join(labels[len(labels)-n:], "."), Domain) <= 2 {
			return true
		}
	}
	return false
}

// aptletPath reports the legacy card paths (/api/aptlet/{boardId}...),
// which no other API is known to use.
func aptletPath(ep Endpoint) bool {
	switch ep.Op {
	case OpCardWrite, OpCardList, OpCardSearch:
		return ep.Generation == Legacy
	}
	return false
}

// cardPath reports whether ep's path is one of the card API's own (legacy
// aptlet, card and schema paths, core board paths), the paths that tell an
// Aptly call on a host that does not say so. The other core resources
// (/api/users, /api/tasks) are words every API uses.
func cardPath(ep Endpoint) bool {
	switch ep.Op {
	case "", OpOther, OpPortal:
		return false
	}
	return true
}
