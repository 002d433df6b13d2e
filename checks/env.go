package checks

import (
	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// scope is the environment and board a unit is judged under.
type scope struct {
	env   *config.Env
	board *config.Board
	note  string // why the board is not known, when it matters
}

// noScope is the one scope of a run without a config, shared so a batch of
// a million lines does not allocate it a million times.
var noScope = []scope{{}}

// scopes lists the (environment, board) pairs to judge a unit under: one
// per --env, or the one the unit's own URL, host or key points to.
func scopes(u *input.Unit, o *Options) []scope {
	if o == nil || o.Config == nil {
		return noScope
	}
	if len(o.Envs) > 0 {
		out := make([]scope, len(o.Envs))
		for i, e := range o.Envs {
			out[i] = boardIn(e, u, o)
		}
		return out
	}
	env := inferEnv(u, o.Config)
	if env == nil {
		env = o.BoardEnv
	}
	return []scope{boardIn(env, u, o)}
}

// boardIn finds the unit's board inside env: by the URL's board ID for a
// request, else the one named with --board, else the environment's only one.
func boardIn(e *config.Env, u *input.Unit, o *Options) scope {
	sc := scope{env: e}
	if e == nil {
		return sc
	}
	if id := boardIDOf(u); id != "" {
		for _, b := range e.Boards {
			if b.ID == id {
				sc.board = b
			}
		}
		return sc
	}
	switch {
	case o.Board != "":
		if b, ok := e.Board(o.Board); ok {
			sc.board = b
		} else {
			sc.note = "environment " + e.Name + " has no board " + quote(o.Board) + "; field checks skipped"
		}
	case len(e.Boards) == 1:
		sc.board = e.Boards[0]
	case len(e.Boards) > 1:
		sc.note = "environment " + e.Name + " has several boards; name one with --board to check fields"
	}
	return sc
}

func boardIDOf(u *input.Unit) string {
	if u.Request == nil || u.Request.URL == "" {
		return ""
	}
	ep, err := aptly.ParseEndpoint(u.Request.URL)
	if err != nil {
		return ""
	}
	return ep.BoardID
}

func hostOf(u *input.Unit) string {
	if u.Request == nil || u.Request.URL == "" {
		return ""
	}
	ep, err := aptly.ParseEndpoint(u.Request.URL)
	if err != nil {
		return ""
	}
	if ep.Port != "" {
		return ep.Host + ":" + ep.Port
	}
	return ep.Host
}

// inferEnv names the environment a unit belongs to when exactly one fits:
// by its board ID, then its host, then its key. A config with a single
// environment is that environment.
func inferEnv(u *input.Unit, c *config.Config) *config.Env {
	one := func(envs []*config.Env) *config.Env {
		if len(envs) == 1 {
			return envs[0]
		}
		return nil
	}
	if id := boardIDOf(u); id != "" {
		if e := one(envsOfBoards(c.BoardsByID(id))); e != nil {
			return e
		}
	}
	if h := hostOf(u); h != "" {
		if e := one(c.EnvsByHost(h)); e != nil {
			return e
		}
	}
	if u.Request != nil {
		if key, ok := requestKey(u.Request); ok && key != "" {
			if e := one(keyEnvs(c, key)); e != nil {
				return e
			}
		}
	}
	if len(c.Envs) == 1 {
		return c.Envs[0]
	}
	return nil
}

func envsOfBoards(bs []*config.Board) []*config.Env {
	var out []*config.Env
	for _, b := range bs {
		if !containsEnv(out, b.Env) {
			out = append(out, b.Env)
		}
	}
	return out
}

// keyEnvs lists the environments whose company key, or one of whose board
// keys, is key.
func keyEnvs(c *config.Config, key string) []*config.Env {
	out := c.KeyEnvs(key)
	for _, e := range envsOfBoards(c.KeyOwners(key)) {
		if !containsEnv(out, e) {
			out = append(out, e)
		}
	}
	return out
}

func containsEnv(es []*config.Env, e *config.Env) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

func cfgPos(p config.Pos) input.Pos { return input.Pos{Line: p.Line, Col: p.Col} }
