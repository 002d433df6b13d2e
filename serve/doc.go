// Package serve is the Aptly double and the diagnosing proxy behind
// `aptly-doctor serve`: integration code and test suites send their real
// requests to it instead of Aptly, and each request is judged by the same
// checks as `check`.
//
// Every request becomes an input.Target named "#N METHOD /path" (N counts
// from 1 in arrival order; secrets in the query are masked) holding one
// Request unit. The request body is the unit's body source, so a finding in
// the body points at its line and column inside the body.
//
// Without an upstream the Server answers as Aptly would. It takes, in this
// order, the first reason Aptly would refuse the request:
//
//  1. a body over the size limit: 413
//  2. a key over the rate limit (120 requests a minute, 20 a second): 429
//     {"reason":"Rate limit exceeded. Try again shortly."} with Retry-After
//  3. a path or method that is no Aptly endpoint: 404 {"error":"Not found"}
//  4. no key, or a key in a form Aptly does not read (AD202): 401
//     {"error":"Unauthorized"}
//  5. a board the config does not know, or one of another environment
//     (AD303): 404 {"error":"Not found"}
//  6. a key of another board (AD302), or a key the config knows and the
//     request's is not: 401 {"error":"Unauthorized"}
//  7. a body Aptly cannot read (AD101, AD102, AD201): 400 {"error":"Bad request"}
//  8. a card ID it never created (an update, a GET): 404 {"error":"Not found"}
//
// and otherwise succeeds with the generation's body (legacy {"_id": …},
// core {"data": {"_id": …}}), remembering the card for later reads and
// updates. Findings Aptly accepts silently (a duplicate key, an unknown
// field, a placeholder) still succeed: they are what the double is for. A
// refusal no finding explains (a rate limit, an unknown board or card)
// becomes an AD501 finding on the answer itself.
//
// With an upstream the Server forwards each request unchanged, returns the
// real answer unchanged (no redirect is followed) and judges the exchange,
// so AD501 ties Aptly's answer to its cause.
//
// A browser's CORS preflight is answered (204, anything allowed) and not
// judged: it is the browser's request, not the integration's.
//
// Every answer carries X-Aptly-Doctor (the first finding, masked, or "ok")
// and X-Aptly-Doctor-Findings (the count). Results are kept per request in
// arrival order; Result returns them once the HTTP server has drained.
package serve
