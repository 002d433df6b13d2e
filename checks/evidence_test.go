package checks

import (
	"testing"

	"github.com/aptly-doctor/aptly-doctor/aptly"
)

// TestVerdictTable: every verdict the probe can conclude is reported by
// exactly one check, or is no finding at all (opens, skipped: notes), and
// the checks named are the probe's own (AD4xx).
func TestVerdictTable(t *testing.T) {
	notes := map[aptly.Verdict]bool{aptly.Opens: true, aptly.Skipped: true}
	for _, v := range aptly.Verdicts {
		id, ok := checkOf(v)
		switch {
		case notes[v] && ok:
			t.Errorf("verdict %q is a note, yet %s reports it", v, id)
		case !notes[v] && !ok:
			t.Errorf("verdict %q is reported by no check", v)
		case ok:
			if c, found := ByID(id); !found || c.Needs != NeedConfig || id[:3] != "AD4" {
				t.Errorf("verdict %q goes to %s, not a probe check", v, id)
			}
		}
	}
	for i, e := range verdictCheck {
		for _, f := range verdictCheck[:i] {
			if f.verdict == e.verdict {
				t.Errorf("verdict %q is in the table twice", e.verdict)
			}
		}
	}
	if len(verdictCheck)+len(notes) != len(aptly.Verdicts) {
		t.Errorf("the table holds %d verdicts and %d notes; aptly.Verdicts has %d", len(verdictCheck), len(notes), len(aptly.Verdicts))
	}
}
