package httpfile

import (
	"sort"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// lineIndex turns byte offsets of a source into 1-based line and code point
// column positions.
type lineIndex struct {
	data   []byte
	starts []int
	base   int
}

func newLineIndex(src *input.Source) *lineIndex {
	li := &lineIndex{data: src.Data, starts: []int{0}, base: src.LineOffset}
	for i, b := range src.Data {
		if b == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

// pos returns the position of the byte at off; offsets past the end clamp
// to the end so a position always lies inside the source.
func (li *lineIndex) pos(off int) input.Pos {
	if off < 0 {
		off = 0
	}
	if off > len(li.data) {
		off = len(li.data)
	}
	line := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	start := li.starts[line]
	return input.Pos{Line: line + 1 + li.base, Col: utf8.RuneCount(li.data[start:off]) + 1}
}
