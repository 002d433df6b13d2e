package checks

import "github.com/aptly-doctor/aptly-doctor/aptly"

// Endpoint is AD204: the URL is not an Aptly card endpoint.
var Endpoint = &Check{
	ID:       "AD204",
	Name:     "endpoint",
	Title:    "URL is not an Aptly card endpoint",
	Severity: Error,
	Needs:    NeedRequest,
	Doc: `A card write goes to https://api.getaptly.com/api/aptlet/{boardId} (or app.getaptly.com;
legacy, per-board keys) or to https://core-api.getaptly.com/api/board/{boardId} (core,
company keys), as POST. The doctor flags plain http://, unknown or misspelt hosts, paths
Aptly does not have, a missing board ID or one holding a URL or spaces, double slashes,
and a method that does not suit the path.`,
	Fix: "Use the POST URL shown under the board's Card Sources > API",
	Run: func(p *Pass) error {
		// A generation mismatch is AD205's.
		reportURLProblems(p, func(k string) bool { return k != aptly.KindGeneration })
		return nil
	},
}
