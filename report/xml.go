package report

import (
	"bufio"
	"fmt"
	"io"
	"unicode/utf8"
)

// The JUnit and Checkstyle reports are written by xmlWriter rather than
// encoding/xml. Linking encoding/xml runs its init, which builds maps of HTML
// entity names for its decoder: some 51,000 instructions and 18.7 KB on every
// start of the doctor, though only these two formats ever write XML and
// neither reads any. The output is byte for byte what encoding/xml's Encoder
// with Indent("", "  ") wrote for the reports' structs (their xml tags are
// kept so that xml_test.go can encode the same values with encoding/xml and
// compare).

// xmlHeader is encoding/xml's Header.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// xmlDoc is a report's document, which writes itself.
type xmlDoc interface{ writeXML(*xmlWriter) }

// writeXMLDoc writes doc, the report called name, to w.
func writeXMLDoc(w io.Writer, name string, doc xmlDoc) error {
	x := newXMLWriter(w)
	doc.writeXML(x)
	if err := x.close(); err != nil {
		return fmt.Errorf("write %s report: %w", name, err)
	}
	return nil
}

// xmlWriter writes an XML document indented by two spaces per level, laid
// out as encoding/xml's Encoder lays it out: each start tag on a line of its
// own, and an element's end tag on the same line as its start tag when no
// element was started in between (so text content and empty elements stay on
// one line: <a x="1"></a>, never <a x="1"/>). Like the Encoder it writes
// through a bufio.Writer and reports the first write error when done.
type xmlWriter struct {
	w     *bufio.Writer
	depth int
	// inside is set by a start tag and cleared by the next start or end
	// tag: an end tag that finds it set closes the element just opened.
	inside bool
	lines  bool // a tag was written: the next start tag begins a new line
}

// newXMLWriter begins a document on w with the XML declaration.
func newXMLWriter(w io.Writer) *xmlWriter {
	x := &xmlWriter{w: bufio.NewWriter(w)}
	x.w.WriteString(xmlHeader)
	return x
}

// start writes the start tag of element name with attributes given as
// name, value pairs, values escaped.
func (x *xmlWriter) start(name string, attrs ...string) {
	if x.lines {
		x.w.WriteByte('\n')
	}
	x.lines = true
	x.indent()
	x.depth++
	x.inside = true
	x.w.WriteByte('<')
	x.w.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.w.WriteByte(' ')
		x.w.WriteString(attrs[i])
		x.w.WriteString(`="`)
		writeXMLEscaped(x.w, attrs[i+1])
		x.w.WriteByte('"')
	}
	x.w.WriteByte('>')
}

// end writes the end tag of the innermost open element, name.
func (x *xmlWriter) end(name string) {
	x.depth--
	if x.inside {
		x.inside = false
	} else {
		x.w.WriteByte('\n')
		x.indent()
	}
	x.w.WriteString("</")
	x.w.WriteString(name)
	x.w.WriteByte('>')
}

func (x *xmlWriter) indent() {
	for range x.depth {
		x.w.WriteString("  ")
	}
}

// text writes s, escaped, as character data of the open element.
func (x *xmlWriter) text(s string) {
	writeXMLEscaped(x.w, s)
}

// element writes <name attrs...>text</name>.
func (x *xmlWriter) element(name, text string, attrs ...string) {
	x.start(name, attrs...)
	x.text(text)
	x.end(name)
}

// close ends the document with a newline and flushes it, returning the
// first error any write met.
func (x *xmlWriter) close() error {
	x.w.WriteByte('\n')
	return x.w.Flush()
}

// writeXMLEscaped writes s to w escaped as encoding/xml's EscapeText and its
// Encoder escape attribute values and character data: the five markup
// characters and TAB, LF and CR as references (so that a reader's
// normalisation keeps them in attributes), and every character XML 1.0
// cannot carry (most C0 controls, U+FFFE and U+FFFF, and each byte of
// invalid UTF-8, surrogate encodings included) as U+FFFD. A U+FFFD written
// as such stays. TestXMLEscapeMatchesEncodingXML holds it to EscapeText.
func writeXMLEscaped(w *bufio.Writer, s string) {
	last := 0
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if xmlChar(r) && (r != utf8.RuneError || width > 1) {
				i += width
				continue
			}
			esc = "\uFFFD"
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		i += width
		last = i
	}
	w.WriteString(s[last:])
}

// xmlChar reports whether XML 1.0 can carry r (its Char production).
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
