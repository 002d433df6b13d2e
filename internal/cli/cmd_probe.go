package cli

import (
	"context"
	"fmt"

	"strings"
	"sync"
	"time"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
	"github.com/aptly-doctor/aptly-doctor/probe"
)

// probeSettings are the flags of the live probe.
type probeSettings struct {
	timeout time.Duration
	jobs    int
	quiet   bool
}

// probeTargets lists what --probe asks about: every configured (environment,
// board) in play, or the board of --url with the key of -H x-token.
func probeTargets(lc *loadedConfig, envs []*config.Env, req *input.Request) ([]probe.Target, error) {
	if lc != nil {
		var names []string
		for _, e := range envs {
			names = append(names, e.Name)
		}
		return probe.Targets(lc.cfg, names, (*config.Key).Secret), nil
	}
	if req == nil || req.URL == "" {
		return nil, usageErr("--probe: nothing to probe: give a config (aptly-doctor.yaml or --config) or --url with -H \"x-token: ...\"")
	}
	ep, err := aptly.ParseEndpoint(req.URL)
	if err != nil || ep.Host == "" || ep.BoardID == "" {
		return nil, usageErr("--probe: --url %s names no board (want .../api/aptlet/{boardId} or .../api/board/{boardId})", req.URL)
	}
	h, ok := req.Header("x-token")
	if !ok || strings.TrimSpace(h.Value) == "" {
		return nil, usageErr("--probe: give the key to probe with -H \"x-token: $APTLY_KEY\"")
	}
	scheme := ep.Scheme
	if scheme == "" {
		scheme = "https"
	}
	base := scheme + "://" + ep.Host
	if ep.Port != "" {
		base += ":" + ep.Port
	}
	return []probe.Target{{BoardID: ep.BoardID, BaseURL: base, Generation: ep.Generation, Key: probe.Token(strings.TrimSpace(h.Value))}}, nil
}

// runProbe asks Aptly about each target, showing progress on a terminal.
func (e *env) runProbe(ctx context.Context, targets []probe.Target, s probeSettings) []probe.Outcome {
	o := probe.Options{Timeout: s.timeout, Jobs: s.jobs}
	if !s.quiet && isTerminal(e.stderr) {
		var mu sync.Mutex
		o.Progress = func(done, total int, cur probe.Target) {
			mu.Lock()
			defer mu.Unlock()
			name := cur.BoardID
			if cur.Env != "" {
				name = cur.Env + "/" + cur.Board
			}
			fmt.Fprintf(e.stderr, "\r\x1b[Kprobing %d/%d: %s", done, total, name)
			if done == total {
				fmt.Fprint(e.stderr, "\r\x1b[K")
			}
		}
	}
	return probe.Run(ctx, targets, o)
}

// probeEvidence turns outcomes into what the checks judge, placed at each
// board's ID in the config, and gives boards without fields the ones the
// probe found, so the field checks can use them in this run.
func probeEvidence(lc *loadedConfig, outs []probe.Outcome) []checks.ProbeResult {
	var res []checks.ProbeResult
	for _, o := range outs {
		r := checks.ProbeResult{Env: o.Target.Env, Board: o.Target.Board, BoardID: o.Target.BoardID,
			Verdict: o.Verdict, Status: o.Status, Detail: o.Detail, FieldCount: o.FieldCount,
			RetryAfter: o.RetryAfter, Waited: o.Waited}
		if lc != nil {
			if env, ok := lc.cfg.Env(o.Target.Env); ok {
				if b, ok := env.Board(o.Target.Board); ok {
					r.At = input.Pos{Line: b.IDAt.Line, Col: b.IDAt.Col}
					if b.At.Line > 0 && r.At.IsZero() {
						r.At = input.Pos{Line: b.At.Line, Col: b.At.Col}
					}
					if o.Verdict == probe.Opens && len(b.Fields) == 0 && len(o.Fields) > 0 {
						b.Fields, b.FieldsFrom = o.Fields, "probe"
					}
				}
			}
		}
		res = append(res, r)
	}
	return res
}

// probeNotes says, per board, what the probe found when it is not a finding.
func probeNotes(outs []probe.Outcome, verbose bool) []string {
	var notes []string
	for _, o := range outs {
		name := o.Target.BoardID
		if o.Target.Env != "" {
			name = o.Target.Env + "/" + o.Target.Board
		}
		switch o.Verdict {
		case probe.Opens:
			fields := fmt.Sprintf("%d %s", o.FieldCount, prose.Plural(o.FieldCount, "field", "fields"))
			if o.FromCards {
				fields += ", read off its first card"
			}
			notes = append(notes, fmt.Sprintf("probe: the key opens %s (%s)", name, fields))
		case probe.Skipped:
			notes = append(notes, fmt.Sprintf("probe: %s skipped: %s", name, o.Detail))
		}
		if verbose {
			for _, r := range o.Requests {
				notes = append(notes, "probe sent: "+r)
			}
		}
	}
	return notes
}
