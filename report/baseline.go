package report

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// Baseline is the findings of an earlier JSON report, as a multiset keyed by
// check, path and pointer (not line, so edits above a finding keep the match).
type Baseline struct {
	known map[baselineKey]int
}

type baselineKey struct{ check, path, pointer string }

// ErrNotReport says a baseline file is not a JSON report of the doctor's.
var ErrNotReport = errors.New("is not an aptly-doctor JSON report (write one with --format json)")

// ParseBaseline reads the bytes of a JSON report of this tool's.
func ParseBaseline(data []byte) (*Baseline, error) {
	var rep struct {
		Version  *int           `json:"version"`
		Tool     jsonTool       `json:"tool"`
		Findings *[]jsonFinding `json:"findings"`
	}
	if err := json.Unmarshal(data, &rep); err != nil || rep.Version == nil || rep.Findings == nil || rep.Tool.Name != "aptly-doctor" {
		return nil, ErrNotReport
	}
	if *rep.Version != jsonVersion {
		return nil, fmt.Errorf("is a version %d report; this build reads version %d", *rep.Version, jsonVersion)
	}
	b := &Baseline{known: map[baselineKey]int{}}
	for _, f := range *rep.Findings {
		b.known[baselineKey{f.Check, f.Path, f.Pointer}]++
	}
	return b, nil
}

// Apply marks the findings the baseline knows, each known entry setting
// aside one finding (two known duplicates set aside two, not three), and
// settles the result's statuses again.
func (b *Baseline) Apply(res *checks.Result) {
	left := make(map[baselineKey]int, len(b.known))
	for k, n := range b.known {
		left[k] = n
	}
	for i := range res.Targets {
		t := &res.Targets[i]
		for j := range t.Findings {
			f := &t.Findings[j]
			k := baselineKey{f.Check, f.Path, f.Pointer}
			if left[k] > 0 {
				left[k]--
				f.Baseline = true
			}
		}
	}
	res.Settle()
}
