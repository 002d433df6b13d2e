package checks

import "github.com/aptly-doctor/aptly-doctor/aptly"

// AptlyUnreachable is AD403: the probe could not get an answer from Aptly.
var AptlyUnreachable = &Check{
	ID:       "AD403",
	Name:     "aptly-unreachable",
	Title:    "--probe: Aptly could not be reached (5xx, timeout, DNS, TLS) or the probe refused to send",
	Severity: Warning,
	Needs:    NeedConfig,
	Doc: `A 5xx answer, a timeout, a DNS or TLS failure is Aptly's side or the network, not the
config: the probe retries once, then reports it here. The probe also refuses to send a
key over plain http to a host that is not loopback, or to follow a redirect to another
host; nothing is sent then. When no board could be reached at all, the run exits 3.`,
	Fix: "Check the network and Aptly's status, then probe again",
	Run: func(p *Pass) error {
		probeChecks(p, "AD403", func(r ProbeResult) {
			if r.Verdict == aptly.Refused {
				p.Report(AtPos(r.At), "Use the https:// base URL of the Aptly API",
					"probe of %s: nothing was sent: %s", r.name(), lowerFirst(r.Detail))
				return
			}
			p.Report(AtPos(r.At), "Check the network and Aptly's status, then probe again",
				"probe of %s: Aptly could not be reached: %s", r.name(), lowerFirst(r.Detail))
		})
		return nil
	},
}
