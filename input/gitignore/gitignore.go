package gitignore

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Matcher answers for one git work tree. The zero value is not usable; get
// one from ForWalk. It is safe for concurrent use.
type Matcher struct {
	root    string // absolute path of the work tree, OS form
	walk    string // the folder as the walk names it
	walkRel string // that folder relative to root, slash form ("" for the root)
	exclude []pattern

	mu   sync.Mutex
	sets map[string][]pattern // folder (relative, slash form) -> its .gitignore
}

// pattern is one line of an ignore file.
type pattern struct {
	glob     string // without "!", leading "/" and trailing "/"
	base     string // folder of the file it came from, relative, slash form
	neg      bool
	dirOnly  bool
	anchored bool // holds a "/" before its end: matched against the whole path
}

// ForWalk returns the matcher for a walk of dir, or nil when dir is not
// inside a git work tree (then nothing is ignored).
func ForWalk(dir string) *Matcher {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	root, gitDir := findRoot(abs)
	if root == "" {
		return nil
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return nil
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		rel = ""
	}
	// filepath.WalkDir names what it finds by joining (and so cleaning):
	// a walk of "." yields "bench/out", one of "./x" yields "x/a".
	walk := filepath.Clean(dir)
	if walk == "." {
		walk = ""
	}
	m := &Matcher{root: root, walk: walk, walkRel: rel, sets: map[string][]pattern{}}
	if data, err := os.ReadFile(filepath.Join(gitDir, "info", "exclude")); err == nil {
		m.exclude = parse(data, "")
	}
	return m
}

// findRoot looks for the .git entry in dir and its parents and returns the
// work tree's root and its git folder (following a "gitdir:" file, and a
// linked worktree's commondir, where info/exclude lives).
func findRoot(dir string) (root, gitDir string) {
	for {
		g := filepath.Join(dir, ".git")
		if info, err := os.Stat(g); err == nil {
			if info.IsDir() {
				return dir, g
			}
			data, err := os.ReadFile(g)
			if err == nil {
				if rest, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:"); ok {
					gd := strings.TrimSpace(rest)
					if !filepath.IsAbs(gd) {
						gd = filepath.Join(dir, gd)
					}
					if c, err := os.ReadFile(filepath.Join(gd, "commondir")); err == nil {
						cd := strings.TrimSpace(string(c))
						if !filepath.IsAbs(cd) {
							cd = filepath.Join(gd, cd)
						}
						gd = cd
					}
					return dir, gd
				}
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ""
		}
		dir = parent
	}
}

// Match reports whether the walk should pass over path, a path below the
// walked folder as the walk names it (filepath.WalkDir's path). Its parent
// folders are not consulted: a walk never gets below an ignored folder.
func (m *Matcher) Match(path string, isDir bool) bool {
	rel, ok := m.rel(path)
	if !ok {
		return false
	}
	return m.matchSelf(rel, isDir)
}

// Ignored reports whether git ignores path: the path itself or one of the
// folders above it is excluded. It is what `git check-ignore` answers for
// an untracked path.
func (m *Matcher) Ignored(path string, isDir bool) bool {
	rel, ok := m.rel(path)
	if !ok {
		return false
	}
	for i := 0; i < len(rel); i++ {
		if rel[i] == '/' && m.matchSelf(rel[:i], true) {
			return true
		}
	}
	return m.matchSelf(rel, isDir)
}

func (m *Matcher) rel(path string) (string, bool) {
	rest, ok := strings.CutPrefix(filepath.Clean(path), m.walk)
	if !ok {
		return "", false
	}
	rest = strings.TrimLeft(filepath.ToSlash(rest), "/")
	if rest == "." {
		rest = ""
	}
	switch {
	case rest == "":
		return m.walkRel, m.walkRel != ""
	case m.walkRel == "":
		return rest, true
	}
	return m.walkRel + "/" + rest, true
}

// matchSelf decides for rel by the ignore files of its folders, deepest
// first, then info/exclude; the first line that matches, read from each
// file's end, decides.
func (m *Matcher) matchSelf(rel string, isDir bool) bool {
	if rel == ".git" || strings.HasSuffix(rel, "/.git") {
		return true
	}
	dir := ""
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		dir = rel[:i]
	}
	for {
		if neg, ok := decide(m.patterns(dir), rel, isDir); ok {
			return !neg
		}
		if dir == "" {
			break
		}
		if i := strings.LastIndexByte(dir, '/'); i >= 0 {
			dir = dir[:i]
		} else {
			dir = ""
		}
	}
	if neg, ok := decide(m.exclude, rel, isDir); ok {
		return !neg
	}
	return false
}

func decide(ps []pattern, rel string, isDir bool) (neg, ok bool) {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].matches(rel, isDir) {
			return ps[i].neg, true
		}
	}
	return false, false
}

// patterns returns the .gitignore of folder dir, read once.
func (m *Matcher) patterns(dir string) []pattern {
	m.mu.Lock()
	defer m.mu.Unlock()
	ps, ok := m.sets[dir]
	if !ok {
		if data, err := os.ReadFile(filepath.Join(m.root, filepath.FromSlash(dir), ".gitignore")); err == nil {
			ps = parse(data, dir)
		}
		m.sets[dir] = ps
	}
	return ps
}

func (p *pattern) matches(rel string, isDir bool) bool {
	if p.dirOnly && !isDir {
		return false
	}
	sub := rel
	if p.base != "" {
		rest, ok := strings.CutPrefix(rel, p.base+"/")
		if !ok {
			return false
		}
		sub = rest
	}
	if !p.anchored {
		if i := strings.LastIndexByte(sub, '/'); i >= 0 {
			sub = sub[i+1:]
		}
	}
	return wildmatch(p.glob, sub)
}

// parse reads the lines of an ignore file that sits in folder base (slash
// form, relative to the work tree; "" for its root).
func parse(data []byte, base string) []pattern {
	var out []pattern
	for _, line := range bytes.Split(data, []byte("\n")) {
		if p, ok := parseLine(string(bytes.TrimSuffix(line, []byte("\r"))), base); ok {
			out = append(out, p)
		}
	}
	return out
}

func parseLine(s, base string) (pattern, bool) {
	s = strings.TrimPrefix(s, "\ufeff")
	if s == "" || s[0] == '#' {
		return pattern{}, false
	}
	// Trailing spaces go unless the last one is escaped.
	for strings.HasSuffix(s, " ") && !strings.HasSuffix(s, "\\ ") {
		s = s[:len(s)-1]
	}
	p := pattern{base: base}
	if s[0] == '!' {
		p.neg = true
		s = s[1:]
	} else if strings.HasPrefix(s, `\!`) || strings.HasPrefix(s, `\#`) {
		s = s[1:]
	}
	if strings.HasSuffix(s, "/") {
		p.dirOnly = true
		s = strings.TrimRight(s, "/")
	}
	if s == "" {
		return pattern{}, false
	}
	if strings.Contains(s, "/") {
		p.anchored = true
		s = strings.TrimPrefix(s, "/")
	}
	p.glob = s
	return p, s != ""
}
