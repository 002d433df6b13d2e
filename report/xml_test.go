package report

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// The XML reports were written with encoding/xml, and xmlWriter must write
// what it wrote (xml.go says why it went). The test may import encoding/xml:
// it is the reference here; the binary must not (TestNoEncodingXML in the root package).

// trickyStrings are strings encoding/xml escapes or replaces.
var trickyStrings = []string{
	"",
	"plain text",
	`<a href="x">&amp; 'y'</a>`,
	"]]>",
	"tab\there, lf\nthere, cr\rthere, crlf\r\n",
	"nul \x00, bell \x07, esc \x1b, us \x1f, del \x7f",
	"c1 \u0085 \u009f, nbsp \u00a0",
	"invalid utf-8: \xff \xfe \xc3 \xc3\x28 \xe2\x82 \xf0\x9f\x98",
	"truncated at the end \xe2\x82",
	"surrogates encoded: \xed\xa0\x80 \xed\xbf\xbf",
	"overlong: \xc0\xaf \xe0\x80\xaf",
	"beyond U+10FFFF: \xf4\x90\x80\x80",
	"U+FFFD as such: \ufffd, and U+FFFE \ufffe, U+FFFF \uffff",
	"U+D7FF \ud7ff, U+E000 \ue000, U+10000 \U00010000, U+10FFFF \U0010ffff",
	"bidi \u202e and \u2066, emoji 🙂, CJK 漢字",
	"\x00",
	"\xff",
	"&",
}

// escaped is s escaped by writeXMLEscaped.
func escaped(s string) string {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	writeXMLEscaped(w, s)
	w.Flush()
	return b.String()
}

func escapedByEncodingXML(t testing.TB, s string) string {
	t.Helper()
	var b bytes.Buffer
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestXMLEscapeMatchesEncodingXML(t *testing.T) {
	for _, s := range trickyStrings {
		want := escapedByEncodingXML(t, s)
		if got := escaped(s); got != want {
			t.Errorf("escape %q:\n got %q\nwant %q", s, got, want)
		}
	}
	// Every rune up to U+10FFFF and past it, one at a time, and every single
	// byte.
	for r := rune(0); r <= 0x110000; r++ {
		s := string(r) // a surrogate or r > U+10FFFF gives U+FFFD
		if got, want := escaped(s), escapedByEncodingXML(t, s); got != want {
			t.Fatalf("escape U+%04X: got %q, want %q", r, got, want)
		}
	}
	for c := range 256 {
		s := string([]byte{byte(c)})
		if got, want := escaped(s), escapedByEncodingXML(t, s); got != want {
			t.Fatalf("escape byte %#x: got %q, want %q", c, got, want)
		}
	}
}

func FuzzXMLEscape(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := escaped(s), escapedByEncodingXML(t, s); got != want {
			t.Fatalf("escape %q:\n got %q\nwant %q", s, got, want)
		}
		// And in a whole document, in attributes and text alike.
		if got, want := renderDocs(t, trickyDocs(s)); got != want {
			t.Fatalf("documents with %q:\n got %s\nwant %s", s, got, want)
		}
	})
}

// rootedDoc is a report's document with its root element's name.
type rootedDoc struct {
	root string
	doc  xmlDoc
}

// renderDocs writes each document with xmlWriter and with encoding/xml's
// Encoder as the reports used it, and returns both.
func renderDocs(t testing.TB, docs []rootedDoc) (got, want string) {
	t.Helper()
	var g, w bytes.Buffer
	for _, d := range docs {
		x := newXMLWriter(&g)
		d.doc.writeXML(x)
		if err := x.close(); err != nil {
			t.Fatal(err)
		}
		w.WriteString(xml.Header)
		enc := xml.NewEncoder(&w)
		enc.Indent("", "  ")
		if err := enc.EncodeElement(d.doc, xml.StartElement{Name: xml.Name{Local: d.root}}); err != nil {
			t.Fatal(err)
		}
		w.WriteString("\n")
	}
	return g.String(), w.String()
}

// trickyDocs are both reports' documents with s in every string, every
// optional part present and absent, and empty lists.
func trickyDocs(s string) []rootedDoc {
	p := junitProblem{Message: s, Type: s, Body: s}
	junit := &junitSuites{Name: s, Tests: 3, Failures: -1, Errors: 1 << 40, Suites: []junitSuite{
		{Name: s, Skipped: 2, Cases: []junitCase{
			{Classname: s, Name: s},
			{Classname: s, Name: s, Failures: []junitProblem{p}},
			{Classname: s, Name: s, Errors: []junitProblem{p, p}, SystemOut: s + "\n"},
			{Classname: s, Name: s, Failures: []junitProblem{p}, Errors: []junitProblem{p}, SystemOut: s},
		}},
		{Name: s},
	}}
	cs := &csDoc{Version: s, Files: []csFile{
		{Name: s},
		{Name: s, Errors: []csError{
			{Severity: s, Message: s, Source: s},
			{Line: 3, Severity: s, Message: s, Source: s},
			{Column: 7, Severity: s, Message: s, Source: s},
			{Line: 1, Column: 1, Severity: s, Message: s, Source: s},
		}},
	}}
	return []rootedDoc{
		{"testsuites", junit}, {"testsuites", &junitSuites{}},
		{"checkstyle", cs}, {"checkstyle", &csDoc{}},
	}
}

func TestXMLDocsMatchEncodingXML(t *testing.T) {
	for _, s := range trickyStrings {
		if got, want := renderDocs(t, trickyDocs(s)); got != want {
			t.Errorf("documents with %q:\n got %s\nwant %s", s, got, want)
		}
	}
	// The reports of the test fixtures, as Render builds them.
	for name, r := range map[string]*checks.Result{"fixture": fixture(), "unreadable": unreadable(), "inputs": inputs(), "many": big(300)} {
		j, c := junitDoc(r), checkstyleDoc(r)
		if got, want := renderDocs(t, []rootedDoc{{"testsuites", &j}, {"checkstyle", &c}}); got != want {
			t.Errorf("%s: reports differ from encoding/xml's:\n got %s\nwant %s", name, got, want)
		}
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// A write error reaches the caller, as encoding/xml's did.
func TestXMLWriteError(t *testing.T) {
	for _, f := range []Renderer{&JUnit{}, &Checkstyle{}} {
		if err := f.Render(failingWriter{}, big(300)); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%T: Render on a failing writer: %v", f, err)
		}
	}
}
