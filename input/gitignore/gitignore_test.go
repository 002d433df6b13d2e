package gitignore

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// The trees below are judged by the matcher and by `git check-ignore` on
// the same files; the two must agree on every file and folder.

var fixedTree = map[string]string{
	".gitignore": "# build output\n*.log\n!keep.log\n/dist/\nbuild\nsecret?.env\n*.tmp   \nspace\\ \n\\#hash\n\\!bang\ndocs/**/draft.md\n**/cache\nlogs/**\n[Tt]emp*/\n*.[oa]\nnode_modules/\n",
	"keep.log":   "", "app.log": "", "sub/app.log": "", "sub/keep.log": "",
	"dist/x.js": "", "sub/dist/x.js": "", "build/out.js": "", "sub/build": "",
	"secret1.env": "", "secret12.env": "", "a.tmp": "", "space ": "", "#hash": "", "!bang": "",
	"docs/draft.md": "", "docs/a/b/draft.md": "", "docs/a/final.md": "",
	"cache/c.js": "", "deep/er/cache/c.js": "", "logs/a/b.txt": "", "logs.txt": "",
	"Temp1/x.py": "", "temp2/x.py": "", "tempfile": "", "lib.o": "", "lib.a": "", "lib.c": "",
	"node_modules/m/i.js": "",
	"src/.gitignore":      "*.gen.ts\n!keep.gen.ts\n/only-here.js\nsub/*.py\n",
	"src/a.gen.ts":        "", "src/keep.gen.ts": "", "src/deep/b.gen.ts": "", "src/only-here.js": "",
	"src/deep/only-here.js": "", "src/sub/x.py": "", "src/sub/deeper/x.py": "",
	"src/deep/.gitignore": "!*.log\nreinclude/\n",
	"src/deep/app.log":    "", "src/deep/reinclude/k.js": "",
	"re/.gitignore": "x/\n!x/y.js\n",
	"re/x/y.js":     "", "re/x/z.js": "",
	"neg/.gitignore": "*\n!*/\n!*.js\n",
	"neg/a.js":       "", "neg/b.py": "", "neg/in/c.js": "", "neg/in/d.py": "",
	"esc/.gitignore": "[!a]*.txt\n\\*star\n",
	"esc/a.txt":      "", "esc/b.txt": "", "esc/*star": "", "esc/xstar": "",
}

func TestFixedTreeMatchesGit(t *testing.T) {
	compareWithGit(t, fixedTree, "")
}

func TestInfoExcludeMatchesGit(t *testing.T) {
	compareWithGit(t, map[string]string{
		".gitignore": "!b.log\n",
		"a.log":      "", "b.log": "", "c/a.log": "",
	}, "*.log\n")
}

// TestRandomTreesMatchGit builds trees from random patterns over a small
// alphabet of names, so that many patterns hit and many overlap.
func TestRandomTreesMatchGit(t *testing.T) {
	names := []string{"a", "b", "ab", "a.js", "b.py", "x.log", "dist", "vendor"}
	pieces := []string{"a", "b", "*", "?", "**", "a*", "*.js", "*.log", "[ab]", "[!a]*", "dist", "vendor"}
	for seed := range uint64(12) {
		r := rand.New(rand.NewPCG(seed, 7))
		tree := map[string]string{}
		for range 60 {
			depth := 1 + r.IntN(4)
			parts := make([]string, depth)
			for i := range parts {
				parts[i] = names[r.IntN(len(names))]
			}
			tree[strings.Join(parts, "/")+"/"+names[r.IntN(len(names))]+".f"] = ""
		}
		for _, dir := range []string{"", "a/", "b/", "a/b/", "dist/"} {
			var lines []string
			for range 1 + r.IntN(5) {
				var p strings.Builder
				if r.IntN(4) == 0 {
					p.WriteString("!")
				}
				if r.IntN(4) == 0 {
					p.WriteString("/")
				}
				n := 1 + r.IntN(3)
				for i := range n {
					if i > 0 {
						p.WriteString("/")
					}
					p.WriteString(pieces[r.IntN(len(pieces))])
				}
				if r.IntN(4) == 0 {
					p.WriteString("/")
				}
				lines = append(lines, p.String())
			}
			tree[dir+".gitignore"] = strings.Join(lines, "\n") + "\n"
		}
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { compareWithGit(t, tree, "") })
	}
}

func compareWithGit(t *testing.T, tree map[string]string, exclude string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := t.TempDir()
	git := func(stdin string, args ...string) (string, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		cmd.Stdin = strings.NewReader(stdin)
		// The machine's own settings must not take part.
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "HOME="+root, "XDG_CONFIG_HOME="+root)
		out, err := cmd.Output()
		return string(out), err
	}
	if _, err := git("", "init", "-q"); err != nil {
		t.Fatalf("git init: %v", err)
	}
	for name, content := range tree {
		p := filepath.Join(root, filepath.FromSlash(name))
		// A name that is also a folder of another entry stays a folder.
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			continue // a file already sits where a folder is wanted
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			continue
		}
	}
	if exclude != "" {
		if err := os.WriteFile(filepath.Join(root, ".git", "info", "exclude"), []byte(exclude), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var paths []string
	dirs := map[string]bool{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		if d.Name() == ".git" {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		paths = append(paths, rel)
		dirs[rel] = d.IsDir()
		return nil
	})
	sort.Strings(paths)
	out, err := git(strings.Join(paths, "\n")+"\n", "check-ignore", "--stdin", "--no-index")
	if ee, ok := err.(*exec.ExitError); err != nil && !(ok && ee.ExitCode() == 1) {
		t.Fatalf("git check-ignore: %v", err)
	}
	want := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l != "" {
			want[strings.Trim(l, `"`)] = true
		}
	}
	if len(want) == 0 || len(want) == len(paths) {
		t.Logf("git ignores %d of %d paths", len(want), len(paths))
	}
	m := ForWalk(root)
	if m == nil {
		t.Fatal("no work tree found")
	}
	for _, p := range paths {
		got := m.Ignored(filepath.Join(root, filepath.FromSlash(p)), dirs[p])
		if got != want[p] {
			t.Errorf("%s: matcher says ignored=%v, git check-ignore says %v", p, got, want[p])
		}
	}
	// What a walk visits is what git leaves: Match on the way down agrees.
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return err
		}
		if m.Match(p, d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		if want[filepath.ToSlash(rel)] {
			t.Errorf("%s: the walk visits it, git ignores it", rel)
		}
		return nil
	})
}

func TestNotInWorkTree(t *testing.T) {
	if m := ForWalk(t.TempDir()); m != nil {
		t.Errorf("ForWalk outside a work tree = %v, want nil", m)
	}
}

// A walk of "." or "./sub" names what it finds "bench/out" and "sub/a"
// (filepath.WalkDir joins and cleans); the matcher must still apply.
func TestForWalkRelativeRoots(t *testing.T) {
	root := t.TempDir()
	if err := exec.Command("git", "-C", root, "init", "-q").Run(); err != nil {
		t.Skipf("git init: %v", err)
	}
	if err := os.WriteFile(filepath.Join(root, ".gitignore"), []byte("/bench/out/\n/sub/gen/\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	for _, c := range []struct {
		walk, path string
		dir, want  bool
	}{
		{".", "bench/out", true, true},
		{".", "bench", true, false},
		{"./", "bench/out", true, true},
		{"./sub", "sub/gen", true, true},
		{"sub", "sub/gen", true, true},
		{"./sub", "sub/a.json", false, false},
	} {
		m := ForWalk(c.walk)
		if m == nil {
			t.Fatalf("ForWalk(%q) found no repository", c.walk)
		}
		if got := m.Match(c.path, c.dir); got != c.want {
			t.Errorf("walk %q: Match(%q) = %v, want %v", c.walk, c.path, got, c.want)
		}
	}
}
