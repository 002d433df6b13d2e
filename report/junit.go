package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// JUnit renders a JUnit XML report for test dashboards (Jenkins, GitLab
// test reports) in the shape golangci-lint gives its junit-xml: a test
// suite per target, a test case per finding, named "ADxxx line:col", with
// one failure element when the finding counts toward the exit code; a
// finding that does not (below --fail-on, set aside by the baseline) is a
// passing case that says so in its system-out. A clean target is one
// passing case; checks that found nothing are not cases. A target that
// could not be read, or on which a check could not run, has a case with
// an error element. Fixed findings are left out: they are gone.
type JUnit struct{}

// The report's document, element <testsuites>. Render writes it with
// xmlWriter; the xml tags say what encoding/xml made of it, and xml_test.go
// holds Render's output to that.
type junitSuites struct {
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Classname string         `xml:"classname,attr"`
	Name      string         `xml:"name,attr"`
	Failures  []junitProblem `xml:"failure"`
	Errors    []junitProblem `xml:"error"`
	SystemOut string         `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// Render writes the report as indented XML.
func (j *JUnit) Render(w io.Writer, r *checks.Result) error {
	doc := junitDoc(r)
	return writeXMLDoc(w, "junit", &doc)
}

func junitDoc(r *checks.Result) junitSuites {
	doc := junitSuites{Name: toolName, Suites: make([]junitSuite, 0, len(r.Targets))}
	for i := range r.Targets {
		s := junitSuiteOf(&r.Targets[i], r.FailOn)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	return doc
}

func (d *junitSuites) writeXML(x *xmlWriter) {
	x.start("testsuites", "name", d.Name, "tests", strconv.Itoa(d.Tests),
		"failures", strconv.Itoa(d.Failures), "errors", strconv.Itoa(d.Errors))
	for i := range d.Suites {
		s := &d.Suites[i]
		x.start("testsuite", "name", s.Name, "tests", strconv.Itoa(s.Tests), "failures", strconv.Itoa(s.Failures),
			"errors", strconv.Itoa(s.Errors), "skipped", strconv.Itoa(s.Skipped))
		for k := range s.Cases {
			c := &s.Cases[k]
			x.start("testcase", "classname", c.Classname, "name", c.Name)
			for _, p := range c.Failures {
				x.element("failure", p.Body, "message", p.Message, "type", p.Type)
			}
			for _, p := range c.Errors {
				x.element("error", p.Body, "message", p.Message, "type", p.Type)
			}
			if c.SystemOut != "" {
				x.element("system-out", c.SystemOut)
			}
			x.end("testcase")
		}
		x.end("testsuite")
	}
	x.end("testsuites")
}

func junitSuiteOf(t *checks.TargetResult, failOn checks.Severity) junitSuite {
	path := xmlText(t.Path)
	s := junitSuite{Name: path}
	if t.ReadErr != nil {
		msg := xmlText("could not be read: " + t.ReadErr.Error())
		s.Cases = append(s.Cases, junitCase{Classname: path, Name: toolName,
			Errors: []junitProblem{{Message: msg, Type: "read-error", Body: path + ": " + msg}}})
	}
	for _, f := range t.Failures {
		f = xmlText(f)
		s.Cases = append(s.Cases, junitCase{Classname: path, Name: toolName,
			Errors: []junitProblem{{Message: f, Type: "tool-failure", Body: path + ": " + f}}})
	}
	for k := range t.Findings {
		f := &t.Findings[k]
		if f.Fixed {
			continue
		}
		tc := junitCase{Classname: path, Name: xmlText(junitName(f))}
		if f.Counts(failOn) {
			tc.Failures = []junitProblem{{Message: xmlText(f.Message), Type: f.Severity.String(), Body: junitBody(f)}}
		} else {
			tc.SystemOut = junitBody(f) + "\n"
		}
		s.Cases = append(s.Cases, tc)
	}
	if len(s.Cases) == 0 {
		s.Cases = append(s.Cases, junitCase{Classname: path, Name: toolName})
	}
	s.Tests = len(s.Cases)
	for _, tc := range s.Cases {
		if len(tc.Failures) > 0 {
			s.Failures++
		}
		if len(tc.Errors) > 0 {
			s.Errors++
		}
	}
	return s
}

// junitName is "ADxxx line:col", or the check alone for a finding with no
// place in the file.
func junitName(f *checks.Finding) string {
	switch {
	case f.Line <= 0:
		return f.Check
	case f.Col <= 0:
		return fmt.Sprintf("%s %d", f.Check, f.Line)
	}
	return fmt.Sprintf("%s %d:%d", f.Check, f.Line, f.Col)
}

// junitBody is the finding as a person reads it in a CI log.
func junitBody(f *checks.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s: %s", location(f), f.Severity, f.Message)
	switch {
	case f.Fixed:
		b.WriteString(" (fixed)")
	case f.Baseline:
		b.WriteString(" (baseline)")
	}
	if f.Env != "" {
		fmt.Fprintf(&b, " [env %s]", f.Env)
	}
	if f.Fix != "" {
		b.WriteString("\nfix: ")
		b.WriteString(f.Fix)
	}
	return xmlText(b.String())
}

// xmlText makes s fit for XML 1.0, which cannot carry most control
// characters even as references: they are written as visible escapes.
func xmlText(s string) string {
	return visible(s)
}
