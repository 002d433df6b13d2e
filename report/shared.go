package report

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
)

// toolName and toolURI identify the tool in machine reports.
const (
	toolName = "aptly-doctor"
	toolURI  = "https://github.com/aptly-doctor/aptly-doctor"
)

// visible writes control characters (C0 but tab and line breaks, DEL, C1)
// and bidirectional overrides as escapes, and invalid UTF-8 as U+FFFD: a
// payload's text must never reach a CI log or a rendered page as escape
// codes. Line breaks stay, since each format has its own way to show them.
func visible(s string) string {
	clean := true
	for _, r := range s {
		if needsEscape(r) || r == '\uFFFD' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s { // ranging turns each invalid byte into U+FFFD
		if !needsEscape(r) {
			b.WriteRune(r)
		} else if r < 0x100 {
			fmt.Fprintf(&b, "\\x%02x", r)
		} else {
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

func needsEscape(r rune) bool {
	if r == '\t' || r == '\n' || r == '\r' {
		return false
	}
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// isFile reports whether a target path names a file: stdin ("-") and
// requests given with flags ("--curl") have no file to point at.
func isFile(path string) bool {
	return path != "" && !strings.HasPrefix(path, "-")
}

// artifactPath is the path a format that needs a file names a target by:
// stdin ("-") is "stdin"; a request given with --curl keeps "--curl", which
// is a valid relative path. --stdin-filepath and --curl-filepath rename
// both before any renderer runs.
func artifactPath(path string) string {
	switch path {
	case "-", "":
		return stdinArtifact
	}
	return path
}

// fileURI turns a path into a URI reference with forward slashes. A
// relative path stays relative (the caller anchors it to the source root);
// an absolute one becomes a file URI.
func fileURI(path string) (uri string, relative bool) {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive: C:/x becomes /C:/x
		}
		return (&url.URL{Scheme: "file", Path: p}).String(), false
	}
	return (&url.URL{Path: p}).String(), true
}

// location is "path:line:col", or the path alone for a finding with no
// place in a file.
func location(f *checks.Finding) string {
	if f.Line <= 0 {
		return f.Path
	}
	if f.Col <= 0 {
		return fmt.Sprintf("%s:%d", f.Path, f.Line)
	}
	return fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Col)
}

// summaryLine says in one line what a result holds, as the text report
// does, without colour.
func summaryLine(r *checks.Result) string {
	s := r.Summary()
	parts := []string{fmt.Sprintf("%d passed", s.Passed), fmt.Sprintf("%d failed", s.Failed)}
	if s.Errored > 0 {
		parts = append(parts, fmt.Sprintf("%d could not be checked", s.Errored))
	}
	line := fmt.Sprintf("%d %s checked: %s; %d %s, %d %s, %d %s",
		s.Targets, prose.Plural(s.Targets, "target", "targets"), strings.Join(parts, ", "),
		s.Errors, prose.Plural(s.Errors, "error", "errors"),
		s.Warnings, prose.Plural(s.Warnings, "warning", "warnings"),
		s.Infos, prose.Plural(s.Infos, "info", "infos"))
	line += summaryTail(s)
	return line
}

// ruleIDs lists the IDs of the checks that ran, then any other check a
// finding names (a config-level check, or findings from a run whose check
// list was not passed on), so every finding has a rule or a test case.
func ruleIDs(cs []*checks.Check, r *checks.Result) (list []*checks.Check, index map[string]int) {
	index = make(map[string]int, len(cs))
	for _, c := range cs {
		if c == nil {
			continue
		}
		if _, dup := index[c.ID]; dup {
			continue
		}
		index[c.ID] = len(list)
		list = append(list, c)
	}
	for i := range r.Targets {
		for j := range r.Targets[i].Findings {
			f := &r.Targets[i].Findings[j]
			if _, ok := index[f.Check]; ok {
				continue
			}
			index[f.Check] = len(list)
			list = append(list, &checks.Check{ID: f.Check, Name: f.Name, Severity: f.Severity})
		}
	}
	return list, index
}

// summaryTail is what a summary line adds about fixed, fixable and
// baselined findings, in every format that writes one.
func summaryTail(s checks.Summary) string {
	var b strings.Builder
	if s.Fixed > 0 {
		fmt.Fprintf(&b, "; %d fixed", s.Fixed)
	}
	if s.Fixable > 0 {
		fmt.Fprintf(&b, "; %d fixable with --fix", s.Fixable)
	}
	if s.Baseline > 0 {
		fmt.Fprintf(&b, "; %d known %s set aside by the baseline", s.Baseline, prose.Plural(s.Baseline, "finding", "findings"))
	}
	return b.String()
}
