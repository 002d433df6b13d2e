package checks

// RateLimited is AD402: Aptly rate-limited the probe.
var RateLimited = &Check{
	ID:       "AD402",
	Name:     "rate-limited",
	Title:    "--probe: Aptly answered 429 Too Many Requests",
	Severity: Warning,
	Needs:    NeedConfig,
	Doc: `Aptly limits requests per key (the core API documents 120 a minute, bursts of 20 a
second, shared by a company's keys) and answers 429 with a Retry-After header. The probe
waits as asked (capped) and tries once more; a board still limited gets this warning, and
the key's validity stays unknown. Integrations must honour Retry-After too.`,
	Fix: "Run the probe again later, or with fewer boards at once (--probe-jobs)",
	Run: func(p *Pass) error {
		probeChecks(p, "AD402", func(r ProbeResult) {
			p.Report(AtPos(r.At), "Run the probe again after "+r.RetryAfter.String()+", or with a lower --probe-jobs",
				"probe of %s: Aptly answered 429 twice (it asked to wait %s; the probe waited %s), so the key could not be checked",
				r.name(), r.RetryAfter, r.Waited)
		})
		return nil
	},
}
