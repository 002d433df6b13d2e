package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/input"
)

func TestGitHubEscaping(t *testing.T) {
	tests := []struct {
		name           string
		in             string
		data, property string
	}{
		{name: "plain", in: "no Content-Type", data: "no Content-Type", property: "no Content-Type"},
		{name: "percent first", in: "100%0A", data: "100%250A", property: "100%250A"},
		{name: "line breaks", in: "a\r\nb\nc", data: "a%0D%0Ab%0Ac", property: "a%0D%0Ab%0Ac"},
		{name: "separators", in: "a:b,c::d", data: "a:b,c::d", property: "a%3Ab%2Cc%3A%3Ad"},
		{name: "escape code", in: "x\x1b[2Jy", data: `x\x1b[2Jy`, property: `x\x1b[2Jy`},
		{name: "a command inside", in: "\n::error::boom", data: "%0A::error::boom", property: "%0A%3A%3Aerror%3A%3Aboom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ghData(tt.in); got != tt.data {
				t.Errorf("ghData(%q) = %q, want %q", tt.in, got, tt.data)
			}
			if got := ghProperty(tt.in); got != tt.property {
				t.Errorf("ghProperty(%q) = %q, want %q", tt.in, got, tt.property)
			}
		})
	}
}

func TestGitHubCommands(t *testing.T) {
	f := func(path string, line, col int, sev checks.Severity, msg, fix string) checks.Finding {
		return checks.Finding{Check: "AD201", Name: "content-type", Severity: sev, Path: path, Line: line, Col: col, Message: msg, Fix: fix}
	}
	tests := []struct {
		name    string
		finding checks.Finding
		want    string
	}{
		{name: "error with place", finding: f("a.json", 2, 5, checks.Error, "no header", "Add it"),
			want: "::error file=a.json,line=2,col=5,title=AD201 content-type::no header%0Afix: Add it"},
		{name: "warning without line", finding: f("a.json", 0, 0, checks.Warning, "m", ""),
			want: "::warning file=a.json,title=AD201 content-type::m"},
		{name: "info is a notice", finding: f("a.json", 1, 0, checks.Info, "m", "f"),
			want: "::notice file=a.json,line=1,title=AD201 content-type::m%0Afix: f"},
		{name: "path with separators", finding: f("dir,x/a:b.json", 1, 1, checks.Error, "50% off", "f"),
			want: "::error file=dir%2Cx/a%3Ab.json,line=1,col=1,title=AD201 content-type::50%25 off%0Afix: f"},
		{name: "stdin names itself", finding: f("-", 1, 1, checks.Error, "m", "f"),
			want: "::error line=1,col=1,title=AD201 content-type::-: m%0Afix: f"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &checks.Result{FailOn: checks.Error, Targets: []checks.TargetResult{
				{Path: tt.finding.Path, Kind: input.KindPayload, Findings: []checks.Finding{tt.finding}}}}
			var buf bytes.Buffer
			if err := (&GitHub{}).Render(&buf, r); err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(buf.String(), "\n")
			if first != tt.want {
				t.Errorf("got  %s\nwant %s", first, tt.want)
			}
		})
	}
}

func TestGitHubSkips(t *testing.T) {
	var buf bytes.Buffer
	if err := (&GitHub{}).Render(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	cmds := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "::") {
			cmds++
		}
		if strings.Contains(l, "a comment is not JSON") || strings.Contains(l, "no Content-Type header") {
			t.Errorf("fixed or baseline finding annotated: %s", l)
		}
	}
	// three live findings and one tool failure; the summary is plain text
	if cmds != 4 || strings.HasPrefix(lines[len(lines)-1], "::") {
		t.Errorf("%d commands, want 4 and a plain last line:\n%s", cmds, buf.String())
	}
}
