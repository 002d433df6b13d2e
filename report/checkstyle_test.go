package report

import (
	"bytes"
	"encoding/xml"
	"testing"
)

func TestCheckstyle(t *testing.T) {
	type csErr struct {
		Line     int    `xml:"line,attr"`
		Column   int    `xml:"column,attr"`
		Severity string `xml:"severity,attr"`
		Message  string `xml:"message,attr"`
		Source   string `xml:"source,attr"`
	}
	type csF struct {
		Name   string  `xml:"name,attr"`
		Errors []csErr `xml:"error"`
	}
	var doc struct {
		XMLName xml.Name
		Files   []csF `xml:"file"`
	}
	var buf bytes.Buffer
	if err := (&Checkstyle{}).Render(&buf, inputs()); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not XML: %v\n%s", err, buf.String())
	}
	if doc.XMLName.Local != "checkstyle" {
		t.Fatalf("root %q", doc.XMLName.Local)
	}
	type row struct {
		file       string
		line, col  int
		sev, check string
	}
	var got []row
	for _, f := range doc.Files {
		if len(f.Errors) == 0 {
			got = append(got, row{file: f.Name})
		}
		for _, e := range f.Errors {
			got = append(got, row{f.Name, e.Line, e.Column, e.Severity, e.Source})
		}
	}
	want := []row{
		{"stdin", 1, 10, "error", "aptly-doctor.AD101"},
		{"--curl", 1, 14, "error", "aptly-doctor.AD202"},
		{"--curl", 0, 0, "info", "aptly-doctor.AD501"},
		{"payloads/a.json", 1, 1, "error", "aptly-doctor.AD201"}, // the baseline finding left out
		{"payloads/b.json", 1, 1, "error", "aptly-doctor.AD201"},
	}
	if len(got) != len(want) {
		t.Fatalf("errors %+v\nwant %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("error %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}
