package checks

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestRegistry(t *testing.T) {
	idRE := regexp.MustCompile(`^AD[1-5][0-9]{2}$`)
	nameRE := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	seenID, seenName := map[string]bool{}, map[string]bool{}
	for i, c := range All {
		t.Run(c.ID, func(t *testing.T) {
			if !idRE.MatchString(c.ID) {
				t.Errorf("ID %q is not of the form AD123", c.ID)
			}
			if i > 0 && All[i-1].ID >= c.ID {
				t.Errorf("registry not sorted by ID: %s after %s", c.ID, All[i-1].ID)
			}
			if seenID[c.ID] || seenName[c.Name] {
				t.Errorf("duplicate ID or name: %s %s", c.ID, c.Name)
			}
			seenID[c.ID], seenName[c.Name] = true, true
			if !nameRE.MatchString(c.Name) {
				t.Errorf("name %q is not kebab-case", c.Name)
			}
			if c.Title == "" || c.Doc == "" || c.Fix == "" {
				t.Errorf("check %s lacks a title, doc or fix", c.ID)
			}
			if strings.HasSuffix(c.Title, ".") || strings.HasSuffix(c.Doc, " ") {
				t.Errorf("title %q: no trailing period", c.Title)
			}
			if c.Severity < Info || c.Severity > Error {
				t.Errorf("severity %v out of range", c.Severity)
			}
			if c.Run == nil {
				t.Errorf("check %s has no Run", c.ID)
			}
			cases, _ := filepath.Glob(filepath.Join("..", "testdata", "golden", c.ID, "*"))
			inputs, quiet := 0, 0
			for _, p := range cases {
				if !strings.HasSuffix(p, ".golden") && filepath.Base(p) != "aptly-doctor.yaml" {
					inputs++
					if strings.HasPrefix(filepath.Base(p), "no-") {
						quiet++
					}
				}
			}
			if inputs == quiet {
				t.Errorf("check %s has no golden case that draws it under testdata/golden/%s", c.ID, c.ID)
			}
			if quiet == 0 {
				t.Errorf("check %s has no golden \"no finding\" case (testdata/golden/%s/no-*)", c.ID, c.ID)
			}
		})
	}
}

// TestREADMETable keeps the README's check table equal to the registry.
func TestREADMETable(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- checks:begin -->\n", "<!-- checks:end -->"
	s := string(data)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q ... %q markers around the check table", strings.TrimSpace(begin), end)
	}
	got := s[i+len(begin) : j]
	want := MarkdownTable()
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" && got != want {
		s = s[:i+len(begin)] + want + s[j:]
		if err := os.WriteFile(filepath.Join("..", "README.md"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != want {
		t.Errorf("README check table differs from the registry; replace it with:\n%s", want)
	}
}
