package checks

import (
	"fmt"

	"github.com/aptly-doctor/aptly-doctor/aptly"
)

// KeyOpensBoard is AD401: the live probe found the key does not open its board.
var KeyOpensBoard = &Check{
	ID:       "AD401",
	Name:     "key-opens-board",
	Title:    "--probe: the key does not open its board",
	Severity: Error,
	Needs:    NeedConfig,
	Doc: `With --probe the doctor asks Aptly, read-only (one GET of the board's schema, or the
smallest page of its cards), whether each configured key opens its board. 401 means the
key is missing, wrong, expired, or (legacy) made for another board; 403 that the API is
not enabled on the board; 404 that the board ID does not exist for this key, often an ID
from another environment or account. A key that opens its board is a pass, not a finding.`,
	Fix: "Use the key and board ID shown together under the board's Card Sources > API",
	Run: func(p *Pass) error {
		probeChecks(p, "AD401", func(r ProbeResult) {
			var fix, what string
			switch r.Verdict {
			case aptly.WrongKey:
				what = "the key does not open it (401)"
				fix = "Copy the key shown beside this board's POST URL under Card Sources > API into the key's variable"
			case aptly.APIDisabled:
				what = "the API is not enabled on it (403)"
				fix = "Turn the API on for this board under Card Sources > API"
			case aptly.NotFound:
				what = fmt.Sprintf("Aptly does not know board ID %q with this key (404)", r.BoardID)
				fix = "Check the board ID against the POST URL under Card Sources > API; an ID from another environment or account is the usual cause"
			}
			msg := fmt.Sprintf("probe of %s: %s", r.name(), what)
			if r.Detail != "" {
				msg += ": " + lowerFirst(r.Detail)
			}
			p.Report(AtPos(r.At), fix, "%s", msg)
		})
		return nil
	},
}
