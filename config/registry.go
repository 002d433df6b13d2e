package config

import (
	"path/filepath"

	"net"
	"net/url"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/aptly-doctor/aptly-doctor/aptly"
)

// Env returns the environment called name.
func (c *Config) Env(name string) (*Env, bool) {
	if c == nil {
		return nil, false
	}
	for _, e := range c.Envs {
		if e.Name == name {
			return e, true
		}
	}
	return nil, false
}

// Board returns the board called name in this environment.
func (e *Env) Board(name string) (*Board, bool) {
	for _, b := range e.Boards {
		if b.Name == name {
			return b, true
		}
	}
	return nil, false
}

// Host returns the host of base_url, lowercased, with its port when the URL
// names one; "" when base_url is absent or not a URL.
func (e *Env) Host() string {
	u, err := url.Parse(e.BaseURL)
	if err != nil || e.BaseURL == "" {
		return ""
	}
	return strings.ToLower(u.Host)
}

// Keys returns every key the config declares, once each, in file order:
// each environment's company key, then its boards' own keys.
func (c *Config) Keys() []*Key {
	if c == nil {
		return nil
	}
	var keys []*Key
	for _, e := range c.Envs {
		if e.Key != nil {
			keys = append(keys, e.Key)
		}
		for _, b := range e.Boards {
			if b.Key != nil && b.Key != e.Key {
				keys = append(keys, b.Key)
			}
		}
	}
	return keys
}

// BoardsByID returns the boards, in every environment, whose ID is id.
func (c *Config) BoardsByID(id string) []*Board {
	if c == nil || id == "" {
		return nil
	}
	var out []*Board
	for _, e := range c.Envs {
		for _, b := range e.Boards {
			if b.ID == id {
				out = append(out, b)
			}
		}
	}
	return out
}

// EnvsByHost returns the environments whose base_url is on host. Case does
// not matter, and the two legacy hosts (api. and app.getaptly.com) serve the
// same API, so each finds the other. A port in host must match the URL's
// port (explicit or the scheme's default); without one any port matches, as
// two local test servers differ only by port.
func (c *Config) EnvsByHost(host string) []*Env {
	if c == nil || host == "" {
		return nil
	}
	wantName, wantPort := splitHost(host)
	var out []*Env
	for _, e := range c.Envs {
		u, err := url.Parse(e.BaseURL)
		if err != nil || e.BaseURL == "" {
			continue
		}
		if !sameHostName(aptly.NormalizeHost(u.Host), wantName) {
			continue
		}
		if wantPort != "" {
			port := u.Port()
			if port == "" {
				port = map[string]string{"https": "443", "http": "80"}[strings.ToLower(u.Scheme)]
			}
			if port != wantPort {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

func splitHost(host string) (name, port string) {
	h := strings.TrimSpace(host)
	if hn, p, err := net.SplitHostPort(h); err == nil {
		return aptly.NormalizeHost(hn), p
	}
	return aptly.NormalizeHost(h), ""
}

func sameHostName(a, b string) bool {
	if a == b {
		return true
	}
	return aptly.HostGeneration(a) == aptly.Legacy && aptly.HostGeneration(b) == aptly.Legacy
}

// KeyOwners returns the boards that secret opens by the config: the boards
// whose own key it is, and every board of an environment whose company key
// it is. Matching is by value or by key_sha256.
func (c *Config) KeyOwners(secret string) []*Board {
	if c == nil {
		return nil
	}
	var out []*Board
	for _, e := range c.Envs {
		for _, b := range e.Boards {
			if b.Key.Matches(secret) {
				out = append(out, b)
			}
		}
	}
	return out
}

// KeyEnvs returns the environments whose company key is secret, including
// those with no boards configured.
func (c *Config) KeyEnvs(secret string) []*Env {
	if c == nil {
		return nil
	}
	var out []*Env
	for _, e := range c.Envs {
		if e.Key.Matches(secret) {
			out = append(out, e)
		}
	}
	return out
}

// Redact returns text with the value of every key the config knows replaced
// by its mask.
func (c *Config) Redact(text string) string {
	for _, k := range c.Keys() {
		text = k.Redact(text)
	}
	return text
}

// Use is one place where a shared ID or key is configured.
type Use struct {
	Env   *Env
	Board *Board // nil for an environment's company key
	At    Pos
}

// The kinds of Shared.
const (
	SharedBoardID = "board-id" // Value is the board ID
	SharedKeyVar  = "key-env"  // Value is the variable name
	SharedKey     = "key"      // Value is the masked key or "sha256:<prefix>"
)

// Shared is one board ID or key configured in more than one environment
// (AD304): an ID copied between environments, or one key serving two.
type Shared struct {
	Kind  string // SharedBoardID, SharedKeyVar or SharedKey
	Value string // safe to print: never a whole key
	Uses  []Use  // in file order, at least two environments among them
}

// SharedIDs returns the board IDs and keys that appear in two or more
// environments, in the order of their first use. A key counts as the same
// when it comes from the same variable, has the same value, or when one
// fingerprint (known value or key_sha256) starts with the other.
func (c *Config) SharedIDs() []Shared {
	if c == nil {
		return nil
	}
	var out []Shared
	seen := map[string]bool{}
	for _, e := range c.Envs {
		for _, b := range e.Boards {
			if b.ID == "" || seen[b.ID] {
				continue
			}
			seen[b.ID] = true
			var uses []Use
			for _, o := range c.BoardsByID(b.ID) {
				uses = append(uses, Use{Env: o.Env, Board: o, At: o.IDAt})
			}
			if envCount(uses) > 1 {
				out = append(out, Shared{Kind: SharedBoardID, Value: b.ID, Uses: uses})
			}
		}
	}
	return append(out, c.sharedKeys()...)
}

func (c *Config) sharedKeys() []Shared {
	keys := c.Keys()
	// Union-find over the declarations: groups of keys that are the same.
	parent := make([]int, len(keys))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if sameKey(keys[i], keys[j]) {
				parent[find(j)] = find(i)
			}
		}
	}
	groups := map[int][]*Key{}
	var order []int
	for i, k := range keys {
		r := find(i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], k)
	}
	var out []Shared
	for _, r := range order {
		g := groups[r]
		uses := make([]Use, 0, len(g))
		for _, k := range g {
			uses = append(uses, Use{Env: k.Env, Board: k.Board, At: k.At()})
		}
		if envCount(uses) < 2 {
			continue
		}
		out = append(out, describeShared(g, uses))
	}
	return out
}

func describeShared(g []*Key, uses []Use) Shared {
	oneVar := g[0].Var
	for _, k := range g {
		if k.Var == "" || k.Var != oneVar {
			oneVar = ""
			break
		}
	}
	if oneVar != "" {
		return Shared{Kind: SharedKeyVar, Value: oneVar, Uses: uses}
	}
	value := ""
	for _, k := range g {
		if k.value != "" {
			value = k.Mask()
			break
		}
	}
	if value == "" {
		value = "sha256:" + g[0].SHA256Prefix
	}
	return Shared{Kind: SharedKey, Value: value, Uses: uses}
}

// sameKey reports whether two key declarations name the same key.
func sameKey(a, b *Key) bool {
	if a.Var != "" && a.Var == b.Var {
		return true
	}
	if a.value != "" && a.value == b.value {
		return true
	}
	fa, fb := a.Fingerprint(), b.Fingerprint()
	if fa == "" || fb == "" {
		return false
	}
	return strings.HasPrefix(fa, fb) || strings.HasPrefix(fb, fa)
}

func envCount(uses []Use) int {
	envs := map[*Env]bool{}
	for _, u := range uses {
		envs[u.Env] = true
	}
	return len(envs)
}

// LiteralKeys returns the keys written literally in the config (AD305), in
// file order.
func (c *Config) LiteralKeys() []*Key {
	var out []*Key
	for _, k := range c.Keys() {
		if k.Literal {
			out = append(out, k)
		}
	}
	return out
}

// Missing is a key variable the config names that is unset or blank in the
// process environment (AD306).
type Missing struct {
	Env   *Env
	Board *Board // nil for an environment's company key
	Var   string
	At    Pos
	Empty bool // set, but empty or only whitespace
}

// MissingKeys returns every named key variable that is unset or blank, in
// file order. A literal key written beside the variable does not stand in
// for it.
func (c *Config) MissingKeys() []Missing {
	var out []Missing
	for _, k := range c.Keys() {
		if k.Var == "" || k.Set {
			continue
		}
		out = append(out, Missing{Env: k.Env, Board: k.Board, Var: k.Var, At: k.VarAt, Empty: k.Empty})
	}
	return out
}

// EnvsByPath returns the environments whose paths hold the file at path (as
// the run names it). Paths in the config are relative to its folder; a
// path without glob characters is a folder and holds everything below it.
func (c *Config) EnvsByPath(path string) []*Env {
	if c == nil || c.Path == "" {
		return nil
	}
	rel, ok := relTo(filepath.Dir(c.Path), path)
	if !ok {
		return nil
	}
	var out []*Env
	for _, e := range c.Envs {
		for _, p := range e.Paths {
			p = strings.TrimPrefix(filepath.ToSlash(p), "./")
			hit := false
			if strings.ContainsAny(p, "*?[{") {
				hit, _ = doublestar.Match(p, rel)
			} else {
				p = strings.TrimSuffix(p, "/")
				hit = rel == p || strings.HasPrefix(rel, p+"/") || p == "." || p == ""
			}
			if hit {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// relTo is path relative to dir, in slash form; ok is false when path is
// not below dir.
func relTo(dir, path string) (string, bool) {
	ad, err1 := filepath.Abs(dir)
	ap, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(ad, ap)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
