package report

import (
	"io"
	"strconv"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// Checkstyle renders Checkstyle XML, which reviewdog and Jenkins' warnings
// plugin read: a file element per target (clean ones empty, so a reader
// knows they were checked), an error element per finding. Fixed and
// baseline findings are left out, as in the annotations.
type Checkstyle struct{}

// The report's document, element <checkstyle>. Render writes it with
// xmlWriter; the xml tags say what encoding/xml made of it, and xml_test.go
// holds Render's output to that.
type csDoc struct {
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
	doc := checkstyleDoc(r)
	return writeXMLDoc(w, "checkstyle", &doc)
}

func checkstyleDoc(r *checks.Result) csDoc {
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
	return doc
}

func (d *csDoc) writeXML(x *xmlWriter) {
	x.start("checkstyle", "version", d.Version)
	for i := range d.Files {
		f := &d.Files[i]
		x.start("file", "name", f.Name)
		for _, e := range f.Errors {
			attrs := make([]string, 0, 10)
			// A line or column of 0 (none) is left out, as omitempty did.
			if e.Line != 0 {
				attrs = append(attrs, "line", strconv.Itoa(e.Line))
			}
			if e.Column != 0 {
				attrs = append(attrs, "column", strconv.Itoa(e.Column))
			}
			attrs = append(attrs, "severity", e.Severity, "message", e.Message, "source", e.Source)
			x.start("error", attrs...)
			x.end("error")
		}
		x.end("file")
	}
	x.end("checkstyle")
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
