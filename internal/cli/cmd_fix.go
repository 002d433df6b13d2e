package cli

import (
	"fmt"
	"os"
	"slices"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/fix"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/load"
	"github.com/aptly-doctor/aptly-doctor/internal/prose"
	"github.com/aptly-doctor/aptly-doctor/redact"
	"github.com/aptly-doctor/aptly-doctor/secret"
)

// fixRun applies --fix (or shows it with --diff) to a finished run: the
// fixes the checks' findings carry are applied to payload files, which are
// rewritten (or diffed) and judged again; the findings that went away stay
// in the result marked fixed. Request inputs are never rewritten: their
// corrected form is attached as a runnable curl command.
type fixRun struct {
	e      *env
	dry    bool
	cfg    *config.Config
	lopt   load.Options
	runner *checks.Runner
	diffs  []string
}

func (f *fixRun) apply(res *checks.Result, targets []*input.Target) error {
	fixed := map[string][]byte{}
	applied := map[string][]checks.Finding{}
	var again []string
	for i, t := range targets {
		if spec := load.Spec(t.Kind); t.Path == "-" || spec == nil || !spec.Fixable {
			continue
		}
		tr := &res.Targets[i]
		if err := fix.Regular(t.Path); err != nil {
			tr.Notes = append(tr.Notes, "not fixed: "+err.Error())
			continue // a named pipe read twice would hang: never reopened
		}
		data, err := os.ReadFile(t.Path)
		if err != nil {
			continue // it was reported when it was checked
		}
		out := fix.Text(data, t.Kind == input.KindBatch, f.judge(t.Path))
		if len(out.Fixed) == 0 {
			continue
		}
		if out.Refused != nil {
			n := len(out.Fixed)
			tr.Notes = append(tr.Notes, fmt.Sprintf("not fixed: %d %s not applied, since %v; the file was left as it was",
				n, prose.Plural(n, "repair", "repairs"), out.Refused))
			continue
		}
		if f.dry {
			if err := fix.Writable(t.Path); err != nil {
				tr.Notes = append(tr.Notes, "would not be fixed: "+err.Error())
				continue
			}
			// The file on disk still holds every finding: they keep counting,
			// marked as what --fix would repair (DESIGN.md, "Fix and redact").
			f.diffs = append(f.diffs, fix.Diff(t.Path, data, out.Text))
			markFixable(tr, out.Fixed)
			continue
		}
		if err := fix.WriteFile(t.Path, out.Text); err != nil {
			// The file stays as it was and so do its findings: say why,
			// and go on with the others.
			tr.Notes = append(tr.Notes, "not fixed: "+err.Error())
			continue
		}
		fixed[t.Path] = out.Text
		again = append(again, t.Path)
		applied[t.Path] = out.Fixed
	}
	if len(again) > 0 {
		lopt := f.lopt
		lopt.Content = func(p string) ([]byte, bool) { d, ok := fixed[p]; return d, ok }
		ts, err := load.Expand(again, lopt)
		if err != nil {
			return &exitError{code: ExitUsage, msg: err.Error()}
		}
		after := f.runner.Run(ts)
		for _, a := range after.Targets {
			for i := range res.Targets {
				if res.Targets[i].Path == a.Path && res.Targets[i].Kind == a.Kind {
					a.Findings = append(a.Findings, applied[a.Path]...)
					slices.SortStableFunc(a.Findings, func(x, y checks.Finding) int {
						if x.Line != y.Line {
							return x.Line - y.Line
						}
						return x.Col - y.Col
					})
					res.Targets[i] = a
				}
			}
		}
	}
	f.correctRequests(res, targets)
	res.Settle()
	return nil
}

// judge runs the run's checks on text as the content of the file at path.
func (f *fixRun) judge(path string) fix.Judge {
	return func(text []byte) []checks.Finding {
		lopt := f.lopt
		lopt.Content = func(p string) ([]byte, bool) { return text, p == path }
		ts, err := load.Expand([]string{path}, lopt)
		if err != nil {
			return nil
		}
		return findingsOf(f.runner.Run(ts))
	}
}

// bodyFixer fixes a request's body as the checks judge it inside that
// request (its URL names the board whose fields settle a value).
func (f *fixRun) bodyFixer(t *input.Target, u *input.Unit) func([]byte) fix.Outcome {
	return func(body []byte) fix.Outcome {
		return fix.Text(body, false, func(text []byte) []checks.Finding {
			src := &input.Source{Path: t.Path, Data: text}
			b := &input.Body{Raw: text, Src: src, At: input.Pos{Line: 1, Col: 1}, Origin: "inline"}
			req := *u.Request
			req.Body = b
			unit := &input.Unit{Label: u.Label, Src: src, Request: &req, Body: b}
			bt := &input.Target{Path: t.Path, Kind: input.KindPayload, Walk: func(fn func(*input.Unit) error) error { return fn(unit) }}
			return findingsOf(f.runner.Run([]*input.Target{bt}))
		})
	}
}

func findingsOf(r *checks.Result) []checks.Finding {
	var out []checks.Finding
	for _, tr := range r.Targets {
		out = append(out, tr.Findings...)
	}
	return out
}

// markFixable marks the findings of a target that --fix would repair.
func markFixable(tr *checks.TargetResult, repairs []checks.Finding) {
	for i := range tr.Findings {
		f := &tr.Findings[i]
		for _, r := range repairs {
			if r.Check == f.Check && r.Line == f.Line && r.Col == f.Col && r.Pointer == f.Pointer {
				f.Fixable = true
			}
		}
	}
}

// correctRequests attaches the corrected command of every request unit
// that drew a finding.
func (f *fixRun) correctRequests(res *checks.Result, targets []*input.Target) {
	for i, t := range targets {
		if spec := load.Spec(t.Kind); spec == nil || !spec.Request {
			continue
		}
		tr := &res.Targets[i]
		if tr.Path != t.Path || len(tr.Findings) == 0 {
			continue
		}
		units := map[string]bool{}
		for _, fd := range tr.Findings {
			units[fd.Unit] = true
		}
		_ = t.Walk(func(u *input.Unit) error {
			if u.Request == nil || !units[u.Label] {
				return nil
			}
			cmd, changes := fix.Curl(u.Request, f.bodyFixer(t, u))
			// The key itself becomes $APTLY_KEY, but a body, a cookie or a
			// referer can still hold secrets: mask them the way redact does.
			secs := checks.Secrets(u, f.cfg)
			if masked, err := redact.File(input.KindCurl, []byte(cmd), redact.Options{Cfg: f.cfg, Extra: secs}); err == nil {
				cmd = string(masked)
			} else {
				cmd = secret.Replace(cmd, secs, secret.Token)
			}
			if len(changes) > 0 {
				tr.Corrected = append(tr.Corrected, checks.Correction{Unit: u.Label, Command: cmd, Changes: changes})
			}
			return nil
		})
	}
}
