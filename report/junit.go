package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// JUnit renders a JUnit XML report for test dashboards: a test suite per
// target, a test case per check that ran. A finding at or above the
// threshold is a failure of its check's case; milder, baseline and fixed
// findings are listed in the case's system-out. A target that could not be
// read, or on which a check could not run, has an extra case with an error.
type JUnit struct {
	Checks []*checks.Check
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
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
	rules, _ := ruleIDs(j.Checks, r)
	doc := junitSuites{Name: toolName, Suites: make([]junitSuite, 0, len(r.Targets))}
	for i := range r.Targets {
		s := junitSuiteOf(&r.Targets[i], rules, r.FailOn)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write junit report: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func junitSuiteOf(t *checks.TargetResult, rules []*checks.Check, failOn checks.Severity) junitSuite {
	path := xmlText(t.Path)
	s := junitSuite{Name: path}
	if t.ReadErr != nil {
		msg := xmlText("could not be read: " + t.ReadErr.Error())
		s.Cases = append(s.Cases, junitCase{Classname: path, Name: toolName,
			Errors: []junitProblem{{Message: msg, Type: "read-error", Body: path + ": " + msg}}})
	} else {
		// A check's findings fall in its case; index them once rather than
		// scanning every finding for every check.
		byCheck := make(map[string][]int, len(rules))
		for k := range t.Findings {
			byCheck[t.Findings[k].Check] = append(byCheck[t.Findings[k].Check], k)
		}
		for _, c := range rules {
			tc := junitCase{Classname: path, Name: xmlText(c.ID + " " + c.Name)}
			var out strings.Builder
			for _, k := range byCheck[c.ID] {
				f := &t.Findings[k]
				if f.Counts(failOn) {
					tc.Failures = append(tc.Failures, junitProblem{
						Message: xmlText(f.Message), Type: xmlText(f.Check), Body: junitBody(f)})
					continue
				}
				out.WriteString(junitBody(f))
				out.WriteByte('\n')
			}
			tc.SystemOut = out.String()
			s.Cases = append(s.Cases, tc)
		}
		if len(t.Failures) > 0 {
			tc := junitCase{Classname: path, Name: toolName}
			for _, f := range t.Failures {
				f = xmlText(f)
				tc.Errors = append(tc.Errors, junitProblem{Message: f, Type: "tool-failure", Body: path + ": " + f})
			}
			s.Cases = append(s.Cases, tc)
		}
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
