package checks

import (
	"fmt"
	"slices"

	"github.com/aptly-doctor/aptly-doctor/input"
)

// Environment scopes: a unit judged under each --env side by side, its
// findings merged so what every environment draws is shown once.

func (r *Runner) runUnit(info *TargetInfo, u *input.Unit, tr *TargetResult) {
	if u.Body != nil {
		u.Body.Decode() // here, on the worker, not in the loader
	}
	scs := noScope
	if info.Kind != input.KindConfig {
		scs = scopes(u, r.Opts)
	}
	tagEnv := r.Opts != nil && len(r.Opts.Envs) > 0
	perScope := make([][]Finding, len(scs))
	for i, sc := range scs {
		perScope[i] = r.runScope(info, u, sc, tr)
		if sc.note != "" && !slices.Contains(tr.Notes, sc.note) {
			tr.Notes = append(tr.Notes, sc.note)
		}
		if tagEnv && sc.env != nil {
			for j := range perScope[i] {
				perScope[i][j].Env = sc.env.Name
			}
		}
	}
	tr.Findings = append(tr.Findings, mergeScopes(perScope)...)
}

// mergeScopes keeps a finding once, untagged, when every environment drew
// it, and tagged with its environment otherwise: the report then shows what
// differs between environments.
func mergeScopes(per [][]Finding) []Finding {
	if len(per) == 1 {
		return per[0]
	}
	key := func(f Finding) string {
		return fmt.Sprintf("%s\x00%s\x00%d\x00%d\x00%s\x00%s", f.Check, f.Path, f.Line, f.Col, f.Pointer, f.Message)
	}
	count := map[string]int{}
	for _, fs := range per {
		seen := map[string]bool{}
		for _, f := range fs {
			k := key(f)
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	var out []Finding
	emitted := map[string]bool{}
	for _, fs := range per {
		for _, f := range fs {
			k := key(f)
			if count[k] == len(per) {
				if emitted[k] {
					continue
				}
				emitted[k] = true
				f.Env = ""
			}
			out = append(out, f)
		}
	}
	return out
}
