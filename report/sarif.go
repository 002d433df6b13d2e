package report

import (
	"encoding/json"
	"io"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// SARIF renders a SARIF 2.1.0 log for code scanning: one run, one rule per
// check that ran, one result per finding. Fixed findings are left out (the
// problem is gone from the file); baseline findings stay, marked
// "unchanged", when the run set any aside.
type SARIF struct {
	Version string
	Checks  []*checks.Check
}

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
	RuleID        string            `json:"ruleId"`
	RuleIndex     int               `json:"ruleIndex"`
	Level         string            `json:"level"`
	Message       sarifMessage      `json:"message"`
	Locations     []sarifLocation   `json:"locations,omitempty"`
	BaselineState string            `json:"baselineState,omitempty"`
	Properties    map[string]string `json:"properties,omitempty"`
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
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
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
			if f.Fixed {
				continue
			}
			res := sarifResult{
				RuleID: f.Check, RuleIndex: index[f.Check], Level: sarifLevel(f.Severity),
			}
			msg := f.Message
			if f.Fix != "" {
				msg += " Fix: " + f.Fix
			}
			// Viewers show the text as is: an ESC decoded from the JSON
			// would still reach whoever reads it in a terminal.
			res.Message.Text = visible(msg)
			if loc, ok := sarifLocationOf(f.Path, f.Line, f.Col); ok {
				res.Locations = []sarifLocation{loc}
			}
			if baselined {
				res.BaselineState = "new"
				if f.Baseline {
					res.BaselineState = "unchanged"
				}
			}
			res.Properties = sarifProps(f)
			run.Results = append(run.Results, res)
		}
	}
	run.Invocations = []sarifInvocation{inv}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

func sarifRuleOf(c *checks.Check) sarifRule {
	rule := sarifRule{ID: c.ID, Name: c.Name, DefaultConfiguration: sarifRuleConf{Level: sarifLevel(c.Severity)}}
	if c.Title != "" {
		rule.ShortDescription = &sarifMessage{Text: c.Title}
	}
	if c.Doc != "" {
		rule.FullDescription = &sarifMessage{Text: c.Doc}
	}
	if c.Fix != "" {
		rule.Help = &sarifMessage{Text: c.Fix}
	}
	return rule
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

// sarifLocationOf points at a file, and at a line in it when known. A
// path that names no file (stdin, a request given with flags) has no
// physical location.
func sarifLocationOf(path string, line, col int) (sarifLocation, bool) {
	if !isFile(path) {
		return sarifLocation{}, false
	}
	uri, rel := fileURI(path)
	loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}}}
	if rel {
		loc.PhysicalLocation.ArtifactLocation.URIBaseID = srcRoot
	}
	if line > 0 {
		loc.PhysicalLocation.Region = &sarifRegion{StartLine: line, StartColumn: max(col, 0)}
	}
	return loc, true
}

func sarifNote(path, msg string) sarifNotification {
	n := sarifNotification{Level: "error"}
	if loc, ok := sarifLocationOf(path, 0, 0); ok {
		n.Locations = []sarifLocation{loc}
	} else {
		msg = path + ": " + msg
	}
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
