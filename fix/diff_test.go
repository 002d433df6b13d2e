package fix

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want string
	}{
		{name: "equal", a: "x\n", b: "x\n", want: ""},
		{
			name: "one line changed in the middle",
			a:    "1\n2\n3\n4\n5\n6\n7\n8\n9\n",
			b:    "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
			want: "--- p.json\n+++ p.json\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
		},
		{
			name: "two changes far apart make two hunks",
			a:    "a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n",
			b:    "A\n1\n2\n3\n4\n5\n6\n7\n8\nB\n",
			want: "--- p.json\n+++ p.json\n@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-b\n+B\n",
		},
		{
			name: "line removed, no final newline",
			a:    "{\n  \"a\": 1,\n}",
			b:    "{\n  \"a\": 1\n}",
			want: "--- p.json\n+++ p.json\n@@ -1,3 +1,3 @@\n {\n-  \"a\": 1,\n+  \"a\": 1\n }\n\\ No newline at end of file\n",
		},
		{
			name: "insertion into an empty file",
			a:    "",
			b:    "x\n",
			want: "--- p.json\n+++ p.json\n@@ -0,0 +1 @@\n+x\n",
		},
		{
			name: "CRLF lines are compared whole",
			a:    "a\r\nb,\r\nc\r\n",
			b:    "a\r\nb\r\nc\r\n",
			want: "--- p.json\n+++ p.json\n@@ -1,3 +1,3 @@\n a\r\n-b,\r\n+b\r\n c\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Diff("p.json", []byte(tt.a), []byte(tt.b)); got != tt.want {
				t.Errorf("Diff() =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// TestDiffRebuilds checks that applying the hunks of a diff to a gives b,
// over edits of many shapes.
func TestDiffRebuilds(t *testing.T) {
	tests := []struct {
		name string
		a, b string
	}{
		{name: "interleaved", a: "a\nb\nc\nd\ne\nf\ng\n", b: "a\nx\nc\ny\ne\nz\ng\nh\n"},
		{name: "all different", a: "1\n2\n3\n", b: "4\n5\n"},
		{name: "prefix added", a: "b\nc\n", b: "a\nb\nc\n"},
		{name: "everything removed", a: "a\nb\n", b: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := splitLines([]byte(tt.a)), splitLines([]byte(tt.b))
			var gotA, gotB strings.Builder
			for _, o := range myers(x, y) {
				switch o.kind {
				case ' ':
					gotA.WriteString(x[o.i])
					gotB.WriteString(y[o.j])
					if x[o.i] != y[o.j] {
						t.Errorf("kept line %q differs from %q", x[o.i], y[o.j])
					}
				case '-':
					gotA.WriteString(x[o.i])
				case '+':
					gotB.WriteString(y[o.j])
				}
			}
			if gotA.String() != tt.a || gotB.String() != tt.b {
				t.Errorf("script rebuilds %q and %q", gotA.String(), gotB.String())
			}
		})
	}
}

func TestWriteFileKeepsMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || string(data) != "new" {
		t.Fatalf("read back %q, %v", data, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the file", len(entries))
	}
}

func TestWriteFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	// A folder that is not empty cannot be renamed over, so the write
	// fails after the temporary file exists.
	target := filepath.Join(dir, "p.json")
	if err := os.MkdirAll(filepath.Join(target, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(target, []byte("new"))
	if err == nil {
		t.Fatal("WriteFile over a folder succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only the original", names)
	}
	if _, err := os.Stat(filepath.Join(target, "inside")); err != nil {
		t.Errorf("original touched: %v", err)
	}
}

func TestWriteFileMissingFolder(t *testing.T) {
	err := WriteFile(filepath.Join(t.TempDir(), "no", "p.json"), []byte("x"))
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want a not-exist error", err)
	}
}

// TestDiffHeaderEscaped: a file name holding escape codes or a line break
// is shown escaped, so it can neither act on the terminal nor forge a
// header line of its own.
func TestDiffHeaderEscaped(t *testing.T) {
	got := Diff("a\x1b[2J\n+++ evil.json", []byte("{\"a\":1,}\n"), []byte("{\"a\":1}\n"))
	lines := strings.Split(got, "\n")
	if lines[0] != `--- a\x1b[2J\x0a+++ evil.json` || lines[1] != `+++ a\x1b[2J\x0a+++ evil.json` {
		t.Errorf("headers %q", lines[:2])
	}
	if strings.ContainsRune(got, 0x1b) {
		t.Errorf("an escape code reached the diff: %q", got)
	}
}
