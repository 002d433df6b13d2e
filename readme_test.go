package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/internal/consumer"
)

// consoleBlock is a ```console block of the README: the commands after
// "$ " and what the terminal shows for them.
type consoleBlock struct {
	line     int // of the opening fence
	commands []string
	want     []string
}

func readmeConsoleBlocks(t *testing.T) []consoleBlock {
	t.Helper()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []consoleBlock
	var cur *consoleBlock
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case cur == nil && line == "```console":
			blocks = append(blocks, consoleBlock{line: i + 1})
			cur = &blocks[len(blocks)-1]
		case cur != nil && line == "```":
			cur = nil
		case cur != nil && strings.HasPrefix(line, "$ "):
			cur.commands = append(cur.commands, strings.TrimPrefix(line, "$ "))
		case cur != nil:
			cur.want = append(cur.want, line)
		}
	}
	return blocks
}

// shownAs turns what a README block shows into a pattern: every line as
// written, except that "..." stands for text left out: a line of its own
// for any number of lines, inside a line for any text.
func shownAs(want []string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^`)
	for _, line := range want {
		line = strings.TrimRight(line, " ")
		if strings.TrimSpace(line) == "..." {
			b.WriteString(`(?:[^\n]*\n)*?`)
			continue
		}
		parts := strings.Split(line, "...")
		for i, p := range parts {
			if i > 0 {
				b.WriteString(`[^\n]*?`)
			}
			b.WriteString(regexp.QuoteMeta(p))
		}
		b.WriteString(`[ ]*\n`)
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

// TestREADMEConsole runs every command of the README's console blocks as a
// user would (bash, in a folder holding the repository's testdata, the
// doctor built from this tree on PATH) and compares what it prints, stdout
// and stderr as a terminal shows them, with what the README shows. The
// serve examples need a client and the config beside them: the serve tests
// run those (TestServeREADMEClients).
func TestREADMEConsole(t *testing.T) {
	bash := consumer.MustTool(t, "bash", "apt-get install bash")
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "aptly-doctor"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeConsoleBlocks(t)
	if len(blocks) < 5 {
		t.Fatalf("found %d console blocks in the README", len(blocks))
	}
	ran := 0
	for _, b := range blocks {
		if len(b.commands) == 0 {
			t.Errorf("README.md:%d: a console block with no $ command", b.line)
			continue
		}
		if strings.HasPrefix(b.commands[0], "aptly-doctor serve") {
			continue
		}
		t.Run(strings.Fields(b.commands[0])[1]+"@"+itoa(b.line), func(t *testing.T) {
			work := t.TempDir()
			if err := os.Symlink(filepath.Join(root, "testdata"), filepath.Join(work, "testdata")); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bash, "--noprofile", "--norc", "-c", strings.Join(b.commands, "\n")+"\n")
			cmd.Dir = work
			cmd.Env = []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=" + work, "TERM=dumb", "LANG=C.UTF-8"}
			out, _ := cmd.CombinedOutput() // the exit code shows where the README shows it ($ echo $?)
			got := string(out)
			if !strings.HasSuffix(got, "\n") && got != "" {
				got += "\n"
			}
			if !shownAs(b.want).MatchString(got) {
				t.Errorf("README.md:%d: $ %s\nthe README shows:\n%s\nthe doctor prints:\n%s", b.line,
					strings.Join(b.commands, "\n$ "), strings.Join(b.want, "\n"), got)
			}
		})
		ran++
	}
	if ran == 0 {
		t.Fatal("ran no console block")
	}
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestShownAs holds the comparison to its rules.
func TestShownAs(t *testing.T) {
	tests := []struct {
		name  string
		want  []string
		got   string
		match bool
	}{
		{name: "exact", want: []string{"a", "b", ""}, got: "a\nb\n\n", match: true},
		{name: "a line differs", want: []string{"a", "b"}, got: "a\nc\n"},
		{name: "a line more", want: []string{"a"}, got: "a\nb\n"},
		{name: "... for lines", want: []string{"a", "...", "z"}, got: "a\nb\nc\nz\n", match: true},
		{name: "... for no line", want: []string{"a", "...", "z"}, got: "a\nz\n", match: true},
		{name: "... in a line", want: []string{"the key ... [AD202]"}, got: "the key is missing here [AD202]\n", match: true},
		{name: "... in a line keeps the rest", want: []string{"the key ... [AD202]"}, got: "the key is missing [AD203]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := shownAs(tt.want).MatchString(tt.got); got != tt.match {
				t.Errorf("match %v, want %v", got, tt.match)
			}
		})
	}
}

// TestREADMEGoVersion: the Go version the README asks for is the one
// go.mod needs.
func TestREADMEGoVersion(t *testing.T) {
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+)\.(\d+)(?:\.\d+)?$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := "Go " + string(m[1]) + "." + string(m[2]) + " or newer"
	if !strings.Contains(string(readme), want) {
		t.Errorf("the README does not say %q, which go.mod needs", want)
	}
}
