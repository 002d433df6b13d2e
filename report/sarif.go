package report

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// SARIF renders a SARIF 2.1.0 log for code scanning, held to GitHub's
// ingestion rules: one run, one rule per check that ran, one result per
// finding, each with a physical location (stdin is the artifact "stdin"
// unless --stdin-filepath named it; a --curl command is "--curl" unless
// --curl-filepath did). Fixed findings are left out (the problem is gone
// from the file); baseline findings stay, marked "unchanged" and suppressed
// externally, which code scanning honours. Findings about the request
// flags (--url, -H) belong to no file: they are left out of the results
// and named once each in the invocation's notifications.
type SARIF struct {
	Version string
	Checks  []*checks.Check
	// MaxResults caps the results (0: no cap); what is over it is left out
	// with a notification and a warning, the lowest severities first.
	MaxResults int
	// MaxGzipBytes is the largest gzipped log code scanning takes (0:
	// GitHub's 10 MB); a bigger one draws a warning.
	MaxGzipBytes int
	Warn         func(msg string)
}

// SARIFMaxResults is the most results GitHub code scanning accepts in one
// run; it refuses the whole upload beyond it.
const SARIFMaxResults = 25000

// stdinArtifact names standard input where a format needs a file path.
const stdinArtifact = "stdin"

const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	srcRoot      = "%SRCROOT%"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	ColumnKind  string            `json:"columnKind"`
	Results     []sarifResult     `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name,omitempty"`
	ShortDescription     *sarifMessage `json:"shortDescription,omitempty"`
	FullDescription      *sarifMessage `json:"fullDescription,omitempty"`
	Help                 *sarifMessage `json:"help,omitempty"`
	DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID        string             `json:"ruleId"`
	RuleIndex     int                `json:"ruleIndex"`
	Level         string             `json:"level"`
	Message       sarifMessage       `json:"message"`
	Locations     []sarifLocation    `json:"locations,omitempty"`
	BaselineState string             `json:"baselineState,omitempty"`
	Suppressions  []sarifSuppression `json:"suppressions,omitempty"`
	Properties    map[string]string  `json:"properties,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level          string          `json:"level"`
	Message        sarifMessage    `json:"message"`
	Locations      []sarifLocation `json:"locations,omitempty"`
	AssociatedRule *sarifRuleRef   `json:"associatedRule,omitempty"`
}

type sarifRuleRef struct {
	ID    string `json:"id"`
	Index int    `json:"index"`
}

// Render writes the log as indented JSON.
func (s *SARIF) Render(w io.Writer, r *checks.Result) error {
	rules, index := ruleIDs(s.Checks, r)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: toolName, Version: s.Version, InformationURI: toolURI,
			Rules: make([]sarifRule, 0, len(rules)),
		}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	for _, c := range rules {
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleOf(c))
	}
	baselined := false
	for i := range r.Targets {
		for j := range r.Targets[i].Findings {
			baselined = baselined || r.Targets[i].Findings[j].Baseline
		}
	}
	inv := sarifInvocation{ExecutionSuccessful: !r.HasFailures()}
	flags := newFlagNotes()
	var kept []*checks.Finding
	for i := range r.Targets {
		t := &r.Targets[i]
		if t.ReadErr != nil {
			inv.Notifications = append(inv.Notifications, sarifNote(t.Path, "could not be read: "+t.ReadErr.Error()))
		}
		for _, f := range t.Failures {
			inv.Notifications = append(inv.Notifications, sarifNote(t.Path, f))
		}
		for j := range t.Findings {
			f := &t.Findings[j]
			switch {
			case f.Fixed:
			case f.FromFlags():
				flags.add(f)
			default:
				kept = append(kept, f)
			}
		}
	}
	inv.Notifications = append(inv.Notifications, flags.notes(index)...)
	kept, dropped := capResults(kept, s.MaxResults)
	if dropped > 0 {
		msg := fmt.Sprintf("%d of %d results left out, the least severe first: GitHub code scanning accepts at most %d results in a run; the exit code counts them all",
			dropped, dropped+len(kept), s.MaxResults)
		inv.Notifications = append(inv.Notifications, sarifNotification{Level: "warning", Message: sarifMessage{Text: msg}})
		if s.Warn != nil {
			s.Warn("sarif report: " + msg)
		}
	}
	for _, f := range kept {
		res := sarifResult{
			RuleID: f.Check, RuleIndex: index[f.Check], Level: sarifLevel(f.Severity),
		}
		// Viewers show the text as is: an ESC decoded from the JSON
		// would still reach whoever reads it in a terminal.
		res.Message.Text = visible(withFix(f))
		res.Locations = []sarifLocation{sarifLocationOf(f.Path, f.Line, f.Col)}
		if baselined {
			res.BaselineState = "new"
			if f.Baseline {
				res.BaselineState = "unchanged"
				res.Suppressions = []sarifSuppression{{Kind: "external", Justification: "set aside by the baseline"}}
			}
		}
		res.Properties = sarifProps(f)
		run.Results = append(run.Results, res)
	}
	run.Invocations = []sarifInvocation{inv}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}); err != nil {
		return err
	}
	s.checkSize(buf.Bytes())
	_, err := w.Write(buf.Bytes())
	return err
}

// checkSize warns when the log is over what code scanning accepts
// gzipped; only a log at least that big uncompressed is measured.
func (s *SARIF) checkSize(log []byte) {
	limit := s.MaxGzipBytes
	if limit <= 0 {
		limit = 10 << 20
	}
	if len(log) <= limit || s.Warn == nil {
		return
	}
	var n countWriter
	zw := gzip.NewWriter(&n)
	zw.Write(log)
	zw.Close()
	if int(n) > limit {
		s.Warn(fmt.Sprintf("sarif report: %d bytes gzipped, over the %d GitHub code scanning accepts: narrow the run (paths, --enable, --fail-on) or split it", int(n), limit))
	}
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

func withFix(f *checks.Finding) string {
	if f.Fix == "" {
		return f.Message
	}
	return f.Message + " Fix: " + f.Fix
}

// capResults keeps at most limit findings, in their order, leaving out the
// least severe first, and says how many it left out.
func capResults(fs []*checks.Finding, limit int) ([]*checks.Finding, int) {
	if limit <= 0 || len(fs) <= limit {
		return fs, 0
	}
	// Find the severity at which the room runs out: everything above it
	// stays, and of it only the first that still fit.
	count := map[checks.Severity]int{}
	for _, f := range fs {
		count[f.Severity]++
	}
	cut, room := checks.Error, limit
	for _, sev := range []checks.Severity{checks.Error, checks.Warning, checks.Info} {
		cut = sev
		if count[sev] >= room {
			break
		}
		room -= count[sev]
	}
	kept := make([]*checks.Finding, 0, limit)
	for _, f := range fs {
		switch {
		case f.Severity > cut:
			kept = append(kept, f)
		case f.Severity == cut && room > 0:
			kept = append(kept, f)
			room--
		}
	}
	return kept, len(fs) - len(kept)
}

// flagNotes gathers the findings about the request flags: the same flags
// are judged with every payload, so each problem is named once.
type flagNotes struct {
	order []*checks.Finding
	seen  map[[2]string]int
	times []int
}

func newFlagNotes() *flagNotes { return &flagNotes{seen: map[[2]string]int{}} }

func (n *flagNotes) add(f *checks.Finding) {
	k := [2]string{f.Check, f.Message}
	if i, ok := n.seen[k]; ok {
		n.times[i]++
		return
	}
	n.seen[k] = len(n.order)
	n.order = append(n.order, f)
	n.times = append(n.times, 1)
}

func (n *flagNotes) notes(index map[string]int) []sarifNotification {
	out := make([]sarifNotification, 0, len(n.order))
	for i, f := range n.order {
		msg := "in the request flags: " + withFix(f)
		if n.times[i] > 1 {
			msg += fmt.Sprintf(" (judged with %d payloads)", n.times[i])
		}
		out = append(out, sarifNotification{
			Level: sarifLevel(f.Severity), Message: sarifMessage{Text: visible(msg)},
			AssociatedRule: &sarifRuleRef{ID: f.Check, Index: index[f.Check]},
		})
	}
	return out
}

// sarifRuleOf describes a check. Code scanning wants a short and a full
// description and help on every rule: a check known only by its findings
// (or missing a text) falls back on what is known, and on explain.
func sarifRuleOf(c *checks.Check) sarifRule {
	first := func(ss ...string) *sarifMessage {
		for _, s := range ss {
			if s != "" {
				return &sarifMessage{Text: s}
			}
		}
		return nil
	}
	return sarifRule{
		ID: c.ID, Name: c.Name, DefaultConfiguration: sarifRuleConf{Level: sarifLevel(c.Severity)},
		ShortDescription: first(c.Title, c.Name, c.ID),
		FullDescription:  first(c.Doc, c.Title, c.Name, c.ID),
		Help:             first(c.Fix, "Run aptly-doctor explain "+c.ID),
	}
}

func sarifLevel(s checks.Severity) string {
	switch s {
	case checks.Error:
		return "error"
	case checks.Warning:
		return "warning"
	}
	return "note"
}

// sarifLocationOf points at a file and a region in it. Code scanning
// needs both on every result: stdin is the artifact "stdin", a request
// given with --curl the artifact "--curl", and a finding with no line (a
// missing header, a recorded response) points at the file's first line.
func sarifLocationOf(path string, line, col int) sarifLocation {
	uri, rel := fileURI(artifactPath(path))
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}}}
	if rel {
		loc.PhysicalLocation.ArtifactLocation.URIBaseID = srcRoot
	}
	region := &sarifRegion{StartLine: 1}
	if line > 0 {
		region.StartLine, region.StartColumn = line, max(col, 0)
	}
	loc.PhysicalLocation.Region = region
	return loc
}

func sarifNote(path, msg string) sarifNotification {
	n := sarifNotification{Level: "error"}
	n.Locations = []sarifLocation{sarifLocationOf(path, 0, 0)}
	n.Message.Text = visible(msg)
	return n
}

// sarifProps keeps what SARIF has no field for: the JSON pointer inside
// the body, the unit of a batch or HAR, and the environment judged under.
func sarifProps(f *checks.Finding) map[string]string {
	var p map[string]string
	set := func(k, v string) {
		if v == "" {
			return
		}
		if p == nil {
			p = make(map[string]string, 3)
		}
		p[k] = v
	}
	set("jsonPointer", f.Pointer)
	set("unit", f.Unit)
	set("env", f.Env)
	return p
}
