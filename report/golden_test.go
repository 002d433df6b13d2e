package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func renderFixture(t *testing.T, format string) string {
	t.Helper()
	rd, err := New(format, Options{Version: "1.2.3", Checks: fixtureChecks()})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rd.Render(&buf, fixture()); err != nil {
		t.Fatalf("render %s: %v", format, err)
	}
	return buf.String()
}

// TestGolden renders the fixture in every format of the registry: a new
// format cannot skip it, it needs its golden file.
func TestGolden(t *testing.T) {
	for _, f := range All {
		format := f.Name
		t.Run(format, func(t *testing.T) {
			got := renderFixture(t, format)
			golden := filepath.Join("testdata", "golden."+format)
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./report -run TestGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s\n--- got\n%s--- want\n%s", golden, got, want)
			}
		})
	}
}

// TestNoEscapeCodes holds every format to the rule that a payload's text
// never reaches a terminal or CI log as an escape code: the fixture has an
// ESC in a message.
func TestNoEscapeCodes(t *testing.T) {
	for _, f := range All {
		format := f.Name
		t.Run(format, func(t *testing.T) {
			got := renderFixture(t, format)
			if strings.Contains(got, "\x1b") {
				t.Errorf("%s output holds an escape code:\n%q", format, got)
			}
			if !strings.Contains(got, "{{name}}") {
				t.Errorf("%s output lost the message around the escape:\n%s", format, got)
			}
		})
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name    string
		format  string
		wantErr bool
	}{
		{name: "every listed format", format: ""},
		{name: "case does not matter", format: "SARIF"},
		{name: "unknown", format: "xml", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := []string{tt.format}
			if tt.format == "" {
				names = Formats
			}
			for _, n := range names {
				rd, err := New(n, Options{})
				if (err != nil) != tt.wantErr {
					t.Fatalf("New(%q): err %v, want error %v", n, err, tt.wantErr)
				}
				if err == nil && rd == nil {
					t.Fatalf("New(%q) returned no renderer", n)
				}
				if err != nil && !strings.Contains(err.Error(), "markdown") {
					t.Errorf("error %q does not list the formats", err)
				}
			}
		})
	}
}

// TestFormatRegistry holds the formats table honest: names unique and
// lowercase, the default first, every format but text a machine format
// (never coloured), Formats and Lookup read from the same table.
func TestFormatRegistry(t *testing.T) {
	if All[0].Name != "text" || All[0].Machine {
		t.Errorf("the first format is %+v, want text, not a machine format", All[0])
	}
	seen := map[string]bool{}
	for i, f := range All {
		if seen[f.Name] || f.Name != strings.ToLower(f.Name) || f.Usage == "" || f.New == nil {
			t.Errorf("format %+v: duplicate, not lowercase, or without usage or renderer", f)
		}
		seen[f.Name] = true
		if f.Name != "text" && !f.Machine {
			t.Errorf("format %s is not marked a machine format: it could be coloured", f.Name)
		}
		if Formats[i] != f.Name {
			t.Errorf("Formats[%d] = %q, want %q", i, Formats[i], f.Name)
		}
		if g, ok := Lookup(strings.ToUpper(f.Name)); !ok || g.Name != f.Name {
			t.Errorf("Lookup(%q) = %+v, %v", strings.ToUpper(f.Name), g, ok)
		}
		if f.New(Options{}) == nil {
			t.Errorf("format %s makes no renderer", f.Name)
		}
	}
	if len(Formats) != len(All) {
		t.Errorf("%d names for %d formats", len(Formats), len(All))
	}
}
