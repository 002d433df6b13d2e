// Package lazyre compiles a package-level regular expression on first use
// instead of in the package's init. Every init runs on every start of the
// doctor, whichever command it runs, and compiling a few dozen patterns was
// a tenth of a start-up (GODEBUG=inittrace=1; bench/startup holds the
// budget).
//
//	var lineRef = lazyre.New(`\bline (\d+)\b`)
//	...
//	lineRef().FindStringSubmatch(s)
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr the first time it is called
// and returns the same *regexp.Regexp from then on; it is safe for
// concurrent use. Like regexp.MustCompile it panics on a bad expression, on
// first use; a test that calls it finds the mistake.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
