package report

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/internal/consumer"
)

// The real consumers of the machine formats judge them here when they are
// installed; .ci/run installs them from npm (see there) and the tests skip
// with a note where they are missing.

// TestSARIFMultitool has Microsoft's SARIF multitool validate the logs
// under GitHub's ingestion rules (--rule-kind Ghas): what it calls an
// error, code scanning refuses.
func TestSARIFMultitool(t *testing.T) {
	tool := consumer.MustTool(t, "sarif-multitool", "npm install @microsoft/sarif-multitool")
	dir := t.TempDir()
	results := map[string]*checks.Result{
		"fixture": fixture(), "unreadable": unreadable(), "inputs": inputs(), "many": big(300),
		"empty": {FailOn: checks.Error},
	}
	var files []string
	for name, r := range results {
		out, _ := renderSARIF(t, r, checks.All)
		p := filepath.Join(dir, name+".sarif")
		if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	// The validation can fail: a result without a location is refused.
	out, _ := renderSARIF(t, inputs(), checks.All)
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	res := doc["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)
	delete(res, "locations")
	bad, _ := json.Marshal(doc)
	badPath := filepath.Join(dir, "bad.sarif")
	if err := os.WriteFile(badPath, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	// One run of the tool for every file: it starts slowly.
	complaints := consumer.Multitool(t, tool, dir, append(files, badPath)...)
	for _, p := range files {
		if msg := complaints[p]; msg != "" {
			t.Errorf("%s:\n%s", filepath.Base(p), msg)
		}
	}
	if !strings.Contains(complaints[badPath], "GH1015") {
		t.Errorf("a result without locations passed: %q", complaints[badPath])
	}
}

// TestJUnitParser reads the JUnit report with junit2json (xml2js, the
// parser many Node CI reporters use) and holds it to what Jenkins and
// GitLab count: the totals are the sums of the cases, every case has at
// most one failure, and every failure carries a message and a type.
func TestJUnitParser(t *testing.T) {
	tool := consumer.MustTool(t, "junit2json", "npm install junit2json")
	type problem struct{ Message, Type, Inner string }
	type tcase struct {
		Name, Classname string
		Failure, Error  []problem
	}
	type suite struct {
		Name                    string
		Tests, Failures, Errors int
		Testcase                []tcase
	}
	type doc struct {
		Tests, Failures, Errors int
		Testsuite               []suite
	}
	results := map[string]*checks.Result{"fixture": fixture(), "unreadable": unreadable(), "inputs": inputs(), "many": big(300)}
	for name, r := range results {
		t.Run(name, func(t *testing.T) {
			out, _ := renderJUnit(t, r)
			p := filepath.Join(t.TempDir(), "junit.xml")
			if err := os.WriteFile(p, out, 0o644); err != nil {
				t.Fatal(err)
			}
			js, err := exec.Command(tool, p).Output()
			if err != nil {
				t.Fatalf("junit2json: %v", err)
			}
			var d doc
			if err := json.Unmarshal(js, &d); err != nil {
				t.Fatalf("junit2json output: %v\n%s", err, js)
			}
			var tests, failures, errors int
			for _, s := range d.Testsuite {
				var sf, se int
				for _, c := range s.Testcase {
					if len(c.Failure) > 1 {
						t.Errorf("%s %q: %d failures in one case; readers keep the first", s.Name, c.Name, len(c.Failure))
					}
					for _, f := range append(c.Failure, c.Error...) {
						if f.Message == "" || f.Type == "" || f.Inner == "" {
							t.Errorf("%s %q: failure without message, type or text: %+v", s.Name, c.Name, f)
						}
					}
					if len(c.Failure) > 0 {
						sf++
					}
					if len(c.Error) > 0 {
						se++
					}
				}
				if s.Tests != len(s.Testcase) || s.Failures != sf || s.Errors != se || s.Tests == 0 {
					t.Errorf("suite %q says %d/%d/%d, holds %d cases, %d failing, %d in error",
						s.Name, s.Tests, s.Failures, s.Errors, len(s.Testcase), sf, se)
				}
				tests, failures, errors = tests+s.Tests, failures+s.Failures, errors+s.Errors
			}
			if d.Tests != tests || d.Failures != failures || d.Errors != errors || len(d.Testsuite) != len(r.Targets) {
				t.Errorf("testsuites say %d/%d/%d over %d suites, the suites sum to %d/%d/%d over %d targets",
					d.Tests, d.Failures, d.Errors, len(d.Testsuite), tests, failures, errors, len(r.Targets))
			}
		})
	}
}
