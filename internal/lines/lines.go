// Package lines is the one place that says where a line of text ends: at
// "\n", at "\r\n" and at a lone "\r", each one line break. Every parser, the
// snippet a finding quotes and --fix count lines through it, so a file
// written with old Mac line endings reads as the lines its author sees and
// every part of the tool agrees on which line a byte is on.
//
// Columns count Unicode code points, an invalid UTF-8 byte counting as one.
package lines

import (
	"iter"
	"sort"
	"unicode/utf8"
)

// Break returns the length of the line break that starts at data[i]: 2 for
// "\r\n", 1 for "\n" or a lone "\r", 0 when data[i] ends no line.
func Break[T string | []byte](data T, i int) int {
	switch data[i] {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(data) && data[i+1] == '\n' {
			return 2
		}
		return 1
	}
	return 0
}

// Trim returns line without its line break, if it ends in one.
func Trim[T string | []byte](line T) T {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
	}
	if n > 0 && line[n-1] == '\r' {
		n--
	}
	return line[:n]
}

// next returns the end of the line that starts at start and the offset
// where the following line starts.
func next[T string | []byte](data T, start int) (end, after int) {
	for i := start; i < len(data); i++ {
		if k := Break(data, i); k > 0 {
			return i, i + k
		}
	}
	return len(data), len(data)
}

// All yields each line of data with its line break, if it has one, and the
// offset where it starts. Text after the last break is the last line; data
// ending in a break has no empty line after it, and empty data none at all
// (as bufio.ScanLines). A yielded []byte shares data: copy it before
// appending to it.
func All[T string | []byte](data T) iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for start := 0; start < len(data); {
			_, after := next(data, start)
			if !yield(start, data[start:after]) {
				return
			}
			start = after
		}
	}
}

// Scan is a bufio.SplitFunc that yields each line with its line break, so
// a streaming reader splits exactly where All does. A "\r" at the end of
// what is buffered waits for the next byte, which may be its "\n".
func Scan(data []byte, atEOF bool) (advance int, token []byte, err error) {
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			return i + 1, data[:i+1], nil
		case '\r':
			if i+1 < len(data) {
				if data[i+1] == '\n' {
					return i + 2, data[:i+2], nil
				}
				return i + 1, data[:i+1], nil
			}
			if atEOF {
				return i + 1, data[:i+1], nil
			}
			return 0, nil, nil
		}
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// Index holds where each line of a text starts, built once so that many
// positions in a large file cost a binary search each.
type Index struct {
	data   []byte
	starts []int
}

// New indexes the line starts of data.
func New(data []byte) *Index {
	x := &Index{data: data, starts: []int{0}}
	for i := 0; i < len(data); i++ {
		if k := Break(data, i); k > 0 {
			i += k - 1
			x.starts = append(x.starts, i+1)
		}
	}
	return x
}

// Count is the number of lines: one more than the number of line breaks.
func (x *Index) Count() int { return len(x.starts) }

// Pos returns the 1-based line and column of the byte at off. off may equal
// len(data), the place just after the last byte; offsets outside
// [0, len(data)] are clamped. A "\r\n" is one line break, one character at
// the end of the line it ends: its "\n" has the position of its "\r".
func (x *Index) Pos(off int) (line, col int) {
	off = inBreak(x.data, min(max(off, 0), len(x.data)))
	line = sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off })
	return line, utf8.RuneCount(x.data[x.starts[line-1]:off]) + 1
}

// inBreak moves an offset on the "\n" of a "\r\n" back to its "\r".
func inBreak(data []byte, off int) int {
	if off > 0 && off < len(data) && data[off] == '\n' && data[off-1] == '\r' {
		return off - 1
	}
	return off
}

// Start returns the offset where 1-based line n starts, or -1 when there is
// no such line.
func (x *Index) Start(n int) int {
	if n < 1 || n > len(x.starts) {
		return -1
	}
	return x.starts[n-1]
}

// Line returns the text of 1-based line n without its line break, or nil
// when there is no such line.
func (x *Index) Line(n int) []byte {
	if n < 1 || n > len(x.starts) {
		return nil
	}
	end := len(x.data)
	if n < len(x.starts) {
		end = x.starts[n]
	}
	if x.data == nil {
		return []byte{}
	}
	return Trim(x.data[x.starts[n-1]:end:end])
}

// Pos is Index.Pos for a single lookup: it scans data up to off once and
// allocates nothing.
func Pos(data []byte, off int) (line, col int) {
	off = inBreak(data, min(max(off, 0), len(data)))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		if k := Break(data, i); k > 0 {
			if i+k > off {
				break // off is on the "\n" of a "\r\n": still this line
			}
			i += k - 1
			line, start = line+1, i+1
		}
	}
	return line, utf8.RuneCount(data[start:off]) + 1
}

// Line is Index.Line for a single lookup.
func Line(data []byte, n int) []byte {
	if n < 1 {
		return nil
	}
	line, start := 1, 0
	for start <= len(data) {
		end, after := next(data, start)
		if line == n {
			if data == nil {
				return []byte{}
			}
			return data[start:end:end]
		}
		if after == end {
			return nil // no break: this was the last line
		}
		line, start = line+1, after
	}
	return nil
}

// ByteOffset is the byte offset of 1-based code point column col in line,
// len(line) for a column past its end: the inverse of the column Pos
// counts.
func ByteOffset(line string, col int) int {
	n := 1
	for i := range line {
		if n == col {
			return i
		}
		n++
	}
	return len(line)
}
