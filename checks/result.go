package checks

import (
	"cmp"
	"slices"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// Finding is one diagnosis, located and ready for any renderer.
type Finding struct {
	Check    string
	Name     string
	Severity Severity
	Path     string
	Line     int // 1-based; 0 when the finding has no place in a file
	Col      int // 1-based, in code points
	Pointer  string
	Message  string
	Fix      string
	// Unit names the unit inside a target with several ("line 12",
	// "entry 3"); InBody says the position is inside a request's body.
	Unit   string
	InBody bool
	// Snippet is the source line the finding points into, unescaped; the
	// text renderer escapes control characters before showing it.
	Snippet string
	// SnippetCol is where the caret goes in Snippet (1-based code points):
	// the column itself, unless masking a secret earlier on the line moved it.
	SnippetCol int
	flagCol    int // the caret's column on a command line of request flags
	// quoteSrc and quoteLine name the line to quote, read and masked once
	// the finding is placed.
	quoteSrc  *input.Source
	quoteLine int
	Env       string
	// Fixed marks a finding --fix repaired; Baseline one a baseline set
	// aside. Neither counts toward the exit code. Fixable marks, under
	// --diff, a finding --fix would repair: it still counts, since the file
	// on disk still holds it.
	Fixed    bool
	Baseline bool
	Fixable  bool
	// SuggestedFix is the check's repair, its edits in byte offsets of the
	// file at Path; nil when the check offers none or the body is not a
	// verbatim part of a file (a body inside a curl command).
	SuggestedFix *SuggestedFix
}

// UnitFlags is the unit of a finding about the request flags (--url, -H)
// a bare payload is judged with: it belongs to the command line, not to
// the payload's file.
const UnitFlags = "request flags"

// FromFlags reports whether f is about the request flags.
func (f *Finding) FromFlags() bool { return f.Unit == UnitFlags }

// Counts reports whether f counts toward the exit code at threshold.
func (f *Finding) Counts(threshold Severity) bool {
	return !f.Fixed && !f.Baseline && f.Severity >= threshold
}

// Status is a target's verdict.
type Status string

// The statuses of a target.
const (
	StatusPass  Status = "pass"
	StatusFail  Status = "fail"
	StatusError Status = "error" // could not be checked
)

// TargetResult is everything found in one target.
type TargetResult struct {
	Path     string
	Kind     input.Kind
	Status   Status
	Units    int
	Findings []Finding
	Notes    []string
	// Details are notes told only under --verbose (an ignore comment that
	// silences nothing).
	Details []string
	// Failures are the tool's own failures (a check that crashed or could
	// not run): never findings, never a pass.
	Failures []string
	// ReadErr is set when the target could not be read at all.
	ReadErr error
	// Corrected holds, for request inputs under --fix, the corrected
	// request of each unit as a runnable curl command.
	Corrected []Correction
}

// Correction is a request as it should have been sent, and what changed.
type Correction struct {
	Unit    string // "" for a target with one request
	Command string
	Changes []string
}

// Result is the outcome of a run, in the order the targets were given.
type Result struct {
	Targets []TargetResult
	FailOn  Severity
}

// Summary counts what a result holds.
type Summary struct {
	Targets, Passed, Failed, Errored int
	Errors, Warnings, Infos          int
	Fixed, Baseline                  int
	Fixable                          int // findings --fix would repair (--diff)
}

// Summary counts targets by status and findings by severity. Fixed and
// baseline findings are counted apart.
func (r *Result) Summary() Summary {
	var s Summary
	for i := range r.Targets {
		t := &r.Targets[i]
		s.Targets++
		switch t.Status {
		case StatusPass:
			s.Passed++
		case StatusFail:
			s.Failed++
		default:
			s.Errored++
		}
		for j := range t.Findings {
			f := &t.Findings[j]
			if f.Fixable {
				s.Fixable++
			}
			switch {
			case f.Fixed:
				s.Fixed++
			case f.Baseline:
				s.Baseline++
			case f.Severity == Error:
				s.Errors++
			case f.Severity == Warning:
				s.Warnings++
			default:
				s.Infos++
			}
		}
	}
	return s
}

// HasFailures reports whether the tool itself failed on some target.
func (r *Result) HasFailures() bool {
	for i := range r.Targets {
		if len(r.Targets[i].Failures) > 0 {
			return true
		}
	}
	return false
}

// Failed reports whether some finding counts at the result's threshold.
func (r *Result) Failed() bool {
	for i := range r.Targets {
		if r.Targets[i].Status == StatusFail {
			return true
		}
	}
	return false
}

// Settle sets each target's status from its findings and failures at the
// threshold. Call it again after anything changes Fixed or Baseline.
func (r *Result) Settle() {
	for i := range r.Targets {
		t := &r.Targets[i]
		switch {
		case len(t.Failures) > 0 || t.ReadErr != nil:
			t.Status = StatusError
		case slices.ContainsFunc(t.Findings, func(f Finding) bool { return f.Counts(r.FailOn) }):
			t.Status = StatusFail
		default:
			t.Status = StatusPass
		}
	}
}

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Check, b.Check),
			cmp.Compare(a.Env, b.Env),
			cmp.Compare(a.Message, b.Message),
		)
	})
}
