package cli

import (
	"encoding/json"
	"os"

	"github.com/aptly-doctor/aptly-doctor/checks"
)

// baselineKey is how a known finding is recognised in a later run: by check,
// path and pointer, not by line, so edits above it do not break the match.
type baselineKey struct{ check, path, pointer string }

// loadBaseline reads a JSON report of an earlier run into a multiset of
// known findings.
func loadBaseline(path string) (map[baselineKey]int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErr("read baseline %s: %v", path, plainStatErr(err))
	}
	var rep struct {
		Version  *int                  `json:"version"`
		Tool     struct{ Name string } `json:"tool"`
		Findings *[]struct {
			Check   string `json:"check"`
			Path    string `json:"path"`
			Pointer string `json:"pointer"`
		} `json:"findings"`
	}
	if err := json.Unmarshal(data, &rep); err != nil || rep.Version == nil || rep.Findings == nil || rep.Tool.Name != "aptly-doctor" {
		return nil, usageErr("baseline %s is not an aptly-doctor JSON report (write one with --format json)", path)
	}
	if *rep.Version != 1 {
		return nil, usageErr("baseline %s is a version %d report; this build reads version 1", path, *rep.Version)
	}
	known := map[baselineKey]int{}
	for _, f := range *rep.Findings {
		known[baselineKey{f.Check, f.Path, f.Pointer}]++
	}
	return known, nil
}

// applyBaseline marks findings the baseline knows, each known entry setting
// aside one finding (two known duplicates set aside two, not three).
func applyBaseline(res *checks.Result, known map[baselineKey]int) {
	for i := range res.Targets {
		t := &res.Targets[i]
		for j := range t.Findings {
			f := &t.Findings[j]
			k := baselineKey{f.Check, f.Path, f.Pointer}
			if known[k] > 0 {
				known[k]--
				f.Baseline = true
			}
		}
	}
	res.Settle()
}
