package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// ccRead is the test's own reading of a Code Quality report, as GitLab
// reads it: the fields it requires.
type ccRead struct {
	Description string `json:"description"`
	CheckName   string `json:"check_name"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
		} `json:"lines"`
	} `json:"location"`
}

func renderCC(t *testing.T, r *checks.Result) []ccRead {
	t.Helper()
	var buf bytes.Buffer
	if err := (&CodeClimate{}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	var issues []ccRead
	if err := json.Unmarshal(buf.Bytes(), &issues); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, buf.String())
	}
	return issues
}

func TestCodeClimateFields(t *testing.T) {
	severities := map[string]bool{"info": true, "minor": true, "major": true, "critical": true, "blocker": true}
	for name, r := range map[string]*checks.Result{"fixture": fixture(), "inputs": inputs(), "unreadable": unreadable(), "many": big(300)} {
		t.Run(name, func(t *testing.T) {
			seen := map[string]bool{}
			for _, is := range renderCC(t, r) {
				if is.Description == "" || is.CheckName == "" || is.Location.Path == "" || is.Location.Lines.Begin < 1 || !severities[is.Severity] {
					t.Errorf("issue misses what GitLab requires: %+v", is)
				}
				if seen[is.Fingerprint] || len(is.Fingerprint) != 32 {
					t.Errorf("fingerprint %q repeated or malformed", is.Fingerprint)
				}
				seen[is.Fingerprint] = true
			}
		})
	}
	if got := renderCC(t, &checks.Result{FailOn: checks.Error}); got == nil {
		t.Error("an empty run is not an empty array")
	}
}

// TestCodeClimateFingerprints: the same finding keeps its fingerprint when
// lines move above it; another finding, or another occurrence, gets its own.
func TestCodeClimateFingerprints(t *testing.T) {
	one := func(line int, msg string, n int) *checks.Result {
		r := &checks.Result{FailOn: checks.Error, Targets: []checks.TargetResult{{Path: "a.json"}}}
		for i := 0; i < n; i++ {
			r.Targets[0].Findings = append(r.Targets[0].Findings, checks.Finding{Check: "AD104", Name: "duplicate-key",
				Severity: checks.Warning, Path: "a.json", Line: line + i, Col: 3, Pointer: "/Name", Message: msg})
		}
		r.Settle()
		return r
	}
	base := renderCC(t, one(3, "key \"Name\" twice", 1))[0].Fingerprint
	tests := []struct {
		name   string
		result *checks.Result
		same   bool
	}{
		{name: "run again", result: one(3, "key \"Name\" twice", 1), same: true},
		{name: "lines added above", result: one(9, "key \"Name\" twice", 1), same: true},
		{name: "another message", result: one(3, "key \"Title\" twice", 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderCC(t, tt.result)[0].Fingerprint
			if (got == base) != tt.same {
				t.Errorf("fingerprint %s, first run %s; want same %v", got, base, tt.same)
			}
		})
	}
	two := renderCC(t, one(3, "key \"Name\" twice", 2))
	if two[0].Fingerprint != base || two[1].Fingerprint == base {
		t.Errorf("two occurrences: %s %s; want the first as before and the second its own", two[0].Fingerprint, two[1].Fingerprint)
	}
}
