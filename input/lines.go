package input

import "github.com/aptly-doctor/aptly-doctor/internal/lines"

// LineIndex turns byte offsets of a source into 1-based line and code point
// column positions, for parsers that know offsets and report positions.
// Lines end where package lines says: "\n", "\r\n" or a lone "\r".
type LineIndex struct {
	x    *lines.Index
	base int
}

// NewLineIndex indexes the line starts of src once.
func NewLineIndex(src *Source) *LineIndex {
	return &LineIndex{x: lines.New(src.Data), base: src.LineOffset}
}

// Pos returns the position of the byte at off; offsets past the end clamp
// to the end so a position always lies inside the source.
func (li *LineIndex) Pos(off int) Pos {
	line, col := li.x.Pos(off)
	return Pos{Line: line + li.base, Col: col}
}
