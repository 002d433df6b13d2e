package report

import (
	"fmt"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// Line is one finding on one line without colour, as `serve` prints
// findings live: "path[:line:col]: severity: message [ID]", control
// characters escaped so no request can write escape codes to a terminal.
func Line(f *checks.Finding) string {
	loc := f.Path
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", loc, f.Line, f.Col)
	}
	env := ""
	if f.Env != "" {
		env = " [env " + f.Env + "]"
	}
	return escape(fmt.Sprintf("%s: %s: %s [%s]%s", loc, f.Severity, f.Message, f.Check, env))
}
