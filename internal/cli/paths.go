package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/aptly-doctor/aptly-doctor/input/gitignore"
	"github.com/aptly-doctor/aptly-doctor/input/load"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
)

// pathArgs gathers what check is asked to read: the PATH arguments, then
// the list --files-from names; quoted globs are expanded here (as ESLint
// and golangci-lint do); "-" stays stdin. Files named one by one by a hook
// (--from-hook), and several files named at once, are filtered as a folder
// walk would filter them, so a hook that passes every staged file does not
// judge package.json or .vscode/settings.json as a card. It returns the
// paths and whether everything named was passed over.
func (r *checkRun) pathArgs() (paths []string, allPassedOver bool, err error) {
	args := r.c.Args().Slice()
	if from := r.c.String("files-from"); from != "" {
		listed, err := r.e.readFileList(from, args)
		if err != nil {
			return nil, false, err
		}
		args = append(args, listed...)
	}
	fromHook := r.c.Bool("from-hook")
	explicit := 0
	for _, p := range args {
		if p == "-" {
			continue
		}
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			explicit++
		}
	}
	passed := 0
	for _, p := range args {
		if p == "-" {
			paths = append(paths, p)
			continue
		}
		info, statErr := os.Stat(p)
		switch {
		case statErr == nil && info.IsDir():
			paths = append(paths, p)
		case statErr == nil:
			switch {
			case fromHook && !load.Picked(".", p, r.ignoreFor(".")):
				passed++
			case !fromHook && explicit > 1 && load.Manifest(p):
				passed++
			default:
				paths = append(paths, p)
			}
		case isGlob(p):
			matches, err := r.glob(p)
			if err != nil {
				return nil, false, err
			}
			paths = append(paths, matches...)
		default:
			paths = append(paths, p) // the loader names what is wrong with it
		}
	}
	return paths, passed > 0 && len(paths) == 0, nil
}

func isGlob(p string) bool { return strings.ContainsAny(p, "*?[{") }

// glob expands a pattern with ** (doublestar) into the files a folder walk
// from the pattern's fixed part would pick.
func (r *checkRun) glob(pattern string) ([]string, error) {
	if !doublestar.ValidatePattern(filepath.ToSlash(pattern)) {
		return nil, usageErr("read %s: not a valid glob pattern", pattern)
	}
	base, _ := doublestar.SplitPattern(filepath.ToSlash(pattern))
	base = filepath.FromSlash(base)
	matches, err := doublestar.FilepathGlob(pattern, doublestar.WithFilesOnly(), doublestar.WithNoFollow())
	if err != nil {
		return nil, usageErr("read %s: %v", pattern, err)
	}
	ignored := r.ignoreFor(base)
	var picked []string
	for _, m := range matches {
		if load.Picked(base, m, ignored) {
			picked = append(picked, m)
		}
	}
	if len(picked) == 0 {
		what := "no file matches"
		if len(matches) > 0 {
			what = fmt.Sprintf("matches %d %s, none a folder walk would check", len(matches), prose.Plural(len(matches), "file", "files"))
		}
		return nil, usageErr("read %s: %s", pattern, what)
	}
	return picked, nil
}

// ignoreFor is the .gitignore matcher a walk from dir would use, or nil
// under --no-ignore or outside a git work tree.
func (r *checkRun) ignoreFor(dir string) *gitignore.Matcher {
	if r.c.Bool("no-ignore") {
		return nil
	}
	return gitignore.ForWalk(dir)
}

// readFileList reads --files-from: one path a line (CR LF or LF; blank
// lines skipped), or NUL-separated as git ls-files -z and find -print0
// write them.
func (e *env) readFileList(from string, args []string) ([]string, error) {
	var data []byte
	var err error
	if from == "-" {
		for _, a := range args {
			if a == "-" {
				return nil, usageErr("--files-from -: stdin cannot hold both the list of paths and a payload (-)")
			}
		}
		if e.stdin == nil {
			return nil, usageErr("--files-from -: no standard input")
		}
		data, err = io.ReadAll(e.stdin)
	} else {
		data, err = os.ReadFile(from)
	}
	if err != nil {
		return nil, usageErr("read %s: %v", from, plainStatErr(err))
	}
	sep := []byte{'\n'}
	if bytes.IndexByte(data, 0) >= 0 {
		sep = []byte{0}
	}
	var paths []string
	for _, line := range bytes.Split(data, sep) {
		p := strings.TrimRight(string(line), "\r")
		if strings.TrimSpace(p) == "" {
			continue
		}
		paths = append(paths, p)
	}
	if len(paths) == 0 {
		return nil, usageErr("read %s: the list names no path", from)
	}
	return paths, nil
}
