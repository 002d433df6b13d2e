package checks

import (
	"strings"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// CrossEnvironmentID is AD303: a board ID from one environment used with
// another environment's host or key.
var CrossEnvironmentID = &Check{
	ID:       "AD303",
	Name:     "cross-environment-id",
	Title:    "a board ID of one environment used with another environment's host or key",
	Severity: Error,
	Doc: `A board ID copied from one environment (or account) and sent with another
environment's key or to its host is the classic cause of 404 {"error":"Not found"}:
the board does not exist where the request goes. The config maps each environment's
boards, host and keys, so the doctor can name the environment the ID belongs to. In
source code, the config's paths: say which folders belong to which environment.`,
	Fix: "Use the board ID of the environment you are sending to, or that environment's key and host",
	Run: func(p *Pass) error {
		c := p.Opts.cfg()
		if c == nil {
			return nil
		}
		if p.Target.Kind == input.KindSource {
			return crossEnvInSource(p, c)
		}
		if p.Unit.Request == nil {
			return nil
		}
		id := boardIDOf(p.Unit)
		if id == "" {
			return nil
		}
		owners := c.BoardsByID(id)
		idEnvs := envsOfBoards(owners)
		if len(idEnvs) == 0 {
			return nil // an ID the config does not know
		}
		r := p.Unit.Request
		belongs := "board " + quote(owners[0].Name) + " of environment " + envNames(idEnvs)
		switch {
		case p.Env != nil && !containsEnv(idEnvs, p.Env) && len(p.Opts.Envs) > 0:
			p.Report(AtPos(urlPos(r, boardIDStart(r.URL, id))), idFix(p.Env, owners[0]),
				"board ID %q is %s, not of %s; sent there, Aptly answers 404 {\"error\":\"Not found\"}", id, belongs, p.Env.Name)
			return nil
		}
		if key, ok := requestKey(r); ok && key != "" {
			if ke := keyEnvs(c, key); len(ke) > 0 && disjoint(ke, idEnvs) {
				at := AtPos(r.URLAt)
				if h, ok := r.Header("x-token"); ok && !h.At.IsZero() {
					at = AtPos(h.At)
				}
				p.Report(at, idFix(ke[0], owners[0]),
					"board ID %q is %s, but the key belongs to %s; Aptly answers 404 {\"error\":\"Not found\"} or 401", id, belongs, envNames(ke))
				return nil
			}
		}
		if he := c.EnvsByHost(hostOf(p.Unit)); len(he) > 0 && disjoint(he, idEnvs) {
			p.Report(AtPos(r.URLAt), idFix(he[0], owners[0]),
				"board ID %q is %s, but the host is that of %s; Aptly answers 404 {\"error\":\"Not found\"}", id, belongs, envNames(he))
		}
		return nil
	},
}

// crossEnvInSource reports a board ID written in source code that sits
// under a path the config gives to another environment than the ID's.
func crossEnvInSource(p *Pass, c *config.Config) error {
	id, at, ok := literalBoardID(p.Unit)
	if !ok {
		return nil
	}
	owners := c.BoardsByID(id)
	idEnvs := envsOfBoards(owners)
	pathEnvs := c.EnvsByPath(p.Target.Path)
	if len(idEnvs) == 0 || len(pathEnvs) == 0 || !disjoint(pathEnvs, idEnvs) {
		return nil
	}
	p.Report(AtPos(at), idFix(pathEnvs[0], owners[0]),
		"board ID %q is board %s of %s, but this file belongs to %s (paths: in the config); sent from there, Aptly answers 404 {\"error\":\"Not found\"}",
		id, quote(owners[0].Name), envNames(idEnvs), envNames(pathEnvs))
	return nil
}

func idFix(e *config.Env, like *config.Board) string {
	if b, ok := e.Board(like.Name); ok && b.ID != "" {
		return "Use " + e.Name + "'s ID for board " + quote(like.Name) + ": " + b.ID
	}
	return "Use a board ID of " + e.Name + ", or send with the key and host of " + like.Env.Name
}

func disjoint(a, b []*config.Env) bool {
	for _, e := range a {
		if containsEnv(b, e) {
			return false
		}
	}
	return true
}

func envNames(es []*config.Env) string {
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = quote(e.Name)
	}
	return strings.Join(names, " and ")
}

func boardIDStart(url, id string) int {
	if i := strings.LastIndex(url, "/"+id); i >= 0 {
		return i + 1
	}
	return 0
}
