package aptly

// Verdict is what an answer of Aptly to a read-only call with a key on a
// board means for that key and board. The probe concludes one; AD401-AD403
// judge it. A typed value, never matched as free text.
type Verdict string

// The verdicts. Every probed board gets exactly one.
const (
	// Opens: Aptly answered 200, the key opens the board.
	Opens Verdict = "opens"
	// WrongKey: 401, the key is missing, wrong, expired or another board's.
	WrongKey Verdict = "wrong-key"
	// APIDisabled: 403, the API is off for the board (core) or the key may
	// not use it (legacy).
	APIDisabled Verdict = "api-disabled"
	// NotFound: 404, no such board for this key.
	NotFound Verdict = "not-found"
	// RateLimited: still 429 after waiting once as Aptly asked.
	RateLimited Verdict = "rate-limited"
	// Unreachable: 5xx, timeout, DNS, TLS or connection failure after one
	// retry, or an answer that is not Aptly's.
	Unreachable Verdict = "unreachable"
	// Refused: the probe would not send the key (plain HTTP to a host that
	// is not this machine, or a redirect to another host).
	Refused Verdict = "refused"
	// Skipped: nothing to send (no key or no board ID); the config checks
	// already say why.
	Skipped Verdict = "skipped"
)

// Verdicts lists every verdict, for tables that must cover them all.
var Verdicts = []Verdict{Opens, WrongKey, APIDisabled, NotFound, RateLimited, Unreachable, Refused, Skipped}

// Reached reports whether Aptly answered the question, whatever the
// answer: a rate-limited board was reached too.
func (v Verdict) Reached() bool {
	switch v {
	case Opens, WrongKey, APIDisabled, NotFound, RateLimited:
		return true
	}
	return false
}
