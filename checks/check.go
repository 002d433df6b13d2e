package checks

import (
	"fmt"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/jsonpos"
)

// Severity is how much a finding matters. The check carries a default; the
// config and flags remap it.
type Severity int

// The severities, in rising order.
const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "none"
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown level %q (want error, warning or info)", s)
}

// Needs says what a unit must carry for a check to apply. A check whose
// needs are not met is skipped silently: it is not applicable.
type Needs uint

// The needs a check may declare.
const (
	NeedBody     Needs = 1 << iota // a body, valid JSON or not
	NeedJSON                       // a body that decoded as JSON
	NeedRequest                    // a request (URL, headers)
	NeedResponse                   // a recorded response
	NeedEnv                        // an environment from the config
	NeedConfig                     // runs on the config file itself (alone: only there)
	NeedFields                     // a board whose fields are known
)

// Check is one independent diagnosis with a stable ID.
type Check struct {
	ID       string   // "AD201": stable forever, never reused
	Name     string   // "content-type"
	Title    string   // one line for `checks`, SARIF and the README
	Doc      string   // what it finds and why Aptly minds; feeds `explain`
	Fix      string   // the usual fix, for `explain` and SARIF help
	Severity Severity // the default
	Needs    Needs
	Run      func(*Pass) error // reports through the pass; an error means "could not run"
	// Relate, when set, is called once all checks have run on a unit, for
	// each of this check's findings, with the unit's other findings: a
	// symptom (a recorded 401) can then name its cause (a missing key).
	Relate func(self *Finding, others []Finding, p *Pass)
}

// Span says where a finding is. Exactly one way of pointing is used:
// a JSON pointer into the unit's body (optionally its key), a byte offset
// into the body, or a position already known in the unit's source.
type Span struct {
	Pointer    string // RFC 6901, escaped; used when HasPointer
	HasPointer bool
	Key        bool // point at the member's key rather than its value
	BodyOffset int  // byte offset into Body.Raw; used when InBody
	InBody     bool
	Pos        input.Pos // a position in the unit's source
}

// AtPointer points at the value at ptr in the body.
func AtPointer(ptr string) Span { return Span{Pointer: ptr, HasPointer: true} }

// AtKey points at the key of the member at ptr in the body.
func AtKey(ptr string) Span { return Span{Pointer: ptr, HasPointer: true, Key: true} }

// AtBodyOffset points at a byte of the body.
func AtBodyOffset(off int) Span { return Span{BodyOffset: off, InBody: true} }

// AtBodyOffsetPointer points at a byte of the body and names the pointer of
// the value there for machine reports.
func AtBodyOffsetPointer(off int, ptr string) Span {
	return Span{BodyOffset: off, InBody: true, Pointer: ptr}
}

// AtPos points at a position in the unit's source (a header, a flag, a URL).
func AtPos(p input.Pos) Span { return Span{Pos: p} }

// Diagnostic is what a check reports: where, what and how to fix it. The
// runner adds the check's identity, severity and resolved location.
type Diagnostic struct {
	At       Span
	Message  string
	Fix      string
	Severity Severity // zero: the check's severity after remapping
	// SuggestedFix, when set, is the repair itself, for a mistake with one
	// reading only: --fix applies its edits, --diff shows them.
	SuggestedFix *SuggestedFix
}

// SuggestedFix is a repair a check is sure of, as go/analysis has it: the
// text edits that make it and, in plain words, what they do.
type SuggestedFix struct {
	Message string // past tense, for the report: "removed the trailing comma"
	Edits   []TextEdit
}

// TextEdit replaces the bytes [Pos, End) with NewText. A check gives
// offsets into its unit's body (Body.Raw); a located Finding carries them
// as offsets into the file named by its Path.
type TextEdit struct {
	Pos, End int
	NewText  []byte
}

// Pass is the only contact between a check and the runner.
type Pass struct {
	Unit   *input.Unit
	Target *TargetInfo
	Opts   *Options
	// Env and Board are the environment and board the unit is judged under,
	// from --env/--board or inferred from its URL, host or key; nil when the
	// config does not tell (or there is no config).
	Env    *config.Env
	Board  *config.Board
	report func(Diagnostic)
	index  *jsonpos.Index // of the body, built on first need
}

// TargetInfo is what a check may know about the target around its unit.
type TargetInfo struct {
	Path  string
	Kind  input.Kind
	lines *lineCache
}

// Report records a finding at at. The message is built with fmt from format
// and args; fix is an imperative phrase.
func (p *Pass) Report(at Span, fix, format string, args ...any) {
	p.report(Diagnostic{At: at, Message: fmt.Sprintf(format, args...), Fix: fix})
}

// ReportFix is Report with the repair itself: edits of the body that fix
// the finding, and what they do in plain words (past tense).
func (p *Pass) ReportFix(at Span, sf *SuggestedFix, fix, format string, args ...any) {
	p.report(Diagnostic{At: at, Message: fmt.Sprintf(format, args...), Fix: fix, SuggestedFix: sf})
}

// bodyIndex is the pointer index of the unit's body, built once per pass.
func (p *Pass) bodyIndex() *jsonpos.Index {
	if p.index == nil {
		p.index = jsonpos.NewIndex(p.Unit.Body.Raw)
	}
	return p.index
}

// replaceString is a fix that replaces the JSON string at ptr in the body
// (its key when key is set, else its value) with text; nil when there is no
// string there.
func (p *Pass) replaceString(ptr string, key bool, text []byte, what string) *SuggestedFix {
	ix := p.bodyIndex()
	at, ok := ix.Value(ptr)
	if key {
		at, ok = ix.Key(ptr)
	}
	raw := p.Unit.Body.Raw
	if !ok || at >= len(raw) || raw[at] != '"' {
		return nil
	}
	return &SuggestedFix{Message: what, Edits: []TextEdit{{Pos: at, End: at + stringLen(raw, at), NewText: text}}}
}

// stringLen is the length of the JSON string token that starts at d[at].
func stringLen(d []byte, at int) int {
	for i := at + 1; i < len(d); i++ {
		switch d[i] {
		case '\\':
			i++
		case '"':
			return i + 1 - at
		}
	}
	return len(d) - at
}

// ReportSeverity is Report with a severity of its own, for the rare finding
// that is milder than its check (an unresolved shell variable is only info).
func (p *Pass) ReportSeverity(sev Severity, at Span, fix, format string, args ...any) {
	p.report(Diagnostic{At: at, Message: fmt.Sprintf(format, args...), Fix: fix, Severity: sev})
}
