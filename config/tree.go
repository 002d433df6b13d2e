package config

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/aptly-doctor/aptly-doctor/third_party/yaml"
)

// maxDepth bounds nesting; no valid config comes near it, and it keeps a
// hostile file from exhausting the stack.
const maxDepth = 64

// maxValues bounds how many values the document may expand to, so that a
// few aliases referring to each other (a "billion laughs" file) cannot make
// validation run forever.
const maxValues = 100000

type nodeKind int

const (
	scalarNode nodeKind = iota
	mappingNode
	sequenceNode
)

// node is the part of a YAML node the config needs: its value and where it
// is written. Aliases are resolved to the node they name, and merge keys are
// folded into the mapping that uses them.
type node struct {
	kind    nodeKind
	at      Pos
	text    string // scalar as written (after unquoting)
	scalar  any    // scalar as a JSON value: string, json.Number, bool or nil
	members []member
	items   []*node
	// broken marks a stand-in for a node that could not be converted; its
	// problem is already reported, and the schema need not add another.
	broken bool
}

type member struct {
	key *node
	val *node
}

// get returns the member named name of a mapping node.
func (n *node) get(name string) (member, bool) {
	if n == nil || n.kind != mappingNode {
		return member{}, false
	}
	for _, m := range n.members {
		if m.key.text == name {
			return m, true
		}
	}
	return member{}, false
}

// str returns the text of a scalar string node; ok is false for any other
// node, so that a value of the wrong type is left to the schema errors.
func (n *node) str() (string, bool) {
	if n == nil || n.kind != scalarNode {
		return "", false
	}
	s, ok := n.scalar.(string)
	return s, ok
}

// converter turns yaml.v3 nodes into nodes, reporting what YAML accepts but
// a config must not hold (duplicate keys, complex keys, alias loops).
type converter struct {
	problems []Problem
	done     map[*yaml.Node]*node
	active   map[*yaml.Node]bool
}

func newConverter() *converter {
	return &converter{done: map[*yaml.Node]*node{}, active: map[*yaml.Node]bool{}}
}

func (c *converter) problem(at Pos, fix, format string, args ...any) {
	c.problems = append(c.problems, Problem{At: at, Message: fmt.Sprintf(format, args...), Fix: fix})
}

func posOf(n *yaml.Node) Pos {
	return Pos{Line: n.Line, Col: n.Column}
}

func (c *converter) convert(y *yaml.Node, depth int) *node {
	if y.Kind == yaml.DocumentNode {
		if len(y.Content) == 0 {
			return nil
		}
		return c.convert(y.Content[0], depth)
	}
	if depth > maxDepth {
		c.problem(posOf(y), "Flatten the structure: a config never nests this deep", "the config nests deeper than %d levels", maxDepth)
		return nil
	}
	if y.Kind == yaml.AliasNode {
		if y.Alias == nil {
			c.problem(posOf(y), "Define the anchor before using it", "alias %q names no anchor", y.Value)
			return nil
		}
		if c.active[y.Alias] {
			c.problem(posOf(y), "Remove the alias or point it at another anchor", "alias %q refers to a node that contains it", y.Value)
			return nil
		}
		return c.convert(y.Alias, depth+1)
	}
	if n, ok := c.done[y]; ok {
		return n
	}
	c.active[y] = true
	defer delete(c.active, y)
	n := &node{at: posOf(y)}
	switch y.Kind {
	case yaml.MappingNode:
		n.kind = mappingNode
		c.mapping(n, y, depth)
	case yaml.SequenceNode:
		n.kind = sequenceNode
		for _, item := range y.Content {
			if v := c.convert(item, depth+1); v != nil {
				n.items = append(n.items, v)
			} else {
				n.items = append(n.items, &node{kind: scalarNode, at: posOf(item), broken: true})
			}
		}
	default:
		n.kind = scalarNode
		n.text = y.Value
		n.scalar = scalarValue(y)
	}
	c.done[y] = n
	return n
}

func (c *converter) mapping(n *node, y *yaml.Node, depth int) {
	var merged []member
	seen := map[string]int{} // key text -> index in n.members
	for i := 0; i+1 < len(y.Content); i += 2 {
		ky, vy := y.Content[i], y.Content[i+1]
		if ky.Kind == yaml.ScalarNode && ky.Tag == "!!merge" {
			merged = append(merged, c.mergeMembers(vy, depth)...)
			continue
		}
		if ky.Kind != yaml.ScalarNode {
			c.problem(posOf(ky), "Use a plain name as the key", "a key must be a plain name, not a list or a mapping")
			continue
		}
		key := &node{kind: scalarNode, at: posOf(ky), text: ky.Value, scalar: ky.Value}
		val := c.convert(vy, depth+1)
		if val == nil {
			val = &node{kind: scalarNode, at: posOf(vy), broken: true}
		}
		if j, dup := seen[key.text]; dup {
			first := n.members[j].key.at
			c.problem(key.at, "Remove one of the two entries",
				"duplicate key %q: it is already set at line %d, and only one value can count", key.text, first.Line)
			// The later value wins, as in every YAML and JSON decoder.
			n.members[j].val = val
			n.members[j].key = key
			continue
		}
		seen[key.text] = len(n.members)
		n.members = append(n.members, member{key: key, val: val})
	}
	// Keys written in the mapping itself win over merged ones.
	for _, m := range merged {
		if _, ok := seen[m.key.text]; ok {
			continue
		}
		seen[m.key.text] = len(n.members)
		n.members = append(n.members, m)
	}
}

// mergeMembers returns the members a YAML merge key ("<<: *base") brings in.
func (c *converter) mergeMembers(vy *yaml.Node, depth int) []member {
	var sources []*yaml.Node
	if vy.Kind == yaml.SequenceNode {
		sources = vy.Content
	} else {
		sources = []*yaml.Node{vy}
	}
	var out []member
	for _, s := range sources {
		v := c.convert(s, depth+1)
		if v == nil {
			continue
		}
		if v.kind != mappingNode {
			c.problem(posOf(s), "Merge only mappings with <<", "a merge key (<<) must name a mapping")
			continue
		}
		for _, m := range v.members {
			if !containsKey(out, m.key.text) {
				out = append(out, m)
			}
		}
	}
	return out
}

func containsKey(ms []member, name string) bool {
	for _, m := range ms {
		if m.key.text == name {
			return true
		}
	}
	return false
}

// scalarValue resolves a scalar as YAML would and returns it as a JSON
// value, the form the schema validator takes.
func scalarValue(y *yaml.Node) any {
	switch y.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if err := y.Decode(&b); err == nil {
			return b
		}
	case "!!int", "!!float":
		var v any
		if err := y.Decode(&v); err != nil {
			return y.Value
		}
		switch x := v.(type) {
		case int:
			return json.Number(strconv.Itoa(x))
		case int64:
			return json.Number(strconv.FormatInt(x, 10))
		case uint64:
			return json.Number(strconv.FormatUint(x, 10))
		case float64:
			if math.IsInf(x, 0) || math.IsNaN(x) {
				// JSON has no such numbers; as text they still fail a type check.
				return y.Value
			}
			return json.Number(strconv.FormatFloat(x, 'g', -1, 64))
		}
	}
	return y.Value
}

// value returns the JSON value of n for the validator. budget counts the
// values left before the document counts as an alias bomb.
func (n *node) value(budget *int) (any, bool) {
	*budget--
	if *budget < 0 {
		return nil, false
	}
	switch n.kind {
	case mappingNode:
		m := make(map[string]any, len(n.members))
		for _, mb := range n.members {
			v, ok := mb.val.value(budget)
			if !ok {
				return nil, false
			}
			m[mb.key.text] = v
		}
		return m, true
	case sequenceNode:
		a := make([]any, 0, len(n.items))
		for _, it := range n.items {
			v, ok := it.value(budget)
			if !ok {
				return nil, false
			}
			a = append(a, v)
		}
		return a, true
	default:
		return n.scalar, true
	}
}

// find walks an instance location (unescaped pointer tokens) down from n and
// returns the member it names: the key node (nil for a list item or the
// root) and the value node.
func (n *node) find(tokens []string) (key, val *node) {
	val = n
	for _, t := range tokens {
		if val == nil {
			return nil, nil
		}
		switch val.kind {
		case mappingNode:
			m, ok := val.get(t)
			if !ok {
				return nil, nil
			}
			key, val = m.key, m.val
		case sequenceNode:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(val.items) {
				return nil, nil
			}
			key, val = nil, val.items[i]
		default:
			return nil, nil
		}
	}
	return key, val
}
