package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// Markdown renders a report to paste into a ticket or a pull-request
// comment: a section with a table for each target that has findings or
// could not be checked, a list of the targets that passed clean, and the
// summary. What --fix repaired is listed too, marked fixed, as in the text
// report: a ticket should say what was already done.
type Markdown struct{}

// Render writes the report as GitHub-flavoured Markdown.
func (m *Markdown) Render(w io.Writer, r *checks.Result) error {
	ew := &errWriter{w: w}
	ew.printf("## %s report\n", toolName)
	var clean []string
	for i := range r.Targets {
		t := &r.Targets[i]
		shown := len(t.Findings)
		if t.Status == checks.StatusPass && shown == 0 {
			clean = append(clean, t.Path)
			continue
		}
		mdTarget(ew, t, shown)
	}
	if len(clean) > 0 {
		ew.printf("\n")
		for _, p := range clean {
			ew.printf("- ✓ %s\n", mdText(p))
		}
	}
	mark := "✓"
	if r.Failed() || r.Summary().Errored > 0 {
		mark = "✗"
	}
	ew.printf("\n**%s %s**\n", mark, mdText(summaryLine(r)))
	return ew.err
}

func mdTarget(w *errWriter, t *checks.TargetResult, shown int) {
	mark := map[checks.Status]string{checks.StatusPass: "✓", checks.StatusFail: "✗"}[t.Status]
	if mark == "" {
		mark = "⚠"
	}
	w.printf("\n### %s %s\n\n", mark, mdText(t.Path))
	if t.ReadErr != nil {
		w.printf("Could not be read: %s\n", mdText(t.ReadErr.Error()))
	}
	for _, f := range t.Failures {
		w.printf("- The doctor failed: %s\n", mdText(f))
	}
	if shown > 0 {
		if t.ReadErr != nil || len(t.Failures) > 0 {
			w.printf("\n")
		}
		w.printf("| line | check | severity | message | fix |\n")
		w.printf("| ---: | --- | --- | --- | --- |\n")
		for j := range t.Findings {
			mdRow(w, t.Path, &t.Findings[j])
		}
	}
	if len(t.Notes) > 0 {
		w.printf("\n")
		for _, n := range t.Notes {
			w.printf("> note: %s\n", mdText(n))
		}
	}
}

func mdRow(w *errWriter, target string, f *checks.Finding) {
	line := "–"
	if f.Line > 0 {
		line = fmt.Sprint(f.Line)
		if f.Col > 0 {
			line += fmt.Sprintf(":%d", f.Col)
		}
	}
	sev := f.Severity.String()
	switch {
	case f.Fixed:
		sev = "fixed"
	case f.Baseline:
		sev += " (baseline)"
	}
	msg := f.Message
	if f.Path != "" && f.Path != target {
		msg = f.Path + ": " + msg
	}
	if f.Env != "" {
		msg += " [env " + f.Env + "]"
	}
	w.printf("| %s | %s %s | %s | %s | %s |\n", line, mdText(f.Check), mdText(f.Name), sev, mdText(msg), mdText(f.Fix))
}

// mdText makes text literal in Markdown: the punctuation that could start
// emphasis, code, links, HTML, strike-through (a pointer's "~1") or end a
// table cell is escaped with a backslash, which CommonMark allows before
// any ASCII punctuation; line breaks become <br> so a cell stays one row.
func mdText(s string) string {
	s = visible(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '#', '!':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			b.WriteString("<br>")
		case '\n':
			b.WriteString("<br>")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
