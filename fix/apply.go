package fix

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"fmt"
	"slices"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/jsonscan"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// Judge runs the checks on text, as the content of the file being fixed,
// and returns their findings, each fix in byte offsets of text.
type Judge func(text []byte) []checks.Finding

// Outcome is what fixing one text came to.
type Outcome struct {
	// Text is the fixed text, or the input itself when nothing may change.
	Text []byte
	// Fixed holds one finding per repair, placed where it was made in the
	// input, its message saying what was done. They are marked Fixed only
	// when Refused is nil.
	Fixed []checks.Finding
	// Refused says why nothing may be written: the fixed text would still
	// not parse, so the repairs are not applied and Text is the input.
	Refused error
}

// maxRounds bounds the rounds of fixing: each round applies the fixes the
// checks offer on the text as the last round left it (a syntax fix reveals
// the next mistake only once the one before it is gone).
const maxRounds = 1000

// Text applies the fixes the checks suggest, round after round, until
// none is left. Two fixes that touch the same bytes differently are both
// left out, since choosing one would be a guess. batch says text is NDJSON:
// then each of its lines must parse in the end, not the whole. The result
// is all or nothing: if the fixed text still would not parse, nothing is
// applied (DESIGN.md: --fix never writes a file it cannot make valid).
func Text(data []byte, batch bool, judge Judge) Outcome {
	cur := data
	var rounds [][]checks.TextEdit
	var fixed []checks.Finding
	seen := map[[32]byte]bool{sha256.Sum256(data): true}
	index := lines.New(data)
	for range maxRounds {
		picked, edits := pick(judge(cur))
		if len(edits) == 0 {
			break
		}
		next := apply(cur, edits)
		sum := sha256.Sum256(next)
		if seen[sum] {
			break // the fixes go round in a circle
		}
		seen[sum] = true
		for _, f := range picked {
			off := origin(rounds, f.SuggestedFix.Edits[0].Pos)
			f.Line, f.Col = index.Pos(off)
			f.Message, f.Fix = f.SuggestedFix.Message, ""
			f.Snippet, f.SnippetCol, f.SuggestedFix = "", 0, nil
			fixed = append(fixed, f)
		}
		rounds = append(rounds, edits)
		cur = next
	}
	if len(fixed) == 0 {
		return Outcome{Text: data}
	}
	if off, msg, ok := parses(cur, batch); !ok {
		line, col := index.Pos(origin(rounds, off))
		err := fmt.Errorf("the fixed text would still not be valid JSON (line %d, column %d: %s)", line, col, msg)
		return Outcome{Text: data, Fixed: fixed, Refused: err}
	}
	for i := range fixed {
		fixed[i].Fixed = true
	}
	slices.SortStableFunc(fixed, func(a, b checks.Finding) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return Outcome{Text: cur, Fixed: fixed}
}

// pick keeps the findings whose fixes can all be made together, and their
// edits sorted by offset. The same fix offered twice (one finding in two
// environments) is made once.
func pick(fs []checks.Finding) ([]checks.Finding, []checks.TextEdit) {
	type cand struct {
		f     checks.Finding
		edits []checks.TextEdit
		key   string
	}
	var cs []cand
	for _, f := range fs {
		if f.SuggestedFix == nil || len(f.SuggestedFix.Edits) == 0 || f.Fixed {
			continue
		}
		edits := slices.Clone(f.SuggestedFix.Edits)
		slices.SortFunc(edits, func(a, b checks.TextEdit) int { return a.Pos - b.Pos })
		cs = append(cs, cand{f: f, edits: edits, key: fmt.Sprint(edits)})
	}
	conflict := make([]bool, len(cs))
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			if cs[i].key != cs[j].key && overlap(cs[i].edits, cs[j].edits) {
				conflict[i], conflict[j] = true, true
			}
		}
	}
	var picked []checks.Finding
	var edits []checks.TextEdit
	made := map[string]bool{}
	for i, c := range cs {
		if conflict[i] {
			continue
		}
		picked = append(picked, c.f)
		if !made[c.key] {
			made[c.key] = true
			edits = append(edits, c.edits...)
		}
	}
	slices.SortFunc(edits, func(a, b checks.TextEdit) int { return a.Pos - b.Pos })
	return picked, edits
}

// overlap reports whether two sets of edits touch the same bytes, or
// insert at the same place.
func overlap(a, b []checks.TextEdit) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Pos < y.End && y.Pos < x.End || x.Pos == y.Pos {
				return true
			}
		}
	}
	return false
}

// apply makes edits, sorted and apart, to data.
func apply(data []byte, edits []checks.TextEdit) []byte {
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		out.Write(data[last:e.Pos])
		out.Write(e.NewText)
		last = e.End
	}
	out.Write(data[last:])
	return out.Bytes()
}

// origin maps an offset in the text after the given rounds of edits back
// to the offset in the input: a byte that an edit wrote maps to where the
// edit was made.
func origin(rounds [][]checks.TextEdit, off int) int {
	for r := len(rounds) - 1; r >= 0; r-- {
		off = before(rounds[r], off)
	}
	return off
}

// before maps an offset in the text after edits to the text before them.
func before(edits []checks.TextEdit, off int) int {
	delta := 0
	for _, e := range edits {
		start := e.Pos + delta // where e's new text starts after the edits
		if off < start {
			break
		}
		if off < start+len(e.NewText) {
			return e.Pos
		}
		delta += len(e.NewText) - (e.End - e.Pos)
	}
	return off - delta
}

// parses reports whether text (each line of it, for a batch) is JSON, and
// if not, the offset of the first mistake and what it is.
func parses(text []byte, batch bool) (int, string, bool) {
	if !batch {
		if r := jsonscan.Parse(text, input.MaxDepth); !r.OK {
			return r.Err.Offset, r.Err.Message, false
		}
		return 0, "", true
	}
	for start, line := range lines.All(text) {
		content := lines.Trim(line)
		if len(bytes.TrimSpace(content)) > 0 {
			if r := jsonscan.Parse(content, input.MaxDepth); !r.OK {
				return start + r.Err.Offset, r.Err.Message, false
			}
		}
	}
	return 0, "", true
}
