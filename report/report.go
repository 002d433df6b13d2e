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
	Verbose bool   // text only: notes and the checks that ran
	Version string // the tool's version, for machine formats
	// Checks are the checks that ran, for formats that list rules or test
	// cases (SARIF, JUnit).
	Checks []*checks.Check
}

// Renderer writes a result in one format.
type Renderer interface {
	Render(w io.Writer, r *checks.Result) error
}

// Formats lists the format names, for help and error messages.
var Formats = []string{"text", "json", "sarif", "junit", "github", "markdown"}

// New returns the renderer for a format name.
func New(format string, o Options) (Renderer, error) {
	switch strings.ToLower(format) {
	case "text", "":
		return newText(o), nil
	case "json":
		return &JSON{Version: o.Version}, nil
	case "sarif":
		return &SARIF{Version: o.Version, Checks: o.Checks}, nil
	case "junit":
		return &JUnit{Checks: o.Checks}, nil
	case "github":
		return &GitHub{}, nil
	case "markdown":
		return &Markdown{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// IsFormat reports whether name is a known format.
func IsFormat(name string) bool {
	for _, f := range Formats {
		if strings.EqualFold(f, name) {
			return true
		}
	}
	return false
}
