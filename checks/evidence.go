package checks

import (
	"time"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// ProbeResult is what the live probe (--probe) learnt about one board: the
// evidence AD401-AD403 judge. The driver runs the probe and hands the
// results over; checks never touch the network.
type ProbeResult struct {
	Env, Board, BoardID string
	At                  input.Pos // where the board is written in the config; zero for --url
	Verdict             aptly.Verdict
	Status              int
	Detail              string
	FieldCount          int
	RetryAfter, Waited  time.Duration
}

func (r ProbeResult) name() string {
	if r.Env == "" {
		return "board " + quote(r.BoardID)
	}
	return r.Env + "/" + r.Board
}

// verdictCheck is the one table from a probe verdict to the check that
// reports it; a verdict absent here (opens, skipped) is no finding: the
// report notes it. A test holds the table to every verdict there is. An
// array the linker lays out, searched by checkOf.
var verdictCheck = [...]struct {
	verdict aptly.Verdict
	check   string
}{
	{aptly.WrongKey, "AD401"},
	{aptly.APIDisabled, "AD401"},
	{aptly.NotFound, "AD401"},
	{aptly.RateLimited, "AD402"},
	{aptly.Unreachable, "AD403"},
	{aptly.Refused, "AD403"},
}

// checkOf returns the ID of the check that reports verdict v.
func checkOf(v aptly.Verdict) (string, bool) {
	for _, e := range verdictCheck {
		if e.verdict == v {
			return e.check, true
		}
	}
	return "", false
}

// probeChecks reports each probe result whose verdict is check id's.
func probeChecks(p *Pass, id string, report func(ProbeResult)) {
	for _, r := range p.Opts.probes() {
		if c, _ := checkOf(r.Verdict); c == id {
			report(r)
		}
	}
}

func (o *Options) probes() []ProbeResult {
	if o == nil {
		return nil
	}
	return o.Probes
}
