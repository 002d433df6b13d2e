package jsonpos

import "unicode/utf8"

// LineCol turns a byte offset into a 1-based line and column. Columns count
// Unicode code points, an invalid UTF-8 byte counting as one; "\n", "\r\n"
// and a lone "\r" each end a line. off may equal len(data), the place just
// after the last byte; offsets outside [0, len(data)] are clamped.
func LineCol(data []byte, off int) (line, col int) {
	off = max(0, min(off, len(data)))
	line, start := 1, 0
	for i := 0; i < off; i++ {
		switch data[i] {
		case '\n':
			line, start = line+1, i+1
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				continue // the "\n" ends this line
			}
			line, start = line+1, i+1
		}
	}
	col = 1
	for i := start; i < off; {
		_, size := utf8.DecodeRune(data[i:])
		i += size
		col++
	}
	return line, col
}

// Line returns the text of 1-based line n without its line ending, or nil
// when the data has no such line.
func Line(data []byte, n int) []byte {
	if n < 1 {
		return nil
	}
	line, start := 1, 0
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c != '\n' && c != '\r' {
			continue
		}
		if line == n {
			return data[start:i]
		}
		if c == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
		line, start = line+1, i+1
	}
	if line == n {
		if data == nil {
			return []byte{}
		}
		return data[start:len(data):len(data)]
	}
	return nil
}
