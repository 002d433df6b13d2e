package lines

import (
	"bufio"
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestPos(t *testing.T) {
	tests := []struct {
		name      string
		input     string
		off       int
		line, col int
	}{
		{name: "start", input: "abc", off: 0, line: 1, col: 1},
		{name: "end of data", input: "abc", off: 3, line: 1, col: 4},
		{name: "empty data", input: "", off: 0, line: 1, col: 1},
		{name: "after newline", input: "ab\ncd", off: 4, line: 2, col: 2},
		{name: "on the newline", input: "ab\ncd", off: 2, line: 1, col: 3},
		{name: "crlf", input: "ab\r\ncd", off: 5, line: 2, col: 2},
		{name: "on the cr of crlf", input: "ab\r\ncd", off: 2, line: 1, col: 3},
		{name: "on the lf of crlf: the break is one character", input: "ab\r\ncd", off: 3, line: 1, col: 3},
		{name: "lone cr", input: "ab\rcd", off: 3, line: 2, col: 1},
		{name: "cr at end", input: "ab\r", off: 3, line: 2, col: 1},
		{name: "mixed endings", input: "a\nb\r\nc\rd", off: 7, line: 4, col: 1},
		{name: "blank lines", input: "\n\n\nx", off: 3, line: 4, col: 1},
		{name: "blank cr lines", input: "\r\r\rx", off: 3, line: 4, col: 1},
		{name: "multibyte", input: "é日😀x", off: 9, line: 1, col: 4},
		{name: "after multibyte on line two", input: "{\n\"café\": 1}", off: 9, line: 2, col: 7},
		{name: "invalid bytes count one each", input: "\xff\xfe\xc3x", off: 3, line: 1, col: 4},
		{name: "negative clamps", input: "abc", off: -5, line: 1, col: 1},
		{name: "past end clamps", input: "a\nb", off: 99, line: 2, col: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line, col := Pos([]byte(tt.input), tt.off)
			if line != tt.line || col != tt.col {
				t.Errorf("Pos(%q, %d) = %d:%d; want %d:%d", tt.input, tt.off, line, col, tt.line, tt.col)
			}
			line, col = New([]byte(tt.input)).Pos(tt.off)
			if line != tt.line || col != tt.col {
				t.Errorf("New(%q).Pos(%d) = %d:%d; want %d:%d", tt.input, tt.off, line, col, tt.line, tt.col)
			}
		})
	}
}

func TestLine(t *testing.T) {
	tests := []struct {
		name  string
		input string
		n     int
		want  *string // nil means out of range
	}{
		{name: "first", input: "ab\ncd", n: 1, want: ptr("ab")},
		{name: "last", input: "ab\ncd", n: 2, want: ptr("cd")},
		{name: "crlf", input: "ab\r\ncd\r\n", n: 2, want: ptr("cd")},
		{name: "empty last line", input: "ab\r\ncd\r\n", n: 3, want: ptr("")},
		{name: "lone cr", input: "ab\rcd", n: 2, want: ptr("cd")},
		{name: "lone cr first", input: "ab\rcd", n: 1, want: ptr("ab")},
		{name: "empty line between", input: "a\n\nb", n: 2, want: ptr("")},
		{name: "cr then crlf", input: "a\r\r\nb", n: 3, want: ptr("b")},
		{name: "empty data", input: "", n: 1, want: ptr("")},
		{name: "zero", input: "ab", n: 0, want: nil},
		{name: "past the end", input: "ab\ncd", n: 3, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for how, got := range map[string][]byte{"Line": Line([]byte(tt.input), tt.n), "Index.Line": New([]byte(tt.input)).Line(tt.n)} {
				switch {
				case tt.want == nil && got != nil:
					t.Errorf("%s(%q, %d) = %q; want nil", how, tt.input, tt.n, got)
				case tt.want != nil && got == nil:
					t.Errorf("%s(%q, %d) = nil; want %q", how, tt.input, tt.n, *tt.want)
				case tt.want != nil && string(got) != *tt.want:
					t.Errorf("%s(%q, %d) = %q; want %q", how, tt.input, tt.n, got, *tt.want)
				}
			}
		})
	}
}

func ptr(s string) *string { return &s }

// The splitters, the index and the one-shot lookups must cut a text at the
// same places, whatever mix of endings it has.
func TestAllAgree(t *testing.T) {
	for _, s := range []string{"", "a", "a\n", "a\r", "a\r\n", "one\r\ntwo\rthree\n\nfünf", "\r\r\n\n\r", "x\ry\r\nz\n"} {
		data := []byte(s)
		var all, str, scan []string
		for off, l := range All(data) {
			if !bytes.HasPrefix(data[off:], l) {
				t.Errorf("All(%q) yields %q at %d where the data differs", s, l, off)
			}
			all = append(all, string(l))
		}
		for _, l := range All(s) {
			str = append(str, l)
		}
		sc := bufio.NewScanner(strings.NewReader(s))
		sc.Buffer(make([]byte, 1), 64) // tiny, so a "\r" meets the end of the buffer
		sc.Split(Scan)
		for sc.Scan() {
			scan = append(scan, sc.Text())
		}
		if !slices.Equal(all, str) || !slices.Equal(all, scan) {
			t.Errorf("%q: All %q, All on a string %q, Scan %q", s, all, str, scan)
		}
		x := New(data)
		if strings.Join(all, "") != s {
			t.Errorf("All(%q) loses bytes: %q", s, all)
		}
		for i, l := range all {
			if got := string(x.Line(i + 1)); got != string(Trim([]byte(l))) {
				t.Errorf("%q: line %d is %q by All, %q by Index", s, i+1, l, got)
			}
		}
		for off := 0; off <= len(data); off++ {
			l1, c1 := Pos(data, off)
			l2, c2 := x.Pos(off)
			if l1 != l2 || c1 != c2 {
				t.Errorf("%q at %d: Pos %d:%d, Index.Pos %d:%d", s, off, l1, c1, l2, c2)
			}
			if Line(data, l1) == nil {
				t.Errorf("%q at %d: line %d that Line does not know", s, off, l1)
			}
		}
	}
}

func TestTrim(t *testing.T) {
	for in, want := range map[string]string{"a": "a", "a\n": "a", "a\r\n": "a", "a\r": "a", "a\n\n": "a\n", "": ""} {
		if got := string(Trim([]byte(in))); got != want {
			t.Errorf("Trim(%q) = %q; want %q", in, got, want)
		}
		if got := Trim(in); got != want {
			t.Errorf("Trim(%q) as a string = %q; want %q", in, got, want)
		}
	}
}

func TestByteOffset(t *testing.T) {
	for _, tt := range []struct {
		s         string
		col, want int
	}{{"abc", 1, 0}, {"abc", 3, 2}, {"abc", 4, 3}, {"abc", 9, 3}, {"éx", 2, 2}, {"", 1, 0}} {
		if got := ByteOffset(tt.s, tt.col); got != tt.want {
			t.Errorf("ByteOffset(%q, %d) = %d, want %d", tt.s, tt.col, got, tt.want)
		}
	}
}
