// Package suppress reads inline suppressions: a comment
// "aptly-doctor:ignore AD203 <reason>" silences the findings of that check
// on its own line and on the line below, in any input that can hold a
// comment (.http, .curl and shell, YAML, source code). The reason is
// required; a comment without one silences nothing.
package suppress

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// Marker is what starts a suppression inside a comment.
const Marker = "aptly-doctor:ignore"

// Directive is one suppression comment.
type Directive struct {
	At     input.Pos // the marker
	Checks []string  // IDs as written ("AD203"), at least one
	Reason string    // "" when none was given
}

// Covers reports whether the directive silences a finding of check at line.
func (d *Directive) Covers(check string, line int) bool {
	if d.Reason == "" || line != d.At.Line && line != d.At.Line+1 {
		return false
	}
	for _, c := range d.Checks {
		if strings.EqualFold(c, check) {
			return true
		}
	}
	return false
}

// commentOpeners are the comment syntaxes of the inputs the doctor reads.
var commentOpeners = []string{"//", "#", "/*", "<!--", "<#", ";", "--", "'", "REM ", "rem "}

// Parse finds the directives in data. Only a marker that stands in a
// comment counts: some comment opener comes before it on its line.
func Parse(data []byte) []Directive {
	if !bytes.Contains(data, []byte(Marker)) {
		return nil
	}
	var out []Directive
	line := 0
	for _, text := range lines.All(data) {
		line++
		text = lines.Trim(text)
		if k := bytes.Index(text, []byte(Marker)); k >= 0 && commented(text[:k]) {
			if d, ok := parseOne(string(text[k+len(Marker):])); ok {
				d.At = input.Pos{Line: line, Col: utf8.RuneCount(text[:k]) + 1}
				out = append(out, d)
			}
		}
	}
	return out
}

func commented(before []byte) bool {
	for _, o := range commentOpeners {
		if bytes.Contains(before, []byte(o)) {
			return true
		}
	}
	return false
}

// parseOne reads " AD203[,AD204] reason words" after the marker.
func parseOne(rest string) (Directive, bool) {
	rest = strings.TrimSuffix(strings.TrimSpace(rest), "*/")
	rest = strings.TrimSuffix(strings.TrimSpace(rest), "-->")
	rest = strings.TrimSuffix(strings.TrimSpace(rest), "#>")
	fields := strings.Fields(rest)
	var d Directive
	i := 0
	for ; i < len(fields); i++ {
		ids := strings.Split(strings.Trim(fields[i], ",:"), ",")
		ok := true
		for _, id := range ids {
			if !isID(id) {
				ok = false
			}
		}
		if !ok {
			break
		}
		d.Checks = append(d.Checks, ids...)
	}
	if len(d.Checks) == 0 {
		return d, false
	}
	d.Reason = strings.TrimSpace(strings.TrimLeft(strings.Join(fields[i:], " "), ":-— "))
	return d, true
}

func isID(s string) bool {
	if len(s) != 5 || !strings.EqualFold(s[:2], "AD") {
		return false
	}
	for _, c := range s[2:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
