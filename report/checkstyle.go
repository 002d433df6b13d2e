package report

import (
	"encoding/xml"
	"fmt"
	"io"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// Checkstyle renders Checkstyle XML, which reviewdog and Jenkins' warnings
// plugin read: a file element per target (clean ones empty, so a reader
// knows they were checked), an error element per finding. Fixed and
// baseline findings are left out, as in the annotations.
type Checkstyle struct{}

type csDoc struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []csFile `xml:"file"`
}

type csFile struct {
	Name   string    `xml:"name,attr"`
	Errors []csError `xml:"error"`
}

type csError struct {
	Line     int    `xml:"line,attr,omitempty"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Render writes the report as indented XML.
func (c *Checkstyle) Render(w io.Writer, r *checks.Result) error {
	doc := csDoc{Version: "4.3", Files: make([]csFile, 0, len(r.Targets))}
	for i := range r.Targets {
		t := &r.Targets[i]
		// A finding may name another file than its target (a body read
		// from @file): each file gets its own element, in order of first
		// appearance.
		at := map[string]int{}
		var files []csFile
		file := func(path string) *csFile {
			path = xmlText(artifactPath(path))
			if k, ok := at[path]; ok {
				return &files[k]
			}
			at[path] = len(files)
			files = append(files, csFile{Name: path})
			return &files[len(files)-1]
		}
		file(t.Path)
		if t.ReadErr != nil {
			f := file(t.Path)
			f.Errors = append(f.Errors, csError{Severity: "error", Source: toolName,
				Message: xmlText("could not be read: " + t.ReadErr.Error())})
		}
		for _, msg := range t.Failures {
			f := file(t.Path)
			f.Errors = append(f.Errors, csError{Severity: "error", Source: toolName, Message: xmlText(msg)})
		}
		for j := range t.Findings {
			fd := &t.Findings[j]
			if fd.Fixed || fd.Baseline {
				continue
			}
			f := file(fd.Path)
			f.Errors = append(f.Errors, csError{
				Line: max(fd.Line, 0), Column: max(fd.Col, 0), Severity: csSeverity(fd.Severity),
				Message: xmlText(withFix(fd)), Source: toolName + "." + fd.Check,
			})
		}
		doc.Files = append(doc.Files, files...)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write checkstyle report: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func csSeverity(s checks.Severity) string {
	switch s {
	case checks.Error:
		return "error"
	case checks.Warning:
		return "warning"
	}
	return "info"
}
