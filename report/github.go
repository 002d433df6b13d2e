package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// GitHub renders GitHub Actions workflow commands, so each finding shows
// as an annotation on the pull request. Baseline and fixed findings are
// not annotated: they are neither new nor present.
type GitHub struct{}

// Render writes one command per finding and per tool failure, then a
// plain summary line.
func (g *GitHub) Render(w io.Writer, r *checks.Result) error {
	ew := &errWriter{w: w}
	for i := range r.Targets {
		t := &r.Targets[i]
		if t.ReadErr != nil {
			ghCommand(ew, "error", t.Path, 0, 0, toolName, "could not be read: "+t.ReadErr.Error())
		}
		for _, f := range t.Failures {
			ghCommand(ew, "error", t.Path, 0, 0, toolName, f)
		}
		for j := range t.Findings {
			f := &t.Findings[j]
			if f.Fixed || f.Baseline {
				continue
			}
			msg := f.Message
			if f.Env != "" {
				msg += " [env " + f.Env + "]"
			}
			if f.Fix != "" {
				msg += "\nfix: " + f.Fix
			}
			ghCommand(ew, ghLevel(f.Severity), f.Path, f.Line, f.Col, f.Check+" "+f.Name, msg)
		}
	}
	ew.printf("%s: %s\n", toolName, visible(summaryLine(r)))
	return ew.err
}

func ghLevel(s checks.Severity) string {
	switch s {
	case checks.Error:
		return "error"
	case checks.Warning:
		return "warning"
	}
	return "notice"
}

func ghCommand(w *errWriter, level, path string, line, col int, title, msg string) {
	var props []string
	if isFile(path) {
		props = append(props, "file="+ghProperty(path))
	}
	if line > 0 {
		props = append(props, fmt.Sprintf("line=%d", line))
		if col > 0 {
			props = append(props, fmt.Sprintf("col=%d", col))
		}
	}
	if !isFile(path) && path != "" {
		msg = path + ": " + msg // no file to annotate: name the input in the text
	}
	props = append(props, "title="+ghProperty(title))
	w.printf("::%s %s::%s\n", level, strings.Join(props, ","), ghData(msg))
}

// ghData escapes a command's message as the Actions toolkit does, after
// control characters are made visible so none reaches the log raw.
func ghData(s string) string {
	return ghEscape(visible(s), false)
}

// ghProperty escapes a property value: as data, plus the separators of the
// property list.
func ghProperty(s string) string {
	return ghEscape(visible(s), true)
}

// ghEscape writes "%", CR and LF (and, in a property, ":" and ",") as the
// toolkit's percent escapes. A function, not a strings.Replacer built by
// every start's init.
func ghEscape(s string, property bool) string {
	special := "%\r\n"
	if property {
		special = "%\r\n:,"
	}
	if !strings.ContainsAny(s, special) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%':
			b.WriteString("%25")
		case c == '\r':
			b.WriteString("%0D")
		case c == '\n':
			b.WriteString("%0A")
		case c == ':' && property:
			b.WriteString("%3A")
		case c == ',' && property:
			b.WriteString("%2C")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
