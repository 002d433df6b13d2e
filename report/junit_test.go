package report

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input"
)

// Types of the test's own, so the round trip does not just read back what
// the renderer's structs wrote.
type xSuites struct {
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []xSuite `xml:"testsuite"`
}

type xSuite struct {
	Name     string  `xml:"name,attr"`
	Tests    int     `xml:"tests,attr"`
	Failures int     `xml:"failures,attr"`
	Errors   int     `xml:"errors,attr"`
	Skipped  string  `xml:"skipped,attr"`
	Cases    []xCase `xml:"testcase"`
}

type xCase struct {
	Classname string     `xml:"classname,attr"`
	Name      string     `xml:"name,attr"`
	Failures  []xProblem `xml:"failure"`
	Errors    []xProblem `xml:"error"`
	SystemOut string     `xml:"system-out"`
}

type xProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

func renderJUnit(t *testing.T, r *checks.Result) ([]byte, xSuites) {
	t.Helper()
	var buf bytes.Buffer
	if err := (&JUnit{}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	var doc xSuites
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("output is not XML: %v\n%s", err, buf.String())
	}
	return buf.Bytes(), doc
}

func TestJUnitCounts(t *testing.T) {
	type suite struct {
		name                          string
		tests, failures, errors, fail int // fail: failure elements
	}
	tests := []struct {
		name   string
		result *checks.Result
		total  [3]int // tests, failures, errors
		suites []suite
	}{
		{
			// A case per finding (the fixed one left out), one passing case
			// for the clean target, one error case for the tool failure.
			name: "fixture", result: fixture(), total: [3]int{6, 1, 1},
			suites: []suite{
				{name: "payloads/ok.json", tests: 1},
				{name: "payloads/bad card.json", tests: 4, failures: 1, fail: 1},
				{name: "requests/create.curl", tests: 1, errors: 1},
			},
		},
		{
			name: "unreadable, stdin, absolute", result: unreadable(), total: [3]int{3, 2, 1},
			suites: []suite{
				{name: "missing.json", tests: 1, errors: 1},
				{name: "-", tests: 1, failures: 1, fail: 1},
				{name: "/abs/dir/x.json", tests: 1, failures: 1, fail: 1},
			},
		},
		{
			// Common readers keep the first failure of a case: two findings
			// of one check are two cases.
			name: "two findings of one check", total: [3]int{2, 2, 0},
			result: &checks.Result{FailOn: checks.Error, Targets: []checks.TargetResult{{Path: "a.json", Kind: input.KindPayload,
				Findings: []checks.Finding{
					{Check: "AD101", Name: "json-syntax", Severity: checks.Error, Path: "a.json", Line: 1, Col: 2, Message: "one"},
					{Check: "AD101", Name: "json-syntax", Severity: checks.Error, Path: "a.json", Line: 3, Col: 4, Message: "two"},
				}}}},
			suites: []suite{{name: "a.json", tests: 2, failures: 2, fail: 2}},
		},
		{
			name: "checks that found nothing are not cases", total: [3]int{1, 0, 0},
			result: &checks.Result{FailOn: checks.Error, Targets: []checks.TargetResult{{Path: "ok.json", Kind: input.KindPayload}}},
			suites: []suite{{name: "ok.json", tests: 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.result.Settle()
			_, doc := renderJUnit(t, tt.result)
			if got := [3]int{doc.Tests, doc.Failures, doc.Errors}; got != tt.total || doc.Name != "aptly-doctor" {
				t.Errorf("testsuites %q tests/failures/errors %v, want %v", doc.Name, got, tt.total)
			}
			if len(doc.Suites) != len(tt.suites) {
				t.Fatalf("%d suites, want %d", len(doc.Suites), len(tt.suites))
			}
			for i, want := range tt.suites {
				s := doc.Suites[i]
				fails, failCases, errCases := 0, 0, 0
				for _, c := range s.Cases {
					fails += len(c.Failures)
					if len(c.Failures) > 0 {
						failCases++
					}
					if len(c.Errors) > 0 {
						errCases++
					}
					if c.Classname != s.Name {
						t.Errorf("case %q has classname %q in suite %q", c.Name, c.Classname, s.Name)
					}
				}
				got := suite{name: s.Name, tests: s.Tests, failures: s.Failures, errors: s.Errors, fail: fails}
				if got != want || s.Skipped != "0" {
					t.Errorf("suite %+v (skipped %q), want %+v", got, s.Skipped, want)
				}
				if s.Tests != len(s.Cases) || s.Failures != failCases || s.Errors != errCases {
					t.Errorf("suite %q counts do not match its cases", s.Name)
				}
			}
		})
	}
}

func TestJUnitContent(t *testing.T) {
	_, doc := renderJUnit(t, fixture())
	bad := doc.Suites[1]
	byName := map[string]xCase{}
	for _, c := range bad.Cases {
		if _, dup := byName[c.Name]; dup {
			t.Errorf("two cases named %q", c.Name)
		}
		byName[c.Name] = c
	}
	tests := []struct {
		name     string
		testcase string
		want     string // in the failure body, or in system-out when out
		out      bool
	}{
		{name: "failure body", testcase: "AD101 3:14", want: "payloads/bad card.json:3:14: error: a comma before \"}\" ends the object early\nfix: Remove the comma after the last member"},
		{name: "below the threshold", testcase: "AD103 5:9", want: "warning: property \"a/b\"", out: true},
		{name: "control character made visible", testcase: "AD108 7:12", want: `holds "\x1b[31m{{name}}"`, out: true},
		{name: "baseline is not a failure", testcase: "AD201", want: "(baseline)", out: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := byName[tt.testcase]
			if !ok {
				t.Fatalf("no test case %q", tt.testcase)
			}
			got := c.SystemOut
			if !tt.out {
				if len(c.Failures) != 1 || c.Failures[0].Type != "error" || c.Failures[0].Message != `a comma before "}" ends the object early` {
					t.Fatalf("failures %+v, want one of type error with the message", c.Failures)
				}
				got = c.Failures[0].Body
			} else if len(c.Failures) > 0 {
				t.Errorf("case %q fails: %+v", tt.testcase, c.Failures)
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to hold %q", got, tt.want)
			}
		})
	}
	if _, ok := byName["AD101 9:3"]; ok {
		t.Error("the fixed finding is a case")
	}
}

// TestXMLLint has libxml2 judge the output when it is installed.
func TestXMLLint(t *testing.T) {
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed: skipping")
	}
	out, _ := renderJUnit(t, fixture())
	path := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(lint, "--noout", path).CombinedOutput(); err != nil {
		t.Errorf("xmllint: %v\n%s", err, msg)
	}
}

func TestJUnitInvalidChars(t *testing.T) {
	tests := []struct {
		name, path, message, want string
	}{
		{name: "NUL and ESC", path: "a.json", message: "bad \x00 and \x1b here", want: `bad \x00 and \x1b here`},
		{name: "invalid UTF-8", path: "a\xff.json", message: "byte \xfe", want: "byte \uFFFD"},
		{name: "C1 and bidi", path: "b.json", message: "x\u0085y\u202ez", want: `x\x85y\u202ez`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &checks.Result{FailOn: checks.Error, Targets: []checks.TargetResult{{Path: tt.path, Kind: input.KindPayload,
				Findings: []checks.Finding{{Check: "AD101", Name: "json-syntax", Severity: checks.Error, Path: tt.path, Line: 1, Col: 1, Message: tt.message}}}}}
			r.Settle()
			_, doc := renderJUnit(t, r)
			f := doc.Suites[0].Cases[0].Failures
			if len(f) != 1 || f[0].Message != tt.want || !strings.Contains(f[0].Body, tt.want) {
				t.Errorf("failures %+v, want message %q", f, tt.want)
			}
		})
	}
}
