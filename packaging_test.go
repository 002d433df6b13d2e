package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/aptly-doctor/aptly-doctor/internal/cli"
)

// TestPreCommitHook keeps .pre-commit-hooks.yaml runnable: a golang hook
// whose entry is a real command and whose file pattern picks the inputs.
func TestPreCommitHook(t *testing.T) {
	data, err := os.ReadFile(".pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Name, Entry, Language, Files, Exclude string
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil || len(hooks) != 1 {
		t.Fatalf("hooks: %v %v", hooks, err)
	}
	h := hooks[0]
	if h.Language != "golang" || !strings.HasPrefix(h.Entry, "aptly-doctor check") {
		t.Errorf("hook %+v: want a golang hook running aptly-doctor check", h)
	}
	files, exclude := regexp.MustCompile(h.Files), regexp.MustCompile(h.Exclude)
	for _, name := range []string{"p.json", "b.ndjson", "r.http", "r.curl", "s.har", "x.rest"} {
		if !files.MatchString(name) || exclude.MatchString(name) {
			t.Errorf("hook does not pick %s", name)
		}
	}
	for _, name := range []string{"package.json", "sub/aptly-doctor.lock.json", "main.go"} {
		if files.MatchString(name) && !exclude.MatchString(name) {
			t.Errorf("hook picks %s", name)
		}
	}
	// The entry's flags are real: running it on a clean payload passes.
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/p.json", []byte(`{"Name":"x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	args := append(strings.Fields(h.Entry), dir+"/p.json")
	if code := cli.Main(args, nil, os.Stderr, os.Stderr, func(string) (string, bool) { return "", false }); code != 0 {
		t.Errorf("%v: exit %d", args, code)
	}
}

// TestAction keeps action.yml a composite action that installs a pinned
// version and passes only flags the CLI knows.
func TestAction(t *testing.T) {
	data, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Inputs map[string]struct{ Default string }
		Runs   struct {
			Using string
			Steps []struct{ Run, Uses string }
		}
	}
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" {
		t.Errorf("using %q, want composite", a.Runs.Using)
	}
	if v := a.Inputs["version"].Default; !regexp.MustCompile(`^v\d+\.\d+\.\d+$`).MatchString(v) {
		t.Errorf("default version %q is not pinned", v)
	}
	var script string
	for _, s := range a.Runs.Steps {
		script += s.Run + "\n"
	}
	if !strings.Contains(script, `go install "github.com/aptly-doctor/aptly-doctor@${{ inputs.version }}"`) {
		t.Error("the action does not install the pinned version")
	}
	// Every flag the script passes is one `check` knows: its help lists it.
	var help strings.Builder
	if code := cli.Main([]string{"aptly-doctor", "check", "--help"}, nil, &help, &help, func(string) (string, bool) { return "", false }); code != 0 {
		t.Fatalf("check --help: exit %d", code)
	}
	known := regexp.MustCompile(`(?m)^\s+(?:-[a-zA-Z] [^,]*, )?(--[a-z][a-z-]*)|, (--[a-z][a-z-]*)`)
	flags := map[string]bool{}
	for _, m := range known.FindAllStringSubmatch(help.String(), -1) {
		flags[m[1]+m[2]] = true
	}
	if !flags["--format"] || !flags["--fail-on"] {
		t.Fatalf("could not read the flags from the help:\n%s", help.String())
	}
	used := regexp.MustCompile(`(?:^|\s|\()(--[a-z][a-z-]*)`).FindAllStringSubmatch(script, -1)
	if len(used) == 0 {
		t.Fatal("found no flag in the action's script")
	}
	for _, m := range used {
		if !flags[m[1]] {
			t.Errorf("the action passes %s, which check does not know", m[1])
		}
	}
	for _, flag := range []string{"--format github", "--fail-on", "--output \"sarif=", "--config"} {
		if !strings.Contains(script, flag) {
			t.Errorf("action script lacks %s", flag)
		}
	}
}
