// Package gitignore decides, as git does, which paths of a work tree its
// ignore files exclude: .gitignore in every folder (deeper files win, the
// last matching line of a file wins, "!" re-includes), then
// .git/info/exclude. A folder walk asks it before it descends or reads, so
// an ignored folder costs one check and nothing inside it is visited, which
// is also git's rule that nothing under an excluded folder can be
// re-included.
//
// The user's global excludes file (core.excludesFile) is not read: it
// belongs to one person's machine, and a CI gate must decide the same way
// on every machine.
package gitignore
