package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/fatih/color"
	"github.com/rivo/uniseg"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
	"github.com/aptly-doctor/aptly-doctor/internal/termtext"
)

// Text is the human report: per target its findings, each with
// path:line:col, severity, message, check ID, the source line with a caret
// under the spot and the fix; then a one-line summary. A clean target gets
// a pass line on a short run (at most PassLinesUpTo targets) or under
// --verbose: on a run of thousands the lines that matter would drown.
// --quiet prints findings and errors only: no pass line, no summary.
type Text struct {
	quiet, verbose bool
	passLines      bool // decided per run, in Render
	// Its own colours, never the package-global switch of fatih/color.
	err, warn, info, pass, dim, bold, caret *color.Color
}

func newText(o Options) *Text {
	mk := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if o.Color {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	return &Text{
		quiet: o.Quiet, verbose: o.Verbose,
		err: mk(color.FgRed, color.Bold), warn: mk(color.FgYellow, color.Bold),
		info: mk(color.FgCyan), pass: mk(color.FgGreen), dim: mk(color.Faint),
		bold: mk(color.Bold), caret: mk(color.FgGreen, color.Bold),
	}
}

// PassLinesUpTo is the most targets a run may have for the text report to
// print a pass line for each clean one without --verbose.
const PassLinesUpTo = 20

// Render writes the report.
func (t *Text) Render(w io.Writer, r *checks.Result) error {
	ew := &errWriter{w: w}
	t.passLines = !t.quiet && (t.verbose || len(r.Targets) <= PassLinesUpTo)
	for i := range r.Targets {
		t.target(ew, &r.Targets[i], r.FailOn)
	}
	t.summary(ew, r)
	return ew.err
}

func (t *Text) sev(s checks.Severity) string {
	switch s {
	case checks.Error:
		return t.err.Sprint("error")
	case checks.Warning:
		return t.warn.Sprint("warning")
	}
	return t.info.Sprint("info")
}

func (t *Text) target(w *errWriter, tr *checks.TargetResult, failOn checks.Severity) {
	if tr.ReadErr != nil {
		w.printf("%s %s: could not be read: %v\n", t.err.Sprint("✗"), t.bold.Sprint(escape(tr.Path)), tr.ReadErr)
		return
	}
	for _, f := range tr.Failures {
		w.printf("%s %s: the doctor failed: %s\n", t.err.Sprint("✗"), t.bold.Sprint(escape(tr.Path)), f)
	}
	shown := 0
	for i := range tr.Findings {
		f := &tr.Findings[i]
		if f.Baseline && !t.verbose {
			continue // counted in the summary; --verbose shows them
		}
		if f.Fixed {
			t.fixedLine(w, f)
			continue
		}
		t.finding(w, f)
		shown++
	}
	for _, c := range tr.Corrected {
		t.correction(w, tr.Path, c)
	}
	if tr.Status == checks.StatusPass && t.passLines {
		extra := ""
		if tr.Kind == "batch" && tr.Units > 0 {
			extra = t.dim.Sprintf(" (%d %s)", tr.Units, prose.Plural(tr.Units, "payload", "payloads"))
		} else if tr.Units > 1 {
			extra = t.dim.Sprintf(" (%d requests)", tr.Units)
		}
		w.printf("%s %s%s\n", t.pass.Sprint("✓"), escape(tr.Path), extra)
	}
	if !t.quiet || shown > 0 {
		for _, n := range tr.Notes {
			w.printf("  %s %s\n", t.dim.Sprint("note:"), escape(n))
		}
		if t.verbose {
			for _, n := range tr.Details {
				w.printf("  %s %s\n", t.dim.Sprint("note:"), escape(n))
			}
		}
	}
}

func (t *Text) finding(w *errWriter, f *checks.Finding) {
	loc := escape(f.Path)
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", loc, f.Line, f.Col)
	}
	ctx := ""
	switch {
	case f.Unit != "" && f.InBody:
		ctx = t.dim.Sprintf(" (in the body of %s)", f.Unit)
	case f.InBody:
		ctx = t.dim.Sprint(" (in the request body)")
	case f.Unit != "" && !strings.HasPrefix(f.Unit, "line "):
		ctx = t.dim.Sprintf(" (%s)", f.Unit)
	}
	if f.Env != "" {
		ctx += t.dim.Sprintf(" [env %s]", f.Env)
	}
	state := ""
	switch {
	case f.Fixed:
		state = t.pass.Sprint(" (fixed)")
	case f.Fixable:
		state = t.pass.Sprint(" (fixable)")
	case f.Baseline:
		state = t.dim.Sprint(" (baseline)")
	}
	w.printf("%s: %s: %s %s%s%s\n", t.bold.Sprint(loc), t.sev(f.Severity), escape(f.Message), t.dim.Sprintf("[%s]", f.Check), ctx, state)
	if f.Line > 0 && f.Snippet != "" || f.Line > 0 && f.Col == 1 {
		col := f.SnippetCol
		if col == 0 {
			col = f.Col
		}
		line, caretCol := window(f.Snippet, col)
		num := fmt.Sprint(f.Line)
		w.printf(" %s %s %s\n", t.dim.Sprint(num), t.dim.Sprint("|"), line)
		w.printf(" %s %s %s%s\n", strings.Repeat(" ", len(num)), t.dim.Sprint("|"), strings.Repeat(" ", caretCol), t.caret.Sprint("^"))
	}
	if f.Fix != "" {
		w.printf("   %s %s\n", t.info.Sprint("fix:"), escape(f.Fix))
	}
}

// fixedLine says in one line what --fix repaired.
func (t *Text) fixedLine(w *errWriter, f *checks.Finding) {
	loc := escape(f.Path)
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", loc, f.Line, f.Col)
	}
	w.printf("%s: %s %s %s\n", t.bold.Sprint(loc), t.pass.Sprint("fixed:"), escape(f.Message), t.dim.Sprintf("[%s]", f.Check))
}

// correction prints a request as it should be sent, ready to paste.
func (t *Text) correction(w *errWriter, path string, c checks.Correction) {
	what := escape(path)
	if c.Unit != "" {
		what += " (" + c.Unit + ")"
	}
	w.printf("%s %s:\n", t.pass.Sprint("corrected request for"), what)
	for _, ch := range c.Changes {
		w.printf("  %s %s\n", t.dim.Sprint("-"), escape(ch))
	}
	for _, line := range strings.Split(strings.TrimRight(c.Command, "\n"), "\n") {
		w.printf("    %s\n", escape(line))
	}
}

func (t *Text) summary(w *errWriter, r *checks.Result) {
	if t.quiet {
		return // --quiet: findings and errors only
	}
	s := r.Summary()
	noun := prose.Plural(s.Targets, "target", "targets")
	parts := []string{fmt.Sprintf("%d passed", s.Passed), fmt.Sprintf("%d failed", s.Failed)}
	if s.Errored > 0 {
		parts = append(parts, fmt.Sprintf("%d could not be checked", s.Errored))
	}
	counts := []string{
		t.countOf(s.Errors, "error", "errors", t.err),
		t.countOf(s.Warnings, "warning", "warnings", t.warn),
		t.countOf(s.Infos, "info", "infos", t.info),
	}
	line := fmt.Sprintf("%d %s checked: %s; %s", s.Targets, noun, strings.Join(parts, ", "), strings.Join(counts, ", "))
	line += summaryTail(s)
	mark := t.pass.Sprint("✓")
	if r.Failed() || s.Errored > 0 {
		mark = t.err.Sprint("✗")
	}
	w.printf("\n%s %s\n", mark, line)
}

func (t *Text) countOf(n int, one, many string, c *color.Color) string {
	s := fmt.Sprintf("%d %s", n, prose.Plural(n, one, many))
	if n == 0 {
		return s
	}
	return c.Sprint(s)
}

// window returns the snippet as shown (escaped, cut around the column when
// long) and the number of display cells before the caret: a CJK character
// takes two cells and a combining accent none, so the caret is placed by
// the width a terminal draws, not by the code points the column counts.
func window(src string, col int) (string, int) {
	const width, before = 100, 40
	runes := []rune(src) // an invalid byte becomes one U+FFFD, as LineCol counts it
	if col < 1 {
		col = 1
	}
	idx := min(col-1, len(runes))
	start, end := 0, len(runes)
	prefix, suffix := "", ""
	if len(runes) > width {
		start = max(0, idx-before)
		end = min(len(runes), start+width)
		if start > 0 {
			prefix = "…"
		}
		if end < len(runes) {
			suffix = "…"
		}
	}
	shown := prefix + escapeRunes(runes[start:end]) + suffix
	caret := cells(prefix + escapeRunes(runes[start:idx]))
	return shown, caret
}

// cells is the number of cells a terminal draws s in. Printable ASCII, what
// nearly every quoted line is, takes one cell a byte; anything else is
// measured by grapheme (a fifth of rendering 500 findings went to that).
func cells(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return uniseg.StringWidth(s)
		}
	}
	return len(s)
}

// escape makes any text safe for a terminal (see termtext.Escape); a tab
// becomes four spaces, so a quoted line keeps its shape.
func escape(s string) string {
	return termtext.Escape(strings.ReplaceAll(s, "\t", "    "))
}

func escapeRunes(rs []rune) string {
	return escape(string(rs))
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
