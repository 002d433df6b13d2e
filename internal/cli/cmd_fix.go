package cli

import (
	"bytes"
	"os"
	"slices"
	"strings"

	"github.com/aptly-doctor/aptly-doctor/checks"
	"github.com/aptly-doctor/aptly-doctor/config"
	"github.com/aptly-doctor/aptly-doctor/fix"
	"github.com/aptly-doctor/aptly-doctor/input"
	"github.com/aptly-doctor/aptly-doctor/input/load"
	"github.com/aptly-doctor/aptly-doctor/redact"
)

// fixRun applies --fix (or shows it with --diff) to a finished run: payload
// files are rewritten (or diffed) and judged again, the findings that went
// away stay in the result marked fixed; request inputs are never rewritten,
// their corrected form is attached as a runnable curl command.
type fixRun struct {
	e      *env
	dry    bool
	board  *config.Board
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
		data, err := os.ReadFile(t.Path)
		if err != nil {
			continue // it was reported when it was checked
		}
		var out []byte
		var done []fix.Applied
		if t.Kind == input.KindBatch {
			out, done = fix.Batch(data, f.board)
		} else {
			out, done = fix.Payload(data, f.board)
		}
		if len(done) == 0 || bytes.Equal(out, data) {
			continue
		}
		if f.dry {
			if err := fix.Writable(t.Path); err != nil {
				res.Targets[i].Notes = append(res.Targets[i].Notes, "would not be fixed: "+err.Error())
				continue
			}
			f.diffs = append(f.diffs, fix.Diff(t.Path, data, out))
		} else if err := fix.WriteFile(t.Path, out); err != nil {
			// The file stays as it was and so do its findings: say why,
			// and go on with the others.
			res.Targets[i].Notes = append(res.Targets[i].Notes, "not fixed: "+err.Error())
			continue
		}
		fixed[t.Path] = out
		again = append(again, t.Path)
		applied[t.Path] = fixedFindings(t.Path, data, done)
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

// fixedFindings reports what the fixer changed, one finding each, placed
// where the change was in the file as it was before.
func fixedFindings(path string, before []byte, done []fix.Applied) []checks.Finding {
	src := &input.Source{Path: path, Data: before}
	li := input.NewLineIndex(src)
	var out []checks.Finding
	for _, a := range done {
		c, ok := checks.ByID(a.Check)
		if !ok {
			continue
		}
		at := li.Pos(a.Offset)
		out = append(out, checks.Finding{Check: c.ID, Name: c.Name, Severity: c.Severity, Path: path,
			Line: at.Line, Col: at.Col, Pointer: a.Pointer, Message: a.What, Fixed: true})
	}
	return out
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
			cmd, changes := fix.Curl(u.Request, f.board)
			// The key itself becomes $APTLY_KEY, but a body, a cookie or a
			// referer can still hold secrets: mask them the way redact does.
			secs := checks.Secrets(u, f.cfg)
			if masked, err := redact.File(input.KindCurl, []byte(cmd), redact.Options{Cfg: f.cfg, Extra: secs}); err == nil {
				cmd = string(masked)
			} else {
				for _, sec := range secs {
					cmd = strings.ReplaceAll(cmd, sec, redact.Mask(sec))
				}
			}
			if len(changes) > 0 {
				tr.Corrected = append(tr.Corrected, checks.Correction{Unit: u.Label, Command: cmd, Changes: changes})
			}
			return nil
		})
	}
}

// fixBoard is the board payloads are fixed against: the one --board (or the
// only one) of the first --env, else the config's only board.
func fixBoard(lc *loadedConfig, envs []*config.Env, name string) *config.Board {
	if lc == nil {
		return nil
	}
	pick := func(e *config.Env) *config.Board {
		if name != "" {
			b, _ := e.Board(name)
			return b
		}
		if len(e.Boards) == 1 {
			return e.Boards[0]
		}
		return nil
	}
	if len(envs) > 0 {
		return pick(envs[0])
	}
	if len(lc.cfg.Envs) == 1 {
		return pick(lc.cfg.Envs[0])
	}
	return nil
}
