package checks

import (
	"time"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// ProbeResult is what the live probe (--probe) learnt about one board: the
// evidence AD401-AD403 judge. The driver runs the probe and hands the
// results over; checks never touch the network.
type ProbeResult struct {
	Env, Board, BoardID string
	At                  input.Pos // where the board is written in the config; zero for --url
	Verdict             string    // opens, wrong-key, api-disabled, not-found, rate-limited, unreachable, refused, skipped
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

// probeChecks reports each probe result whose verdict is one of verdicts.
func probeChecks(p *Pass, verdicts map[string]bool, report func(ProbeResult)) {
	for _, r := range p.Opts.probes() {
		if verdicts[r.Verdict] {
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
