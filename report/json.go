package report

import (
	"encoding/json"
	"io"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// JSON renders the versioned JSON report that pipelines parse (DESIGN.md:
// "The JSON report").
type JSON struct {
	Version string
}

// jsonVersion is the version of the JSON report's contract.
const jsonVersion = 1

type jsonReport struct {
	Version  int           `json:"version"`
	Tool     jsonTool      `json:"tool"`
	Targets  []jsonTarget  `json:"targets"`
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonTarget struct {
	Path   string   `json:"path"`
	Kind   string   `json:"kind"`
	Status string   `json:"status"`
	Error  string   `json:"error,omitempty"`
	Notes  []string `json:"notes,omitempty"`
	// Corrected holds --fix's corrected requests, as curl commands.
	Corrected []jsonCorrection `json:"corrected,omitempty"`
}

type jsonCorrection struct {
	Unit    string   `json:"unit,omitempty"`
	Command string   `json:"command"`
	Changes []string `json:"changes"`
}

type jsonFinding struct {
	Check    string `json:"check"`
	Name     string `json:"name"`
	Severity string `json:"severity"`
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Pointer  string `json:"pointer"`
	Message  string `json:"message"`
	Fix      string `json:"fix"`
	Env      string `json:"env,omitempty"`
	Fixed    bool   `json:"fixed,omitempty"`
	Fixable  bool   `json:"fixable,omitempty"` // --diff: --fix would repair it
	Baseline bool   `json:"baseline,omitempty"`
}

type jsonSummary struct {
	Targets  int `json:"targets"`
	Passed   int `json:"passed"`
	Failed   int `json:"failed"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Render writes the report as indented JSON.
func (j *JSON) Render(w io.Writer, r *checks.Result) error {
	rep := jsonReport{
		Version:  jsonVersion,
		Tool:     jsonTool{Name: "aptly-doctor", Version: j.Version},
		Targets:  []jsonTarget{},
		Findings: []jsonFinding{},
	}
	for _, t := range r.Targets {
		jt := jsonTarget{Path: t.Path, Kind: string(t.Kind), Status: string(t.Status), Notes: t.Notes}
		for _, c := range t.Corrected {
			jt.Corrected = append(jt.Corrected, jsonCorrection{Unit: c.Unit, Command: c.Command, Changes: c.Changes})
		}
		if t.ReadErr != nil {
			jt.Error = t.ReadErr.Error()
		} else if len(t.Failures) > 0 {
			jt.Error = t.Failures[0]
		}
		rep.Targets = append(rep.Targets, jt)
		for _, f := range t.Findings {
			rep.Findings = append(rep.Findings, jsonFinding{
				Check: f.Check, Name: f.Name, Severity: f.Severity.String(),
				Path: f.Path, Line: f.Line, Column: f.Col, Pointer: f.Pointer,
				Message: f.Message, Fix: f.Fix, Env: f.Env,
				Fixed: f.Fixed, Fixable: f.Fixable, Baseline: f.Baseline,
			})
		}
	}
	s := r.Summary()
	rep.Summary = jsonSummary{Targets: s.Targets, Passed: s.Passed, Failed: s.Failed + s.Errored,
		Errors: s.Errors, Warnings: s.Warnings, Infos: s.Infos}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}
