package config

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/internal/lazyre"
)

var sha256Prefix = lazyre.New(`^[0-9a-f]{6,64}$`)

// builder turns a node tree into a Config. It reads only values of the
// right type and leaves the wrong ones to the schema's problems, and it
// reports what the schema cannot state (a key set twice, a board without
// the key its generation needs).
type builder struct {
	lookup   func(string) (string, bool)
	problems []Problem
}

func (b *builder) problem(at Pos, fix, format string, args ...any) {
	b.problems = append(b.problems, Problem{At: at, Message: fmt.Sprintf(format, args...), Fix: fix})
}

func build(path string, root *node, lookup func(string) (string, bool)) (*Config, []Problem) {
	b := &builder{lookup: lookup}
	cfg := &Config{Path: path}
	if root.kind != mappingNode {
		return cfg, nil
	}
	if m, ok := root.get("version"); ok {
		cfg.VersionAt = m.val.at
		if n, ok := m.val.scalar.(json.Number); ok {
			if f, err := n.Float64(); err == nil && f == float64(int(f)) {
				cfg.Version = int(f)
			}
		}
	}
	if m, ok := root.get("environments"); ok && m.val.kind == mappingNode {
		for _, em := range m.val.members {
			cfg.Envs = append(cfg.Envs, b.env(em))
		}
	}
	if m, ok := root.get("checks"); ok && m.val.kind == mappingNode {
		cfg.Checks = b.checks(m.val)
	}
	return cfg, b.problems
}

func (b *builder) env(m member) *Env {
	e := &Env{Name: m.key.text, At: m.key.at}
	n := m.val
	if n.kind != mappingNode {
		return e
	}
	if v, ok := n.get("base_url"); ok {
		if s, ok := v.val.str(); ok {
			e.BaseURL, e.BaseURLAt = s, v.val.at
		}
	}
	if v, ok := n.get("paths"); ok && v.val.kind == sequenceNode {
		for _, it := range v.val.items {
			if s, ok := it.str(); ok && s != "" {
				e.Paths = append(e.Paths, s)
			}
		}
	}
	e.Key = b.key(n, fmt.Sprintf("environment %q", e.Name))
	if e.Key != nil {
		e.Key.Env = e
		e.KeyEnv, e.KeyEnvAt = e.Key.Var, e.Key.VarAt
	}
	if bm, ok := n.get("boards"); ok && bm.val.kind == mappingNode {
		for _, m := range bm.val.members {
			e.Boards = append(e.Boards, b.board(e, m))
		}
	}
	b.generation(e)
	b.boardIDs(e)
	for _, bd := range e.Boards {
		b.fieldRules(e, bd)
	}
	return e
}

func (b *builder) board(e *Env, m member) *Board {
	bd := &Board{Name: m.key.text, At: m.key.at, Env: e}
	n := m.val
	if n.kind != mappingNode {
		return bd
	}
	if v, ok := n.get("id"); ok {
		if s, ok := v.val.str(); ok {
			bd.ID, bd.IDAt = s, v.val.at
			if isPlaceholderID(s) {
				b.problem(bd.IDAt, "Replace it with the board ID shown in the board's POST URL", "board id %q is a placeholder", s)
			}
		}
	}
	if k := b.key(n, fmt.Sprintf("board %q", bd.Name)); k != nil {
		k.Env, k.Board = e, bd
		bd.Key = k
		bd.KeyEnv, bd.KeyEnvAt = k.Var, k.VarAt
	}
	if v, ok := n.get("update_mode"); ok {
		if s, ok := v.val.str(); ok && (s == UpdateIfExists || s == AlwaysCreate) {
			bd.UpdateMode, bd.UpdateModeAt = s, v.val.at
		}
	}
	if v, ok := n.get("create_fields"); ok {
		if c, ok := v.val.scalar.(bool); ok && v.val.kind == scalarNode {
			bd.CreateFields, bd.CreateAt = &c, v.val.at
		}
	}
	if v, ok := n.get("fields"); ok && v.val.kind == sequenceNode {
		bd.FieldsAt = v.val.at
		bd.FieldsFrom = "config"
		for _, it := range v.val.items {
			bd.Fields = append(bd.Fields, field(it))
		}
	}
	return bd
}

func field(n *node) Field {
	f := Field{At: n.at}
	if n.kind != mappingNode {
		return f
	}
	get := func(name string) string {
		if m, ok := n.get(name); ok {
			s, _ := m.val.str()
			return s
		}
		return ""
	}
	f.Name, f.Key, f.Label, f.Type = get("name"), get("key"), get("label"), get("type")
	if m, ok := n.get("options"); ok && m.val.kind == sequenceNode {
		for _, it := range m.val.items {
			if s, ok := it.str(); ok {
				f.Options = append(f.Options, s)
			}
		}
	}
	return f
}

// key reads the key declared at one level (an environment or a board): a
// variable, a literal, a fingerprint, or several of them. Nil when none.
func (b *builder) key(n *node, owner string) *Key {
	vm, hasVar := n.get("key_env")
	lm, hasLit := n.get("key")
	sm, hasSHA := n.get("key_sha256")
	varName, okVar := vm.val.str()
	lit, okLit := lm.val.str()
	sha, okSHA := sm.val.str()
	hasVar, hasLit = hasVar && okVar, hasLit && okLit
	hasSHA = hasSHA && okSHA && sha256Prefix.Get().MatchString(sha)
	if !hasVar && !hasLit && !hasSHA {
		return nil
	}
	k := &Key{}
	if hasSHA {
		k.SHA256Prefix, k.SHA256At = sha, sm.val.at
	}
	if hasLit {
		k.Literal, k.LiteralAt = true, lm.val.at
		k.value = strings.TrimSpace(lit)
		k.Set = k.value != ""
	}
	if hasVar {
		if hasLit {
			b.problem(lm.val.at, "Remove the literal key and keep key_env", "%s sets both key and key_env", owner)
		}
		k.Var, k.VarAt = varName, vm.val.at
		k.value, k.Set = "", false
		if v, ok := b.lookup(varName); ok {
			k.value = strings.TrimSpace(v)
			k.Set = k.value != ""
			k.Empty = !k.Set
		}
	}
	if hasLit && !hasVar && hasSHA && k.value != "" && !strings.HasPrefix(Fingerprint(k.value), sha) {
		b.problem(k.SHA256At, "Correct key_sha256 or the key so that they belong together", "key_sha256 %q of %s does not match its literal key", sha, owner)
	}
	return k
}

// generation settles an environment's generation and reports the key
// layouts that contradict it. The placement of the keys decides; the host
// decides only when no key is configured.
func (b *builder) generation(e *Env) {
	hostGen := ""
	if u, err := url.Parse(e.BaseURL); err == nil && e.BaseURL != "" {
		switch aptly.HostGeneration(u.Host) {
		case aptly.Legacy:
			hostGen = Legacy
		case aptly.Core:
			hostGen = Core
		}
	}
	var keyed []*Board
	for _, bd := range e.Boards {
		if bd.Key != nil {
			keyed = append(keyed, bd)
		}
	}
	switch {
	case e.Key != nil && len(keyed) > 0:
		e.Generation = hostGen
		if e.Generation == "" {
			e.Generation = Core
		}
		b.problem(keyed[0].Key.At(), "Keep one layout: key_env on each board (legacy) or one key_env on the environment (core)",
			"board %q has its own key while environment %q has a company key", keyed[0].Name, e.Name)
	case e.Key != nil:
		e.Generation = Core
		if hostGen == Legacy {
			b.problem(e.Key.At(), "Move key_env onto each board, or point base_url at https://core-api.getaptly.com",
				"environment %q has a company key, but %q is a legacy host, where each board has its own key", e.Name, e.BaseURL)
		}
	case len(keyed) > 0:
		e.Generation = Legacy
		if hostGen == Core {
			b.problem(keyed[0].Key.At(), "Move key_env up to the environment, or point base_url at https://api.getaptly.com",
				"board %q has its own key, but %q is the core host, where one company key serves every board", keyed[0].Name, e.BaseURL)
		}
	default:
		e.Generation = hostGen
		if hostGen == Core {
			b.problem(e.At, "Add key_env: naming the variable that holds the company key",
				"core environment %q has no company key", e.Name)
		}
	}
	for _, bd := range e.Boards {
		if bd.Key == nil && e.Key != nil {
			bd.Key = e.Key
		}
		if e.Generation == Legacy && bd.Key == nil {
			b.problem(bd.At, "Add key_env: naming the variable that holds this board's key",
				"board %q of legacy environment %q has no key", bd.Name, e.Name)
		}
	}
}

func (b *builder) boardIDs(e *Env) {
	first := map[string]*Board{}
	for _, bd := range e.Boards {
		if bd.ID == "" {
			continue
		}
		if other, ok := first[bd.ID]; ok {
			b.problem(bd.IDAt, "Correct the id: each board has its own",
				"board %q has the same id %q as board %q", bd.Name, bd.ID, other.Name)
			continue
		}
		first[bd.ID] = bd
	}
}

// fieldRules checks a board's fields against its generation: legacy
// payloads name fields by name, core payloads by key.
func (b *builder) fieldRules(e *Env, bd *Board) {
	seen := map[string]bool{}
	for i, f := range bd.Fields {
		id := f.Name
		if e.Generation == Core || id == "" {
			id = f.Key
		}
		if id != "" {
			if seen[id] {
				b.problem(f.At, "Remove one of the two entries", "field %q is listed twice in board %q", id, bd.Name)
			}
			seen[id] = true
		}
		switch {
		case e.Generation == Legacy && f.Name == "" && f.Key != "":
			b.problem(f.At, "Add name: with the field name as legacy payloads spell it",
				"field %d of board %q has no name, and legacy payloads name fields by name", i, bd.Name)
		case e.Generation == Core && f.Key == "" && f.Name != "":
			b.problem(f.At, "Add key: with the field UUID from the board's schema",
				"field %q of board %q has no key, and core payloads name fields by key", f.Name, bd.Name)
		}
	}
}

func (b *builder) checks(n *node) Checks {
	var c Checks
	if m, ok := n.get("disable"); ok && m.val.kind == sequenceNode {
		for _, it := range m.val.items {
			if s, ok := it.str(); ok {
				c.Disable = append(c.Disable, s)
				c.DisableAt = append(c.DisableAt, it.at)
			}
		}
	}
	if m, ok := n.get("severity"); ok && m.val.kind == mappingNode {
		c.Severity = map[string]string{}
		c.SeverityAt = map[string]Pos{}
		for _, sm := range m.val.members {
			if s, ok := sm.val.str(); ok {
				c.Severity[sm.key.text] = s
				c.SeverityAt[sm.key.text] = sm.key.at
			}
		}
	}
	if m, ok := n.get("ignore"); ok && m.val.kind == sequenceNode {
		for i, it := range m.val.items {
			if it.kind != mappingNode {
				continue
			}
			ig := Ignore{At: it.at}
			get := func(name string) (string, Pos) {
				if m, ok := it.get(name); ok {
					s, _ := m.val.str()
					return s, m.val.at
				}
				return "", Pos{}
			}
			ig.Check, _ = get("check")
			var pathAt Pos
			ig.Path, pathAt = get("path")
			ig.Pointer, _ = get("pointer")
			ig.Reason, _ = get("reason")
			if ig.Path != "" && !doublestar.ValidatePattern(ig.Path) {
				b.problem(pathAt, "Correct the glob: close every bracket and brace", "path %q of checks.ignore[%d] is not a valid glob", ig.Path, i)
			}
			if ig.Check == "" && ig.Path == "" && ig.Pointer == "" {
				b.problem(it.at, "Name a check, a path or a pointer to set aside", "checks.ignore[%d] would set aside every finding", i)
			}
			c.Ignore = append(c.Ignore, ig)
		}
	}
	return c
}

func isPlaceholderID(id string) bool {
	up := strings.ToUpper(id)
	return strings.Contains(up, "BOARD_ID") || strings.HasPrefix(up, "YOUR_") || strings.HasPrefix(id, ":") ||
		strings.Contains(id, "{") || strings.Contains(id, "<")
}
