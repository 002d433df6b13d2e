package checks

import (
	"strings"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// KeyBoardMismatch is AD302: a board's key sent to another board.
var KeyBoardMismatch = &Check{
	ID:       "AD302",
	Name:     "key-board-mismatch",
	Title:    "the request's key is registered for another board than the one in the URL",
	Severity: Error,
	Needs:    NeedRequest | NeedEnv,
	Doc: `On the legacy API every board has its own key, and a key opens only its own board: a
request that sends board A's key to board B's URL gets 401 {"error":"Unauthorized"},
the same answer as no key at all. The config tells which key belongs to which board (by
its environment variable's value or its key_sha256 fingerprint), so the doctor can say
which board the key really opens.`,
	Fix: "Send the key of the board in the URL (shown beside its POST URL under Card Sources > API)",
	Run: func(p *Pass) error {
		r, c := p.Unit.Request, p.Opts.Config
		key, ok := requestKey(r)
		id := boardIDOf(p.Unit)
		if !ok || key == "" || id == "" {
			return nil
		}
		var owners []*config.Board
		for _, b := range c.KeyOwners(key) {
			// Only per-board (legacy) keys are tied to one board.
			if b.Key != nil && (b.Env == nil || b.Key != b.Env.Key) && b.Env == p.Env {
				owners = append(owners, b)
			}
		}
		if len(owners) == 0 {
			return nil
		}
		names := make([]string, 0, len(owners))
		for _, b := range owners {
			if b.ID == id {
				return nil
			}
			names = append(names, quote(b.Name)+" ("+b.ID+")")
		}
		target := "board ID " + quote(id)
		for _, b := range p.Env.Boards {
			if b.ID == id {
				target = "board " + quote(b.Name) + " (" + id + ")"
				fix := "Send board " + quote(b.Name) + "'s key"
				if b.KeyEnv != "" {
					fix += ": -H \"x-token: $" + b.KeyEnv + "\""
				}
				reportMismatch(p, key, names, target, fix)
				return nil
			}
		}
		reportMismatch(p, key, names, target, "Send the key of the board in the URL, or post to the board this key belongs to")
		return nil
	},
}

func reportMismatch(p *Pass, key string, owners []string, target, fix string) {
	r := p.Unit.Request
	at := AtPos(r.URLAt)
	if h, ok := r.Header("x-token"); ok && !h.At.IsZero() {
		at = AtPos(h.At)
	}
	p.Report(at, fix, "the key %s belongs to board %s in %s, but the URL names %s; a legacy key opens only its own board, so Aptly answers 401",
		secret.Mask(key), strings.Join(owners, ", "), p.Env.Name, target)
}
