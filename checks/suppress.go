package checks

import (
	"fmt"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/suppress"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
)

// commented reports whether files of kind k can hold an aptly-doctor:ignore
// comment.
func commented(k input.Kind) bool {
	switch k {
	case input.KindCurl, input.KindHTTP, input.KindSource:
		return true
	}
	return false
}

// inlineSuppress applies the aptly-doctor:ignore comments of src to the
// target's findings: a covered finding is dropped; a comment without a
// reason silences nothing and is a warning of its own; one that silenced
// nothing is told under --verbose.
func inlineSuppress(tr *TargetResult, src *input.Source) {
	ds := suppress.Parse(src.Data)
	if len(ds) == 0 {
		return
	}
	used := make([]bool, len(ds))
	kept := tr.Findings[:0]
	for _, f := range tr.Findings {
		silenced := false
		if f.Path == src.Path {
			for i := range ds {
				if ds[i].Covers(f.Check, f.Line) {
					used[i], silenced = true, true
				}
			}
		}
		if !silenced {
			kept = append(kept, f)
		}
	}
	tr.Findings = kept
	for i, d := range ds {
		ids := strings.Join(d.Checks, ",")
		switch {
		case d.Reason == "":
			f := Finding{Check: strings.ToUpper(d.Checks[0]), Severity: Warning, Path: src.Path, Line: d.At.Line, Col: d.At.Col,
				Message: fmt.Sprintf("this %s %s comment gives no reason, so it silences nothing", suppress.Marker, ids),
				Fix:     "Say why after the check ID: " + suppress.Marker + " " + ids + " <reason>"}
			if c, ok := ByID(f.Check); ok {
				f.Name = c.Name
			}
			f.Snippet = string(lines.Line(src.Data, d.At.Line))
			f.SnippetCol = f.Col
			tr.Findings = append(tr.Findings, f)
		case !used[i]:
			tr.Details = append(tr.Details, fmt.Sprintf("line %d: %s %s silences nothing", d.At.Line, suppress.Marker, ids))
		}
	}
}
