package checks_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/load"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden runs every check over each case under testdata/golden/<ID>/
// and compares the findings with the .golden file beside it. A case must
// draw at least one finding of its own check, unless its name starts with
// "no-" (a case that must stay quiet for that check).
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "golden", "AD*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden folders: %v", err)
	}
	for _, dir := range dirs {
		id := filepath.Base(dir)
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, in := range files {
			if strings.HasSuffix(in, ".golden") || filepath.Base(in) == "aptly-doctor.yaml" {
				continue
			}
			t.Run(id+"/"+filepath.Base(in), func(t *testing.T) {
				got := runCase(t, in)
				name := filepath.Base(in)
				if !strings.HasPrefix(name, "no-") && !strings.Contains(got, "["+id+"]") {
					t.Errorf("case draws no %s finding:\n%s", id, got)
				}
				if strings.HasPrefix(name, "no-") && strings.Contains(got, "["+id+"]") {
					t.Errorf("case must draw no %s finding:\n%s", id, got)
				}
				matchGolden(t, in+".golden", got, "TestGolden")
			})
		}
	}
}

// TestCorpus runs the request corpus (testdata/corpus: requests written the
// way users and tools write them) and compares each with its .golden file.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "corpus", "*"))
	n := 0
	for _, in := range files {
		if info, err := os.Stat(in); err != nil || info.IsDir() || strings.HasSuffix(in, ".golden") {
			continue
		}
		n++
		t.Run(filepath.Base(in), func(t *testing.T) {
			got := runCase(t, in)
			matchGolden(t, in+".golden", got, "TestCorpus")
		})
	}
	if n < 30 {
		t.Errorf("the corpus holds %d requests; keep at least 30", n)
	}
}

// TestOK holds testdata/ok/ to its promise: nothing there draws a finding,
// in any kind of input, when the key its requests name is set (as in CI).
func TestOK(t *testing.T) {
	lookup := func(name string) (string, bool) {
		switch name {
		case "APTLY_KEY":
			return "a1b2c3d4e5f6a7b8c9d0e1f2", true
		case "APTLY_CORE_KEY":
			return "f0e1d2c3b4a5968778695a4b", true
		}
		return "", false
	}
	cfgPath := filepath.Join("..", "testdata", "ok", "aptly-doctor.yaml")
	data, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg, problems := config.Load(cfgPath, data, lookup)
	if len(problems) > 0 {
		t.Fatalf("%s: %v", cfgPath, problems)
	}
	targets, err := load.Expand([]string{filepath.Join("..", "testdata", "ok")}, load.Options{Lookup: lookup})
	if err != nil {
		t.Fatal(err)
	}
	targets = append(targets, configTarget(cfgPath, data))
	res := (&checks.Runner{Checks: checks.All, Opts: &checks.Options{Config: cfg}}).Run(targets)
	for _, tr := range res.Targets {
		for _, f := range tr.Findings {
			t.Errorf("%s:%d:%d: %s [%s]", f.Path, f.Line, f.Col, f.Message, f.Check)
		}
		if tr.Status != checks.StatusPass {
			t.Errorf("%s: status %s", tr.Path, tr.Status)
		}
	}
}

// goldenEnv is the environment golden cases run with: the keys their
// configs name. Variables not listed here are unset.
var goldenEnv = map[string]string{
	"APTLY_PROD_LEADS_KEY": "prodleadskey0000000001",
	"APTLY_PROD_MAINT_KEY": "prodmaintkey000000002",
	"APTLY_STAGING_KEY":    "stagingcompanykey0003",
	"APTLY_EMPTY_KEY":      "",
	"APTLY_KEY":            "corpuskey000000000042",
	"APTLY_NL_KEY":         "corpuskey000000000043\n", // read from a file with its line break
}

func goldenLookup(name string) (string, bool) {
	v, ok := goldenEnv[name]
	return v, ok
}

func configTarget(path string, data []byte) *input.Target {
	src := &input.Source{Path: path, Data: data}
	return &input.Target{Path: path, Kind: input.KindConfig, Walk: func(fn func(*input.Unit) error) error {
		return fn(&input.Unit{Src: src})
	}}
}

// runCase checks one golden input. A .yaml input is a config under test:
// its AD301 problems, or else its config-level findings. Any other input is
// checked with the aptly-doctor.yaml beside it, when there is one.
func runCase(t *testing.T, path string) string {
	t.Helper()
	// A config case is judged as a run that needs its keys (as --probe),
	// so AD306 shows what it holds.
	opts := &checks.Options{KeysNeeded: true}
	var targets []*input.Target
	cfgPath := filepath.Join(filepath.Dir(path), "aptly-doctor.yaml")
	probes := strings.HasSuffix(path, ".probe.json")
	if ext := filepath.Ext(path); ext == ".yaml" || ext == ".yml" {
		cfgPath = path
	} else if probes {
		// Probe evidence as the driver hands it over, judged on the config
		// beside it: the checks see results, never the network.
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &opts.Probes); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	} else {
		more, err := load.Expand([]string{path}, load.Options{Lookup: goldenLookup})
		if err != nil {
			return "input error: " + err.Error() + "\n"
		}
		targets = more
	}
	if data, err := os.ReadFile(cfgPath); err == nil {
		cfg, problems := config.Load(cfgPath, data, goldenLookup)
		switch {
		case len(problems) > 0 && cfgPath == path:
			opts.ConfigProblems = problems
			res := (&checks.Runner{Checks: []*checks.Check{checks.ConfigInvalid}, Opts: opts, Jobs: 1}).Run([]*input.Target{configTarget(path, data)})
			return render(t, res)
		case len(problems) > 0:
			t.Fatalf("config %s beside the case has problems: %v", cfgPath, problems)
		}
		opts.Config = cfg
		if cfgPath == path || probes {
			targets = []*input.Target{configTarget(cfgPath, data)}
		}
	}
	res := (&checks.Runner{Checks: checks.All, Opts: opts, Jobs: 1}).Run(targets)
	return render(t, res)
}

func render(t *testing.T, res *checks.Result) string {
	var b strings.Builder
	for _, tr := range res.Targets {
		for _, f := range tr.Failures {
			t.Errorf("tool failure: %s", f)
		}
		for _, f := range tr.Findings {
			fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]", filepath.Base(f.Path), f.Line, f.Col, f.Severity, f.Message, f.Check)
			if f.Pointer != "" {
				fmt.Fprintf(&b, " at %s", f.Pointer)
			}
			if f.Unit != "" {
				fmt.Fprintf(&b, " (%s)", f.Unit)
			}
			if f.Env != "" {
				fmt.Fprintf(&b, " {env %s}", f.Env)
			}
			fmt.Fprintf(&b, "\n    fix: %s\n", f.Fix)
		}
	}
	if b.Len() == 0 {
		return "no findings\n"
	}
	return b.String()
}

// matchGolden compares got with the golden file, or rewrites the file under
// -update; test names the test to rerun with -update when it is missing.
func matchGolden(t *testing.T, golden, got, test string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./checks -run %s -update)", err, test)
	}
	if got != string(want) {
		t.Errorf("findings differ from %s\n--- got\n%s--- want\n%s", golden, got, want)
	}
}
