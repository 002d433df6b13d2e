package checks

import "github.com/aptly-doctor/aptly-doctor/aptly"

// APIGeneration is AD205: the request mixes the two API generations.
var APIGeneration = &Check{
	ID:       "AD205",
	Name:     "api-generation",
	Title:    "legacy and core API generations mixed in one request",
	Severity: Warning,
	Needs:    NeedRequest,
	Doc: `Aptly has two API generations. The legacy one posts to /api/aptlet/{board} on
api.getaptly.com or app.getaptly.com with a key per board; the core one posts to
/api/board/{board} on core-api.getaptly.com with one company key. A legacy path on the
core host, or the reverse, reaches nothing, and a key of one generation is refused by the
other with 401.`,
	Fix: "Use the host and path of one generation, the one your key belongs to",
	Run: func(p *Pass) error {
		reportURLProblems(p, func(k string) bool { return k == aptly.KindGeneration })
		return nil
	},
}
