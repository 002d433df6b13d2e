package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// CodeClimate renders the Code Climate JSON that GitLab's Code Quality
// widget reads: an array of issues, each with a fingerprint that stays the
// same from run to run while the finding does, so the merge request shows
// what is new and what was resolved. Fixed and baseline findings are left
// out: neither is a problem the merge request adds.
type CodeClimate struct{}

type ccIssue struct {
	Type        string     `json:"type"`
	CheckName   string     `json:"check_name"`
	Description string     `json:"description"`
	Content     *ccContent `json:"content,omitempty"`
	Categories  []string   `json:"categories"`
	Location    ccLocation `json:"location"`
	Severity    string     `json:"severity"`
	Fingerprint string     `json:"fingerprint"`
}

type ccContent struct {
	Body string `json:"body"`
}

type ccLocation struct {
	Path  string  `json:"path"`
	Lines ccLines `json:"lines"`
}

type ccLines struct {
	Begin int `json:"begin"`
}

// Render writes the issues as an indented JSON array.
func (c *CodeClimate) Render(w io.Writer, r *checks.Result) error {
	issues := []ccIssue{}
	seen := map[string]int{}
	for i := range r.Targets {
		t := &r.Targets[i]
		for j := range t.Findings {
			f := &t.Findings[j]
			if f.Fixed || f.Baseline {
				continue
			}
			path := artifactPath(f.Path)
			is := ccIssue{
				Type: "issue", CheckName: f.Check + " " + f.Name, Description: visible(f.Message),
				Categories: []string{"Bug Risk"}, Severity: ccSeverity(f.Severity),
				Location: ccLocation{Path: path, Lines: ccLines{Begin: max(f.Line, 1)}},
			}
			if f.Fix != "" {
				is.Content = &ccContent{Body: visible(f.Fix)}
			}
			is.Fingerprint = ccFingerprint(f, path, seen)
			issues = append(issues, is)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

// ccFingerprint names a finding by what it is, not by where the lines
// happen to fall: check, file, JSON pointer, environment and message, and
// which occurrence of that it is. Adding a line above a finding does not
// change it; fixing the finding makes it go.
func ccFingerprint(f *checks.Finding, path string, seen map[string]int) string {
	key := f.Check + "\x00" + path + "\x00" + f.Pointer + "\x00" + f.Env + "\x00" + f.Message
	n := seen[key]
	seen[key] = n + 1
	h := sha256.New()
	h.Write([]byte(key))
	h.Write([]byte{0, byte(n), byte(n >> 8), byte(n >> 16), byte(n >> 24)})
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// ccSeverity maps a severity to Code Climate's scale, as Spectral does.
func ccSeverity(s checks.Severity) string {
	switch s {
	case checks.Error:
		return "critical"
	case checks.Warning:
		return "major"
	}
	return "minor"
}
