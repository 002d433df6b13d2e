package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestNoXText keeps golang.org/x/text out of the binary. The schema library
// in third_party/jsonschema once imported x/text/message only to format its
// error messages, and linking it ran six packages' inits (language tables,
// plural rules, number patterns) on every start; the fork now formats with
// fmt (README.fork.md). Go's own vendor/golang.org/x/text, which net/http
// links, is not ours and is allowed.
func TestNoXText(t *testing.T) {
	var linked []string
	for _, pkg := range deps(t) {
		if pkg == "golang.org/x/text" || strings.HasPrefix(pkg, "golang.org/x/text/") {
			linked = append(linked, pkg)
		}
	}
	if len(linked) > 0 {
		t.Errorf("the doctor links %s: format messages with fmt (the schema library takes a kind.FmtPrinter), not golang.org/x/text/message", strings.Join(linked, ", "))
	}
}

// TestNoEncodingXML keeps encoding/xml out of the binary: its init builds
// maps of HTML entity names for its decoder (some 51,000 instructions and
// 18.7 KB) on every start, and the doctor only ever writes XML, for the
// JUnit and Checkstyle reports. report's xmlWriter writes them.
func TestNoEncodingXML(t *testing.T) {
	for _, pkg := range deps(t) {
		if pkg == "encoding/xml" {
			t.Errorf("the doctor links encoding/xml: write XML with report's xmlWriter (report/xml.go)")
		}
	}
}

// deps lists the packages the doctor's binary links.
func deps(t *testing.T) []string {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=readonly")
	out, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("go list -deps .: %v\n%s", err, stderr)
	}
	return strings.Fields(string(out))
}
