package load

import (
	"slices"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/curl"
	"github.com/aptly-doctor/aptly-doctor/input/source"
)

// sourceExts are the extensions that name source code. A shell script
// (.sh) is not among them: it is told by its content, a curl command
// (read as a .curl file) or else source code. Sorted, as source.Exts is.
func sourceExts() []string {
	return slices.DeleteFunc(source.Exts(), func(e string) bool { return e == ".sh" })
}

// walkedSource reports whether a folder walk reads name as source code:
// a file of a known family that is not a minified or bundled build product.
func walkedSource(name string) bool {
	return source.FamilyOf(name) != source.None && !source.Generated(name)
}

// parseSource finds the Aptly calls in a source file. A file that never
// mentions Aptly yields no unit and still counts as checked.
func parseSource(t *input.Target, src *input.Source, dir string, opt Options, read func(string) ([]byte, error)) ([]*input.Unit, error) {
	fam := source.FamilyOf(src.Path)
	if fam == source.None {
		fam = source.Shell // a script named on the command line (.txt, no extension)
	}
	if fam == source.Shell && source.Mentions(src.Data) && curl.Looks(src.Data) {
		return scriptUnits(t, src, dir, opt, read) // a walked script with curl commands
	}
	return source.Parse(src, fam, source.Options{Hosts: opt.AptlyHosts}), nil
}

// scriptUnits reads a shell script that holds curl commands: each command
// as a .curl file would be read, and the rest of the script (a URL kept in
// a variable) as source code. A script a folder walk found is read only
// where it mentions Aptly; one named on the command line always is.
func scriptUnits(t *input.Target, src *input.Source, dir string, opt Options, read func(string) ([]byte, error)) ([]*input.Unit, error) {
	if opt.walked && !source.Mentions(src.Data) {
		return nil, nil // found by a walk, no mention of Aptly: one scan, no parse
	}
	units, err := curl.Parse(src, curl.Options{Dir: dir, ReadFile: read, Lookup: opt.Lookup})
	if err != nil {
		return nil, err
	}
	units = aimed(t, opt, units, false)
	lines := map[int]bool{}
	for _, u := range units {
		if u.Request != nil {
			lines[u.Request.URLAt.Line] = true
			for _, h := range u.Request.Headers {
				lines[h.At.Line] = true
			}
		}
	}
	for _, u := range source.Parse(src, source.Shell, source.Options{Hosts: opt.AptlyHosts}) {
		if u.Request != nil && lines[u.Request.URLAt.Line] {
			continue // the curl command's own URL or header
		}
		units = append(units, u)
	}
	return units, nil
}
