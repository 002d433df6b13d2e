// Package load turns what the user named (paths, folders, stdin, a curl
// command given as a flag) into targets, refusing what cannot be read before
// any check runs.
package load

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/aptly"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/gitignore"
	"github.com/aptly-doctor/aptly-doctor/input/httpfile"
	"github.com/aptly-doctor/aptly-doctor/input/source"
	"github.com/aptly-doctor/aptly-doctor/internal/lines"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// DefaultMaxSize is the largest file read whole (and the largest NDJSON line).
const DefaultMaxSize = 32 << 20

// Options say how inputs are read.
type Options struct {
	MaxSize int64     // per file, or per line of a batch; <= 0 means DefaultMaxSize
	Stdin   io.Reader // read for the path "-"
	// Lookup reads an environment variable, for $VAR in curl commands and
	// {{$processEnv}} in .http files. Nil means nothing is set.
	Lookup func(string) (string, bool)
	// Request, when set, is the request every bare payload is judged as if
	// sent with (--url, -H, --method). Each unit gets its own copy.
	Request *input.Request
	// Content, when set, may hand over a file's bytes instead of the file
	// system: --diff judges fixed payloads it never writes.
	Content func(path string) ([]byte, bool)
	// Response, when set, is attached to every unit that has none of its
	// own (--response).
	Response *input.Response
	// NoIgnore walks what .gitignore excludes too (--no-ignore).
	NoIgnore bool
	// walked marks a file a folder walk found rather than one the user
	// named: a shell script found so is read only where it mentions Aptly.
	walked bool
	// HTTPEnv names the environment of http-client.env.json whose variables
	// .http files use (--http-env); "" takes the first.
	HTTPEnv string
	// AptlyHosts are hosts that stand for Aptly besides its own (the
	// config's base_url hosts): requests to them are judged.
	AptlyHosts []string
	// Note, when set, receives facts about the walk itself: a link that
	// was not followed.
	Note func(string)
}

func (o *Options) maxSize() int64 {
	if o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

// Error is an input the tool cannot get at or must refuse: the run stops
// with exit 2 and one line naming it.
type Error struct {
	What string // "read", "refuse", ...
	Path string
	Err  error
}

func (e *Error) Error() string { return fmt.Sprintf("%s %s: %v", e.What, e.Path, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// appender hands targets on as they are found.
type appender struct{ fn func(*input.Target) }

func (a appender) add(t *input.Target) { a.fn(t) }

// walkable reports whether a folder walk picks up the file at name.
func walkable(name string) bool {
	if Manifest(name) {
		return false
	}
	if source.FamilyOf(name) != source.None {
		return walkedSource(name) // not minified bundles, not tests
	}
	return walkedExt(name)
}

// Manifest reports whether a folder walk passes over the file at path by
// its name alone: the doctor's own config and lock file, a tool manifest
// that sits beside payloads in a repository (package.json, tsconfig*.json),
// a JSON Schema document. Files a hook names one by one (check --from-hook,
// or several files named at once) get the same list.
func Manifest(path string) bool {
	base := filepath.Base(path)
	return base == config.LockName || slices.Contains(config.Names, base) || slices.Contains(otherManifests[:], base) ||
		strings.HasPrefix(base, "tsconfig") && strings.HasSuffix(base, ".json") ||
		strings.HasSuffix(base, ".schema.json")
}

// ManifestNames returns the file names Manifest passes over (besides the
// tsconfig*.json and *.schema.json families): the doctor's own, then other
// tools'. The pre-commit hook's exclude pattern is tested against them.
func ManifestNames() []string {
	return slices.Concat([]string{config.LockName}, config.Names, otherManifests[:])
}

// otherManifests are the names of the files other tools keep beside
// payloads; an array, laid out by the linker.
var otherManifests = [...]string{
	"package.json", "package-lock.json", "npm-shrinkwrap.json", "composer.json", "jsconfig.json",
	"lerna.json", "renovate.json", "tslint.json", "deno.json", "bower.json", "manifest.json",
	httpfile.EnvFile, httpfile.PrivateEnvFile, // variables of the .http files beside them
}

// Picked reports whether a folder walk from root would pick the file at
// path: a kind the walk reads, not a manifest, no hidden, vendored or
// testdata folder between root and the file, and not excluded by ignored
// (nil: no .gitignore in force).
func Picked(root, path string, ignored *gitignore.Matcher) bool {
	if !walkable(path) {
		return false
	}
	rel, err := filepath.Rel(root, filepath.Dir(path))
	if err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
		for _, dir := range strings.Split(filepath.ToSlash(rel), "/") {
			if skippedDir(dir) {
				return false
			}
		}
	}
	return ignored == nil || !ignored.Ignored(path, false)
}

// skippedDir reports whether a folder walk passes over a folder of this
// name: hidden folders (.git, .venv), vendored or generated code that is
// not the project's own, and testdata, whose fixtures are wrong on purpose
// (the go tool passes over it the same way). A folder named on the command
// line is always walked.
func skippedDir(name string) bool {
	if strings.HasPrefix(name, ".") {
		return true
	}
	switch name {
	case "node_modules", "vendor", "dist", "bower_components", "__pycache__", "testdata":
		return true
	}
	return false
}

// Expand turns paths into targets in the order given; a folder contributes
// its files in lexical order. Nothing is read yet beyond what detection
// needs: each target's Walk reads its file when a worker gets to it.
func Expand(paths []string, opt Options) ([]*input.Target, error) {
	var out []*input.Target
	if err := ExpandEach(paths, opt, func(t *input.Target) { out = append(out, t) }); err != nil {
		return nil, err
	}
	return out, nil
}

// ExpandEach is Expand handing each target to fn as soon as it is found,
// so checking can start while a big folder is still being walked. On an
// error some targets may already have been handed over; the caller discards
// them, as the run stops with exit 2.
func ExpandEach(paths []string, opt Options, fn func(*input.Target)) error {
	seen := map[string]bool{}
	out := appender{fn}
	for _, p := range paths {
		if p == "-" {
			t, err := stdinTarget(opt)
			if err != nil {
				return err
			}
			out.add(t)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			return &Error{"read", p, plainErr(err)}
		}
		if !info.IsDir() {
			if seen[p] {
				continue
			}
			seen[p] = true
			t, err := fileTarget(p, info, opt, true)
			if err != nil {
				return err
			}
			out.add(t)
			continue
		}
		n := 0
		var ignored *gitignore.Matcher
		if !opt.NoIgnore {
			ignored = gitignore.ForWalk(p)
		}
		// A folder named through a symbolic link is walked like the folder:
		// WalkDir follows a root given with a trailing separator.
		root := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 && !strings.HasSuffix(p, string(filepath.Separator)) {
			root = p + string(filepath.Separator)
		}
		tree, _ := filepath.EvalSymlinks(p)
		tree, _ = filepath.Abs(tree)
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return &Error{"read", path, plainErr(err)}
			}
			if d.IsDir() {
				if path != root && (skippedDir(d.Name()) || ignored != nil && ignored.Match(path, true)) {
					return filepath.SkipDir
				}
				return nil
			}
			if !walkable(path) || seen[path] {
				return nil
			}
			if ignored != nil && ignored.Match(path, false) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				if why := followable(path, tree); why != "" {
					if opt.Note != nil {
						opt.Note(fmt.Sprintf("%s is %s; not followed", path, strings.ReplaceAll(why, "TREE", p)))
					}
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			seen[path] = true
			// No stat here: the size is checked when the file is opened,
			// which saves a system call per file on big folders.
			t, err := fileTarget(path, nil, opt, false)
			if err != nil {
				return err
			}
			out.add(t)
			n++
			return nil
		})
		if err != nil {
			return err
		}
		if n == 0 {
			return &Error{"read", p, fmt.Errorf("folder holds nothing to check (no %s files)", walkedExts())}
		}
	}
	return nil
}

// within refuses a file a request names (a curl -d @file, a .http
// "< file") that lies outside the request file's folder and the current
// folder: an untrusted request file could otherwise make the report quote
// lines of any file on the machine (~/.netrc in a CI log).
func within(name, dir string) error {
	abs, err := filepath.EvalSymlinks(name)
	if err != nil {
		return nil // missing: the read says so
	}
	for _, d := range []string{dir, "."} {
		if r, err := filepath.EvalSymlinks(d); err == nil && inside(r, abs) {
			return nil
		}
	}
	return input.ErrOutside
}

// followable says why a walk does not follow the link at path, or "" when
// it leads to a regular file inside the walked tree (whose real path is
// tree): a link out of the tree could make a report quote any file on the
// machine, and a link to a folder could make the walk go round in circles.
func followable(path, tree string) string {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "a link that leads nowhere"
	}
	info, err := os.Stat(target)
	switch {
	case err != nil:
		return "a link that cannot be read"
	case info.IsDir():
		return "a link to a folder"
	case !info.Mode().IsRegular():
		return "a link to something that is not a file"
	}
	if !inside(tree, target) {
		return "a link to a file outside TREE"
	}
	return ""
}

// inside reports whether path is dir or below it (both made absolute).
func inside(dir, path string) bool {
	ad, err1 := filepath.Abs(dir)
	ap, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(ad, ap)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func plainErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, fs.ErrNotExist) {
			return errNotExist
		}
		if errors.Is(pe.Err, fs.ErrPermission) {
			return errors.New("permission denied")
		}
		return pe.Err
	}
	return err
}

// errNotExist says a file is missing in the words of the one-line error,
// and still is fs.ErrNotExist to a parser that tells a missing optional
// file (an environment file beside a .http file) from a broken one.
var errNotExist = notExist{}

type notExist struct{}

func (notExist) Error() string        { return "no such file or folder" }
func (notExist) Is(target error) bool { return target == fs.ErrNotExist }

func looksNDJSON(data []byte) bool {
	n := 0
	for _, l := range lines.All(bytes.TrimSpace(data)) {
		l = bytes.TrimSpace(l)
		if len(l) == 0 {
			continue
		}
		if l[0] != '{' || l[len(l)-1] != '}' {
			return false
		}
		n++
	}
	return n > 1
}

func looksHTTP(data []byte) bool { return httpfile.Looks(data) }

func fileTarget(path string, info fs.FileInfo, opt Options, explicit bool) (*input.Target, error) {
	opt.walked = !explicit
	kind := kindByExt(path)
	if info != nil && kind != input.KindBatch && info.Size() > opt.maxSize() {
		return nil, &Error{"refuse", path, fmt.Errorf("file is %s, over the --max-size of %s", FormatSize(info.Size()), FormatSize(opt.maxSize()))}
	}
	if kind == input.KindBatch {
		return batchTarget(path, opt), nil
	}
	if kind == "" && !explicit && walkedSource(path) {
		// A shell script a walk found is source code: read when a worker
		// gets to it, never by the walk itself (most hold no curl command
		// for Aptly, and the walk reads nothing).
		kind = input.KindSource
	}
	t := &input.Target{Path: path, Kind: kind}
	var data []byte
	if kind == "" {
		// Detection needs the content; read it now, once.
		var err error
		if data, err = readBounded(path, opt.maxSize()); err != nil {
			return nil, err
		}
		t.Kind = Detect(data)
		if t.Kind == input.KindBatch {
			return batchTarget(path, opt), nil
		}
		if t.Kind == input.KindPayload && walkedSource(path) {
			t.Kind = input.KindSource // a shell script without a curl command
		}
	}
	t.Walk = func(fn func(*input.Unit) error) error {
		// The bytes read here live only as long as the walk's units: the
		// run keeps every target to the end, and a closure variable would
		// keep every file of a 50,000-file folder with it.
		d := data
		data = nil // read for detection: handed over once
		if opt.Content != nil {
			if c, ok := opt.Content(path); ok {
				d = c
			}
		}
		if d == nil {
			var err error
			if d, err = readBounded(path, opt.maxSize()); err != nil {
				return err
			}
		}
		src := &input.Source{Path: path, Data: d}
		return walkSource(t, src, filepath.Dir(path), opt, fn)
	}
	return t, nil
}

func stdinTarget(opt Options) (*input.Target, error) {
	if opt.Stdin == nil {
		return nil, &Error{"read", "-", errors.New("no standard input")}
	}
	limit := opt.maxSize()
	data, err := io.ReadAll(io.LimitReader(opt.Stdin, limit+1))
	if err != nil {
		return nil, &Error{"read", "-", err}
	}
	if int64(len(data)) > limit {
		return nil, &Error{"refuse", "-", fmt.Errorf("standard input is over the --max-size of %s", FormatSize(limit))}
	}
	t := &input.Target{Path: "-", Kind: Detect(data)}
	if t.Kind == input.KindBatch {
		t.Walk = func(fn func(*input.Unit) error) error {
			return walkBatch(t.Path, bytes.NewReader(data), opt, fn)
		}
		return t, nil
	}
	t.Walk = func(fn func(*input.Unit) error) error {
		return walkSource(t, &input.Source{Path: "-", Data: data}, ".", opt, fn)
	}
	return t, nil
}

// Command is a target for a request given on the command line (--curl).
func Command(name string, kind input.Kind, cmd string, opt Options) *input.Target {
	t := &input.Target{Path: name, Kind: kind}
	t.Walk = func(fn func(*input.Unit) error) error {
		return walkSource(t, &input.Source{Path: name, Data: []byte(cmd)}, ".", opt, fn)
	}
	return t
}

func walkSource(t *input.Target, src *input.Source, dir string, opt Options, fn func(*input.Unit) error) error {
	read := func(name string) ([]byte, error) {
		if err := within(name, dir); err != nil {
			return nil, err
		}
		data, err := readBounded(name, opt.maxSize())
		var le *Error
		if errors.As(err, &le) {
			return nil, le.Err // the parser names the file already
		}
		return data, err
	}
	var (
		units []*input.Unit
		err   error
	)
	if spec := Spec(t.Kind); spec != nil && spec.parse != nil {
		units, err = spec.parse(t, src, dir, opt, read)
	} else {
		units = []*input.Unit{payloadUnit(src, opt)}
	}
	if err != nil {
		return &Error{"read", src.Path, err}
	}
	for _, u := range units {
		for _, n := range u.Notes {
			addNote(t, n)
		}
		if u.Response == nil {
			u.Response = opt.Response
		}
		if err := fn(u); err != nil {
			return err
		}
	}
	return nil
}

// readBounded reads a file whole unless it is over limit, which it refuses
// without reading. On a folder of ten thousand small payloads the system
// calls are most of the cost, so it makes as few as it can: open, fstat,
// one read of the known size, close (readFile, per platform).
func readBounded(name string, limit int64) ([]byte, error) {
	data, size, err := readFile(name, limit)
	switch {
	case err != nil:
		return nil, &Error{"read", name, plainErr(err)}
	case size > limit:
		return nil, &Error{"refuse", name, fmt.Errorf("file is %s, over the --max-size of %s", FormatSize(size), FormatSize(limit))}
	}
	return data, nil
}

// readPortable is readFile through package os, for any platform.
func readPortable(name string, limit int64) ([]byte, int64, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if info.Size() > limit {
		return nil, info.Size(), nil
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, 0, err
	}
	return data, int64(len(data)), nil
}

func addNote(t *input.Target, note string) {
	if !slices.Contains(t.Notes, note) {
		t.Notes = append(t.Notes, note)
	}
}

// aimed keeps the units whose request is aimed at Aptly (aptly.Aim decides,
// for every kind of input) and notes how many others were skipped and where
// they went. A unit with no request (a bare payload) is kept. A target left
// with nothing to judge says so: it is no silent pass. recorded marks the
// entries of a HAR, which a browser made rather than a person wrote.
func aimed(t *input.Target, opt Options, units []*input.Unit, recorded bool) []*input.Unit {
	aim := aptly.Aim{Hosts: opt.AptlyHosts, Recorded: recorded}
	noun, nouns := "request", "requests"
	if recorded {
		noun, nouns = "entry", "entries"
	}
	kept := units[:0]
	skipped := 0
	var hosts []string
	for _, u := range units {
		if u.Request == nil {
			kept = append(kept, u)
			continue
		}
		_, keyed := u.Request.Header(secret.KeyHeader)
		ok, host := aim.AimedAt(u.Request.Method, u.Request.URL, keyed)
		if ok {
			kept = append(kept, u)
			continue
		}
		skipped++
		if host != "" && !slices.Contains(hosts, host) {
			hosts = append(hosts, host)
		}
	}
	if skipped == 0 {
		return kept
	}
	note := fmt.Sprintf("%d %s not aimed at the Aptly API skipped", skipped, prose.Plural(skipped, noun, nouns))
	if len(hosts) > 0 {
		if len(hosts) > 3 {
			hosts = append(hosts[:3:3], "...")
		}
		note += " (" + strings.Join(hosts, ", ") + ")"
	}
	addNote(t, note)
	if len(kept) == 0 {
		addNote(t, fmt.Sprintf("no %s here is aimed at the Aptly API, so nothing was judged", noun))
	}
	return kept
}

func payloadUnit(src *input.Source, opt Options) *input.Unit {
	b := &input.Body{Raw: src.Data, Src: src, At: input.Pos{Line: 1, Col: 1}, Origin: "file"}
	if src.Path == "-" {
		b.Origin = "stdin"
	}
	u := &input.Unit{Src: src, Body: b, Response: opt.Response}
	if opt.Request != nil {
		r := *opt.Request
		r.Headers = slices.Clone(opt.Request.Headers)
		r.Body = b
		u.Request = &r
	}
	return u
}

func batchTarget(path string, opt Options) *input.Target {
	t := &input.Target{Path: path, Kind: input.KindBatch}
	t.Walk = func(fn func(*input.Unit) error) error {
		if r := opt.Request; r != nil {
			// Every line goes where the flags say; one test decides for all.
			if len(aimed(t, opt, []*input.Unit{{Request: r}}, false)) == 0 {
				return nil
			}
		}
		if opt.Content != nil {
			if d, ok := opt.Content(path); ok {
				return walkBatch(path, bytes.NewReader(d), opt, fn)
			}
		}
		f, err := os.Open(path)
		if err != nil {
			return &Error{"read", path, plainErr(err)}
		}
		defer f.Close()
		return walkBatch(path, f, opt, fn)
	}
	return t
}

type batchLine struct {
	src  input.Source
	body input.Body
	unit input.Unit
}

// walkBatch streams an NDJSON batch: one unit per non-blank line, held in
// memory one at a time, each line bounded by MaxSize.
func walkBatch(path string, r io.Reader, opt Options, fn func(*input.Unit) error) error {
	sc := bufio.NewScanner(r)
	limit := opt.maxSize()
	sc.Buffer(make([]byte, 0, 256<<10), int(min(limit+2, math.MaxInt32)))
	sc.Split(lines.Scan)
	lineNo, payloads, start := 0, 0, 0
	// A batch with no payload at all is an empty body, AD101, never a pass.
	empty := func() error {
		if payloads > 0 {
			return nil
		}
		src := &input.Source{Path: path, Data: nil}
		b := &input.Body{Src: src, At: input.Pos{Line: 1, Col: 1}, Origin: "line"}
		return fn(&input.Unit{Label: "line 1", Src: src, Body: b, Response: opt.Response})
	}
	for {
		if !sc.Scan() {
			switch err := sc.Err(); {
			case errors.Is(err, bufio.ErrTooLong):
				return &Error{"refuse", path, fmt.Errorf("line %d is over the --max-size of %s", lineNo+1, FormatSize(limit))}
			case err != nil:
				return &Error{"read", path, err}
			}
			return empty()
		}
		line := sc.Bytes()
		lineNo++
		lineStart := start
		start += len(line)
		if int64(len(line)) > limit+2 {
			return &Error{"refuse", path, fmt.Errorf("line %d is over the --max-size of %s", lineNo, FormatSize(limit))}
		}
		content := lines.Trim(line)
		if len(bytes.TrimSpace(content)) > 0 {
			// One allocation holds the line's source, body and unit: a batch
			// of a million lines is a million of them, not three million.
			// Decoding is left to whoever judges the line, so a batch can
			// be decoded on several cores while this loop only reads.
			payloads++
			l := &batchLine{}
			data := bytes.Clone(content)
			l.src = input.Source{Path: path, Data: data, LineOffset: lineNo - 1, Start: lineStart}
			src := &l.src
			l.body = input.Body{Raw: data, Src: src, At: input.Pos{Line: lineNo, Col: 1}, Origin: "line"}
			b := &l.body
			l.unit = input.Unit{Label: "line " + strconv.Itoa(lineNo), Src: src, Body: b, Response: opt.Response}
			u := &l.unit
			if opt.Request != nil {
				r := *opt.Request
				r.Headers = slices.Clone(opt.Request.Headers)
				r.Body = b
				u.Request = &r
			}
			if err := fn(u); err != nil {
				return err
			}
		}
	}
}
