package jsonpos

import (
	"bytes"
	"strconv"
	"strings"
)

// maxDepth stops the scan before deep nesting can exhaust the stack; the
// decoder refuses such bodies long before this.
const maxDepth = 10000

// node is one value found in the text.
type node struct {
	value  int   // offset of the value's first byte
	key    int   // offset of the member's key opening quote, -1 for none
	parent int32 // -1 for the root
	kind   byte  // '{', '[' or 0 for anything else
	edge   edge  // how the parent reaches this node
}

// edge names a child of a node: an object member by its decoded key, or an
// array element by its index (idx is -1 for members). Storing the tree as
// edges rather than whole pointer strings keeps the index linear in the
// size of the text, whatever the length of keys or the depth.
type edge struct {
	parent int32
	idx    int32
	key    string
}

// Index maps the pointers of one JSON text to byte offsets.
type Index struct {
	nodes    []node
	children map[edge]int32
}

// NewIndex scans data once and records, for every value, its RFC 6901
// pointer (escaped) and offsets. For a key named twice the later member
// wins, as it does when the body is decoded. On invalid JSON it indexes
// what it can up to the first mistake.
func NewIndex(data []byte) *Index {
	// A value takes a dozen bytes or more in a typical payload; sizing for
	// that spares most of the growing without a counting pass.
	guess := min(len(data)/16, 1<<16)
	s := scanner{data: data, ix: &Index{nodes: make([]node, 0, guess), children: make(map[edge]int32, guess)}}
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		s.pos = 3 // a BOM is reported elsewhere; the offsets after it still count
	}
	s.skipWS()
	s.value(edge{parent: -1, idx: -1}, -1, 0)
	return s.ix
}

// find returns the node at ptr, if the text has one.
func (ix *Index) find(ptr string) (node, bool) {
	if len(ix.nodes) == 0 {
		return node{}, false
	}
	toks, err := Split(ptr)
	if err != nil {
		return node{}, false
	}
	id := int32(0)
	for _, tok := range toks {
		n := ix.nodes[id]
		e := edge{parent: id, idx: -1}
		switch n.kind {
		case '{':
			e.key = tok
		case '[':
			i, ok := arrayIndex(tok)
			if !ok {
				return node{}, false
			}
			e.idx = i
		default:
			return node{}, false
		}
		child, ok := ix.children[e]
		if !ok {
			return node{}, false
		}
		id = child
	}
	return ix.nodes[id], true
}

// arrayIndex reads a pointer token as an array index: decimal digits with
// no leading zero, as RFC 6901 requires.
func arrayIndex(tok string) (int32, bool) {
	if tok == "" || len(tok) > 9 || tok[0] == '0' && len(tok) > 1 {
		return 0, false
	}
	i, err := strconv.Atoi(tok)
	if err != nil || i < 0 {
		return 0, false
	}
	return int32(i), true
}

// Value returns the offset of the first byte of the value at ptr.
func (ix *Index) Value(ptr string) (off int, ok bool) {
	n, ok := ix.find(ptr)
	return n.value, ok
}

// Key returns the offset of the opening quote of the key of the member at
// ptr; it is false for array elements and the root.
func (ix *Index) Key(ptr string) (off int, ok bool) {
	n, ok := ix.find(ptr)
	if !ok || n.key < 0 {
		return 0, false
	}
	return n.key, true
}

// Pointers returns every indexed pointer in the order the values appear.
// It builds every pointer string, so it is meant for tests and tools, not
// for the path from a finding to its line.
func (ix *Index) Pointers() []string {
	var ptrs []string
	for id := range ix.nodes {
		if p, ok := ix.pointer(int32(id)); ok {
			ptrs = append(ptrs, p)
		}
	}
	return ptrs
}

// pointer builds the pointer of node id, or reports false when a later
// member of the same name replaced the node or one of its ancestors.
func (ix *Index) pointer(id int32) (string, bool) {
	var toks []string
	for id != 0 {
		n := ix.nodes[id]
		if ix.children[n.edge] != id {
			return "", false
		}
		if n.edge.idx >= 0 {
			toks = append(toks, strconv.Itoa(int(n.edge.idx)))
		} else {
			toks = append(toks, n.edge.key)
		}
		id = n.parent
	}
	var sb strings.Builder
	for i := len(toks) - 1; i >= 0; i-- {
		sb.WriteByte('/')
		sb.WriteString(EscapeToken(toks[i]))
	}
	return sb.String(), true
}

type scanner struct {
	data []byte
	pos  int
	ix   *Index
}

func (s *scanner) skipWS() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\r', '\n':
			s.pos++
		default:
			return
		}
	}
}

// value indexes the value at s.pos, reached from its parent by e, and
// reports whether the scan may go on.
func (s *scanner) value(e edge, key, depth int) bool {
	if s.pos >= len(s.data) || depth > maxDepth {
		return false
	}
	c := s.data[s.pos]
	switch c {
	case ',', '}', ']', ':':
		return false // no value here: a mistake the decoder reports
	}
	id := int32(len(s.ix.nodes))
	n := node{value: s.pos, key: key, parent: e.parent, edge: e}
	if c == '{' || c == '[' {
		n.kind = c
	}
	s.ix.nodes = append(s.ix.nodes, n)
	if e.parent >= 0 {
		// A later member of the same name takes the edge over; the earlier
		// subtree stays in nodes but can no longer be reached.
		s.ix.children[e] = id
	}
	switch c {
	case '{':
		return s.object(id, depth)
	case '[':
		return s.array(id, depth)
	case '"':
		_, ok := s.str()
		return ok
	}
	start := s.pos
	s.scalar()
	return s.pos > start
}

// scalar steps over a number or literal without judging it.
func (s *scanner) scalar() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ',', '}', ']', ':', ' ', '\t', '\r', '\n', '"', '{', '[':
			return
		}
		s.pos++
	}
}

func (s *scanner) object(id int32, depth int) bool {
	d := s.data
	s.pos++
	s.skipWS()
	if s.pos < len(d) && d[s.pos] == '}' {
		s.pos++
		return true
	}
	for {
		if s.pos >= len(d) || d[s.pos] != '"' {
			return false
		}
		keyOff := s.pos
		raw, ok := s.str()
		if !ok {
			return false
		}
		s.skipWS()
		if s.pos >= len(d) || d[s.pos] != ':' {
			return false
		}
		s.pos++
		s.skipWS()
		if !s.value(edge{parent: id, idx: -1, key: decodeKey(raw)}, keyOff, depth+1) {
			return false
		}
		if more, ok := s.after('}'); !more {
			return ok
		}
	}
}

func (s *scanner) array(id int32, depth int) bool {
	d := s.data
	s.pos++
	s.skipWS()
	if s.pos < len(d) && d[s.pos] == ']' {
		s.pos++
		return true
	}
	for i := int32(0); ; i++ {
		if !s.value(edge{parent: id, idx: i}, -1, depth+1) {
			return false
		}
		if more, ok := s.after(']'); !more {
			return ok
		}
	}
}

// after reads what follows a member or an element: a comma (more to come)
// or the closing bracket (done, ok); anything else is not JSON.
func (s *scanner) after(closing byte) (more, ok bool) {
	d := s.data
	s.skipWS()
	if s.pos >= len(d) {
		return false, false
	}
	switch d[s.pos] {
	case ',':
		s.pos++
		s.skipWS()
		return true, true
	case closing:
		s.pos++
		return false, true
	}
	return false, false
}

// str steps over the string at s.pos and returns it with its quotes.
func (s *scanner) str() ([]byte, bool) {
	d := s.data
	start := s.pos
	for i := start + 1; i < len(d); i++ {
		switch d[i] {
		case '\\':
			i++
		case '"':
			s.pos = i + 1
			return d[start : i+1], true
		}
	}
	return nil, false
}

// decodeKey turns a quoted key into the name the decoder gives it.
func decodeKey(raw []byte) string {
	return string(Unquote(raw[1 : len(raw)-1]))
}
