// Package lazyre compiles a package-level regular expression on first use
// instead of in the package's init. Every init runs on every start of the
// doctor, whichever command it runs, and compiling a few dozen patterns was
// a tenth of a start-up (GODEBUG=inittrace=1; bench/startup holds the
// budget).
//
//	var lineRef = lazyre.New(`\bline (\d+)\b`)
//	...
//	lineRef.Get().FindStringSubmatch(s)
//
// A *Regexp is a plain struct the linker lays out in the binary's data: its
// declaration runs no code and allocates nothing at start-up (a closure from
// sync.OnceValue cost four allocations per pattern in every init).
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled the first time Get is called.
type Regexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

// New returns a Regexp that compiles expr the first time Get is called. It
// compiles nothing, so a package-level New is laid out statically.
func New(expr string) *Regexp { return &Regexp{expr: expr} }

// Get compiles the expression on its first call and returns the same
// *regexp.Regexp from then on; it is safe for concurrent use. Like
// regexp.MustCompile it panics on a bad expression, on first use; a test
// that calls it finds the mistake.
func (r *Regexp) Get() *regexp.Regexp {
	r.once.Do(r.compile)
	return r.re
}

func (r *Regexp) compile() { r.re = regexp.MustCompile(r.expr) }
