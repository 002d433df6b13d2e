package fix

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/internal/termtext"
)

// context is how many unchanged lines a hunk shows around a change.
const context = 3

// Diff returns a unified diff from a to b, both named path, with three
// lines of context; it is "" when they are equal. A missing final newline
// is marked the way diff and patch expect. The name in the headers is
// escaped as in the text report: a name with a line break cannot forge a
// header, one with escape codes cannot act on the terminal.
func Diff(path string, a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	x, y := splitLines(a), splitLines(b)
	ops := myers(x, y)
	var out strings.Builder
	name := termtext.Escape(path)
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", name, name)
	for _, h := range hunks(ops) {
		writeHunk(&out, h, x, y)
	}
	return out.String()
}

// splitLines cuts text after each \n; the last line may lack one.
func splitLines(d []byte) []string {
	var lines []string
	for len(d) > 0 {
		i := bytes.IndexByte(d, '\n')
		if i < 0 {
			lines = append(lines, string(d))
			break
		}
		lines = append(lines, string(d[:i+1]))
		d = d[i+1:]
	}
	return lines
}

// op is one line of an edit script: kept (' '), deleted ('-') or inserted
// ('+'), with its index in a (for ' ' and '-') or b (for '+').
type op struct {
	kind byte
	i, j int // line index in a and in b before this op
}

// maxEdits bounds the edit distance myers searches for; past it the
// changed middle is shown as one block removed and one added, which is
// still a correct diff, only a longer one.
const maxEdits = 2000

// myers computes a shortest edit script from x to y (Myers, 1986) after
// setting aside the lines both share at the start and the end.
func myers(x, y []string) []op {
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var ops []op
	for k := 0; k < pre; k++ {
		ops = append(ops, op{' ', k, k})
	}
	for _, o := range middle(x[pre:len(x)-suf], y[pre:len(y)-suf]) {
		ops = append(ops, op{o.kind, o.i + pre, o.j + pre})
	}
	for k := 0; k < suf; k++ {
		ops = append(ops, op{' ', len(x) - suf + k, len(y) - suf + k})
	}
	return ops
}

// middle is Myers' greedy search. Each round keeps the part of the
// frontier it reached (diagonals -d..d), so the path can be walked back in
// memory that grows with the number of edits, not the size of the files.
func middle(x, y []string) []op {
	n, m := len(x), len(y)
	limit := min(n+m, maxEdits)
	off := limit + 1
	v := make([]int, 2*limit+3)
	var trace [][]int // trace[d][k+d] is v[k] before round d
	done := -1
	for d := 0; d <= limit && done < 0; d++ {
		trace = append(trace, append([]int(nil), v[off-d:off+d+1]...))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				i = v[off+k+1]
			} else {
				i = v[off+k-1] + 1
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i++
				j++
			}
			v[off+k] = i
			if i >= n && j >= m {
				done = d
				break
			}
		}
	}
	if done < 0 {
		var ops []op
		for i := range n {
			ops = append(ops, op{'-', i, 0})
		}
		for j := range m {
			ops = append(ops, op{'+', n, j})
		}
		return ops
	}
	var rev []op
	i, j := n, m
	for d := done; d > 0; d-- {
		pv := trace[d] // the frontier after round d-1, diagonals -d..d
		at := func(k int) int { return pv[k+d] }
		k := i - j
		pk := k - 1
		if k == -d || k != d && at(k-1) < at(k+1) {
			pk = k + 1
		}
		pi := at(pk)
		pj := pi - pk
		for i > pi+boolInt(pk == k-1) && j > pj+boolInt(pk == k+1) {
			i--
			j--
			rev = append(rev, op{' ', i, j})
		}
		if pk == k+1 {
			j--
			rev = append(rev, op{'+', i, j})
		} else {
			i--
			rev = append(rev, op{'-', i, j})
		}
	}
	for i > 0 && j > 0 {
		i--
		j--
		rev = append(rev, op{' ', i, j})
	}
	ops := make([]op, len(rev))
	for k, o := range rev {
		ops[len(rev)-1-k] = o
	}
	return ops
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// hunks groups the script into runs of changes with their context.
func hunks(ops []op) [][]op {
	var out [][]op
	for s := 0; s < len(ops); {
		for s < len(ops) && ops[s].kind == ' ' {
			s++
		}
		if s == len(ops) {
			break
		}
		start := max(0, s-context)
		e := s
		for e < len(ops) {
			if ops[e].kind != ' ' {
				e++
				continue
			}
			run := e
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-e > 2*context {
				break
			}
			e = run
		}
		end := min(len(ops), e+context)
		out = append(out, ops[start:end])
		s = end
	}
	return out
}

func writeHunk(out *strings.Builder, h []op, x, y []string) {
	ai, bj := h[0].i, h[0].j
	na, nb := 0, 0
	for _, o := range h {
		switch o.kind {
		case ' ':
			na++
			nb++
		case '-':
			na++
		case '+':
			nb++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(ai, na), hunkRange(bj, nb))
	for _, o := range h {
		var line string
		switch o.kind {
		case ' ', '-':
			line = x[o.i]
		default:
			line = y[o.j]
		}
		out.WriteByte(o.kind)
		out.WriteString(line)
		if !strings.HasSuffix(line, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats a hunk's start and length as unified diff does: the
// start is 1-based, and an empty range names the line before it.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}
