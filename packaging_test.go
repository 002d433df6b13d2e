package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/third_party/yaml"

	"github.com/aptly-doctor/aptly-doctor/input/load"
	"github.com/aptly-doctor/aptly-doctor/internal/cli"
	"github.com/aptly-doctor/aptly-doctor/internal/consumer"
)

// TestPreCommitHook keeps .pre-commit-hooks.yaml runnable: a golang hook
// whose entry is a real command, whose file pattern picks the inputs, and
// whose exclude passes over what a folder walk passes over (the manifest
// names come from the loader's own list).
func TestPreCommitHook(t *testing.T) {
	data, err := os.ReadFile(".pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Name, Entry, Language, Files, Exclude string
		TypesOr                                   []string `yaml:"types_or"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil || len(hooks) != 1 {
		t.Fatalf("hooks: %v %v", hooks, err)
	}
	h := hooks[0]
	if h.Language != "golang" || !strings.HasPrefix(h.Entry, "aptly-doctor check") || !strings.Contains(h.Entry, "--from-hook") {
		t.Errorf("hook %+v: want a golang hook running aptly-doctor check --from-hook", h)
	}
	if !slices.Contains(h.TypesOr, "json") {
		t.Errorf("types_or %v: want json among them", h.TypesOr)
	}
	files, exclude := regexp.MustCompile(h.Files), regexp.MustCompile(h.Exclude)
	for _, name := range []string{"p.json", "b.ndjson", "r.http", "r.curl", "s.har", "x.rest", "payloads/sub/lead.json", "my-package.json"} {
		if !files.MatchString(name) || exclude.MatchString(name) {
			t.Errorf("hook does not pick %s", name)
		}
	}
	skipped := []string{".vscode/settings.json", "tsconfig.base.json", "web/tsconfig.json", "api/card.schema.json",
		"node_modules/x/a.json", "testdata/bad.json"}
	for _, name := range load.ManifestNames() {
		skipped = append(skipped, name, "sub/"+name)
	}
	for _, name := range append(skipped, "main.go") {
		if files.MatchString(name) && !exclude.MatchString(name) {
			t.Errorf("hook picks %s", name)
		}
		if name == "main.go" {
			continue // source code: the walk reads it, the hook is for payloads and requests
		}
		if load.Picked(".", name, nil) {
			t.Errorf("the folder walk picks %s, which the hook passes over", name)
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

// actionFile is action.yml as the tests read it.
type actionFile struct {
	Inputs map[string]struct{ Default string }
	Runs   struct {
		Using string
		Steps []actionStep
	}
}

type actionStep struct {
	ID, Name, Run, Uses, If string
	Env                     map[string]string
}

func readAction(t *testing.T) actionFile {
	t.Helper()
	data, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestAction keeps action.yml a composite action that builds its own ref
// by default, uses the current major versions of the actions it calls,
// uploads SARIF only when a report was written, and passes only flags the
// CLI knows.
func TestAction(t *testing.T) {
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("using %q, want composite", a.Runs.Using)
	}
	if v := a.Inputs["version"].Default; v != "" {
		t.Errorf("default version %q: the action must build its own ref unless asked for a release", v)
	}
	var script string
	uses := map[string]bool{}
	for _, s := range a.Runs.Steps {
		script += s.Run + "\n"
		if strings.Contains(s.Run, "go install") && s.Env["CGO_ENABLED"] != "0" {
			t.Errorf("step %q builds the doctor with CGO_ENABLED=%q: build it static, as the README installs it", s.Name, s.Env["CGO_ENABLED"])
		}
		if s.Uses != "" {
			uses[s.Uses] = true
		}
		if strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif") && !strings.Contains(s.If, "steps.check.outputs.sarif-written == 'true'") {
			t.Errorf("the upload runs under %q: it must wait for a written report", s.If)
		}
	}
	for _, want := range []string{"actions/setup-go@v6", "actions/cache@v5", "github/codeql-action/upload-sarif@v4"} {
		if !uses[want] {
			t.Errorf("the action does not use %s (uses %v)", want, uses)
		}
	}
	if !strings.Contains(script, `go install "github.com/aptly-doctor/aptly-doctor@$VERSION"`) || !strings.Contains(script, `cd "$GITHUB_ACTION_PATH"`) {
		t.Error("the action does not build its own source, or install the version asked for")
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

// TestPreCommitInstall: pre-commit installs a golang hook with go install
// ./... at the repository's root; that must install aptly-doctor alone, not
// the bench tools (they are a module of their own).
func TestPreCommitInstall(t *testing.T) {
	bin := t.TempDir()
	cmd := exec.Command("go", "install", "./...")
	cmd.Env = append(os.Environ(), "GOBIN="+bin, "GOFLAGS=-mod=readonly")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install ./...: %v\n%s", err, out)
	}
	entries, err := os.ReadDir(bin)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 1 || names[0] != "aptly-doctor" {
		t.Errorf("go install ./... installs %v, want aptly-doctor alone", names)
	}
}

// TestPreCommitTryRepo runs the hook as pre-commit runs it (try-repo on this
// repository: go install ./... into a fresh hook environment, then the entry
// on the files of a scratch repository) where pre-commit is installed
// (.ci/run installs Debian's): the walk's filters hold for the files a hook
// names one by one.
func TestPreCommitTryRepo(t *testing.T) {
	consumer.Heavy(t, "pre-commit", "it installs the hook from scratch, a minute or two")
	precommit := consumer.MustTool(t, "pre-commit", "apt-get install pre-commit")
	gitBin := consumer.MustTool(t, "git", "apt-get install git")
	root, err := exec.Command(gitBin, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skip("not a git work tree: pre-commit try-repo needs one")
	}
	work := t.TempDir()
	files := map[string]string{
		"payloads/ok.json":      `{"Name": "ok"}`,
		"payloads/bad.json":     `{"Name": "x",}`,
		"package.json":          `{"name": "app", "version": "1.0.0"}`,
		".vscode/settings.json": "{\n  // editor settings\n  \"editor.tabSize\": 2,\n}\n",
		"tsconfig.base.json":    `{"compilerOptions": {"strict": true,},}`,
		"README.md":             "# app\n",
	}
	for name, body := range files {
		p := filepath.Join(work, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gomodcache, _ := exec.Command("go", "env", "GOMODCACHE").Output()
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(work, ".cache"), // a fresh hook environment
		"GOMODCACHE="+strings.TrimSpace(string(gomodcache)), "GOPROXY=off", "GOTOOLCHAIN=local",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	run := func(name string, args ...string) (string, int) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = work, env
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%s %v: %v", name, args, err)
		}
		return string(out), code
	}
	if out, code := run(gitBin, "init", "-q"); code != 0 {
		t.Fatalf("git init: %s", out)
	}
	if out, code := run(gitBin, "add", "-A"); code != 0 {
		t.Fatalf("git add: %s", out)
	}
	out, code := run(precommit, "try-repo", strings.TrimSpace(string(root)), "aptly-doctor", "--all-files", "--verbose")
	if code != 1 || !strings.Contains(out, "payloads/bad.json:1:13") {
		t.Fatalf("try-repo: exit %d, want 1 with the finding in payloads/bad.json:\n%s", code, out)
	}
	for _, passed := range []string{"package.json", "settings.json", "tsconfig"} {
		if strings.Contains(out, passed+":") {
			t.Errorf("the hook judged %s:\n%s", passed, out)
		}
	}
}

// TestActionSteps runs the action's shell steps as a runner would (bash,
// the step's env, GITHUB_OUTPUT and RUNNER_TEMP files): the build step
// builds the doctor from the action's own source, and the check step keeps
// a path with a space whole, writes SARIF and says so, and on exit 2 prints
// the doctor's error as an annotation and writes no SARIF to upload.
func TestActionSteps(t *testing.T) {
	bash := consumer.MustTool(t, "bash", "apt-get install bash")
	a := readAction(t)
	steps := map[string]actionStep{}
	for _, s := range a.Runs.Steps {
		steps[s.Name] = s
	}
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	temp := t.TempDir()
	run := func(step actionStep, dir string, env map[string]string) (out string, outputs map[string]string, code int) {
		t.Helper()
		outFile := filepath.Join(temp, "output")
		os.Remove(outFile)
		cmd := exec.Command(bash, "--noprofile", "--norc", "-eo", "pipefail", "-c", step.Run)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "RUNNER_TEMP="+temp, "GITHUB_OUTPUT="+outFile, "GITHUB_PATH="+filepath.Join(temp, "path"),
			"GITHUB_ACTION_PATH="+root, "GOFLAGS=-mod=readonly")
		for k, v := range step.Env {
			if strings.Contains(v, "${{") {
				v = env[k]
			}
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		b, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		outputs = map[string]string{}
		data, _ := os.ReadFile(outFile)
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, "="); ok {
				outputs[k] = v
			}
		}
		return string(b), outputs, code
	}
	build, check := steps["Build aptly-doctor"], steps["Check"]
	if build.Run == "" || check.Run == "" {
		t.Fatalf("steps %v: want Build aptly-doctor and Check", steps)
	}
	if out, _, code := run(build, temp, map[string]string{"VERSION": "", "ACTION_REF": "v9.9.9"}); code != 0 {
		t.Fatalf("build step: exit %d\n%s", code, out)
	}
	bin := filepath.Join(temp, "aptly-doctor-bin")
	if v, err := exec.Command(filepath.Join(bin, "aptly-doctor"), "version").Output(); err != nil || !strings.Contains(string(v), "v9.9.9") {
		t.Errorf("built from the action's source, version says %q (%v); want the action's ref", v, err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))

	work := t.TempDir()
	for name, body := range map[string]string{"my payloads/bad.json": `{"Name": "x",}`, "ok.json": `{"Name": "ok"}`} {
		p := filepath.Join(work, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name, paths string
		code        string
		sarif       bool
		want        []string
	}{
		{name: "a path with a space", paths: "my payloads/\nok.json", code: "1", sarif: true,
			want: []string{"::error file=my payloads/bad.json,line=1,col=13"}},
		{name: "a glob", paths: "'**/*.json'", code: "1", sarif: true, want: []string{"bad.json"}},
		{name: "clean", paths: "ok.json", code: "0", sarif: true},
		{name: "a missing path: exit 2, no SARIF, the error shown", paths: "missing.json", code: "2",
			want: []string{"::error title=aptly-doctor (exit 2)::aptly-doctor: read missing.json: no such file", "no SARIF report was written"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sarif := filepath.Join(work, "report.sarif")
			os.Remove(sarif)
			paths := strings.Trim(tt.paths, "'")
			out, outputs, code := run(check, work, map[string]string{"PATHS": paths, "FAIL_ON": "error", "CONFIG": "", "ARGS": "",
				"SARIF": "true", "SARIF_FILE": sarif})
			if code != 0 {
				t.Fatalf("the check step must leave the gate to the Gate step: exit %d\n%s", code, out)
			}
			if outputs["exit-code"] != tt.code {
				t.Errorf("exit-code %q, want %s\n%s", outputs["exit-code"], tt.code, out)
			}
			if got := outputs["sarif-written"] == "true"; got != tt.sarif {
				t.Errorf("sarif-written %v, want %v\n%s", got, tt.sarif, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestNoBinariesTracked keeps build output out of the repository: a
// program built at the root (go build ./bench/floor) was once committed.
func TestNoBinariesTracked(t *testing.T) {
	out, err := exec.Command("git", "ls-files", "-z").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		f, err := os.Open(name)
		if err != nil {
			continue // deleted in the work tree
		}
		head := make([]byte, 4)
		n, _ := f.Read(head)
		f.Close()
		if n == 4 && string(head) == "\x7fELF" {
			t.Errorf("%s is a compiled program; build output belongs in .gitignore, not in git", name)
		}
	}
}

// TestGoInstallAtVersion: `go install github.com/aptly-doctor/aptly-doctor@latest`,
// the README's install line, refuses a module whose go.mod has replace or
// exclude directives; forks of libraries live in third_party/ as packages
// of this module instead.
func TestGoInstallAtVersion(t *testing.T) {
	data, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) > 0 && (f[0] == "replace" || f[0] == "exclude") {
			t.Errorf("go.mod:%d: %q: go install ...@version refuses a module with %s directives", i+1, line, f[0])
		}
	}
}
