package checks

import (
	"sync"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// Locating findings: spans (pointers, body offsets, positions) become
// path:line:col and the quoted source line, once per finding.

// locator turns spans into file positions for one unit, building the
// pointer index at most once and only when a finding needs it.
type locator struct {
	unit    *input.Unit
	target  *TargetInfo
	index   *jsonpos.Index
	opts    *Options
	secrets []string // masked in quoted source lines, gathered on first use
	gotSecs bool
}

// lineCache holds the line index of the big sources of one target, shared
// by its units (a HAR's entries all point into the one file).
type lineCache struct {
	mu      sync.Mutex
	indexes map[*input.Source]*lines.Index
}

// lineIndex returns the line index of src. Big sources are indexed once
// per target, so a HAR of many megabytes with many findings is not scanned
// from the top for each one.
func (l *locator) lineIndex(src *input.Source) *lines.Index {
	if len(src.Data) < 4096 {
		return lines.New(src.Data)
	}
	c := l.target.lines
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.indexes == nil {
		c.indexes = map[*input.Source]*lines.Index{}
	}
	x, ok := c.indexes[src]
	if !ok {
		x = lines.New(src.Data)
		c.indexes[src] = x
	}
	return x
}

// quote makes line n (in file numbering) of src the finding's quoted line.
func (f *Finding) quote(src *input.Source, n int) {
	f.quoteSrc, f.quoteLine = src, n
}

// quotedLine returns the finding's quoted line with every secret of the
// unit masked, and the column the caret goes at in it. The lines around it
// are read too, so a key that a line continuation splits is masked on each
// line it touches.
func (l *locator) quotedLine(src *input.Source, n, col int) (string, int) {
	x := l.lineIndex(src)
	n -= src.LineOffset
	start := x.Start(n)
	if start < 0 {
		return "", col
	}
	end := start + len(x.Line(n))
	if end-start > 4096 {
		// A line of megabytes (a minified HAR): only the part around the
		// caret is ever shown, so only that part is searched.
		at := start + lines.ByteOffset(string(src.Data[start:end]), col)
		lo, hi := max(start, at-1500), min(end, at+1500)
		for lo > start && !utf8.RuneStart(src.Data[lo]) {
			lo--
		}
		for hi < end && !utf8.RuneStart(src.Data[hi]) {
			hi++
		}
		c := utf8.RuneCount(src.Data[lo:at]) + 1
		line, c := secret.MaskLine(string(src.Data[lo:hi]), 0, hi-lo, c, l.unitSecrets())
		if lo > start {
			line, c = "…"+line, c+1
		}
		if hi < end {
			line += "…"
		}
		return line, c
	}
	from := x.Start(max(1, n-2))
	to := x.Start(min(x.Count(), n+2))
	to += len(x.Line(min(x.Count(), n+2)))
	window := string(src.Data[from:to])
	return secret.MaskLine(window, start-from, end-from, col, l.unitSecrets())
}

// fileFix turns a fix's body offsets into offsets of the body's file. Only
// a body that is its source's whole text (a payload file, an NDJSON line)
// can be edited in place; a body inside a request is never rewritten.
func (l *locator) fileFix(sf *SuggestedFix) *SuggestedFix {
	b := l.unit.Body
	if sf == nil || b == nil || b.Src == nil || b.Offsets != nil || len(b.Raw) != len(b.Src.Data) {
		return nil
	}
	out := &SuggestedFix{Message: sf.Message, Edits: make([]TextEdit, len(sf.Edits))}
	for i, e := range sf.Edits {
		out.Edits[i] = TextEdit{Pos: e.Pos + b.Src.Start, End: e.End + b.Src.Start, NewText: e.NewText}
	}
	return out
}

func (l *locator) locate(s Span) Finding {
	f := l.place(s)
	f.SnippetCol = f.Col
	if f.flagCol > 0 {
		f.SnippetCol, f.flagCol = f.flagCol, 0
	}
	if f.quoteSrc != nil {
		// Mask before clipping: a key cut in half would no longer be found.
		f.Snippet, f.SnippetCol = l.quotedLine(f.quoteSrc, f.quoteLine, f.SnippetCol)
		f.quoteSrc, f.quoteLine = nil, 0
		if f.Snippet != "" {
			f.Snippet, f.SnippetCol = clipLine(f.Snippet, f.SnippetCol)
		}
	}
	return f
}

// unitSecrets gathers the unit's secrets once, on first need.
func (l *locator) unitSecrets() []string {
	if !l.gotSecs {
		var cfg *config.Config
		if l.opts != nil {
			cfg = l.opts.Config
		}
		l.secrets, l.gotSecs = secretsOf(l.unit, cfg), true
	}
	return l.secrets
}

// clipLine keeps a few hundred characters of a long line around the column
// (a minified HAR is one line of megabytes) and returns the column within
// what it kept; "…" marks a cut.
func clipLine(line string, col int) (string, int) {
	const before, after = 200, 300
	if len(line) <= before+after {
		return line, col
	}
	at := lines.ByteOffset(line, col)
	start, end := max(0, at-before), min(len(line), at+after)
	for start > 0 && !utf8.RuneStart(line[start]) {
		start--
	}
	for end < len(line) && !utf8.RuneStart(line[end]) {
		end++
	}
	out, c := line[start:end], col
	if start > 0 {
		c = utf8.RuneCountInString(line[start:at]) + 2 // after the "…"
		out = "…" + out
	}
	if end < len(line) {
		out += "…"
	}
	return out, c
}

func (l *locator) place(s Span) Finding {
	u := l.unit
	f := Finding{Path: l.target.Path, Unit: u.Label, Pointer: s.Pointer}
	switch {
	case s.HasPointer && u.Body != nil:
		if l.index == nil {
			l.index = jsonpos.NewIndex(u.Body.Raw)
		}
		off, ok := 0, false
		if s.Key {
			off, ok = l.index.Key(s.Pointer)
		}
		if !ok {
			off, ok = l.index.Value(s.Pointer)
		}
		if !ok {
			off = 0
		}
		l.inBody(&f, off)
	case s.InBody && u.Body != nil:
		l.inBody(&f, s.BodyOffset)
	case !s.Pos.IsZero() && u.Request != nil && u.Request.Src != nil:
		// A request given as flags: the finding belongs to the payload it
		// would send (line 1, the payload as a whole), and the quoted line
		// is the flags, with the caret under the one at fault.
		f.Path = l.target.Path
		if u.Body != nil && u.Body.Src != nil {
			f.Path = u.Body.Src.Path
		}
		f.Line, f.Col = 1, 1
		f.Unit = UnitFlags
		f.quote(u.Request.Src, s.Pos.Line)
		f.flagCol = s.Pos.Col
	case !s.Pos.IsZero() && u.Src != nil:
		f.Path = u.Src.Path
		f.Line, f.Col = s.Pos.Line, s.Pos.Col
		f.quote(u.Src, s.Pos.Line)
	}
	return f
}

func (l *locator) inBody(f *Finding, off int) {
	b := l.unit.Body
	if b.Offsets != nil && b.Src != nil && len(b.Offsets) > 0 {
		// The body is a decoded copy: find the file byte it came from.
		src := b.Offsets[len(b.Offsets)-1] + 1
		if off < len(b.Offsets) {
			src = b.Offsets[max(off, 0)]
		}
		f.Path = b.Src.Path
		f.Line, f.Col = lines.Pos(b.Src.Data, min(src, len(b.Src.Data)))
		f.Line += b.Src.LineOffset
		f.quote(b.Src, f.Line)
		f.InBody = l.unit.Request != nil
		return
	}
	line, col := lines.Pos(b.Raw, off)
	at := b.At
	if at.IsZero() {
		at = input.Pos{Line: 1, Col: 1}
	}
	if line == 1 {
		f.Line, f.Col = at.Line, at.Col+col-1
	} else {
		f.Line, f.Col = at.Line+line-1, col
	}
	if b.Src != nil {
		f.Path = b.Src.Path
		f.quote(b.Src, f.Line)
	}
	f.InBody = l.unit.Request != nil
}
