// This file is the aptly-doctor fork's own (README.fork.md).

package yaml

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled by the first call of get. It
// is a plain struct the linker lays out, so a package-level one runs no code
// in the package's init; a package-level sync.OnceValue closure still did
// and cost 2 allocations each.
type lazyRegexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(l.compile)
	return l.re
}

func (l *lazyRegexp) compile() { l.re = regexp.MustCompile(l.expr) }
