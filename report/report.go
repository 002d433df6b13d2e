// Package report renders a result: one file per format, all reading the
// same checks.Result, none choosing the exit code.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// Options are the settings every renderer may read.
type Options struct {
	Color   bool   // text only: colour the output
	Quiet   bool   // text only: findings and errors only
	Verbose bool   // text only: notes, pass lines on long runs, the checks that ran
	Version string // the tool's version, for machine formats
	// Checks are the checks that ran, for formats that list rules or test
	// cases (SARIF, JUnit).
	Checks []*checks.Check
	// Warn, when set, is told what a format had to leave out (SARIF's cap
	// on results), so the run can say it on stderr.
	Warn func(msg string)
}

func (o Options) warn(format string, args ...any) {
	if o.Warn != nil {
		o.Warn(fmt.Sprintf(format, args...))
	}
}

// Renderer writes a result in one format.
type Renderer interface {
	Render(w io.Writer, r *checks.Result) error
}

// Format is one report format: the one table that gives the CLI its names
// and help, completion its values, and the tests the formats they must
// cover.
type Format struct {
	Name  string
	Usage string // what it is for, one line
	// Machine formats are parsed by other tools: never colour, never
	// escape codes.
	Machine bool
	New     func(Options) Renderer
}

// All lists the formats, the default first.
var All = []Format{
	{Name: "text", Usage: "for people: each finding with its source line and fix", New: func(o Options) Renderer { return newText(o) }},
	{Name: "json", Usage: "the versioned JSON report pipelines parse", Machine: true,
		New: func(o Options) Renderer { return &JSON{Version: o.Version} }},
	{Name: "sarif", Usage: "SARIF 2.1.0 for GitHub code scanning", Machine: true,
		New: func(o Options) Renderer {
			return &SARIF{Version: o.Version, Checks: o.Checks, MaxResults: SARIFMaxResults, Warn: o.Warn}
		}},
	{Name: "junit", Usage: "JUnit XML for Jenkins and GitLab test reports", Machine: true,
		New: func(o Options) Renderer { return &JUnit{} }},
	{Name: "github", Usage: "GitHub Actions annotations on the pull request", Machine: true,
		New: func(o Options) Renderer { return &GitHub{} }},
	{Name: "markdown", Usage: "a report to paste into a ticket or a job summary", Machine: true,
		New: func(o Options) Renderer { return &Markdown{} }},
	{Name: "codeclimate", Usage: "GitLab Code Quality (Code Climate JSON)", Machine: true,
		New: func(o Options) Renderer { return &CodeClimate{} }},
	{Name: "checkstyle", Usage: "Checkstyle XML for reviewdog and Jenkins", Machine: true,
		New: func(o Options) Renderer { return &Checkstyle{} }},
}

// Formats lists the format names, for help and error messages.
var Formats = names()

func names() []string {
	n := make([]string, len(All))
	for i, f := range All {
		n[i] = f.Name
	}
	return n
}

// Lookup finds a format by name, in any case.
func Lookup(name string) (Format, bool) {
	for _, f := range All {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return Format{}, false
}

// New returns the renderer for a format name; "" is text.
func New(format string, o Options) (Renderer, error) {
	if format == "" {
		format = All[0].Name
	}
	f, ok := Lookup(format)
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
	}
	return f.New(o), nil
}

// IsFormat reports whether name is a known format.
func IsFormat(name string) bool {
	_, ok := Lookup(name)
	return ok
}
