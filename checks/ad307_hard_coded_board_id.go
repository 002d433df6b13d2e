package checks

import (
	"strings"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// HardCodedBoardID is AD307: source code names a board ID literally.
var HardCodedBoardID = &Check{
	ID:       "AD307",
	Name:     "hard-coded-board-id",
	Title:    "source code names a board ID literally",
	Severity: Warning,
	Doc: `Code that writes a board ID into a URL or a constant sends the same ID from every
environment it is deployed to: staging posts to the production board, or production to a
board that exists only in staging (404 {"error":"Not found"}). Where the config knows
more than one place to send cards, the ID belongs in configuration read at run time (an
environment variable, a settings file per environment), like the key.`,
	Fix: "Read the board ID from configuration per environment (an environment variable such as APTLY_BOARD_ID)",
	Run: func(p *Pass) error {
		c := p.Opts.cfg()
		if p.Target.Kind != input.KindSource || c == nil || len(c.Envs) == 0 {
			return nil
		}
		id, at, ok := literalBoardID(p.Unit)
		if !ok {
			return nil
		}
		fix := "Read the board ID from configuration per environment (an environment variable such as APTLY_BOARD_ID)"
		if owners := c.BoardsByID(id); len(owners) > 0 {
			p.Report(AtPos(at), fix, "board ID %q (board %s of %s) is written into the code; the same code runs in every environment",
				id, quote(owners[0].Name), envNames(envsOfBoards(owners)))
			return nil
		}
		p.Report(AtPos(at), fix, "board ID %q is written into the code; the same code runs in every environment", id)
		return nil
	},
}

// literalBoardID is the board ID source code writes literally for this
// unit: a constant named like a board ID, or the board segment of a URL
// literal; not one the code computes, and not a placeholder (AD108's).
func literalBoardID(u *input.Unit) (string, input.Pos, bool) {
	if b := u.BoardID; b != nil {
		if len(aptly.Placeholders(b.Value, false)) > 0 {
			return "", input.Pos{}, false
		}
		return b.Value, b.At, true
	}
	r := u.Request
	if r == nil || !r.Partial || r.URL == "" {
		return "", input.Pos{}, false
	}
	ep, err := aptly.ParseEndpoint(r.URL)
	if err != nil || ep.BoardIDStart < 0 || ep.BoardID == "" {
		return "", input.Pos{}, false
	}
	id := ep.BoardID
	if strings.ContainsAny(id, "${}%<>:/ ") || len(aptly.Placeholders(id, true)) > 0 {
		return "", input.Pos{}, false
	}
	return id, urlPos(r, ep.BoardIDStart), true
}
