package input

import (
	"sort"
	"unicode/utf8"
)

// LineIndex turns byte offsets of a source into 1-based line and code point
// column positions, for parsers that know offsets and report positions.
type LineIndex struct {
	data   []byte
	starts []int
	base   int
}

// NewLineIndex indexes the line starts of src once.
func NewLineIndex(src *Source) *LineIndex {
	li := &LineIndex{data: src.Data, starts: []int{0}, base: src.LineOffset}
	for i, b := range src.Data {
		if b == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

// Pos returns the position of the byte at off; offsets past the end clamp
// to the end so a position always lies inside the source.
func (li *LineIndex) Pos(off int) Pos {
	off = min(max(off, 0), len(li.data))
	line := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	start := li.starts[line]
	return Pos{Line: line + 1 + li.base, Col: utf8.RuneCount(li.data[start:off]) + 1}
}
