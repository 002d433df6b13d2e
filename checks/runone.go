package checks

import (
	"fmt"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
)

// Running one check on one unit under one environment: the pass, the
// recover that turns a panic into a tool failure, severity policy and
// masking of what the findings quote.

func (r *Runner) runScope(info *TargetInfo, u *input.Unit, sc scope, tr *TargetResult) []Finding {
	loc := locator{unit: u, target: info, opts: r.Opts}
	var found []Finding
	var related []*Check
	// One pass and one report function serve every check of the unit: a
	// batch of a million lines would otherwise allocate them per check.
	var diags []Diagnostic
	pass := &Pass{Unit: u, Target: info, Opts: r.Opts, Env: sc.env, Board: sc.board}
	pass.report = func(d Diagnostic) { diags = append(diags, d) }
	for _, c := range r.Checks {
		if !applies(c, pass) {
			continue
		}
		if c.Relate != nil {
			related = append(related, c)
		}
		diags = diags[:0]
		if err := runOne(c, pass); err != nil {
			where := info.Path
			if u.Label != "" {
				where += " (" + u.Label + ")"
			}
			msg := fmt.Sprintf("check %s (%s) failed on %s: %v", c.ID, c.Name, where, err)
			if !slices.Contains(tr.Failures, msg) {
				tr.Failures = append(tr.Failures, msg)
			}
			continue
		}
		sev := c.Severity
		s, remapped := r.Severity[c.ID]
		if remapped {
			sev = s
		}
		for _, d := range diags {
			f := loc.locate(d.At)
			f.SuggestedFix = loc.fileFix(d.SuggestedFix)
			f.Check, f.Name = c.ID, c.Name
			f.Severity = sev
			// A finding's own severity (a literal key in source code is an
			// error where the check warns) stands, unless the config or a
			// flag remapped the check: then it is at most the remapped one.
			switch {
			case d.Severity != 0 && remapped:
				f.Severity = min(d.Severity, sev)
			case d.Severity != 0:
				f.Severity = d.Severity
			}
			// No message or fix may flood a report, whatever a check quoted.
			f.Message, f.Fix = prose.Clip(d.Message, 400), prose.Clip(d.Fix, 300)
			if r.Ignore != nil && r.Ignore(&f) {
				continue
			}
			found = append(found, f)
		}
	}
	for _, c := range related {
		for i := range found {
			if found[i].Check == c.ID {
				c.Relate(&found[i], found, pass)
			}
		}
	}
	if len(found) > 0 {
		// A last net: whatever a check quoted (a recorded response body, a
		// value), no secret of the unit leaves in a message or a fix.
		secs := loc.unitSecrets()
		for i := range found {
			found[i].Message = maskText(found[i].Message, secs)
			found[i].Fix = maskText(found[i].Fix, secs)
		}
	}
	return found
}

// runOne runs one check and turns a panic into an error, so a broken check
// is a failure of the tool and never a silent pass.
func runOne(c *Check, p *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic at %s: %v", panicSite(debug.Stack()), v)
		}
	}()
	return c.Run(p)
}

// panicSite names the file and line a panic came from, from a stack as
// debug.Stack prints it: the frame right after the runtime's panic frame.
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") && i+2 < len(lines) {
			loc := strings.TrimSpace(lines[i+2])
			if j := strings.LastIndex(loc, " +0x"); j >= 0 {
				loc = loc[:j]
			}
			return filepath.Base(filepath.Dir(loc)) + "/" + filepath.Base(loc)
		}
	}
	return "unknown place"
}

func applies(c *Check, p *Pass) bool {
	n, u := c.Needs, p.Unit
	if p.Target.Kind == input.KindConfig {
		return n&NeedConfig != 0 // the config file is judged by config-level checks only
	}
	if n == NeedConfig {
		return false
	}
	if n&NeedBody != 0 && u.Body == nil {
		return false
	}
	if n&NeedJSON != 0 && (u.Body == nil || !u.Body.Decoded) {
		return false
	}
	if n&NeedRequest != 0 && u.Request == nil {
		return false
	}
	if n&NeedResponse != 0 && u.Response == nil {
		return false
	}
	if n&NeedEnv != 0 && p.Env == nil {
		return false
	}
	if n&NeedFields != 0 && (p.Board == nil || len(p.Board.Fields) == 0) {
		return false
	}
	return true
}
